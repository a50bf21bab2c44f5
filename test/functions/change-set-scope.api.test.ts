import { beforeAll, describe, expect, it } from 'vitest';
import { servicePayload as serviceApplication } from '../support/applications.ts';
import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

const PCR = '250403100010000';
const NEW_CODE = '250403100090077';

const servicePayload = (code: string) => serviceApplication({ greenChannel: true, itemCode: code });
const provided = requiredMaterials('service', true).map((material) => ({ key: material.key, status: 'provided' }));
const set = (code: string, priceFen: number) => ({
  kind: 'price-items',
  code,
  op: 'set',
  validFrom: '2027-01-01T00:00:00+08:00',
  attributes: { name: '新型冠状病毒抗体检测', unit: '人次', category: '检验', priceFen },
});

let t: TestApp;
let hospital: string;
let reviewer: string;
let officerA: string;
let officerB: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  hospital = await t.tokenFor('hospital', '信息科', 'hosp-a');
  reviewer = await t.tokenFor('reviewer', '审核员');
  officerA = await t.tokenFor('pricing-staff', '王芳');
  officerB = await t.tokenFor('pricing-staff', '李强');
});

/** A step with the ETag the same caller just read, as the console sends it. */
async function act(resource: string, action: string, token: string, body: unknown = {}) {
  const etag = (await t.call('GET', resource, { token })).headers.get('etag');
  return t.call('POST', `${resource}/${action}`, { token, body, headers: etag ? { 'If-Match': etag } : {} });
}

async function etagOf(resource: string, token: string): Promise<Record<string, string>> {
  return { 'If-Match': (await t.call('GET', resource, { token })).headers.get('etag') as string };
}

describe('a new-service-item application for a code the catalog already holds', () => {
  it('is refused at submission, naming the existing item in Chinese, and stays a draft', async () => {
    const created = await t.call('POST', '/v1/service-applications', { token: hospital, body: { payload: servicePayload(PCR), materials: provided } });
    expect(created.status).toBe(201);
    const id = created.body.application.id as string;
    const submitted = await act(`/v1/service-applications/${id}`, 'submit', hospital);
    expect(submitted.status).toBe(422);
    expect(submitted.body.refusal).toMatchObject({ code: 'existing-entry', entry: { kind: 'price-items', code: PCR } });
    expect(submitted.body.detail).toContain(`目录中已有编码为 ${PCR} 的医疗服务价格项目`);
    expect(submitted.body.detail).toContain('核酸');
    const after = await t.call('GET', `/v1/service-applications/${id}`, { token: hospital });
    expect(after.body.application.state).toBe('draft');
  });
});

