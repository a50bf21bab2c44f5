import * as z from 'zod';
import type { EntryKind } from './kinds.ts';
import { Fen } from './money.ts';
import { HospitalGrade, type PriceItemAttributes } from './price-item.ts';
import { Instant } from './time.ts';
import type { Period } from './timeline.ts';

/**
 * What a change set does to an entry that someone signing it off must see (issue 9): warnings
 * are data with stable codes, worded by the console in Chinese and English. There is at most one
 * warning of each code per entry, so an acknowledgement by code covers all its periods. The
 * rules below read an entry's before and after timelines split at each other's boundaries
 * (`impact.ts` does the splitting), so every comparison is pointwise.
 */
export const ImpactWarningCode = z
  .enum(['removes-published-periods', 'retroactive', 'ceiling-raised', 'large-price-change', 'ends-entry', 'new-entry', 'existing-entry'])
  .meta({ id: 'ImpactWarningCode' });
export type ImpactWarningCode = z.infer<typeof ImpactWarningCode>;

export const PeriodBounds = z
  .strictObject({ validFrom: Instant, validTo: Instant.nullable() })
  .meta({ id: 'PeriodBounds', description: '[validFrom, validTo); validTo null is open-ended' });
export type PeriodBounds = z.infer<typeof PeriodBounds>;

export const PeriodCut = z
  .enum(['removed', 'cut-at-start', 'cut-at-end', 'cut-at-both-ends', 'split'])
  .meta({ id: 'PeriodCut', description: 'How a published period loses its coverage: entirely, at its start, at its end, at both ends, or in the middle' });
export type PeriodCut = z.infer<typeof PeriodCut>;

/** A published period that no longer applies, wholly or in part, with what is left of it. */
export const CutPeriod = PeriodBounds.extend({
  how: PeriodCut,
  scheduled: z.boolean().meta({ description: 'The period had not started at `now`: a scheduled one' }),
  kept: z.array(PeriodBounds).meta({ description: 'The parts of the period that still apply with its attributes' }),
}).meta({ id: 'CutPeriod' });
export type CutPeriod = z.infer<typeof CutPeriod>;

/** One ceiling of a price item over a stretch of time, before → after (both apply there). */
export const CeilingMove = PeriodBounds.extend({
  ceiling: z.enum(['priceFen', 'gradePriceFen', 'componentCap']),
  grade: HospitalGrade.optional().meta({ description: 'For gradePriceFen: the hospital grade' }),
  component: z.string().optional().meta({ description: 'For componentCap: the component name' }),
  fromFen: Fen,
  toFen: Fen,
}).meta({ id: 'CeilingMove' });
export type CeilingMove = z.infer<typeof CeilingMove>;

export const ImpactWarning = z
  .discriminatedUnion('code', [
    z
      .strictObject({ code: z.literal('removes-published-periods'), periods: z.array(CutPeriod) })
      .meta({ description: 'A published period disappears or is cut short (a scheduled one above all)' }),
    z
      .strictObject({ code: z.literal('retroactive'), periods: z.array(PeriodBounds), params: z.strictObject({ now: Instant }) })
      .meta({ description: 'What applied before `now` changes over these periods: settlements may have used it' }),
    z
      .strictObject({ code: z.literal('ceiling-raised'), periods: z.array(CeilingMove) })
      .meta({ description: 'A price ceiling, grade price or component cap goes up' }),
    z
      .strictObject({
        code: z.literal('large-price-change'),
        periods: z.array(CeilingMove),
        params: z.strictObject({ threshold: z.number().positive().meta({ description: 'A fraction: 0.5 means a move of more than 50%' }) }),
      })
      .meta({ description: 'A ceiling moves up or down by more than the threshold' }),
    z
      .strictObject({ code: z.literal('ends-entry'), periods: z.array(PeriodBounds) })
      .meta({ description: 'The entry stops applying; the periods are where it applied before and no longer does' }),
    z
      .strictObject({ code: z.literal('new-entry'), periods: z.array(PeriodBounds) })
      .meta({ description: 'The code is not published yet; the periods are its new ones' }),
    z
      .strictObject({ code: z.literal('existing-entry'), periods: z.array(PeriodBounds) })
      .meta({ description: 'The code is already published; the periods are its published ones' }),
  ])
  .meta({ id: 'ImpactWarning' });
