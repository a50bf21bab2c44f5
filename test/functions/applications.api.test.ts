import { beforeAll, describe, expect, it } from 'vitest';
import { servicePayload as serviceApplication } from '../support/applications.ts';
import { ApplicationAction } from '../../policy-catalog/applications/application.ts';
import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import type { Role } from '../../policy-catalog/identity.ts';
import { markOverdue } from '../../functions/jobs/mark-overdue.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

let t: TestApp;
const tokens: Record<string, string> = {};

const servicePayload = (greenChannel: boolean, code = '250403100090001') => serviceApplication({ greenChannel, itemCode: code });
const listingPayload = {
  product: '奈玛特韦片/利托那韦片组合包装',
  productType: 'drug',
  specification: '20片+10片/盒',
  manufacturer: '示例制药有限公司',
  registrationNumber: '示例-国药准字H0000001',
  listedPriceFen: 189000,
  firm: '示例医药有限公司',
  inNinthEditionPlan: true,
  greenChannel: true,
  offlinePurchaseAllowed: true,
};
const provided = (type: 'service' | 'listing', greenChannel: boolean) =>
  requiredMaterials(type, greenChannel).map((material) => ({ key: material.key, status: 'provided' }));

const actors: [string, Role, string?][] = [
  ['own hospital', 'hospital', 'hosp-a'],
  ['other hospital', 'hospital', 'hosp-b'],
  ['own firm', 'firm', 'firm-a'],
  ['other firm', 'firm', 'firm-b'],
  ['reviewer', 'reviewer'],
  ['pricing staff', 'pricing-staff'],
  ['admin', 'admin'],
  ['downstream', 'downstream'],
];

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  for (const [label, role, orgId] of actors) tokens[label] = await t.tokenFor(role, label, orgId);
  tokens['second reviewer'] = await t.tokenFor('reviewer', '第二审核人');
  tokens.officerB = await t.tokenFor('pricing-staff', '李强');
  tokens.terminated = await t.tokenFor('hospital', '被解除协议的定点医疗机构', 'hosp-terminated-example');
});

async function create(path: 'service' | 'listing', token: string, payload: unknown, materials: unknown, headers: Record<string, string> = {}) {
  return t.call('POST', `/v1/${path}-applications`, { token, body: { payload, materials }, headers });
}

/** A step on a versioned resource (`resource` is its path), with the ETag the same caller just read, as the console sends it. */
async function act(resource: string, action: string, token: string, body: unknown = {}) {
  const etag = (await t.call('GET', resource, { token })).headers.get('etag');
  return t.call('POST', `${resource}/${action}`, { token, body, headers: etag ? { 'If-Match': etag } : {} });
}

