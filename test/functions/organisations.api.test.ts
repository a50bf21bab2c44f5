import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../functions/local/oidc/demo-users.ts';
import { organisationSeeder, seedOrganisations } from '../../functions/local/organisation-seed.ts';
import { providedMaterials, servicePayload } from '../support/applications.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 14 §7: organisation names everywhere. The admin keeps a registry of the codes hospitals'
// and firms' tokens carry with their names; the bureau reads it all, an organisation only its own,
// and applications come back with their organisation's name.
let t: TestApp;
let admin: string;
let reviewer: string;
let pricing: string;
let hospital: string;
let otherHospital: string;
let firm: string;
let downstream: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.tokenFor('admin', '系统管理员');
  reviewer = await t.tokenFor('reviewer', '赵敏');
  pricing = await t.tokenFor('pricing-staff', '王芳');
  hospital = await t.tokenFor('hospital', '刘医生', 'hosp-jdyy');
  otherHospital = await t.tokenFor('hospital', '孙医生', 'hosp-cczx');
  firm = await t.tokenFor('firm', '陈经理', 'firm-demo');
  downstream = await t.tokenFor('downstream', '医院HIS同步');
  t.clock.set('2026-11-30T09:00:00+08:00');
  for (const [orgId, name, type] of [
    ['hosp-jdyy', '吉林大学第一医院', 'hospital'],
    ['hosp-cczx', '长春市中心医院', 'hospital'],
    ['firm-demo', '示例医药有限公司', 'firm'],
  ] as const) {
    const added = await t.call('PUT', `/v1/organisations/${orgId}`, { token: admin, body: { name, type } });
    if (added.status !== 201) throw new Error(`adding ${orgId}: ${JSON.stringify(added.body)}`);
  }
});

