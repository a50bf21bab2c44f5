import * as z from 'zod';
import { applyChanges, entryKey, type Change } from './change.ts';
import { ImpactWarning, ImpactWarningCode, warningsOf, type InstantLabels, type PeriodBounds, type Segment, type Span } from './impact-warning.ts';
import { EntryKind } from './kinds.ts';
import { toChinaIso, toEpochMs } from './time.ts';
import type { Period, Timeline } from './timeline.ts';

/** The published timelines of the touched entries, by `entryKey` or looked up; an absent entry is new. */
export type PublishedTimelines = ReadonlyMap<string, Timeline> | ((entry: { kind: EntryKind; code: string }) => Timeline | undefined);

export interface ImpactInput {
  published: PublishedTimelines;
  /** In order: later changes win where they overlap earlier ones, as when they are applied. */
  changes: readonly Change[];
  /** Instants before `now` may already have been settled against. */
  now: Date | string;
  /** A ceiling moving by more than this fraction is a large price change (issue 9: 50% by default). */
  largeChangeThreshold?: number;
}

/** Warning code → number of entries carrying it; every code is present. */
export const ImpactTotals = z.record(ImpactWarningCode, z.number().int().min(0)).meta({ id: 'ImpactTotals' });
export type ImpactTotals = z.infer<typeof ImpactTotals>;

/** The schema of one entry's impact, given the schema of a period of any kind (the API has one). */
export function impactEntrySchema<P extends z.ZodType>(period: P) {
  return z.strictObject({
    kind: EntryKind,
    code: z.string(),
    before: z.array(period).nullable().meta({ description: 'The published timeline; null for a new entry' }),
    after: z.array(period).nullable().meta({ description: 'The timeline once the changes apply; null when the entry applies nowhere' }),
    added: z.array(period).meta({ description: 'Periods of `after` that are not in `before` as they are' }),
    removed: z.array(period).meta({ description: 'Periods of `before` that are not in `after` as they are' }),
    changed: z
      .array(z.strictObject({ before: period, after: period }))
      .meta({ description: 'Pairs that apply at the same instants with different attributes' }),
    warnings: z.array(ImpactWarning),
  });
}

export interface ImpactEntry<A = unknown> {
  kind: EntryKind;
  code: string;
  before: Timeline<A> | null;
  after: Timeline<A> | null;
  added: Period<A>[];
  removed: Period<A>[];
  changed: { before: Period<A>; after: Period<A> }[];
  warnings: ImpactWarning[];
}

export interface Impact<A = unknown> {
  entries: ImpactEntry<A>[];
  totals: ImpactTotals;
}

/**
 * What applying `changes` to the published catalog does, per touched entry sorted by kind then
 * code: its timeline before and after, the periods added, removed and changed, and the warnings
 * someone signing it off must acknowledge (issue 9). Changes are grouped by entry once, so the
 * cost stays close to applying them.
 */
export function computeImpact({ published, changes, now, largeChangeThreshold = 0.5 }: ImpactInput): Impact {
  const groups = new Map<string, { kind: EntryKind; code: string; changes: Change[] }>();
  for (const change of changes) {
    const key = entryKey(change);
    const group = groups.get(key);
    if (group) group.changes.push(change);
    else groups.set(key, { kind: change.kind, code: change.code, changes: [change] });
  }
  const context = contextOf(now, largeChangeThreshold);
  // `kind/code` sorts as kind then code: no kind is a prefix of another.
  const entries = [...groups.keys()].sort().map((key) => {
    const group = groups.get(key) as { kind: EntryKind; code: string; changes: Change[] };
    const before = typeof published === 'function' ? published(group) : published.get(key);
    return impactOnEntry(group.kind, group.code, before ?? null, group.changes, context);
  });
  return { entries, totals: totalsOf(entries) };
}

export interface EntryImpactInput {
  kind: EntryKind;
  code: string;
  /** null when the entry is not published. */
  before: Timeline | null;
  /** This entry's changes, in order. */
  changes: readonly Change[];
  now: Date | string;
  largeChangeThreshold?: number;
}

/** The impact of one entry's changes on its published timeline (the entry page's pending drafts). */
export function entryImpact({ kind, code, before, changes, now, largeChangeThreshold = 0.5 }: EntryImpactInput): ImpactEntry {
  return impactOnEntry(kind, code, before, changes, contextOf(now, largeChangeThreshold));
}

interface Context {
  instants: Instants;
  nowMs: number;
  threshold: number;
}

function contextOf(now: Date | string, threshold: number): Context {
  if (!(threshold > 0 && Number.isFinite(threshold))) throw new RangeError('largeChangeThreshold must be a positive fraction');
  const instants = new Instants();
  return { instants, nowMs: typeof now === 'string' ? instants.toMs(now) : now.getTime(), threshold };
}

function impactOnEntry(kind: EntryKind, code: string, before: Timeline | null, changes: readonly Change[], context: Context): ImpactEntry {
  const { instants, nowMs, threshold } = context;
  const after = applyChanges(before ?? [], changes);
  const afterSpans = spansOf(after, instants);
  const beforeSpans = spansOf(before ?? [], instants);
  const segments = align(beforeSpans, afterSpans);
  const warnings = warningsOf({ kind, isNew: before === null, before: beforeSpans, after: afterSpans, segments }, nowMs, threshold, instants);
  const { added, removed } = periodDifference(beforeSpans, afterSpans);
  return { kind, code, before, after: after.length === 0 ? null : after, added, removed, changed: changedPairs(segments), warnings };
}

