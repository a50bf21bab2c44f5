import { computeImpact, type Impact } from '#catalog/impact.ts';
import { entryKey, type Change } from '#catalog/change.ts';
import { halvingIssuesOfChanges } from '#catalog/halving-limit.ts';
import type { MeasureAttributes } from '#catalog/measure.ts';
import type { EntryKind } from '#catalog/kinds.ts';
import type { Timeline } from '#catalog/timeline.ts';
import type { Store } from '#store/store.ts';
import { ProblemError } from './problem.ts';

/** The default threshold of a large price change (issue 9: 50%). */
export const LARGE_PRICE_CHANGE = 0.5;

/**
 * The impact of a change set's changes on the catalog as of release `against` (the visible one
 * by default): every touched entry's published timeline is read from the cached view of that
 * release, so the cost is one view load per kind, then pure computation.
 */
export async function changeSetImpact(store: Store, changeSetId: string, against: number, now: Date): Promise<Impact> {
  const changes = (await store.changeSets.listChanges(changeSetId)).map(({ change }) => change);
  return impactOfChanges(store, changes, against, now);
}

export async function impactOfChanges(store: Store, changes: readonly Change[], against: number, now: Date): Promise<Impact> {
  const published = await publishedTimelines(store, changes, against);
  return computeImpact({ published, changes, now, largeChangeThreshold: LARGE_PRICE_CHANGE });
}

/** The timelines as of `release` of the entries these changes touch. */
export async function publishedTimelines(store: Store, changes: readonly { kind: EntryKind; code: string }[], release: number): Promise<Map<string, Timeline>> {
  const kinds = [...new Set(changes.map((change) => change.kind))];
  const views = new Map(await Promise.all(kinds.map(async (kind) => [kind, await store.catalog.view(kind, release)] as const)));
  const published = new Map<string, Timeline>();
  for (const change of changes) {
    const entry = views.get(change.kind)?.byCode.get(change.code);
    if (entry) published.set(entryKey(change), entry.timeline);
  }
  return published;
}

/**
 * The bounds that hold across a pooling area's measures, not within one change: 2022 No.13 §2
 * allows an area at most 3 months of halving, in May–July 2022, however many measures grant
 * them. Checked against release `against` at submission, approval and publication; a change set
 * that breaks them is refused (422 unprocessable) with the issues, each naming area, months and measures.
 */
export async function checkAreaLimits(store: Store, changeSetId: string, against: number): Promise<void> {
  const changes = (await store.changeSets.listChanges(changeSetId)).map(({ change }) => change);
  if (!changes.some((change) => change.kind === 'measures')) return;
  const view = await store.catalog.view('measures', against);
  const published = new Map([...view.byCode].map(([code, entry]) => [code, entry.timeline as Timeline<MeasureAttributes>]));
  const issues = halvingIssuesOfChanges(published, changes);
  if (issues.length === 0) return;
  throw new ProblemError('unprocessable', issues.map((issue) => issue.message).join('; '), undefined, { extensions: { measureIssues: issues } });
}