describe('the access matrix: every role × every action × own and other organisation', () => {
  const ids: Record<'service' | 'listing', string> = { service: '', listing: '' };
  beforeAll(async () => {
    ids.service = (await create('service', tokens['own hospital'] as string, servicePayload(true), provided('service', true))).body.application.id;
    ids.listing = (await create('listing', tokens['own firm'] as string, listingPayload, provided('listing', true))).body.application.id;
  });

  const applicant = { service: 'own hospital', listing: 'own firm' } as const;
  const otherOrg = { service: ['other hospital', 'own firm', 'other firm'], listing: ['other firm', 'own hospital', 'other hospital'] } as const;

  it.each(['service', 'listing'] as const)('lets nobody outside the organisation read, list or act on a %s application (404, no data)', async (type) => {
    const id = ids[type];
    for (const label of otherOrg[type]) {
      const token = tokens[label] as string;
      const read = await t.call('GET', `/v1/${type}-applications/${id}`, { token });
      expect(read.status, `${label} reads`).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain(type === 'service' ? '新型冠状病毒抗体检测' : '奈玛特韦');
      const list = await t.call('GET', `/v1/${type}-applications`, { token });
      expect(list.status === 403 || list.body.items.every((item: { application: { id: string } }) => item.application.id !== id), `${label} lists`).toBe(true);
      for (const action of ApplicationAction.options) {
        const response = await t.call('POST', `/v1/${type}-applications/${id}/${action}`, { token, body: {}, headers: { 'If-Match': '"v1"' } });
        expect(response.status, `${label} ${action}`).toBe(404);
        // Exactly what a missing application gets: nothing tells it exists, nothing of it shows.
        const missing = await t.call('POST', `/v1/${type}-applications/no-such-id/${action}`, { token, body: {}, headers: { 'If-Match': '"v1"' } });
        expect({ ...response.body, detail: undefined, instance: undefined }).toEqual({ ...missing.body, detail: undefined, instance: undefined });
        expect(response.body).not.toHaveProperty('application');
      }
    }
  });

  it.each(['service', 'listing'] as const)('gives each role only its own steps on a %s application', async (type) => {
    const id = ids[type];
    const applicantActions = new Set(['edit', 'submit', 'withdraw', 'supply-supplement', 'supply-material', 'request-reconsideration']);
    for (const label of [applicant[type], 'reviewer', 'pricing staff', 'admin', 'downstream']) {
      const token = tokens[label] as string;
      const read = await t.call('GET', `/v1/${type}-applications/${id}`, { token });
      expect(read.status, `${label} reads`).toBe(label === 'downstream' ? 403 : 200);
      for (const action of ApplicationAction.options) {
        if (action === 'submit' || action === 'withdraw') continue; // would move the draft on; covered below
        const response = await act(`/v1/${type}-applications/${id}`, action, token);
        const mayAct = (label === applicant[type] && applicantActions.has(action)) || (label === 'reviewer' && !applicantActions.has(action));
        if (mayAct) expect([200, 400, 409, 422], `${label} ${action}: ${response.status}`).toContain(response.status);
        else expect(response.status, `${label} ${action}`).toBe(403);
      }
    }
  });

  it('refuses to let a hospital start a listing application or a firm a service one', async () => {
    expect((await create('listing', tokens['own hospital'] as string, listingPayload, [])).status).toBe(403);
    expect((await create('service', tokens['own firm'] as string, servicePayload(false), [])).status).toBe(403);
    expect((await create('service', tokens.reviewer as string, servicePayload(false), [])).status).toBe(403);
  });
});

describe('bad input', () => {
  it('names the failing payload field and material, and creates nothing', async () => {
    const count = async () => (await t.call('GET', '/v1/service-applications', { token: tokens['own hospital'] })).body.items.length;
    const before = await count();
    const response = await create('service', tokens['own hospital'] as string, { ...servicePayload(true), priceFen: 12.5 }, [
      { key: 'cost-calculation', status: 'deferred' },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'materials.0.commitment',
      'materials.0.dueDate',
      'payload.priceFen',
    ]);
    const noReason = await create('service', tokens['own hospital'] as string, { ...servicePayload(true), greenChannelReason: undefined }, []);
    expect(noReason.body.errors).toEqual([
      { path: 'payload.greenChannelReason', in: 'body', code: 'green_channel_reason_required', message: expect.stringContaining('2022 No.13 §3') },
    ]);
    expect(await count()).toBe(before);
  });
});

describe('deadlines', () => {
  it('makes a green-channel application due earlier than a normal one submitted at the same time, both skipping the Spring Festival', async () => {
    t.clock.set('2022-01-28T10:00:00+08:00');
    const due: Record<string, string> = {};
    for (const green of [true, false]) {
      const created = await create(
        'service',
        tokens['own hospital'] as string,
        servicePayload(green, green ? '250403100090002' : '250403100090003'),
        provided('service', green),
      );
      const submitted = await act(`/v1/service-applications/${created.body.application.id}`, 'submit', tokens['own hospital'] as string);
      expect(submitted.status).toBe(200);
      due[String(green)] = submitted.body.application.dueAt;
    }
    expect(due.true).toBe('2022-02-10T00:00:00+08:00'); // 5 working days: Jan 29, 30 (make-up), Feb 7, 8, 9
    expect(due.false).toBe('2022-03-03T00:00:00+08:00');
    expect(Date.parse(due.true as string)).toBeLessThan(Date.parse(due.false as string));
    t.clock.set('2026-11-23T10:00:00+08:00');
  });
});

