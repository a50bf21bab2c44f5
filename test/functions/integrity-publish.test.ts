import { describe, expect, it } from 'vitest';
import { applyChanges, type Change } from '../../policy-catalog/change.ts';
import type { Timeline } from '../../policy-catalog/timeline.ts';
import { hourlyJob } from '../../functions/jobs/hourly.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { dynamoEndpoint } from '../support/fixtures.ts';

const publishedAt = '2026-11-23T10:00:00+08:00';

/** The n-th publisher's own period on the shared PCR item: day n of January 2023, at its own price. */
function periodOf(n: number): Change {
  const day = (d: number) => `2023-01-${String(d).padStart(2, '0')}T00:00:00+08:00`;
  return {
    kind: 'price-items',
    code: 'SHARED-PCR',
    op: 'set',
    validFrom: day(n),
    validTo: day(n + 1),
    attributes: { name: '核酸检测（共享）', unit: '人次', category: '核酸检测', priceFen: 1000 + n },
  };
}

/** Separate stores with clients of their own, as separate processes or Lambda containers would have. */
function storeOn(tableName: string): Store {
  return createStore({ client: localDynamoClient(dynamoEndpoint()), tableName });
}

describe('concurrent publishes touching the same entries', () => {
  it('keep every period: twelve publishers at once, each release as of itself equals the one before with its own changes', async () => {
    const tableName = `test-${crypto.randomUUID()}`;
    const setup = storeOn(tableName);
    await setup.ensureTable();
    const publishers = Array.from({ length: 12 }, (_, i) => i + 1);
    // Each change set sets its own period on the shared item and on a second shared item, plus entries of its own.
    const approved = await Promise.all(
      publishers.map((n) => approvedChangeSet(setup, [periodOf(n), { ...periodOf(n), code: 'SHARED-ANTIGEN' }, ...manyPriceItems(30, `OWN${n}-`)])),
    );
    const outcomes = await Promise.all(
      approved.map(({ changeSet, published }) => storeOn(tableName).releases.publish(published, changeSet.version, publishedAt, Date.now())),
    );
    expect(outcomes.map((outcome) => outcome.state)).toEqual(publishers.map(() => 'visible'));
    expect(outcomes.map((outcome) => outcome.release.number).sort((a, b) => a - b)).toEqual(publishers);

    const reader = storeOn(tableName);
    expect(await reader.releases.visibleRelease()).toBe(12);
    // Replay the feed: release by release, in order, from the changes each release holds.
    const expected = new Map<string, Timeline>();
    for (let number = 1; number <= 12; number++) {
      const release = await reader.releases.getRelease(number);
      if (!release) throw new Error(`release ${number} is missing`);
      const changes = (await reader.releases.releaseChanges(release)).map(({ change }) => change);
      for (const code of ['SHARED-PCR', 'SHARED-ANTIGEN']) {
        const own = changes.filter((change) => change.code === code);
        expected.set(code, applyChanges(expected.get(code) ?? [], own));
        const asOf = await reader.releases.getEntry('price-items', code, number);
        expect(asOf?.timeline, `${code} as of release ${number}`).toEqual(expected.get(code));
        expect(asOf?.timeline).toHaveLength(number);
      }
    }
    for (const code of ['SHARED-PCR', 'SHARED-ANTIGEN']) {
      const current = await reader.releases.getEntry('price-items', code, 12);
      expect(current?.timeline.map((period) => (period.attributes as { priceFen: number }).priceFen).sort()).toEqual(publishers.map((n) => 1000 + n));
      const cached = (await reader.catalog.view('price-items', 12)).byCode.get(code);
      expect(cached?.timeline).toEqual(current?.timeline);
    }
    // Every publisher's own entries are there too.
    const view = await reader.catalog.view('price-items', 12);
    expect(view.entries).toHaveLength(2 + 12 * 30);
  });

  it('complete a release committed by a publisher that died before projecting it, in order, before projecting their own', async () => {
    const store = storeOn(`test-${crypto.randomUUID()}`);
    await store.ensureTable();
    const first = await approvedChangeSet(store, [periodOf(1)]);
    await store.releases.publish(first.published, first.changeSet.version, publishedAt, Date.now());
    // Release 2 is committed but never projected (its publisher died right after the commit).
    const orphan = await approvedChangeSet(store, [periodOf(2)]);
    await commitOnly(store, orphan);
    expect(await store.releases.latestCommitted()).toBe(2);
    expect(await store.releases.visibleRelease()).toBe(1);
    // Release 3 touches the same entry: its projection must start from release 2's effect.
    const third = await approvedChangeSet(store, [periodOf(3)]);
    const outcome = await store.releases.publish(third.published, third.changeSet.version, publishedAt, Date.now());
    expect(outcome).toMatchObject({ state: 'visible', release: { number: 3 } });
    expect((await store.releases.getEntry('price-items', 'SHARED-PCR', 2))?.timeline).toHaveLength(2);
    expect((await store.releases.getEntry('price-items', 'SHARED-PCR', 3))?.timeline).toHaveLength(3);
  });
});

