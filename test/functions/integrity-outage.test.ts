import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { ALL_ACKNOWLEDGEMENTS, publishThroughApi, startTestApp, type TestApp } from '../support/fixtures.ts';

/** SIGKILL the java process under DynamoDB Local's shell guard: the database vanishes mid-request. */
function killJava(dynamo: DynamoDbLocal): void {
  const children = execFileSync('pgrep', ['-P', String(dynamo.pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean);
  for (const pid of children) process.kill(Number(pid), 'SIGKILL');
}

const price = (code: string, priceFen: number) => ({
  kind: 'price-items',
  code,
  op: 'set',
  validFrom: '2022-05-01T00:00:00+08:00',
  attributes: { name: '核酸检测', unit: '人次', category: '核酸检测', priceFen },
});

describe('DynamoDB gone', () => {
  let dataDir: string;
  let dynamo: DynamoDbLocal;
  let port: number;
  let store: Store;
  let t: TestApp;
  let officerA: string;
  let officerB: string;
  const tableName = 'outage';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gc-outage-'));
    dynamo = await startDynamoDbLocal({ dbPath: dataDir });
    port = Number(new URL(dynamo.endpoint).port);
    store = createStore({ client: localDynamoClient(dynamo.endpoint), tableName, catalog: { stallCheckEveryMs: 0, stalledAfterMs: 0 } });
    await store.ensureTable();
    t = await startTestApp({ store });
    officerA = await t.tokenFor('pricing-staff', '王芳');
    officerB = await t.tokenFor('pricing-staff', '李强');
    await publishThroughApi(t, [price('PCR', 1600)], officerA, officerB);
  }, 120_000);

  afterAll(async () => {
    await dynamo?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After, never 500, while liveness stays 200; after a restart nothing is lost', async () => {
    killJava(dynamo);
    const health = await t.call('GET', '/health');
    expect(health.status).toBe(200);
    for (const [method, url, body] of [
      ['GET', '/health/ready', undefined],
      ['GET', '/v1/catalog/price-items', undefined],
      ['GET', '/v1/catalog/price-items/PCR', undefined],
      ['GET', '/v1/change-sets', undefined],
      ['POST', '/v1/change-sets', { title: '停机时的草稿' }],
      [
        'POST',
        '/v1/rules/drug-coverage',
        {
          drugCode: 'SZ3-0002',
          setting: 'inpatient',
          admittedAt: '2022-12-30T09:00:00+08:00',
          firstUsedAt: '2022-12-30T12:00:00+08:00',
          usedAt: '2023-01-03T09:00:00+08:00',
          covidStatus: 'none',
        },
      ],
    ] as const) {
      const response = await t.call(method, url, { token: officerA, ...(body ? { body } : {}) });
      expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
      expect(response.body.type).toBe('/problems/service-unavailable');
    }

    dynamo = await startDynamoDbLocal({ dbPath: dataDir, port });
    const ready = await t.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', visibleRelease: 1 });
    const entry = await t.call('GET', '/v1/catalog/price-items/PCR', { token: officerA });
    expect(entry.status).toBe(200);
    expect(entry.body.timeline[0].attributes.priceFen).toBe(1600);
  }, 120_000);

  it('keeps a publish whose database died after the commit: 202 with its release, then visible whole after the restart', async () => {
    const { changeSet } = await approvedChangeSet(store, manyPriceItems(3000, 'DIE'));
    const watcher = createStore({ client: localDynamoClient(dynamo.endpoint), tableName });
    const before = await watcher.releases.latestCommitted();
    const publishing = t.call('POST', `/v1/change-sets/${changeSet.id}/publish`, {
      token: officerB,
      body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
      headers: { 'If-Match': `"v${changeSet.version}"` },
    });
    let killed = false;
    for (let i = 0; i < 4000; i++) {
      if ((await watcher.releases.latestCommitted()) > before) {
        killJava(dynamo);
        killed = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const published = await publishing;
    expect(killed).toBe(true);
    expect(published.status, JSON.stringify(published.body)).toBe(202);
    expect(published.body).toMatchObject({ state: 'committed', release: { number: before + 1 }, changeSet: { state: 'published' } });
    expect(published.headers.get('Location')).toBe(`/v1/releases/${before + 1}`);

    dynamo = await startDynamoDbLocal({ dbPath: dataDir, port });
    // The first read after the restart finds the committed release and completes it.
    const page = await t.call('GET', '/v1/catalog/price-items?limit=1000&codePrefix=DIE', { token: officerA });
    expect(page.status).toBe(200);
    expect(page.body.release).toBe(before + 1);
    const view = await store.catalog.view('price-items', before + 1);
    expect(view.entries.filter((entry) => entry.code.startsWith('DIE'))).toHaveLength(3000);
    expect((await store.changeSets.get(changeSet.id))?.state).toBe('published');
  }, 120_000);
});