describe('materials and terminations', () => {
  it('refuses to defer a critical material, naming it (2020 No.2 §2(7))', async () => {
    const materials = provided('service', false).map((material) =>
      material.key === 'cost-calculation'
        ? { key: 'cost-calculation', status: 'deferred', commitment: '承诺五个工作日内补交', dueDate: '2027-01-10' }
        : material,
    );
    const created = await create('service', tokens['own hospital'] as string, servicePayload(false, '250403100090004'), materials);
    const submitted = await act(`/v1/service-applications/${created.body.application.id}`, 'submit', tokens['own hospital'] as string);
    expect(submitted.status).toBe(422);
    expect(submitted.body.refusal).toMatchObject({ code: 'critical-material-deferred', material: 'cost-calculation' });
    expect(submitted.body.detail).toContain('项目成本测算表');
  });

  it('2020 No.2 §2(7): accepts a critical material declared unavailable and tells the applicant what reviewing on the materials at hand means', async () => {
    const materials = provided('service', false).map((material) =>
      material.key === 'cost-calculation'
        ? { key: 'cost-calculation', status: 'unavailable', explanation: '成本核算系统受疫情影响停用，无法出具', consentToReviewOnMaterialsAtHand: true }
        : material,
    );
    const created = await create('service', tokens['own hospital'] as string, servicePayload(false, '250403100090013'), materials);
    expect(created.body.reviewOnMaterialsAtHand).toEqual({
      materials: [{ key: 'cost-calculation', name: '项目成本测算表' }],
      meaning: expect.stringContaining('审核只依据您已提交的材料进行'),
    });
    const submitted = await act(`/v1/service-applications/${created.body.application.id}`, 'submit', tokens['own hospital'] as string);
    expect(submitted.status).toBe(200);
    expect(submitted.body.application.state).toBe('submitted');
    expect(submitted.body.reviewOnMaterialsAtHand.meaning).toContain('认同依据现有材料作出的审核结果');
  });

  it('2020 No.2 §3: refuses a green-channel submission from the seeded terminated institution, naming the termination', async () => {
    const created = await create('service', tokens.terminated as string, servicePayload(true, '250403100090011'), provided('service', true));
    const submitted = await act(`/v1/service-applications/${created.body.application.id}`, 'submit', tokens.terminated as string);
    expect(submitted.status).toBe(422);
    expect(submitted.body.refusal).toMatchObject({
      code: 'agreement-terminated',
      termination: { orgId: 'hosp-terminated-example', terminatedAt: '2020-03-02T10:00:00+08:00' },
    });
    expect(submitted.body.detail).toContain('哄抬');
  });

  it('2020 No.2 §3: lets the terminated institution submit on the normal path', async () => {
    const created = await create('service', tokens.terminated as string, servicePayload(false, '250403100090012'), provided('service', false));
    const submitted = await act(`/v1/service-applications/${created.body.application.id}`, 'submit', tokens.terminated as string);
    expect(submitted.status).toBe(200);
    expect(submitted.body.application.state).toBe('submitted');
  });
});

