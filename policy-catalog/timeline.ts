import * as z from 'zod';
import { Instant, normalizeInstant, toEpochMs } from './time.ts';

/**
 * A period of an entry's timeline: the attributes that apply over [validFrom, validTo).
 * `validTo: null` means open-ended.
 */
export interface Period<Attributes = unknown> {
  validFrom: string;
  validTo: string | null;
  attributes: Attributes;
}

/** Periods sorted by validFrom, never overlapping. Gaps are allowed (the entry did not apply). */
export type Timeline<Attributes = unknown> = Period<Attributes>[];

export function periodSchema<A extends z.ZodType>(attributes: A) {
  return z.strictObject({ validFrom: Instant, validTo: Instant.nullable(), attributes });
}

/** Set `attributes` over [validFrom, validTo), splitting whatever it overlaps. */
export function setPeriod<A>(timeline: Timeline<A>, period: Period<A>): Timeline<A> {
  const from = toEpochMs(period.validFrom);
  const to = period.validTo === null ? Infinity : toEpochMs(period.validTo);
  if (!(from < to)) throw new RangeError('validTo must be after validFrom');
  const kept: Timeline<A> = [];
  for (const existing of timeline) {
    const start = toEpochMs(existing.validFrom);
    const end = existing.validTo === null ? Infinity : toEpochMs(existing.validTo);
    if (end <= from || start >= to) {
      kept.push(existing);
      continue;
    }
    if (start < from) kept.push({ ...existing, validTo: normalizeInstant(period.validFrom) });
    if (end > to) kept.push({ ...existing, validFrom: normalizeInstant(period.validTo as string) });
  }
  kept.push({
    validFrom: normalizeInstant(period.validFrom),
    validTo: period.validTo === null ? null : normalizeInstant(period.validTo),
    attributes: period.attributes,
  });
  return sortByStart(kept);
}

/** The entry stops applying at `at`: later periods go, the one spanning `at` is cut there. */
export function endAt<A>(timeline: Timeline<A>, at: string): Timeline<A> {
  const cut = toEpochMs(at);
  const kept: Timeline<A> = [];
  for (const existing of timeline) {
    if (toEpochMs(existing.validFrom) >= cut) continue;
    const end = existing.validTo === null ? Infinity : toEpochMs(existing.validTo);
    kept.push(end > cut ? { ...existing, validTo: normalizeInstant(at) } : existing);
  }
  return kept;
}

/** The period that applies at `instant`, if any. */
export function resolve<A>(timeline: Timeline<A>, instant: string): Period<A> | undefined {
  const at = toEpochMs(instant);
  return timeline.find((period) => toEpochMs(period.validFrom) <= at && (period.validTo === null || at < toEpochMs(period.validTo)));
}

/** Sorted, each period non-empty, and no two overlapping. */
export function isWellFormed(timeline: Timeline): boolean {
  return timeline.every((period, index) => {
    const start = toEpochMs(period.validFrom);
    const end = period.validTo === null ? Infinity : toEpochMs(period.validTo);
    if (!(start < end)) return false;
    const next = timeline[index + 1];
    return next === undefined || end <= toEpochMs(next.validFrom);
  });
}

function sortByStart<A>(timeline: Timeline<A>): Timeline<A> {
  return timeline.sort((a, b) => toEpochMs(a.validFrom) - toEpochMs(b.validFrom));
}
