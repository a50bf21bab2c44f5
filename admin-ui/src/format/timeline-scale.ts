import type { Period } from '../api/api.ts';

/** China Standard Time is UTC+8 all year: ticks fall on China-time year and month starts. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_MS = 365.25 * DAY_MS;
/** At most about this many ticks along the axis. */
const MAX_TICKS = 8;

/** A stretch of time in epoch milliseconds; `end` is Infinity when open-ended. */
export interface Span {
  start: number;
  end: number;
}

export interface Tick {
  ms: number;
  label: string;
}

/** The date axis of a strip: where an instant falls, in percent of the width, and the ticks to draw. */
export interface Scale {
  start: number;
  /** The right edge; open-ended periods run to it. */
  end: number;
  /** Percent (0–100) of the width at `ms`, clamped to the edges. */
  x(ms: number): number;
  ticks: Tick[];
}

export function spanOf(period: Period<unknown>): Span {
  return { start: Date.parse(period.validFrom), end: period.validTo === null ? Infinity : Date.parse(period.validTo) };
}

/**
 * The axis for some timelines and the instant now: from the earliest start to the latest finite
 * boundary (or now), with room on the right when a period is open-ended so that it visibly runs on.
 */
export function scaleFor(timelines: readonly (readonly Period<unknown>[])[], now: number): Scale {
  const spans = timelines.flat().map(spanOf);
  const finite = [now, ...spans.flatMap((span) => [span.start, ...(span.end === Infinity ? [] : [span.end])])];
  let start = Math.min(...finite);
  let end = Math.max(...finite);
  if (end - start < 30 * DAY_MS) {
    start -= 15 * DAY_MS;
    end += 15 * DAY_MS;
  }
  const width = end - start;
  if (spans.some((span) => span.end === Infinity)) end += Math.max(width * 0.15, 90 * DAY_MS);
  start -= width * 0.02;
  const x = (ms: number) => {
    const clamped = Math.min(Math.max(ms, start), end);
    return ((clamped - start) / (end - start)) * 100;
  };
  return { start, end, x, ticks: ticksBetween(start, end) };
}

/** Year ticks ("2027") for long axes, month ticks ("2027-03") for short ones, at most about MAX_TICKS. */
export function ticksBetween(start: number, end: number): Tick[] {
  const ticks: Tick[] = [];
  const first = chinaParts(start);
  const years = (end - start) / YEAR_MS;
  if (years >= 3) {
    const step = Math.ceil(years / MAX_TICKS);
    for (let year = first.year + 1; ; year++) {
      const ms = chinaMonthStart(year, 0);
      if (ms > end) break;
      if (year % step === 0) ticks.push({ ms, label: String(year) });
    }
    return ticks;
  }
  const months = years * 12;
  const step = [1, 2, 3, 6, 12].find((candidate) => months / candidate <= MAX_TICKS) ?? 12;
  for (let index = first.year * 12 + first.month + 1; ; index++) {
    const year = Math.floor(index / 12);
    const month = index % 12;
    const ms = chinaMonthStart(year, month);
    if (ms > end) break;
    if (month % step === 0) ticks.push({ ms, label: `${year}-${String(month + 1).padStart(2, '0')}` });
  }
  return ticks;
}

/** The parts of `span` where `covered` does not apply (both sorted, non-overlapping within themselves). */
export function subtract(span: Span, covered: readonly Span[]): Span[] {
  const left: Span[] = [];
  let from = span.start;
  for (const part of [...covered].sort((a, b) => a.start - b.start)) {
    if (part.end <= from || part.start >= span.end) continue;
    if (part.start > from) left.push({ start: from, end: part.start });
    from = Math.max(from, part.end);
    if (from >= span.end) break;
  }
  if (from < span.end) left.push({ start: from, end: span.end });
  return left;
}

/** The parts of `span` that `others` cover. */
export function intersect(span: Span, others: readonly Span[]): Span[] {
  return others
    .map((other) => ({ start: Math.max(span.start, other.start), end: Math.min(span.end, other.end) }))
    .filter((part) => part.end > part.start)
    .sort((a, b) => a.start - b.start);
}

/** Whether two periods carry the same attributes (key order aside): where they overlap nothing changed. */
export function sameAttributes(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

function chinaParts(ms: number): { year: number; month: number } {
  const date = new Date(ms + CHINA_OFFSET_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() };
}

function chinaMonthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1) - CHINA_OFFSET_MS;
}
