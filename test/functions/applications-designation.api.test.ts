import { beforeAll, describe, expect, it } from 'vitest';
import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// 2020 No.2 §2(6)2: the green channel of hospitals designated to treat COVID-19 patients, through its own route.
const base = '/v1/designation-applications';
const payload = { poolingArea: '220100', grade: '3', covidBeds: 300, requests: ['agreement-management', 'designation', 'fund-advance', 'settlement'] };
const materials = requiredMaterials('designation', true).map((material) => ({ key: material.key, status: 'provided' }));

let t: TestApp;
const tokens = {} as Record<'hospital' | 'otherHospital' | 'firm' | 'reviewer' | 'terminated', string>;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  tokens.hospital = await t.tokenFor('hospital', '定点救治医院', 'hosp-a');
  tokens.otherHospital = await t.tokenFor('hospital', '另一家医院', 'hosp-b');
  tokens.firm = await t.tokenFor('firm', '医药企业', 'hosp-a');
  tokens.reviewer = await t.tokenFor('reviewer', '审核人');
  tokens.terminated = await t.tokenFor('hospital', '被解除协议的定点医疗机构', 'hosp-terminated-example');
});

async function act(id: string, action: string, token: string, body: unknown = {}) {
  const etag = (await t.call('GET', `${base}/${id}`, { token })).headers.get('etag');
  return t.call('POST', `${base}/${id}/${action}`, { token, body, headers: etag ? { 'If-Match': etag } : {} });
}

describe('2020 No.2 §2(6)2 through POST /v1/designation-applications', () => {
  it('takes a hospital from draft to an approval that records the decision and makes no change set, 3 working days after submission', async () => {
    t.clock.set('2022-05-10T10:00:00+08:00');
    const created = await t.call('POST', base, { token: tokens.hospital, body: { payload, materials } });
    expect(created.status).toBe(201);
    expect(created.body.application).toMatchObject({ type: 'designation', orgId: 'hosp-a', state: 'draft', payload: { ...payload, greenChannel: true } });
    const id = created.body.application.id as string;
    expect(created.headers.get('location')).toBe(`${base}/${id}`);

    const submitted = await act(id, 'submit', tokens.hospital);
    expect(submitted.status).toBe(200);
    expect(submitted.body.application.dueAt).toBe('2022-05-14T00:00:00+08:00');
    for (const action of ['accept', 'start-review']) expect((await act(id, action, tokens.reviewer)).status).toBe(200);
    const approved = await act(id, 'approve', tokens.reviewer, { reason: '已确定为定点救治医院' });
    expect(approved.status).toBe(200);
    expect(approved.body.application).toMatchObject({ state: 'approved', decision: { outcome: 'approved', reason: '已确定为定点救治医院' } });
    expect(approved.body.application.changeSetId).toBeUndefined();
    expect(approved.body.changeSet).toBeUndefined();
    t.clock.set('2026-11-23T10:00:00+08:00');
  });

  it('lets no other hospital read, list or act on it, and keeps it out of the hospital’s service list', async () => {
    const id = (await t.call('POST', base, { token: tokens.hospital, body: { payload, materials } })).body.application.id as string;
    expect((await t.call('GET', `${base}/${id}`, { token: tokens.otherHospital })).status).toBe(404);
    expect((await t.call('POST', `${base}/${id}/withdraw`, { token: tokens.otherHospital, body: {}, headers: { 'If-Match': '"v1"' } })).status).toBe(404);
    const ids = async (path: string, token: string) =>
      ((await t.call('GET', path, { token })).body.items as { application: { id: string } }[]).map((item) => item.application.id);
    expect(await ids(base, tokens.otherHospital)).not.toContain(id);
    expect(await ids(base, tokens.hospital)).toContain(id);
    expect(await ids('/v1/service-applications', tokens.hospital)).not.toContain(id);
    expect((await t.call('GET', `${base}/${id}`, { token: tokens.firm })).status).toBe(404);
  });

  it.each([
    ['a firm', 'firm', 403],
    ['a reviewer', 'reviewer', 403],
  ] as const)('refuses a draft by %s', async (_label, who, status) => {
    expect((await t.call('POST', base, { token: tokens[who], body: { payload, materials } })).status).toBe(status);
  });

  it('refuses a payload without a request, naming the field', async () => {
    const answer = await t.call('POST', base, { token: tokens.hospital, body: { payload: { ...payload, requests: [] }, materials } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { path: string }) => error.path)).toEqual(['payload.requests']);
  });

  it('refuses a hospital whose service agreement was terminated (2020 No.2 §3)', async () => {
    const id = (await t.call('POST', base, { token: tokens.terminated, body: { payload, materials } })).body.application.id as string;
    const submitted = await act(id, 'submit', tokens.terminated);
    expect(submitted.status).toBe(422);
    expect(submitted.body.refusal.code).toBe('agreement-terminated');
  });
});