describe('a release committed but left invisible', () => {
  it('is completed by the first read that finds it, without a restart or another publish', async () => {
    const tableName = `test-${crypto.randomUUID()}`;
    const publisher = storeOn(tableName);
    await publisher.ensureTable();
    await commitOnly(publisher, await approvedChangeSet(publisher, [periodOf(1)]));
    // A reader in another process (a new Lambda container) that treats a release as stalled at once.
    const reader = createStore({
      client: localDynamoClient(dynamoEndpoint()),
      tableName,
      catalog: { stallCheckEveryMs: 0, stalledAfterMs: 0 },
    });
    expect(await reader.catalog.visibleRelease()).toBe(1);
    expect((await reader.catalog.view('price-items', 1)).byCode.get('SHARED-PCR')?.timeline).toHaveLength(1);
  });

  it('waits for its own publisher while it is young: a reader does not race a publish in progress', async () => {
    const tableName = `test-${crypto.randomUUID()}`;
    const publisher = storeOn(tableName);
    await publisher.ensureTable();
    await commitOnly(publisher, await approvedChangeSet(publisher, [periodOf(1)]));
    const reader = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName, catalog: { stallCheckEveryMs: 0, stalledAfterMs: 60_000 } });
    expect(await reader.catalog.visibleRelease()).toBe(0);
  });

  it('is completed by the hourly job', async () => {
    const store = storeOn(`test-${crypto.randomUUID()}`);
    await store.ensureTable();
    await commitOnly(store, await approvedChangeSet(store, [periodOf(1)]));
    await commitOnly(store, await approvedChangeSet(store, [periodOf(2)]));
    const result = await hourlyJob(store, new Date('2026-11-23T10:00:00+08:00'));
    expect(result.rolledForward).toEqual([1, 2]);
    expect(await store.releases.visibleRelease()).toBe(2);
    expect((await store.releases.getEntry('price-items', 'SHARED-PCR', 2))?.timeline).toHaveLength(2);
  });
});

describe('a publish that takes longer than its request may', () => {
  it('answers committed with its final number while projection goes on, and the release then becomes visible all at once', async () => {
    const store = storeOn(`test-${crypto.randomUUID()}`);
    await store.ensureTable();
    store.releases.publishWaitMs = 1;
    const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(3000, 'SLOW'));
    const outcome = await store.releases.publish(published, changeSet.version, publishedAt, Date.now());
    expect(outcome).toMatchObject({ state: 'committed', release: { number: 1 } });
    const seen: number[] = [];
    for (let i = 0; i < 2000 && (await store.releases.visibleRelease()) < 1; i++) {
      seen.push((await store.releases.listView('price-items', { asOf: 0, limit: 10 })).items.length);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen.every((count) => count === 0)).toBe(true);
    expect(await store.releases.visibleRelease()).toBe(1);
    expect((await store.catalog.view('price-items', 1)).entries).toHaveLength(3000);
  }, 60_000);
});

/** The commit point alone, as a publisher that died right after it leaves things. */
async function commitOnly(store: Store, { changeSet, published }: Awaited<ReturnType<typeof approvedChangeSet>>) {
  const releases = store.releases as unknown as { recover: () => Promise<number[]> };
  const original = releases.recover;
  releases.recover = async () => {
    throw new Error('the publishing process died after its commit');
  };
  try {
    const outcome = await store.releases.publish(published, changeSet.version, publishedAt, Date.now());
    expect(outcome.state).toBe('committed');
  } finally {
    releases.recover = original;
  }
}