export type ImpactWarning = z.infer<typeof ImpactWarning>;

/** A period of a timeline with its bounds in epoch milliseconds; `end` is Infinity when open-ended. */
export interface Span {
  start: number;
  end: number;
  period: Period;
}

/** A stretch of time between two consecutive boundaries of before and after, where at least one applies. */
export interface Segment {
  from: number;
  to: number;
  before: Period | undefined;
  after: Period | undefined;
  /** Both apply with equal attributes: nothing changed here. */
  same: boolean;
}

/** How instants are written back into warnings (in the catalog's canonical form). */
export interface InstantLabels {
  label(ms: number): string;
  bounds(from: number, to: number): PeriodBounds;
}

export interface AlignedEntry {
  kind: EntryKind;
  /** Not in the published timelines. */
  isNew: boolean;
  before: Span[];
  after: Span[];
  /** Before and after split at every boundary of either, in order. */
  segments: Segment[];
}

/** The warnings of one entry, in the order of the codes, at most one of each. */
export function warningsOf(entry: AlignedEntry, nowMs: number, threshold: number, instants: InstantLabels): ImpactWarning[] {
  const { kind, isNew, before, after, segments } = entry;
  const warnings: ImpactWarning[] = [];
  const cut = cutPeriods(before, segments, nowMs, instants);
  if (cut.length > 0) warnings.push({ code: 'removes-published-periods', periods: cut });
  const past = retroactiveRuns(segments, nowMs);
  if (past.length > 0)
    warnings.push({ code: 'retroactive', periods: past.map(([from, to]) => instants.bounds(from, to)), params: { now: instants.label(nowMs) } });
  if (kind === 'price-items') {
    const { raised, large } = ceilingRuns(segments, threshold);
    if (raised.length > 0) warnings.push({ code: 'ceiling-raised', periods: raised.map((run) => ceilingPeriod(run, instants)) });
    if (large.length > 0) warnings.push({ code: 'large-price-change', periods: large.map((run) => ceilingPeriod(run, instants)), params: { threshold } });
  }
  const ended = endedSpan(before, after);
  if (ended) warnings.push({ code: 'ends-entry', periods: [instants.bounds(ended[0], ended[1])] });
  const named = isNew ? after : before;
  warnings.push({ code: isNew ? 'new-entry' : 'existing-entry', periods: named.map((span) => instants.bounds(span.start, span.end)) });
  return warnings;
}

/** Each published period whose attributes no longer apply over all of it, and how it was cut. */
function cutPeriods(before: Span[], segments: Segment[], nowMs: number, instants: InstantLabels): CutPeriod[] {
  const cut: CutPeriod[] = [];
  let index = 0;
  for (const span of before) {
    const kept: [number, number][] = [];
    for (; index < segments.length && (segments[index] as Segment).from < span.end; index++) {
      const segment = segments[index] as Segment;
      if (segment.before !== span.period || !segment.same) continue;
      const last = kept.at(-1);
      if (last && last[1] === segment.from) last[1] = segment.to;
      else kept.push([segment.from, segment.to]);
    }
    const how = howCut(span, kept);
    if (how === undefined) continue;
    const { validFrom, validTo } = instants.bounds(span.start, span.end);
    cut.push({ validFrom, validTo, how, scheduled: span.start > nowMs, kept: kept.map(([from, to]) => instants.bounds(from, to)) });
  }
  return cut;
}

function howCut(span: Span, kept: [number, number][]): CutPeriod['how'] | undefined {
  const [first] = kept;
  if (first === undefined) return 'removed';
  if (kept.length > 1) return 'split';
  if (first[0] === span.start && first[1] === span.end) return undefined;
  // An open-ended period given an end is how every later price takes over "until further
  // notice"; it is reported as the new values (or as ends-entry), not as a lost period.
  if (first[0] === span.start) return span.end === Infinity ? undefined : 'cut-at-end';
  return first[1] === span.end ? 'cut-at-start' : 'cut-at-both-ends';
}

