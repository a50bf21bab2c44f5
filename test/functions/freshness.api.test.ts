import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { dynamoEndpoint, fixedClock, publishThroughApi, startTestApp, type TestApp } from '../support/fixtures.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

const MAX_STALE_MS = 300;
const item = (code: string) => ({
  kind: 'price-items',
  code,
  op: 'set',
  validFrom: '2027-01-01T00:00:00+08:00',
  attributes: { name: '核酸检测', unit: '人次', category: '核酸检测', priceFen: 1000 },
});

describe('freshness of the catalog across processes', () => {
  let publisher: TestApp;
  let reader: ReturnType<typeof createApp>;
  let officerA: string;
  let officerB: string;
  let his: string;
  const read = async (path: string, headers: Record<string, string> = {}) => {
    const response = await reader.request(path, { headers: { Authorization: `Bearer ${his}`, ...headers } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { release?: number } };
  };

  beforeAll(async () => {
    publisher = await startTestApp();
    officerA = await publisher.tokenFor('pricing-staff', '王芳');
    officerB = await publisher.tokenFor('pricing-staff', '李强');
    his = await publisher.tokenFor('downstream', 'HIS');
    // Another process (another Lambda container) on the same table, with its own cache.
    const store = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName: publisher.store.tableName, catalog: { maxStaleMs: MAX_STALE_MS } });
    reader = createApp({
      store,
      clock: fixedClock(),
      auth: oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: (await testSigner()).keys, claimNames: TEST_CLAIM_NAMES }),
    });
    await publishThroughApi(publisher, [item('FRESH-1')], officerA, officerB);
  });

  it('sees another process’s publish within CATALOG_MAX_STALE_MS, and at once with Cache-Control: no-cache', async () => {
    const before = await read('/v1/catalog/price-items');
    expect(before.headers.get('Catalog-Release')).toBe('1');
    const published = await publishThroughApi(publisher, [item('FRESH-2')], officerA, officerB);
    const fresh = await read('/v1/catalog/price-items', { 'Cache-Control': 'no-cache' });
    expect(fresh.headers.get('Catalog-Release')).toBe(String(published));
    await new Promise((resolve) => setTimeout(resolve, MAX_STALE_MS + 50));
    const later = await read('/v1/catalog/price-items');
    expect(later.body.release).toBe(published);
  });

  it('shows a publisher its own release at once, in its own process', async () => {
    const published = await publishThroughApi(publisher, [item('FRESH-3')], officerA, officerB);
    const own = await publisher.call('GET', '/v1/catalog/price-items', { token: his });
    expect(own.headers.get('Catalog-Release')).toBe(String(published));
  });

  it('answers a read pinned to a just-published release in any process, as immutable', async () => {
    await read('/v1/catalog/price-items'); // the reader now knows an older release
    const published = await publishThroughApi(publisher, [item('FRESH-4')], officerA, officerB);
    const pinned = await read(`/v1/catalog/price-items?release=${published}`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('Cache-Control')).toBe('private, max-age=31536000, immutable');
    expect(pinned.headers.get('Catalog-Release')).toBe(String(published));
    const current = await read('/v1/catalog/price-items', { 'Cache-Control': 'max-age=0' });
    expect(current.headers.get('Cache-Control')).toBe('private, max-age=0, must-revalidate');
    expect(current.headers.get('ETag')).toBe(`"r${published}"`);
    expect((await read('/v1/catalog/price-items?release=99999')).status).toBe(404);
  });
});
