import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { priceItemCodes } from '../../policy-catalog/seed/covid-test-prices.ts';
import { dynamoEndpoint, fixedClock, publishThroughApi, startTestApp, type TestApp } from '../support/fixtures.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

let t: TestApp;
let hospital: string;
let officerA: string;
let officerB: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  hospital = await t.tokenFor('hospital', '信息科', 'hosp-jdyy');
  officerA = await t.tokenFor('pricing-staff', '王芳');
  officerB = await t.tokenFor('pricing-staff', '李强');
});

const search = (query: string, token = hospital) => t.call('GET', `/v1/catalog/search?${query}`, { token });
const codesOf = (body: { items: { code: string }[] }) => body.items.map(({ code }) => code);

const newItem = (code: string, name: string) => ({
  kind: 'price-items',
  code,
  op: 'set',
  validFrom: '2026-01-01T00:00:00+08:00',
  attributes: { name, unit: '次', category: '检验', priceFen: 2050 },
});

describe('GET /v1/catalog/search', () => {
  it('finds the PCR test by the pinyin initials of 核酸检测, with its kind, current ceiling and release', async () => {
    const response = await search('q=hsjc');
    expect(response.status).toBe(200);
    expect(response.headers.get('Catalog-Release')).toBe(String(response.body.release));
    const pcr = response.body.items.find((hit: { code: string }) => hit.code === priceItemCodes.pcrSingle);
    expect(pcr).toMatchObject({
      kind: 'price-items',
      name: '新型冠状病毒核酸检测（单样本）',
      match: 'initials',
      priceFen: 1200,
      headline: { attribute: 'priceFen', value: 1200 },
      period: { status: 'in-force', validFrom: '2022-11-20T00:00:00+08:00' },
    });
    expect(pcr.release).toBeGreaterThan(0);
  });

  it('is open to every role that reads the catalog, and to no one signed out', async () => {
    expect((await t.call('GET', '/v1/catalog/search?q=hsjc')).status).toBe(401);
    for (const role of ['downstream', 'firm', 'reviewer'] as const) {
      const token = await t.tokenFor(role, role, role === 'firm' ? 'firm-1' : undefined);
      expect((await search('q=kyjc', token)).status).toBe(200);
    }
  });

  it('puts the exact code first, then its prefix matches', async () => {
    const exact = await search(`q=${priceItemCodes.pcrPooled5}`);
    expect(exact.body.items[0]).toMatchObject({ code: priceItemCodes.pcrPooled5, match: 'code' });
    const prefix = await search('q=2504031000');
    expect(codesOf(prefix.body)).toEqual([priceItemCodes.pcrSingle, priceItemCodes.pcrPooled5, priceItemCodes.pcrPooled10]);
    expect(prefix.body.items.every((hit: { match: string }) => hit.match === 'code-prefix')).toBe(true);
  });

  it('keeps to one kind when asked', async () => {
    const all = await search(`q=${encodeURIComponent('抗原')}`);
    expect(new Set(all.body.items.map((hit: { kind: string }) => hit.kind))).toEqual(new Set(['price-items', 'listings']));
    const listings = await search(`q=${encodeURIComponent('抗原')}&kind=listings`);
    expect(listings.body.items.length).toBeGreaterThan(0);
    expect(listings.body.items.every((hit: { kind: string }) => hit.kind === 'listings')).toBe(true);
    expect(listings.body.kind).toBe('listings');
  });

  it('pages through every hit with an opaque cursor, each once', async () => {
    const whole = await search('q=x&limit=100');
    expect(whole.body.total).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(`q=x&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((hit: { kind: string; code: string }) => `${hit.kind}/${hit.code}`));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual(whole.body.items.map((hit: { kind: string; code: string }) => `${hit.kind}/${hit.code}`));
  });

  it('answers a search that finds nothing with an empty page', async () => {
    const response = await search('q=zzzzqqq');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 0, items: [] });
    expect(response.body.cursor).toBeUndefined();
  });
});

describe('the OpenAPI document', () => {
  it('describes the search: its parameters, how it matches and orders, and its hits', async () => {
    const document = (await t.call('GET', '/openapi.json')).body;
    const operation = document.paths['/v1/catalog/search'].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(['cursor', 'kind', 'limit', 'q']);
    expect(operation.description).toContain('pinyin initials');
    expect(operation.description).toContain('exact code first');
    expect(document.components.schemas.SearchHit.properties).toHaveProperty('priceFen');
  });
});

describe('bad queries', () => {
  const expectFieldError = async (query: string, path: string) => {
    const response = await search(query);
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    expect(response.body.type).toContain('validation-failed');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, in: 'query' })]));
  };

  it('name the field: a missing, blank or too long q, a bad kind or limit, an unknown parameter', async () => {
    await expectFieldError('', 'q');
    await expectFieldError('q=%20%20', 'q');
    await expectFieldError(`q=${'a'.repeat(101)}`, 'q');
    await expectFieldError('q=hsjc&kind=hospitals', 'kind');
    await expectFieldError('q=hsjc&limit=101', 'limit');
    await expectFieldError('q=hsjc&limit=0', 'limit');
    await expectFieldError('q=hsjc&codePrefix=25', 'codePrefix');
  });

  it('refuse a cursor made up, or given for another search or kind', async () => {
    const page = await search('q=x&limit=1');
    expect(page.body.cursor).toBeDefined();
    await expectFieldError(`q=y&limit=1&cursor=${page.body.cursor}`, 'cursor');
    await expectFieldError(`q=x&kind=measures&limit=1&cursor=${page.body.cursor}`, 'cursor');
    await expectFieldError('q=x&cursor=bm90LWEtY3Vyc29y', 'cursor');
  });
});

describe('a new release', () => {
  it('is searchable at once in the process that published it', async () => {
    const before = await search('q=xcgjc');
    expect(before.body.total).toBe(0);
    const release = await publishThroughApi(t, [newItem('SEARCH-NEW-1', '血常规检测')], officerA, officerB);
    const after = await search('q=xcgjc');
    expect(after.body.release).toBe(release);
    expect(after.body.items).toEqual([expect.objectContaining({ code: 'SEARCH-NEW-1', priceFen: 2050, release })]);
  });

  it('is searchable in another process within CATALOG_MAX_STALE_MS, and at once with Cache-Control: no-cache', async () => {
    const maxStaleMs = 300;
    const store = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName: t.store.tableName, catalog: { maxStaleMs } });
    const reader = createApp({
      store,
      clock: fixedClock(),
      auth: oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: (await testSigner()).keys, claimNames: TEST_CLAIM_NAMES }),
    });
    const read = async (headers: Record<string, string> = {}) => {
      const response = await reader.request('/v1/catalog/search?q=ncgjc', { headers: { Authorization: `Bearer ${hospital}`, ...headers } });
      return (await response.json()) as { release: number; items: { code: string }[] };
    };
    expect((await read()).items).toEqual([]);
    const release = await publishThroughApi(t, [newItem('SEARCH-NEW-2', '尿常规检测')], officerA, officerB);
    expect(await read({ 'Cache-Control': 'no-cache' })).toMatchObject({ release, items: [{ code: 'SEARCH-NEW-2' }] });
    const third = await publishThroughApi(t, [newItem('SEARCH-NEW-3', '尿常规检测（急诊）')], officerA, officerB);
    await new Promise((resolve) => setTimeout(resolve, maxStaleMs + 50));
    const later = await read();
    expect(later.release).toBe(third);
    expect(later.items.map(({ code }) => code).sort()).toEqual(['SEARCH-NEW-2', 'SEARCH-NEW-3']);
  });
});
