import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_ACKNOWLEDGEMENTS, SEED_RELEASES, startTestApp, type TestApp } from '../support/fixtures.ts';

const PCR = '250403100010000';
const pcrChange = (priceFen: number, validFrom = '2027-01-01T00:00:00+08:00') => ({
  kind: 'price-items',
  code: PCR,
  op: 'set',
  validFrom,
  attributes: { name: '新型冠状病毒核酸检测（单样本）', unit: '人次', category: '核酸检测', priceFen },
});

let t: TestApp;
let officerA: string;
let officerB: string;
let hospital: string;
let downstream: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  officerA = await t.tokenFor('pricing-staff', '王芳');
  officerB = await t.tokenFor('pricing-staff', '李强');
  hospital = await t.tokenFor('hospital', '信息科', 'hosp-jdyy');
  downstream = await t.tokenFor('downstream', '结算系统');
});

/** The If-Match a careful client sends: the ETag of the change set as last read. */
async function ifMatch(id: string): Promise<Record<string, string>> {
  const read = await t.call('GET', `/v1/change-sets/${id}`, { token: officerA });
  return read.status === 200 ? { 'If-Match': read.headers.get('etag') as string } : {};
}

async function draftWith(token: string, changes: unknown[]) {
  const created = await t.call('POST', '/v1/change-sets', { token, body: { title: '下调核酸检测价格' } });
  expect(created.status).toBe(201);
  const added = await t.call('POST', `/v1/change-sets/${created.body.id}/changes`, {
    token,
    body: { changes },
    headers: { 'If-Match': created.headers.get('etag') as string },
  });
  expect(added.status).toBe(201);
  return added.body.changeSet as { id: string; version: number };
}

