import * as z from 'zod';

/** Money is an integer number of fen (分): 1 yuan = 100 fen. Never floating point. */
export const Fen = z
  .number()
  .int('must be a whole number of fen')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER)
  .meta({ description: 'Money in integer fen (1 yuan = 100 fen)', example: 1600 });

export type Fen = z.infer<typeof Fen>;

/** 1600 → "16.00" */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "16", "16.5", "16.50" → 1600, 1650, 1650; undefined for anything else (more than two decimals, signs, text). */
export function yuanToFen(yuan: string): number | undefined {
  const match = /^\s*(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(yuan);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
