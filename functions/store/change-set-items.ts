import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Change } from '#catalog/change.ts';
import type { ChangeSet } from '#catalog/change-set.ts';
import { type Item, key, N, num, S, str } from './dynamo.ts';
import { changeSetIndexKeys, keys } from './keys.ts';

/**
 * How a change set and its changes are laid out as items: the record (the document, its
 * counters, its keys in the by-state and by-author indexes) and each change (under its entry in
 * the pending-changes index). The store (change-set-store.ts) reads and writes them.
 */

/** A change item counts once the add that wrote it committed: written in the record's transaction, or its batch recorded. */
export function isCommitted(item: Item, committedBatches: ReadonlySet<string>): boolean {
  const batch = item.batch?.S;
  return batch === undefined || committedBatches.has(batch);
}

export function record(changeSet: ChangeSet): Item {
  return {
    doc: S(JSON.stringify(changeSet)),
    version: N(changeSet.version),
    changeCount: N(changeSet.changeCount),
    ...indexKeys(changeSet),
  };
}

/** A change set's keys in the by-state and by-author indexes (keys.ts), moved by every save. */
export function indexKeys(changeSet: ChangeSet): Item {
  const order = S(changeSetIndexKeys.updatedOrder(Date.parse(changeSet.updatedAt), changeSet.id));
  return { gsi1pk: S(changeSetIndexKeys.byAuthor(changeSet.author.sub)), gsi1sk: order, gsi2pk: S(changeSetIndexKeys.byState(changeSet.state)), gsi2sk: order };
}

export const SET_INDEX_KEYS = 'gsi1pk = :g1pk, gsi1sk = :g1sk, gsi2pk = :g2pk, gsi2sk = :g2sk';

export function indexKeyValues(changeSet: ChangeSet): Item {
  const { gsi1pk, gsi1sk, gsi2pk, gsi2sk } = indexKeys(changeSet);
  return { ':g1pk': gsi1pk as AttributeValue, ':g1sk': gsi1sk as AttributeValue, ':g2pk': gsi2pk as AttributeValue, ':g2sk': gsi2sk as AttributeValue };
}

/** A change's item, in the pending-changes index under its entry. */
export function changeItem(changeSetId: string, n: number, change: Change): Item {
  return {
    ...key(keys.change(changeSetId, n)),
    change: S(JSON.stringify(change)),
    gsi1pk: S(changeSetIndexKeys.pending(change.kind, change.code)),
    gsi1sk: S(changeSetIndexKeys.pendingOrder(changeSetId, n)),
  };
}

/** The JSON document plus the counters kept as attributes (they are updated atomically in place). */
export function fromRecord(item: Item): ChangeSet {
  const doc = JSON.parse(str(item, 'doc')) as ChangeSet;
  return { ...doc, version: num(item, 'version'), changeCount: num(item, 'changeCount') };
}
