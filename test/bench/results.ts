// The figures of a bench run: one record per figure, printed as it is measured and written to
// bench-results.json at the end (the README's table is generated from that file).

export interface Result {
  bench: string;
  figure: string;
  value: number;
  reference: number;
  ratio: number;
  target: string;
  pass: boolean;
  unit: string;
}

export const results: Result[] = [];

export function record(bench: string, figure: string, value: number, reference: number, unit: string, target: { atLeast?: number; atMost?: number }) {
  const ratio = reference === 0 ? Number.NaN : value / reference;
  const pass = target.atLeast !== undefined ? ratio >= target.atLeast : ratio <= (target.atMost as number);
  results.push({
    bench,
    figure,
    value: round(value),
    reference: round(reference),
    ratio: round(ratio, 3),
    target: target.atLeast !== undefined ? `≥ ${target.atLeast}` : `≤ ${target.atMost}`,
    pass,
    unit,
  });
  console.log(
    `  ${pass ? 'ok  ' : 'MISS'} ${bench} · ${figure}: ${round(value)} vs ${round(reference)} ${unit} → ${round(ratio, 3)} (target ${results.at(-1)?.target})`,
  );
}

export function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