describe('from application to published catalog entry', () => {
  it('turns an approved green-channel application into a draft change set that, once published, downstream systems read', async () => {
    const materials = provided('service', true).map((material) =>
      material.key === 'regional-price-reference'
        ? { key: 'regional-price-reference', status: 'deferred', commitment: '承诺补交外省价格参考', dueDate: '2026-12-31' }
        : material,
    );
    const hospital = tokens['own hospital'] as string;
    const reviewer = tokens.reviewer as string;
    const created = await create('service', hospital, servicePayload(true, '250403100090009'), materials);
    const id = created.body.application.id as string;
    for (const [token, action, body] of [
      [hospital, 'submit', {}],
      [reviewer, 'accept', {}],
      [reviewer, 'start-review', {}],
      [hospital, 'supply-material', { materials: ['regional-price-reference'] }],
      [reviewer, 'approve', { reason: '同意', validFrom: '2027-01-01T00:00:00+08:00' }],
    ] as const) {
      const response = await act(`/v1/service-applications/${id}`, action, token, body);
      expect(response.status, `${action}: ${JSON.stringify(response.body)}`).toBe(200);
      if (action === 'approve')
        expect(response.body.changeSet).toMatchObject({
          state: 'draft',
          changeCount: 1,
          author: { name: 'reviewer' },
          source: { applicationType: 'service', applicationId: id },
        });
    }
    const application = (await t.call('GET', `/v1/service-applications/${id}`, { token: hospital })).body.application;
    expect(application.history.map((event: { action: string }) => event.action)).toEqual(['submit', 'accept', 'start-review', 'supply-material', 'approve']);
    expect(application.history[3]).toMatchObject({ action: 'supply-material', materials: ['regional-price-reference'], actor: { role: 'hospital' } });
    const changeSetId = application.changeSetId as string;
    expect((await act(`/v1/change-sets/${changeSetId}`, 'submit', reviewer, undefined)).status).toBe(200);
    expect((await act(`/v1/change-sets/${changeSetId}`, 'approve', tokens.officerB as string, undefined)).status).toBe(200);
    const published = await act(`/v1/change-sets/${changeSetId}`, 'publish', tokens.officerB as string, undefined);
    expect(published.status).toBe(200);
    const read = await t.call('GET', '/v1/catalog/price-items/250403100090009?on=2027-01-02', { token: tokens.downstream });
    expect(read.body).toMatchObject({ release: published.body.release.number, period: { attributes: { name: '新型冠状病毒抗体检测', priceFen: 2500 } } });
  });
});

describe('idempotent retries and concurrent steps', () => {
  it('creates nothing twice when a submission is retried with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'retry-1' };
    const first = await create('service', tokens['own hospital'] as string, servicePayload(false, '250403100090005'), [], headers);
    const retry = await create('service', tokens['own hospital'] as string, servicePayload(false, '250403100090005'), [], headers);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.application.id).toBe(first.body.application.id);
    const listed = await t.call('GET', '/v1/service-applications', { token: tokens['own hospital'] });
    expect(
      listed.body.items.filter((item: { application: { payload: { itemCode: string } } }) => item.application.payload.itemCode === '250403100090005'),
    ).toHaveLength(1);
    const misuse = await create('service', tokens['own hospital'] as string, servicePayload(true, '250403100090005'), [], headers);
    expect(misuse.status).toBe(422);
  });

  it('creates one draft when the same request is sent several times at once with one Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'concurrent-1' };
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => create('service', tokens['own hospital'] as string, servicePayload(false, '250403100090010'), [], headers)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.application.id)).size).toBe(1);
    const listed = await t.call('GET', '/v1/service-applications', { token: tokens['own hospital'] });
    expect(
      listed.body.items.filter((item: { application: { payload: { itemCode: string } } }) => item.application.payload.itemCode === '250403100090010'),
    ).toHaveLength(1);
  });

  it('lets one of two reviewers acting at once win; the other gets 409 or 412 and nothing is lost', async () => {
    const created = await create('service', tokens['own hospital'] as string, servicePayload(false, '250403100090006'), provided('service', false));
    const id = created.body.application.id as string;
    await act(`/v1/service-applications/${id}`, 'submit', tokens['own hospital'] as string);
    // Both reviewers looked at the same version, and act on it at once.
    const etag = (await t.call('GET', `/v1/service-applications/${id}`, { token: tokens.reviewer })).headers.get('etag') as string;
    const results = await Promise.all([
      t.call('POST', `/v1/service-applications/${id}/accept`, { token: tokens.reviewer, body: {}, headers: { 'If-Match': etag } }),
      t.call('POST', `/v1/service-applications/${id}/reject`, {
        token: tokens['second reviewer'],
        body: { reason: '材料不符' },
        headers: { 'If-Match': etag },
      }),
    ]);
    const [won, lost] = results.map((result) => result.status).sort();
    expect(won).toBe(200);
    expect([409, 412]).toContain(lost);
    const after = (await t.call('GET', `/v1/service-applications/${id}`, { token: tokens.reviewer })).body.application;
    expect(after.history).toHaveLength(2);
  });

  it('answers a stale If-Match with 412', async () => {
    const created = await create('service', tokens['own hospital'] as string, servicePayload(false, '250403100090007'), provided('service', false));
    const response = await t.call('POST', `/v1/service-applications/${created.body.application.id}/submit`, {
      token: tokens['own hospital'],
      body: {},
      headers: { 'If-Match': '"v9"' },
    });
    expect(response.status).toBe(412);
  });
});

