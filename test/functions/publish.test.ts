import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../policy-catalog/change.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { createTestStore, dynamoEndpoint } from '../support/fixtures.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function allCodes(store: Store, asOf: number): Promise<string[]> {
  const codes: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.releases.listView('price-items', { asOf, limit: 1000, ...(cursor ? { cursor } : {}) });
    codes.push(...page.items.map((entry) => entry.code));
    cursor = page.cursor;
  } while (cursor);
  return codes;
}

/** What a reader sees: the pointer, then the whole current view as of it. */
async function readCurrentView(store: Store) {
  const visible = await store.releases.visibleRelease();
  return { visible, codes: await allCodes(store, visible) };
}

describe('publishing a release larger than one transaction', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });

  it('makes 2,000 price items visible all at once: a reader polling meanwhile sees none or all', async () => {
    const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(2000, 'BULK'));
    const seen: number[] = [];
    let done = false;
    const reader = (async () => {
      while (!done) {
        const { codes } = await readCurrentView(store);
        seen.push(codes.filter((code) => code.startsWith('BULK')).length);
      }
    })();
    const release = await store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
    done = true;
    await reader;
    expect(release.release.number).toBe(1);
    expect(release.state).toBe('visible');
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((count) => count === 0 || count === 2000)).toBe(true);
    expect(await readCurrentView(store)).toMatchObject({ visible: 1 });
    expect((await allCodes(store, 1)).length).toBe(2000);
  });
});

describe('a publish killed half-way', () => {
  it('is completed at the next start, with the release number it was given', async () => {
    const tableName = `test-${crypto.randomUUID()}`;
    const store = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName });
    await store.ensureTable();
    const first = await approvedChangeSet(store, manyPriceItems(10, 'EARLY'));
    await store.releases.publish(first.published, first.changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
    const { changeSet } = await approvedChangeSet(store, manyPriceItems(3000, 'CRASH'));

    // Another process publishes; we kill -9 it once the release is committed and projection has begun.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/support/publish-process.ts'), dynamoEndpoint(), tableName, changeSet.id], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let killedMidway = false;
    for (let i = 0; i < 2000 && child.exitCode === null; i++) {
      const committed = await store.releases.latestCommitted();
      const visible = await store.releases.visibleRelease();
      const projected = committed === 2 ? (await store.releases.listView('price-items', { asOf: 99, limit: 50, codePrefix: 'CRASH' })).items.length : 0;
      if (committed === 2 && visible === 1 && projected > 0) {
        child.kill('SIGKILL');
        killedMidway = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await exited;
    expect(killedMidway, `the publishing process finished before it could be killed: ${stderr}`).toBe(true);

    // Killed: release 2 is committed but not visible, and readers see release 1 only.
    expect(await store.releases.latestCommitted()).toBe(2);
    expect(await store.releases.visibleRelease()).toBe(1);
    const halfway = await readCurrentView(store);
    expect(halfway.codes.filter((code) => code.startsWith('CRASH'))).toEqual([]);

    // The next start rolls it forward.
    const restarted = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName });
    expect(await restarted.releases.recover()).toEqual([2]);
    const after = await readCurrentView(restarted);
    expect(after.visible).toBe(2);
    expect(after.codes.filter((code) => code.startsWith('CRASH')).length).toBe(3000);
    expect((await restarted.releases.getRelease(2))?.changeSetId).toBe(changeSet.id);
    expect((await restarted.changeSets.get(changeSet.id))?.state).toBe('published');
  });
});

describe('releases', () => {
  it('are numbered without gaps under concurrent publishing', async () => {
    const store = await createTestStore();
    const approved = await Promise.all([1, 2, 3, 4].map((i) => approvedChangeSet(store, manyPriceItems(5, `P${i}-`))));
    const releases = await Promise.all(
      approved.map(({ changeSet, published }) => store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now())),
    );
    expect(releases.map(({ release }) => release.number).sort()).toEqual([1, 2, 3, 4]);
    expect(await store.releases.visibleRelease()).toBe(4);
    expect((await allCodes(store, 4)).length).toBe(20);
  });

  it('refuse to publish a change set that changed since it was read', async () => {
    const store = await createTestStore();
    const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(1, 'X'));
    await store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
    await expect(store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now())).rejects.toThrow(/changed by someone else/);
    expect(await store.releases.latestCommitted()).toBe(1);
  });

  it('keep every past view readable: an entry as of release N never changes', async () => {
    const store = await createTestStore();
    const set = (priceFen: number, validFrom: string): Change => ({
      kind: 'price-items',
      code: 'PCR',
      op: 'set',
      validFrom,
      attributes: { name: '核酸检测', unit: '人次', category: '核酸检测', priceFen },
    });
    for (const change of [set(2800, '2022-01-15T00:00:00+08:00'), set(1600, '2022-05-01T00:00:00+08:00'), set(1500, '2022-05-01T00:00:00+08:00')]) {
      const { changeSet, published } = await approvedChangeSet(store, [change]);
      await store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
    }
    const asOf2 = await store.releases.getEntry('price-items', 'PCR', 2);
    expect(asOf2?.timeline.at(-1)?.attributes).toMatchObject({ priceFen: 1600 });
    const asOf3 = await store.releases.getEntry('price-items', 'PCR', 3);
    expect(asOf3?.timeline.at(-1)?.attributes).toMatchObject({ priceFen: 1500 });
    expect(await store.releases.getEntry('price-items', 'PCR', 1)).toMatchObject({ release: 1 });
  });
});
