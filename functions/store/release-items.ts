import { createHash } from 'node:crypto';
import { type Change, entryKey, type NumberedChange } from '#catalog/change.ts';
import type { EntryKind } from '#catalog/kinds.ts';
import type { Timeline } from '#catalog/timeline.ts';
import { type Item, N, num, S, str } from './dynamo.ts';
import type { EntryVersion } from './release-store.ts';

/** How releases and entry versions are laid out as items, for the release store. */

/** A ClientRequestToken (at most 36 characters) derived from what makes a request unique. */
export function requestToken(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 36);
}

export function versionAttributes(version: EntryVersion): Item {
  return { release: N(version.release), timeline: S(JSON.stringify(version.timeline)) };
}

export function fromVersionItem(kind: EntryKind, code: string, item: Item): EntryVersion {
  return { kind, code, release: num(item, 'release'), timeline: JSON.parse(str(item, 'timeline')) as Timeline };
}

export function groupByEntry(changes: readonly NumberedChange[]) {
  const byEntry = new Map<string, { kind: EntryKind; code: string; changes: Change[] }>();
  for (const { change } of changes) {
    const entryId = entryKey(change);
    const group = byEntry.get(entryId) ?? { kind: change.kind, code: change.code, changes: [] };
    group.changes.push(change);
    byEntry.set(entryId, group);
  }
  return byEntry;
}