describe('the change-set workflow over HTTP', () => {
  it('takes a price reduction from draft to a published release that downstream systems read', async () => {
    const draft = await draftWith(officerA, [pcrChange(1000)]);
    expect((await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: await ifMatch(draft.id) })).status).toBe(200);
    const approved = await t.call('POST', `/v1/change-sets/${draft.id}/approve`, {
      token: officerB,
      body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
      headers: await ifMatch(draft.id),
    });
    expect(approved.body).toMatchObject({ state: 'approved', approvedBy: { name: '李强' } });
    const published = await t.call('POST', `/v1/change-sets/${draft.id}/publish`, {
      token: officerB,
      body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
      headers: await ifMatch(draft.id),
    });
    expect(published.status).toBe(200);
    const number = published.body.release.number as number;
    expect(number).toBe(SEED_RELEASES + 1); // the seed releases come first

    const onDate = await t.call('GET', `/v1/catalog/price-items/${PCR}?on=2027-01-02`, { token: downstream });
    expect(onDate.body).toMatchObject({ asOfRelease: number, release: number, period: { attributes: { priceFen: 1000 } } });
    const before = await t.call('GET', `/v1/catalog/price-items/${PCR}?on=2026-12-31`, { token: hospital });
    expect(before.body.period.attributes.priceFen).toBe(1200);

    const release = await t.call('GET', `/v1/releases/${number}`, { token: hospital });
    // A hospital sees the office, not the officers' names or ids; staff see who did what.
    expect(release.body).toMatchObject({
      number,
      changeSetId: draft.id,
      author: { name: '价格处' },
      approvedBy: { name: '价格处' },
      publishedBy: { name: '价格处' },
    });
    expect(JSON.stringify(release.body)).not.toMatch(/王芳|李强|officer/);
    const asStaff = await t.call('GET', `/v1/releases/${number}`, { token: officerA });
    expect(asStaff.body).toMatchObject({ author: { name: '王芳' }, approvedBy: { name: '李强' } });
    const feed = await t.call('GET', `/v1/releases?after=${number - 1}`, { token: downstream });
    expect(feed.body.items[0]).toMatchObject({ number, author: { name: '价格处' } });
    expect(JSON.stringify(feed.body)).not.toMatch(/王芳|李强/);
    expect(release.body.changes).toEqual([{ n: 1, change: pcrChange(1000) }]);
  });

  it('forbids the author from approving their own change set (four eyes)', async () => {
    const draft = await draftWith(officerA, [pcrChange(900)]);
    await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: await ifMatch(draft.id) });
    const own = await t.call('POST', `/v1/change-sets/${draft.id}/approve`, {
      token: officerA,
      body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
      headers: await ifMatch(draft.id),
    });
    expect(own.status).toBe(403);
    expect(own.headers.get('content-type')).toContain('application/problem+json');
    expect(own.body.type).toBe('/problems/four-eyes');
    const rejectOwn = await t.call('POST', `/v1/change-sets/${draft.id}/reject`, {
      token: officerA,
      body: { reason: '自己驳回' },
      headers: await ifMatch(draft.id),
    });
    expect(rejectOwn.status).toBe(403);
  });

  it('forbids a hospital from publishing, approving or creating', async () => {
    const draft = await draftWith(officerA, [pcrChange(900)]);
    await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: await ifMatch(draft.id) });
    await t.call('POST', `/v1/change-sets/${draft.id}/approve`, {
      token: officerB,
      body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
      headers: await ifMatch(draft.id),
    });
    for (const [method, path, body] of [
      ['POST', `/v1/change-sets/${draft.id}/publish`, undefined],
      ['POST', `/v1/change-sets/${draft.id}/approve`, undefined],
      ['POST', '/v1/change-sets', { title: 'x' }],
      ['GET', `/v1/change-sets/${draft.id}`, undefined],
    ] as const) {
      const response = await t.call(method, path, { token: hospital, body, headers: await ifMatch(draft.id) });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.type).toBe('/problems/forbidden');
    }
    const stillApproved = await t.call('GET', `/v1/change-sets/${draft.id}`, { token: officerA });
    expect(stillApproved.body.state).toBe('approved');
  });

  it('rejects a request without a valid token with 401', async () => {
    expect((await t.call('GET', '/v1/catalog/price-items')).status).toBe(401);
    expect((await t.call('GET', '/v1/catalog/price-items', { token: 'not.a.jwt' })).status).toBe(401);
  });

  it('lets the author edit a rejected change set, which becomes a draft again', async () => {
    const draft = await draftWith(officerA, [pcrChange(900)]);
    await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: await ifMatch(draft.id) });
    const rejected = await t.call('POST', `/v1/change-sets/${draft.id}/reject`, {
      token: officerB,
      body: { reason: '生效日期有误' },
      headers: await ifMatch(draft.id),
    });
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '生效日期有误', rejectedBy: { name: '李强' } });
    const removed = await t.call('DELETE', `/v1/change-sets/${draft.id}/changes/1`, { token: officerA, headers: await ifMatch(draft.id) });
    expect(removed.body).toMatchObject({ state: 'draft', changeCount: 0 });
    expect(removed.body).not.toHaveProperty('rejectReason');
    const submitEmpty = await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: await ifMatch(draft.id) });
    expect(submitEmpty.status).toBe(422);
  });

  it('answers 404 for a change that does not exist and keeps the change set as it was', async () => {
    const draft = await draftWith(officerA, [pcrChange(900)]);
    const missing = await t.call('DELETE', `/v1/change-sets/${draft.id}/changes/7`, { token: officerA, headers: await ifMatch(draft.id) });
    expect(missing.status).toBe(404);
    const after = await t.call('GET', `/v1/change-sets/${draft.id}`, { token: officerA });
    expect(after.body).toMatchObject({ changeCount: 1, version: draft.version });
  });

  it('refuses a state change without If-Match with 428, naming the current ETag, and changes nothing', async () => {
    const draft = await draftWith(officerA, [pcrChange(900)]);
    for (const [method, path] of [
      ['POST', `/v1/change-sets/${draft.id}/submit`],
      ['POST', `/v1/change-sets/${draft.id}/changes`],
      ['DELETE', `/v1/change-sets/${draft.id}/changes/1`],
    ] as const) {
      const body = path.endsWith('/changes') ? { changes: [pcrChange(800)] } : undefined;
      for (const headers of [{}, { 'If-Match': '*' }] as Record<string, string>[]) {
        const response = await t.call(method, path, { token: officerA, body, headers });
        expect(response.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(428);
        expect(response.body.type).toBe('/problems/precondition-required');
        expect(response.body.detail).toContain(`"v${draft.version}"`);
      }
    }
    const after = await t.call('GET', `/v1/change-sets/${draft.id}`, { token: officerA });
    expect(after.body).toMatchObject({ state: 'draft', changeCount: 1, version: draft.version });
  });

  it('refuses a stale If-Match with 412 and accepts the current ETag', async () => {
    const draft = await draftWith(officerA, [pcrChange(900)]);
    const read = await t.call('GET', `/v1/change-sets/${draft.id}`, { token: officerA });
    const etag = read.headers.get('etag') as string;
    const stale = await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: { 'If-Match': '"v1"' } });
    expect(stale.status).toBe(412);
    const fresh = await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: { 'If-Match': etag } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(etag);
  });

  it('lets only one of two concurrent approvals through; the other gets a conflict', async () => {
    const draft = await draftWith(officerA, [pcrChange(900)]);
    await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: await ifMatch(draft.id) });
    const officerC = await t.tokenFor('pricing-staff', '赵敏');
    const results = await Promise.all([
      t.call('POST', `/v1/change-sets/${draft.id}/approve`, { token: officerB, body: { acknowledge: ALL_ACKNOWLEDGEMENTS }, headers: await ifMatch(draft.id) }),
      t.call('POST', `/v1/change-sets/${draft.id}/reject`, { token: officerC, body: { reason: '不同意' }, headers: await ifMatch(draft.id) }),
    ]);
    const statuses = results.map((result) => result.status).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 412]).toContain(statuses[1]); // stale at the check, or lost the conditional write
  });

  it('publishes two approved change sets at once as consecutive releases', async () => {
    const ids: string[] = [];
    for (const price of [800, 700]) {
      const draft = await draftWith(officerA, [pcrChange(price, '2028-01-01T00:00:00+08:00')]);
      await t.call('POST', `/v1/change-sets/${draft.id}/submit`, { token: officerA, headers: await ifMatch(draft.id) });
      await t.call('POST', `/v1/change-sets/${draft.id}/approve`, {
        token: officerB,
        body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
        headers: await ifMatch(draft.id),
      });
      ids.push(draft.id);
    }
    const before = (await t.call('GET', '/v1/releases?limit=1', { token: officerA })).body.visibleRelease as number;
    const published = await Promise.all(
      ids.map(async (id) =>
        t.call('POST', `/v1/change-sets/${id}/publish`, { token: officerB, body: { acknowledge: ALL_ACKNOWLEDGEMENTS }, headers: await ifMatch(id) }),
      ),
    );
    expect(published.map((response) => response.status)).toEqual([200, 200]);
    expect(published.map((response) => response.body.release.number).sort()).toEqual([before + 1, before + 2]);
    const again = await t.call('POST', `/v1/change-sets/${ids[0]}/publish`, {
      token: officerB,
      body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
      headers: await ifMatch(ids[0] as string),
    });
    expect(again.status).toBe(409);
  });
});