/** Where what applied before `now` differs, clipped at `now` and merged where contiguous. */
function retroactiveRuns(segments: Segment[], nowMs: number): [number, number][] {
  const runs: [number, number][] = [];
  for (const segment of segments) {
    if (segment.from >= nowMs) break;
    if (segment.same) continue;
    const to = Math.min(segment.to, nowMs);
    const last = runs.at(-1);
    if (last && last[1] === segment.from) last[1] = to;
    else runs.push([segment.from, to]);
  }
  return runs;
}

type Move = Omit<CeilingMove, 'validFrom' | 'validTo'>;
interface MoveRun {
  from: number;
  to: number;
  move: Move;
}

/** Pointwise over segments where both apply: ceilings that go up, and ceilings that move by more than the threshold. */
function ceilingRuns(segments: Segment[], threshold: number): { raised: MoveRun[]; large: MoveRun[] } {
  const raised = new RunList();
  const large = new RunList();
  for (const segment of segments) {
    if (segment.same || segment.before === undefined || segment.after === undefined) continue;
    for (const move of ceilingMoves(segment.before.attributes as PriceItemAttributes, segment.after.attributes as PriceItemAttributes)) {
      if (move.toFen > move.fromFen) raised.add(segment, move);
      // "More than" the threshold: exactly 50% is not large; from 0, any rise is.
      if (Math.abs(move.toFen - move.fromFen) > threshold * move.fromFen) large.add(segment, move);
    }
  }
  return { raised: raised.runs, large: large.runs };
}

/** Runs of one ceiling's move, extended while the next segment is contiguous with the same values. */
class RunList {
  readonly runs: MoveRun[] = [];

  add(segment: Segment, move: Move) {
    for (let index = this.runs.length - 1; index >= 0; index--) {
      const last = this.runs[index] as MoveRun;
      if (last.move.ceiling !== move.ceiling || last.move.grade !== move.grade || last.move.component !== move.component) continue;
      if (last.to !== segment.from || last.move.fromFen !== move.fromFen || last.move.toFen !== move.toFen) break;
      last.to = segment.to;
      return;
    }
    this.runs.push({ from: segment.from, to: segment.to, move });
  }
}

function ceilingPeriod({ from, to, move }: MoveRun, instants: InstantLabels): CeilingMove {
  const period: CeilingMove = {
    validFrom: instants.label(from),
    validTo: to === Infinity ? null : instants.label(to),
    ceiling: move.ceiling,
    fromFen: move.fromFen,
    toFen: move.toFen,
  };
  if (move.grade !== undefined) period.grade = move.grade;
  if (move.component !== undefined) period.component = move.component;
  return period;
}

/** Every ceiling of a price item that differs: the total, each grade price, each component cap (matched by name). */
function ceilingMoves(before: PriceItemAttributes, after: PriceItemAttributes): Move[] {
  const moves: Move[] = before.priceFen === after.priceFen ? [] : [{ ceiling: 'priceFen', fromFen: before.priceFen, toFen: after.priceFen }];
  for (const grade of HospitalGrade.options) {
    const from = before.gradePriceFen?.[grade];
    const to = after.gradePriceFen?.[grade];
    // A grade without its own price is capped by the item's ceiling. Compared only where one side
    // sets it, so that a plain price move is not reported once more per grade.
    if (from === undefined && to === undefined) continue;
    const move: Move = { ceiling: 'gradePriceFen', grade, fromFen: from ?? before.priceFen, toFen: to ?? after.priceFen };
    if (move.fromFen !== move.toFen) moves.push(move);
  }
  for (const component of before.components ?? []) {
    const match = after.components?.find((candidate) => candidate.name === component.name);
    if (match && match.capFen !== component.capFen)
      moves.push({ ceiling: 'componentCap', component: component.name, fromFen: component.capFen, toFen: match.capFen });
  }
  return moves;
}

/** Where the entry applied and no longer does, if it stops applying: it was open-ended and now ends, or it is gone. */
function endedSpan(before: Span[], after: Span[]): [number, number] | undefined {
  const first = before[0];
  const last = before.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const afterLast = after.at(-1);
  if (afterLast === undefined) return [first.start, last.end];
  if (last.end === Infinity && afterLast.end !== Infinity) return [afterLast.end, Infinity];
  return undefined;
}