describe('the hourly job', () => {
  it('marks overdue applications and deferred materials past their date, once, with an injected clock', async () => {
    t.clock.set('2026-11-23T10:00:00+08:00');
    const materials = provided('service', false).map((material) =>
      material.key === 'device-registration' ? { key: 'device-registration', status: 'deferred', commitment: '承诺补交', dueDate: '2026-11-30' } : material,
    );
    const created = await create('service', tokens['own hospital'] as string, servicePayload(false, '250403100090008'), materials);
    const id = created.body.application.id as string;
    const submitted = await act(`/v1/service-applications/${id}`, 'submit', tokens['own hospital'] as string);
    const dueAt = submitted.body.application.dueAt as string;

    expect((await markOverdue(t.store, new Date('2026-11-25T00:00:00+08:00'))).overdue).not.toContain(id);
    const past = await markOverdue(t.store, new Date('2026-12-01T00:00:00+08:00'));
    expect(past.materialsPastDue).toContain(id);
    expect(past.overdue).not.toContain(id);
    const late = await markOverdue(t.store, new Date(dueAt));
    expect(late.overdue).toContain(id);
    expect((await markOverdue(t.store, new Date(Date.parse(dueAt) + 3_600_000))).overdue).not.toContain(id);

    t.clock.set(dueAt);
    const inbox = await t.call('GET', '/v1/service-applications?overdue=true', { token: tokens.reviewer });
    const item = inbox.body.items.find((entry: { application: { id: string } }) => entry.application.id === id);
    expect(item).toMatchObject({
      overdue: true,
      materialsPastDue: ['device-registration'],
      application: { marks: { overdueSince: dueAt, materialsPastDue: ['device-registration'] } },
    });
    t.clock.set('2026-11-23T10:00:00+08:00');
  });
});

describe('eligibility, asked before the form', () => {
  it('tells a terminated institution the green channel and designation are closed, and others that all is open', async () => {
    const terminated = await t.call('GET', '/v1/service-applications/eligibility', { token: tokens.terminated });
    expect(terminated.status).toBe(200);
    expect(terminated.body).toMatchObject({ greenChannel: false, apply: true, termination: { orgId: 'hosp-terminated-example' } });
    const designation = await t.call('GET', '/v1/designation-applications/eligibility', { token: tokens.terminated });
    expect(designation.body).toMatchObject({ greenChannel: false, apply: false });
    expect((await t.call('GET', '/v1/service-applications/eligibility', { token: tokens['own hospital'] })).body).toEqual({ greenChannel: true, apply: true });
    expect((await t.call('GET', '/v1/service-applications/eligibility', { token: tokens.reviewer })).status).toBe(403);
  });
});
