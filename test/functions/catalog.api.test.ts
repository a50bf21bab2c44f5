import { beforeAll, describe, expect, it } from 'vitest';
import { priceItemCodes } from '../../policy-catalog/seed/covid-test-prices.ts';
import { publishThroughApi, seedReleaseNumber, startTestApp, type TestApp } from '../support/fixtures.ts';

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

const publish = (changes: unknown[]) => publishThroughApi(t, changes, officerA, officerB, '更正');

describe('the seeded COVID-19 test prices', () => {
  it('give the single-sample PCR ceiling that applied on each date', async () => {
    const priceOn = async (date: string) =>
      (await t.call('GET', `/v1/catalog/price-items/${priceItemCodes.pcrSingle}?on=${date}`, { token: hospital })).body.period.attributes.priceFen;
    expect(await priceOn('2022-02-01')).toBe(2800);
    expect(await priceOn('2022-05-10')).toBe(1600);
    expect(await priceOn('2022-11-20')).toBe(1200);
  });

  it('answer 404 for a date before the item applied', async () => {
    const response = await t.call('GET', `/v1/catalog/price-items/${priceItemCodes.antigen}?on=2022-01-01`, { token: hospital });
    expect(response.status).toBe(404);
    expect(response.body.detail).toContain('does not apply');
  });

  it('say they are illustrative', async () => {
    const entry = await t.call('GET', `/v1/catalog/price-items/${priceItemCodes.antigen}`, { token: hospital });
    expect(entry.body.timeline.every((period: { attributes: { note: string } }) => period.attributes.note.includes('Illustrative'))).toBe(true);
  });
});

describe('reads as of a release', () => {
  it('answer ?on=2022-05-10&release=N the same after any number of later releases', async () => {
    const path = `/v1/catalog/price-items/${priceItemCodes.pcrSingle}?on=2022-05-10&release=${seedReleaseNumber('seed-covid-test-prices-3')}`;
    const before = await t.call('GET', path, { token: hospital });
    expect(before.body.period.attributes.priceFen).toBe(1600);
    // A later correction of the May 2022 price, and another change besides.
    const correction = await publish([
      {
        kind: 'price-items',
        code: priceItemCodes.pcrSingle,
        op: 'set',
        validFrom: '2022-05-01T00:00:00+08:00',
        validTo: '2022-06-01T00:00:00+08:00',
        attributes: { name: '新型冠状病毒核酸检测（单样本）', unit: '人次', category: '核酸检测', priceFen: 1500 },
      },
    ]);
    await publish([{ kind: 'price-items', code: priceItemCodes.pcrPooled5, op: 'end', at: '2023-01-08T00:00:00+08:00' }]);
    const after = await t.call('GET', path, { token: hospital });
    expect(after.body).toEqual(before.body);
    expect(after.headers.get('cache-control')).toContain('immutable');
    const current = await t.call('GET', `/v1/catalog/price-items/${priceItemCodes.pcrSingle}?on=2022-05-10`, { token: hospital });
    expect(current.body).toMatchObject({ release: correction, period: { attributes: { priceFen: 1500 } } });
  });

  it('refuse a release that has not been published', async () => {
    const response = await t.call('GET', `/v1/catalog/price-items/${priceItemCodes.pcrSingle}?release=999`, { token: hospital });
    expect(response.status).toBe(404);
  });

  it('do not show an entry in releases before it existed', async () => {
    const response = await t.call('GET', `/v1/catalog/price-items/${priceItemCodes.antigen}?release=${seedReleaseNumber('seed-covid-test-prices-1')}`, {
      token: hospital,
    });
    expect(response.status).toBe(404);
  });
});

describe('the current view', () => {
  it('pages through every entry with an opaque cursor', async () => {
    const codes: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await t.call('GET', `/v1/catalog/price-items?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: hospital });
      expect(response.status).toBe(200);
      codes.push(...response.body.items.map((item: { code: string }) => item.code));
      cursor = response.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(codes).toEqual(Object.values(priceItemCodes).sort());
  });

  it('filters by code prefix', async () => {
    const response = await t.call('GET', '/v1/catalog/price-items?codePrefix=2504031000', { token: hospital });
    expect(response.body.items.map((item: { code: string }) => item.code)).toEqual([
      priceItemCodes.pcrSingle,
      priceItemCodes.pcrPooled5,
      priceItemCodes.pcrPooled10,
    ]);
  });

  it('answers 304 to an unchanged ETag and 200 with a new ETag after a publish', async () => {
    const first = await t.call('GET', '/v1/catalog/price-items', { token: hospital });
    const etag = first.headers.get('etag') as string;
    expect(first.body.release).toBeGreaterThanOrEqual(seedReleaseNumber('seed-covid-test-prices-4'));
    const unchanged = await t.call('GET', '/v1/catalog/price-items', { token: hospital, headers: { 'If-None-Match': etag } });
    expect(unchanged.status).toBe(304);
    await publish([
      {
        kind: 'price-items',
        code: 'NEW-ITEM-1',
        op: 'set',
        validFrom: '2027-01-01T00:00:00+08:00',
        attributes: { name: '新增项目', unit: '次', category: '测试', priceFen: 100 },
      },
    ]);
    const changed = await t.call('GET', '/v1/catalog/price-items', { token: hospital, headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});

describe('releases', () => {
  it('list oldest first and page with ?after=', async () => {
    const first = await t.call('GET', '/v1/releases?limit=2', { token: hospital });
    expect(first.body.items.map((release: { number: number }) => release.number)).toEqual([1, 2]);
    const second = await t.call('GET', `/v1/releases?cursor=${first.body.cursor}&limit=2`, { token: hospital });
    expect(second.body.items.map((release: { number: number }) => release.number)).toEqual([3, 4]);
    const third = await t.call('GET', '/v1/releases?after=4&limit=1&include=summary', { token: hospital });
    expect(third.body.items).toEqual([expect.not.objectContaining({ changes: expect.anything() })]);
  });
});

describe('the API description', () => {
  it('serves an OpenAPI 3.1 document generated from the schemas, and a docs page', async () => {
    const document = await t.call('GET', '/openapi.json');
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/change-sets',
        '/v1/change-sets/{id}/publish',
        '/v1/change-sets/{id}/impact',
        '/v1/catalog/{kind}/{code}',
        '/v1/catalog/{kind}/{code}/pending',
        '/v1/catalog/{kind}/diff',
        '/v1/releases/{n}',
        '/v1/releases/{n}/diff',
        '/v1/releases/{n}/revert',
        '/health',
        '/health/ready',
      ]),
    );
    expect(document.body.components.schemas.PriceItemAttributes.properties.priceFen.type).toBe('integer');
    const docs = await t.call('GET', '/docs');
    expect(docs.status).toBe(200);
    const page = String(docs.body);
    expect(page).toContain('/v1/change-sets/{id}/approve');
    // People read it: a Chinese introduction, schemas rendered with their fields, references linked, no raw $ref.
    expect(page).toContain('金额为整数，单位“分”');
    expect(page).toContain('id="schema-PriceItemAttributes"');
    expect(page).toContain('<a href="#schema-ChangeSet">');
    expect(page).not.toContain('$ref');
  });

  it('answers /health without a token', async () => {
    expect((await t.call('GET', '/health')).body).toEqual({ status: 'ok' });
  });
});