/**
 * Instants parsed and written once per impact: the same few dates recur across thousands of
 * entries, and parsing dominates otherwise. Written in China time, as the catalog stores them.
 */
class Instants implements InstantLabels {
  private readonly parsed = new Map<string, number>();
  private readonly written = new Map<number, string>();

  toMs(instant: string): number {
    let ms = this.parsed.get(instant);
    if (ms === undefined) {
      ms = toEpochMs(instant);
      this.parsed.set(instant, ms);
    }
    return ms;
  }

  label(ms: number): string {
    let instant = this.written.get(ms);
    if (instant === undefined) {
      instant = toChinaIso(ms);
      this.written.set(ms, instant);
    }
    return instant;
  }

  bounds(from: number, to: number): PeriodBounds {
    return { validFrom: this.label(from), validTo: to === Infinity ? null : this.label(to) };
  }
}

function spansOf(timeline: Timeline, instants: Instants): Span[] {
  return timeline.map((period) => ({
    start: instants.toMs(period.validFrom),
    end: period.validTo === null ? Infinity : instants.toMs(period.validTo),
    period,
  }));
}

/** Split time at every boundary of either timeline; both are sorted and non-overlapping. */
function align(before: Span[], after: Span[]): Segment[] {
  const boundaries = mergedBoundaries(before, after);
  const segments: Segment[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < boundaries.length; k++) {
    const from = boundaries[k] as number;
    const to = boundaries[k + 1] as number;
    while (i < before.length && (before[i] as Span).end <= from) i++;
    while (j < after.length && (after[j] as Span).end <= from) j++;
    const b = periodAt(before[i], from);
    const a = periodAt(after[j], from);
    if (b === undefined && a === undefined) continue;
    const previous = segments.at(-1);
    const samePair = previous !== undefined && previous.before === b && previous.after === a;
    const same = samePair ? previous.same : b !== undefined && a !== undefined && equalValues(b.attributes, a.attributes);
    segments.push({ from, to, before: b, after: a, same });
  }
  return segments;
}

/** The starts and ends of both timelines, in order, once each: each timeline's own are already in order. */
function mergedBoundaries(before: Span[], after: Span[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length * 2 || j < after.length * 2) {
    const left = i < before.length * 2 ? boundaryAt(before, i) : undefined;
    const right = j < after.length * 2 ? boundaryAt(after, j) : undefined;
    const fromBefore = right === undefined || (left !== undefined && left <= right);
    const next = (fromBefore ? left : right) as number;
    if (fromBefore) i++;
    else j++;
    if (merged[merged.length - 1] !== next) merged.push(next);
  }
  return merged;
}

/** The index-th of a timeline's starts and ends in order: start, end, start, end... */
function boundaryAt(spans: Span[], index: number): number {
  const span = spans[index >> 1] as Span;
  return index % 2 === 0 ? span.start : span.end;
}

function periodAt(span: Span | undefined, instant: number): Period | undefined {
  return span !== undefined && span.start <= instant ? span.period : undefined;
}

/** The periods of each side with no period of the same bounds and attributes on the other; both sides are in order. */
function periodDifference(before: Span[], after: Span[]): { added: Period[]; removed: Period[] } {
  const added: Period[] = [];
  const removed: Period[] = [];
  let j = 0;
  for (const span of before) {
    for (; j < after.length && (after[j] as Span).start < span.start; j++) added.push((after[j] as Span).period);
    const other = after[j];
    if (other !== undefined && other.start === span.start && other.end === span.end && equalValues(other.period.attributes, span.period.attributes)) j++;
    else removed.push(span.period);
  }
  for (; j < after.length; j++) added.push((after[j] as Span).period);
  return { added, removed };
}

/** Distinct before→after pairs that apply at the same instants with different attributes. */
function changedPairs(segments: Segment[]): { before: Period; after: Period }[] {
  const pairs: { before: Period; after: Period }[] = [];
  for (const segment of segments) {
    if (segment.same || segment.before === undefined || segment.after === undefined) continue;
    const last = pairs.at(-1);
    // Two periods overlap in one interval, so a pair's segments are consecutive.
    if (last?.before === segment.before && last.after === segment.after) continue;
    pairs.push({ before: segment.before, after: segment.after });
  }
  return pairs;
}

function totalsOf(entries: ImpactEntry[]): ImpactTotals {
  const totals = Object.fromEntries(ImpactWarningCode.options.map((code) => [code, 0])) as ImpactTotals;
  for (const entry of entries) for (const warning of entry.warnings) totals[warning.code] += 1;
  return totals;
}

/** Equality of JSON data: key order does not matter, an undefined property is an absent one. */
function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((value, index) => equalValues(value, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) if (!equalValues(left[key], right[key])) return false;
  for (const key in right) if (!(key in left) && right[key] !== undefined) return false;
  return true;
}