describe('bad input', () => {
  let draftId: string;
  beforeAll(async () => {
    draftId = (await t.call('POST', '/v1/change-sets', { token: officerA, body: { title: '输入校验' } })).body.id;
  });

  const withAttributes = (attributes: Record<string, unknown>) => ({
    changes: [{ ...pcrChange(1000), attributes: { ...pcrChange(1000).attributes, ...attributes } }],
  });

  it.each([
    ['a negative fen price', withAttributes({ priceFen: -100 }), 'changes.0.attributes.priceFen'],
    ['a fractional fen price', withAttributes({ priceFen: 12.5 }), 'changes.0.attributes.priceFen'],
    ['a price of the wrong type', withAttributes({ priceFen: '12.00' }), 'changes.0.attributes.priceFen'],
    ['an unknown attribute', withAttributes({ discount: 1 }), 'changes.0.attributes.discount'],
    ['an unknown top-level field', { changes: [pcrChange(1000)], extra: true }, 'extra'],
    ['an inverted period', { changes: [{ ...pcrChange(1000), validTo: '2026-01-01T00:00:00+08:00' }] }, 'changes.0.validTo'],
    ['a time without offset', { changes: [{ ...pcrChange(1000), validFrom: '2027-01-01 00:00' }] }, 'changes.0.validFrom'],
    ['an unknown kind', { changes: [{ ...pcrChange(1000), kind: 'vaccines' }] }, 'changes.0.kind'],
    ['an unknown op', { changes: [{ ...pcrChange(1000), op: 'delete' }] }, 'changes.0.op'],
    ['no changes', { changes: [] }, 'changes'],
    ['a body that is not an object', [1, 2], '(root)'],
  ])('answers %s with 400 naming the field', async (_label, body, path) => {
    const response = await t.call('POST', `/v1/change-sets/${draftId}/changes`, { token: officerA, body, headers: await ifMatch(draftId) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.type).toBe('/problems/validation-failed');
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await t.call('POST', `/v1/change-sets/${draftId}/changes`, { token: officerA, rawBody: '{"changes": [' });
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('/problems/malformed-json');
  });

  it('adds nothing when any change is bad', async () => {
    await t.call('POST', `/v1/change-sets/${draftId}/changes`, { token: officerA, body: { changes: [pcrChange(1000), { ...pcrChange(1), code: '' }] } });
    const after = await t.call('GET', `/v1/change-sets/${draftId}`, { token: officerA });
    expect(after.body.changes).toEqual([]);
  });

  it.each([
    ['/v1/catalog/price-items?limit=0', 'limit'],
    ['/v1/catalog/price-items?limit=abc', 'limit'],
    ['/v1/catalog/price-items?colour=red', 'colour'],
    ['/v1/catalog/price-items?cursor=garbage', 'cursor'],
    [`/v1/catalog/price-items/${PCR}?on=2022-13-45`, 'on'],
    [`/v1/catalog/price-items/${PCR}?release=-1`, 'release'],
    [`/v1/catalog/price-items/${PCR}?release=1.5`, 'release'],
    ['/v1/releases?after=x', 'after'],
    ['/v1/catalog/vaccines', 'kind'],
  ])('answers GET %s with 400 naming %s', async (path, field) => {
    const response = await t.call('GET', path, { token: downstream });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(field);
  });

  it('never answers 5xx to odd input', async () => {
    const odd: [string, string, unknown?][] = [
      ['POST', '/v1/change-sets', 'just a string'],
      ['POST', '/v1/change-sets', { title: 'x'.repeat(10_000) }],
      ['POST', '/v1/change-sets', null],
      ['GET', '/v1/change-sets/%E4%B8%AD'],
      ['GET', '/v1/change-sets/does-not-exist'],
      ['POST', '/v1/change-sets/does-not-exist/approve'],
      ['GET', '/v1/releases/99999'],
      ['GET', '/v1/releases/0'],
      ['GET', '/v1/catalog/price-items/nope'],
      ['GET', `/v1/catalog/price-items/${PCR}?release=999999`],
      ['GET', '/v1/catalog/price-items/%00'],
      ['DELETE', `/v1/change-sets/${'x'.repeat(500)}/changes/1`],
      ['PUT', '/v1/change-sets'],
    ];
    for (const [method, path, body] of odd) {
      const response = await t.call(method, path, { token: officerA, body });
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
    }
  });
});