describe('a change set made by an application’s approval', () => {
  let changeSetId: string;
  beforeAll(async () => {
    const created = await t.call('POST', '/v1/service-applications', { token: hospital, body: { payload: servicePayload(NEW_CODE), materials: provided } });
    const resource = `/v1/service-applications/${created.body.application.id}`;
    for (const [token, action, body] of [
      [hospital, 'submit', {}],
      [reviewer, 'accept', {}],
      [reviewer, 'start-review', {}],
      [reviewer, 'approve', { reason: '同意', validFrom: '2027-01-01T00:00:00+08:00' }],
    ] as const) {
      const response = await act(resource, action, token, body);
      expect(response.status, `${action}: ${JSON.stringify(response.body)}`).toBe(200);
      if (action === 'approve') changeSetId = response.body.changeSet.id;
    }
  });

  it('records the one entry the application asked for', async () => {
    const read = await t.call('GET', `/v1/change-sets/${changeSetId}`, { token: reviewer });
    expect(read.body.source).toMatchObject({ applicationType: 'service', entry: { kind: 'price-items', code: NEW_CODE } });
    expect(read.body.changes).toHaveLength(1);
  });

  it('refuses a change to any other entry (a 0.01 yuan PCR price slipped in), keeping only what the application asked', async () => {
    const resource = `/v1/change-sets/${changeSetId}`;
    for (const changes of [[set(PCR, 1)], [set(NEW_CODE, 2400), set(PCR, 1)]]) {
      const added = await t.call('POST', `${resource}/changes`, { token: reviewer, body: { changes }, headers: await etagOf(resource, reviewer) });
      expect(added.status).toBe(422);
      expect(added.body.type).toBe('/problems/out-of-scope');
      expect(added.body.detail).toContain(`not price-items ${PCR}`);
    }
    const read = await t.call('GET', resource, { token: reviewer });
    expect(read.body.changes.map((numbered: { change: { code: string } }) => numbered.change.code)).toEqual([NEW_CODE]);
  });

  it('lets the generated change be corrected on its own entry', async () => {
    const resource = `/v1/change-sets/${changeSetId}`;
    const corrected = await t.call('POST', `${resource}/changes`, {
      token: reviewer,
      body: { changes: [set(NEW_CODE, 2400)] },
      headers: await etagOf(resource, reviewer),
    });
    expect(corrected.status).toBe(201);
  });

  it('refuses removing its changes, importing into it and discarding it', async () => {
    const resource = `/v1/change-sets/${changeSetId}`;
    const removed = await t.call('DELETE', `${resource}/changes/1`, { token: reviewer, headers: await etagOf(resource, reviewer) });
    expect(removed.status).toBe(422);
    expect(removed.body.type).toBe('/problems/out-of-scope');
    const csv = `编码,名称,单位,类别,价格(元),生效时间\n${PCR},核酸检测,人次,核酸检测,0.01,2027-01-01 00:00\n`;
    const imported = await t.app.request(`${resource}/import?kind=price-items`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${reviewer}`, 'Content-Type': 'text/csv', ...(await etagOf(resource, reviewer)) },
      body: csv,
    });
    expect(imported.status).toBe(422);
    expect(((await imported.json()) as { type: string }).type).toBe('/problems/out-of-scope');
    const discarded = await t.call('DELETE', resource, { token: reviewer, headers: await etagOf(resource, reviewer) });
    expect(discarded.status).toBe(422);
    expect((await t.call('GET', resource, { token: reviewer })).status).toBe(200);
  });
});

describe('drafts', () => {
  it('are created with their first change in one request, or not at all', async () => {
    const created = await t.call('POST', '/v1/change-sets', { token: officerA, body: { title: '提出变更', changes: [set(PCR, 1100)] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', changeCount: 1, version: 1 });
    const read = await t.call('GET', `/v1/change-sets/${created.body.id}`, { token: officerA });
    expect(read.body.changes).toEqual([{ n: 1, change: set(PCR, 1100) }]);

    const before = (await t.call('GET', '/v1/change-sets', { token: officerA })).body.items.length;
    const bad = await t.call('POST', '/v1/change-sets', {
      token: officerA,
      body: { title: '坏的', changes: [{ ...set(PCR, 1100), attributes: { priceFen: -1 } }] },
    });
    expect(bad.status).toBe(400);
    expect((await t.call('GET', '/v1/change-sets', { token: officerA })).body.items.length).toBe(before);
  });

  it('can be discarded by their author, and only while a draft', async () => {
    const created = await t.call('POST', '/v1/change-sets', { token: officerA, body: { title: '放弃的草稿', changes: [set(PCR, 1000)] } });
    const resource = `/v1/change-sets/${created.body.id}`;
    const notAuthor = await t.call('DELETE', resource, { token: officerB, headers: await etagOf(resource, officerA) });
    expect(notAuthor.status).toBe(403);
    const withoutVersion = await t.call('DELETE', resource, { token: officerA });
    expect(withoutVersion.status).toBe(428);
    const discarded = await t.call('DELETE', resource, { token: officerA, headers: await etagOf(resource, officerA) });
    expect(discarded.status).toBe(204);
    expect((await t.call('GET', resource, { token: officerA })).status).toBe(404);

    const submitted = await t.call('POST', '/v1/change-sets', { token: officerA, body: { title: '已提交', changes: [set(PCR, 1000)] } });
    const other = `/v1/change-sets/${submitted.body.id}`;
    expect((await act(other, 'submit', officerA, undefined)).status).toBe(200);
    const refused = await t.call('DELETE', other, { token: officerA, headers: await etagOf(other, officerA) });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/invalid-state');
  });
});
