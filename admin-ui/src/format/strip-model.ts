import type { Period } from '../api/api.ts';
import { intersect, sameAttributes, spanOf, subtract, type Span } from './timeline-scale.ts';

/**
 * How a period fares between a timeline before and after: a period before is kept as it was
 * (`same`), loses part of its time to other values (`cut`), or all of it (`removed`); a period
 * after repeats what applied (`same`), is new over part of its time (`partly-new`), or all of it
 * (`new`). Compared pointwise on attributes, as the API's impact is.
 */
export type BarState = 'same' | 'cut' | 'removed' | 'new' | 'partly-new';

export interface Bar {
  row: 'before' | 'after';
  period: Period<unknown>;
  span: Span;
  state: BarState;
  /** Before: the parts that no longer apply; after: the parts that are new. */
  marked: Span[];
}

export interface StripBars {
  before: Bar[];
  after: Bar[];
}

export function barsOf(before: readonly Period<unknown>[] | null, after: readonly Period<unknown>[] | null): StripBars {
  return {
    before: (before ?? []).map((period) => {
      const span = spanOf(period);
      const kept = intersect(span, coveringSpans(period, after));
      const lost = subtract(span, kept);
      const state: BarState = lost.length === 0 ? 'same' : kept.length === 0 ? 'removed' : 'cut';
      return { row: 'before', period, span, state, marked: lost };
    }),
    after: (after ?? []).map((period) => {
      const span = spanOf(period);
      const repeated = intersect(span, coveringSpans(period, before));
      const fresh = subtract(span, repeated);
      const state: BarState = fresh.length === 0 ? 'same' : repeated.length === 0 ? 'new' : 'partly-new';
      return { row: 'after', period, span, state, marked: fresh };
    }),
  };
}

/** The spans of the periods of `timeline` with the same attributes as `period`. */
function coveringSpans(period: Period<unknown>, timeline: readonly Period<unknown>[] | null): Span[] {
  return (timeline ?? []).filter((other) => sameAttributes(other.attributes, period.attributes)).map(spanOf);
}
