import type { Change } from '../../policy-catalog/change.ts';
import { transition, type ChangeSet, type ChangeSetAction } from '../../policy-catalog/change-set.ts';
import type { Identity } from '../../policy-catalog/identity.ts';
import type { Store } from '../../functions/store/store.ts';

export const author: Identity = { sub: 'officer-a', name: '王芳', role: 'pricing-staff' };
export const approver: Identity = { sub: 'officer-b', name: '李强', role: 'pricing-staff' };
const now = '2026-11-23T10:00:00+08:00';

export function manyPriceItems(count: number, prefix: string): Change[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'price-items',
    code: `${prefix}${String(i).padStart(6, '0')}`,
    op: 'set',
    validFrom: '2022-05-01T00:00:00+08:00',
    attributes: { name: `测试项目 ${i}`, unit: '次', category: '测试', priceFen: 100 + i },
  }));
}

function step(changeSet: ChangeSet, action: ChangeSetAction, actor: Identity): ChangeSet {
  const result = transition({ changeSet, action, actor, now });
  if (!result.ok) throw new Error(result.refusal.message);
  return result.changeSet;
}

/** A change set with these changes taken through draft → submitted → approved, ready to publish. */
export async function approvedChangeSet(store: Store, changes: Change[]): Promise<{ changeSet: ChangeSet; published: ChangeSet }> {
  let changeSet: ChangeSet = {
    id: crypto.randomUUID(),
    title: `测试 ${changes.length}`,
    state: 'draft',
    author: { sub: author.sub, name: author.name },
    createdAt: now,
    updatedAt: now,
    changeCount: 0,
    version: 1,
  };
  await store.changeSets.create(changeSet);
  changeSet = (await store.changeSets.addChanges(step(changeSet, 'edit', author), changeSet.version, changes, Date.now())).changeSet;
  for (const [action, actor] of [
    ['submit', author],
    ['approve', approver],
  ] as const) {
    const next = step(changeSet, action, actor);
    await store.changeSets.save(next, changeSet.version, Date.now());
    changeSet = next;
  }
  return { changeSet, published: step(changeSet, 'publish', approver) };
}