describe('the organisations registry', () => {
  it('adds an organisation for an admin, recording who and when, and answers it with its ETag', async () => {
    t.clock.set('2026-11-30T10:00:00+08:00');
    const added = await t.call('PUT', '/v1/organisations/hosp-new', { token: admin, body: { name: '  长春市传染病医院 ', type: 'hospital' } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      orgId: 'hosp-new',
      name: '长春市传染病医院',
      type: 'hospital',
      changedBy: { sub: 'dev:admin:-:系统管理员', name: '系统管理员' },
      changedAt: '2026-11-30T10:00:00+08:00',
      version: 1,
    });
    expect(added.headers.get('etag')).toBe('"v1"');
    expect(added.headers.get('location')).toBe('/v1/organisations/hosp-new');
    const read = await t.call('GET', '/v1/organisations/hosp-new', { token: reviewer });
    expect(read.body).toEqual(added.body);
  });

  it('renames an organisation only against the version last read: none is 409 (it exists), `*` 428, a stale one 412', async () => {
    const path = '/v1/organisations/hosp-rename';
    const added = await t.call('PUT', path, { token: admin, body: { name: '示例人民医院', type: 'hospital' } });
    expect(added.status).toBe(201);
    // Without If-Match a PUT only adds: the code is taken, and nothing is renamed blind.
    const blind = await t.call('PUT', path, { token: admin, body: { name: '示例市人民医院', type: 'hospital' } });
    expect(blind.status).toBe(409);
    expect(blind.body).toMatchObject({ code: 'organisation.exists', params: { orgId: 'hosp-rename', name: '示例人民医院' } });
    const starred = await t.call('PUT', path, { token: admin, body: { name: '示例市人民医院', type: 'hospital' }, headers: { 'If-Match': '*' } });
    expect(starred.status).toBe(428);
    t.clock.set('2026-11-30T11:00:00+08:00');
    const renamed = await t.call('PUT', path, { token: admin, body: { name: '示例市人民医院', type: 'hospital' }, headers: { 'If-Match': '"v1"' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '示例市人民医院', version: 2, changedAt: '2026-11-30T11:00:00+08:00' });
    expect(renamed.headers.get('etag')).toBe('"v2"');
    const stale = await t.call('PUT', path, { token: admin, body: { name: '示例第三名称', type: 'hospital' }, headers: { 'If-Match': '"v1"' } });
    expect(stale.status).toBe(412);
    expect((await t.call('GET', path, { token: admin })).body.name).toBe('示例市人民医院');
  });

  it('lists every organisation by code for the bureau, paged', async () => {
    for (const token of [admin, reviewer, pricing]) {
      const { status, body } = await t.call('GET', '/v1/organisations', { token });
      expect(status).toBe(200);
      const codes = body.items.map((item: { orgId: string }) => item.orgId);
      expect(codes).toEqual([...codes].sort());
      expect(codes).toEqual(expect.arrayContaining(['firm-demo', 'hosp-cczx', 'hosp-jdyy']));
    }
    const first = await t.call('GET', '/v1/organisations?limit=2', { token: admin });
    expect(first.body.items).toHaveLength(2);
    const second = await t.call('GET', `/v1/organisations?limit=2&cursor=${first.body.cursor}`, { token: admin });
    expect(second.body.items[0].orgId > first.body.items[1].orgId).toBe(true);
    const forged = await t.call('GET', `/v1/organisations?cursor=${Buffer.from('no such#code').toString('base64url')}`, { token: admin });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0]).toMatchObject({ path: 'cursor', in: 'query' });
  });

  it('shows a hospital or firm its own organisation only: another one’s record is 404, its list holds its own alone', async () => {
    const own = await t.call('GET', '/v1/organisations/hosp-jdyy', { token: hospital });
    expect(own.status).toBe(200);
    expect(own.body.name).toBe('吉林大学第一医院');
    // Who changed it is the bureau, not the admin by name (as releases show staff to organisations).
    expect(own.body.changedBy).toEqual({ sub: 'office:registry', name: '医保局' });
    const other = await t.call('GET', '/v1/organisations/hosp-cczx', { token: hospital });
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('长春市中心医院');
    // Exactly as an unknown code answers: the answer tells nothing of whether it exists.
    const unknown = await t.call('GET', '/v1/organisations/hosp-nowhere', { token: hospital });
    expect(unknown.status).toBe(404);
    expect({ ...other.body, detail: undefined, instance: undefined }).toEqual({ ...unknown.body, detail: undefined, instance: undefined });
    const list = await t.call('GET', '/v1/organisations', { token: hospital });
    expect(list.body).toEqual({ items: [own.body] });
    expect((await t.call('GET', '/v1/organisations', { token: firm })).body.items.map((item: { orgId: string }) => item.orgId)).toEqual(['firm-demo']);
    // A second page asked for by hand holds nothing more.
    const paged = await t.call('GET', `/v1/organisations?cursor=${Buffer.from('hosp-a').toString('base64url')}`, { token: otherHospital });
    expect(paged.body.items).toEqual([]);
  });

  it('refuses a downstream system any organisation', async () => {
    expect((await t.call('GET', '/v1/organisations', { token: downstream })).status).toBe(403);
    expect((await t.call('GET', '/v1/organisations/hosp-jdyy', { token: downstream })).status).toBe(403);
  });

  it.each([
    ['reviewer', () => reviewer],
    ['pricing staff', () => pricing],
    ['hospital (even its own)', () => hospital],
    ['firm', () => firm],
    ['downstream system', () => downstream],
  ])('refuses a %s setting an organisation: 403, nothing changed', async (_label, token) => {
    const { status, body } = await t.call('PUT', '/v1/organisations/hosp-jdyy', { token: token(), body: { name: '改名', type: 'hospital' } });
    expect(status).toBe(403);
    expect(body.type).toMatch(/forbidden$/);
    expect((await t.call('GET', '/v1/organisations/hosp-jdyy', { token: admin })).body.name).toBe('吉林大学第一医院');
  });

  it.each([
    ['an empty name', { name: '   ', type: 'hospital' }, 'name'],
    ['a name over 100 characters', { name: '医'.repeat(101), type: 'hospital' }, 'name'],
    ['a name on two lines', { name: '吉林大学\n第一医院', type: 'hospital' }, 'name'],
    ['no name', { type: 'hospital' }, 'name'],
    ['an unknown type', { name: '示例药店', type: 'pharmacy' }, 'type'],
    ['an unknown field', { name: '示例医院', type: 'hospital', orgId: 'hosp-other' }, 'orgId'],
  ])('answers 400 naming the field for %s', async (_label, body, path) => {
    const { status, body: problem } = await t.call('PUT', '/v1/organisations/hosp-bad', { token: admin, body });
    expect(status).toBe(400);
    expect(problem.errors.map((error: { path: string; in: string }) => `${error.in}:${error.path}`)).toContain(`body:${path}`);
    expect((await t.call('GET', '/v1/organisations/hosp-bad', { token: admin })).status).toBe(404);
  });

  it('answers 400 naming the path parameter for a code that is not one', async () => {
    const { status, body } = await t.call('PUT', `/v1/organisations/${encodeURIComponent('吉大一院')}`, {
      token: admin,
      body: { name: '吉林大学第一医院', type: 'hospital' },
    });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ path: 'orgId', in: 'path' });
  });
});

