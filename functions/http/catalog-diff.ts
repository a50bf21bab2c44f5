import { entryKey } from '#catalog/change.ts';
import type { EntryKind } from '#catalog/kinds.ts';
import { diffViews, type View } from '#catalog/release.ts';
import type { Timeline } from '#catalog/timeline.ts';
import type { Store } from '#store/store.ts';

export interface KindedDiff {
  kind: EntryKind;
  code: string;
  before: Timeline | null;
  after: Timeline | null;
}

/** The entries release `n` touched whose timelines differ from release n−1's, sorted by kind then code. */
export async function releaseDiff(store: Store, n: number): Promise<KindedDiff[]> {
  const release = await store.releases.getRelease(n);
  if (!release) return [];
  const touched = new Map<EntryKind, Set<string>>();
  for (const { change } of await store.releases.releaseChanges(release)) {
    const codes = touched.get(change.kind) ?? new Set<string>();
    codes.add(change.code);
    touched.set(change.kind, codes);
  }
  const diffs: KindedDiff[] = [];
  for (const [kind, codes] of touched) {
    const [before, after] = await Promise.all([viewOf(store, kind, n - 1, codes), viewOf(store, kind, n, codes)]);
    diffs.push(...diffViews(before, after).map((diff) => ({ kind, ...diff })));
  }
  return diffs.sort((a, b) => entryKey(a).localeCompare(entryKey(b)));
}

/** Every entry of `kind` whose timeline differs between releases `from` and `to`, sorted by code. */
export async function kindDiff(store: Store, kind: EntryKind, from: number, to: number): Promise<KindedDiff[]> {
  const [before, after] = await Promise.all([viewOf(store, kind, from), viewOf(store, kind, to)]);
  return diffViews(before, after).map((diff) => ({ kind, ...diff }));
}

/** A kind's view at `release` (0: empty) as code → timeline, restricted to `codes` when given. */
async function viewOf(store: Store, kind: EntryKind, release: number, codes?: ReadonlySet<string>): Promise<View> {
  if (release < 1) return new Map();
  const view = await store.catalog.view(kind, release);
  if (!codes) return new Map(view.entries.map((entry) => [entry.code, entry.timeline]));
  const picked = new Map<string, Timeline>();
  for (const code of codes) {
    const entry = view.byCode.get(code);
    if (entry) picked.set(code, entry.timeline);
  }
  return picked;
}

/** A page of sorted diffs after the entry named by `cursor` (base64url of kind/code). */
export function pageOf<T extends { kind: EntryKind; code: string }>(
  items: readonly T[],
  limit: number,
  cursor: string | undefined,
): { items: T[]; cursor?: string } {
  const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
  const start = after === undefined ? 0 : items.findIndex((item) => entryKey(item) > after);
  const from = start === -1 ? items.length : start;
  const page = items.slice(from, from + limit);
  const last = page.at(-1);
  return from + limit < items.length && last ? { items: page, cursor: Buffer.from(entryKey(last)).toString('base64url') } : { items: page };
}
