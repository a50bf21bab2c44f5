import { transition, type ChangeSet, type ChangeSetAction } from '#catalog/change-set.ts';
import type { Person } from '#catalog/identity.ts';
import { seedReleases, type SeedRelease } from '#catalog/seed/index.ts';
import { toEpochMs } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';

/**
 * Load the seed releases once, through the same workflow as any change set (draft → submitted →
 * approved → published), each published at its historical date. Change-set ids are fixed, so a
 * seed interrupted half-way is carried on from where it stopped.
 */
export async function loadSeed(store: Store, releases: readonly SeedRelease[] = seedReleases): Promise<number> {
  let published = 0;
  for (const seed of releases) {
    const { id } = seed;
    let changeSet = await store.changeSets.get(id);
    if (changeSet?.state === 'published') continue;
    const at = toEpochMs(seed.publishedAt);
    if (!changeSet) {
      changeSet = {
        id,
        title: seed.title,
        state: 'draft',
        author: seed.author,
        createdAt: seed.publishedAt,
        updatedAt: seed.publishedAt,
        changeCount: 0,
        version: 1,
      };
      await store.changeSets.create(changeSet);
    }
    if (changeSet.state === 'draft' && changeSet.changeCount === 0) {
      changeSet = (await store.changeSets.addChanges(step(changeSet, 'edit', seed.author, seed.publishedAt), changeSet.version, seed.changes, at)).changeSet;
    }
    if (changeSet.state === 'draft') changeSet = await save(store, changeSet, step(changeSet, 'submit', seed.author, seed.publishedAt), at);
    if (changeSet.state === 'submitted') changeSet = await save(store, changeSet, step(changeSet, 'approve', seed.approver, seed.publishedAt), at);
    if (changeSet.state === 'approved') {
      await store.releases.publish(step(changeSet, 'publish', seed.approver, seed.publishedAt), changeSet.version, seed.publishedAt, at);
      published++;
    }
  }
  return published;
}

function step(changeSet: ChangeSet, action: ChangeSetAction, person: Person, now: string): ChangeSet {
  const result = transition({ changeSet, action, actor: { ...person, role: 'pricing-staff' }, now });
  if (!result.ok) throw new Error(`seed change set ${changeSet.id}: ${result.refusal.message}`);
  return result.changeSet;
}

async function save(store: Store, current: ChangeSet, next: ChangeSet, at: number): Promise<ChangeSet> {
  await store.changeSets.save(next, current.version, at);
  return next;
}