describe('applications with their organisation’s name', () => {
  it('answers the inbox, the application and a step with orgName, and the code alone where the registry does not know it', async () => {
    const created = await t.call('POST', '/v1/service-applications', {
      token: hospital,
      body: { payload: servicePayload({ itemCode: '250403100090011' }), materials: providedMaterials('service', false) },
    });
    expect(created.status).toBe(201);
    expect(created.body.orgName).toBe('吉林大学第一医院');
    const id = created.body.application.id as string;
    const unknownHospital = await t.tokenFor('hospital', '钱医生', 'hosp-unregistered');
    const unnamed = await t.call('POST', '/v1/service-applications', {
      token: unknownHospital,
      body: { payload: servicePayload({ itemCode: '250403100090012' }), materials: providedMaterials('service', false) },
    });
    const unnamedId = unnamed.body.application.id as string;
    for (const [token, applicationId] of [
      [hospital, id],
      [unknownHospital, unnamedId],
    ] as const) {
      const etag = (await t.call('GET', `/v1/service-applications/${applicationId}`, { token })).headers.get('etag') ?? '';
      const submitted = await t.call('POST', `/v1/service-applications/${applicationId}/submit`, { token, body: {}, headers: { 'If-Match': etag } });
      expect(submitted.status).toBe(200);
      expect(submitted.body.orgName).toBe(token === hospital ? '吉林大学第一医院' : undefined);
    }

    const inbox = await t.call('GET', '/v1/service-applications?state=submitted', { token: reviewer });
    expect(inbox.status).toBe(200);
    const byId = new Map(inbox.body.items.map((item: { application: { id: string } }) => [item.application.id, item]));
    expect(byId.get(id)).toMatchObject({ application: { orgId: 'hosp-jdyy' }, orgName: '吉林大学第一医院' });
    expect(byId.get(unnamedId)).toMatchObject({ application: { orgId: 'hosp-unregistered' } });
    expect(byId.get(unnamedId)).not.toHaveProperty('orgName');
    expect((await t.call('GET', `/v1/service-applications/${id}`, { token: reviewer })).body.orgName).toBe('吉林大学第一医院');
    const own = await t.call('GET', '/v1/service-applications', { token: hospital });
    expect(own.body.items.map((item: { orgName?: string }) => item.orgName)).toEqual(['吉林大学第一医院']);
  });
});

describe('the demo organisations of `npm start`', () => {
  it('names every demo hospital and firm once, and never overwrites a name an admin set', async () => {
    const local = await startTestApp();
    const admin = await local.tokenFor('admin', '系统管理员');
    await local.call('PUT', '/v1/organisations/hosp-cczx', { token: admin, body: { name: '长春市中心医院（管理员命名）', type: 'hospital' } });
    expect(await seedOrganisations(local.store, new Date('2026-11-30T01:00:00Z'))).toBe(
      demoUsers.filter((user) => user.orgId && user.orgId !== 'hosp-cczx').length,
    );
    const renamed = await local.call('PUT', '/v1/organisations/hosp-jdyy', {
      token: admin,
      body: { name: '吉林大学白求恩第一医院', type: 'hospital' },
      headers: { 'If-Match': '"v1"' },
    });
    expect(renamed.status).toBe(200);
    expect(await seedOrganisations(local.store, new Date('2026-12-01T01:00:00Z'))).toBe(0);
    const { body } = await local.call('GET', '/v1/organisations', { token: admin });
    const names = Object.fromEntries(body.items.map((item: { orgId: string; name: string }) => [item.orgId, item.name]));
    expect(names).toEqual({
      'firm-b-demo': '示例生物科技有限公司',
      'firm-demo': '示例医药有限公司',
      'hosp-cczx': '长春市中心医院（管理员命名）',
      'hosp-jdyy': '吉林大学白求恩第一医院',
      'hosp-terminated-example': '示例医院（已解除医保服务协议）',
    });
    expect(body.items.find((item: { orgId: string }) => item.orgId === 'firm-demo')).toMatchObject({ type: 'firm', changedBy: organisationSeeder });
  });
});
