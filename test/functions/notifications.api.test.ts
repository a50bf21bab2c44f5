import { beforeAll, describe, expect, it } from 'vitest';
import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import { markOverdue } from '../../functions/jobs/mark-overdue.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';
import { servicePayload } from '../support/applications.ts';

// Issue 14 §3: people are told in the console — the hospital of steps on its application, the
// reviewers of deadlines, the author of a change set's approval — and nobody else is.
let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  tokens.hospital = await t.tokenFor('hospital', '刘医生', 'hosp-a');
  tokens.colleague = await t.tokenFor('hospital', '张护士', 'hosp-a');
  tokens.other = await t.tokenFor('hospital', '孙医生', 'hosp-b');
  tokens.reviewer = await t.tokenFor('reviewer', '赵敏');
  tokens.author = await t.tokenFor('pricing-staff', '王芳');
  tokens.approver = await t.tokenFor('pricing-staff', '李强');
});

async function act(resource: string, action: string, token: string, body: unknown = {}) {
  const etag = (await t.call('GET', resource, { token })).headers.get('etag');
  return t.call('POST', `${resource}/${action}`, { token, body, headers: etag ? { 'If-Match': etag } : {} });
}

const notifications = async (token: string, query = '') => (await t.call('GET', `/v1/notifications${query}`, { token })).body;

async function submittedApplication(code: string) {
  const materials = requiredMaterials('service', false).map((material) => ({ key: material.key, status: 'provided' }));
  const created = await t.call('POST', '/v1/service-applications', {
    token: tokens.hospital,
    body: { payload: servicePayload({ itemCode: code }), materials },
  });
  const resource = `/v1/service-applications/${created.body.application.id}`;
  const submitted = await act(resource, 'submit', tokens.hospital as string);
  expect(submitted.status).toBe(200);
  return { resource, id: created.body.application.id as string, dueAt: submitted.body.application.dueAt as string };
}

describe('notifications', () => {
  it('tells the hospital’s people of a supplement request, not other hospitals, and not of its own submit', async () => {
    const before = (await notifications(tokens.hospital as string)).unread as number;
    const { resource, id } = await submittedApplication('250403100090011');
    expect((await notifications(tokens.hospital as string)).unread).toBe(before);
    const asked = await act(resource, 'request-supplement', tokens.reviewer as string, { reason: '请补交检测报告' });
    expect(asked.status).toBe(200);

    for (const token of [tokens.hospital, tokens.colleague] as string[]) {
      const page = await notifications(token);
      expect(page.unread).toBe(before + 1);
      expect(page.items[0]).toMatchObject({ kind: 'supplement-requested', read: false, params: { applicationId: id, to: 'supplement-requested' } });
    }
    const other = await notifications(tokens.other as string);
    expect(other.items.filter((item: { params: { applicationId?: string } }) => item.params.applicationId === id)).toEqual([]);
  });

  it('marks read one by one or all at once, per person', async () => {
    const page = await notifications(tokens.hospital as string);
    const first = page.items[0];
    const marked = await t.call('POST', '/v1/notifications/read', { token: tokens.hospital, body: { ids: [first.id] } });
    expect(marked.body.unread).toBe(page.unread - 1);
    expect((await notifications(tokens.hospital as string)).items[0]).toMatchObject({ id: first.id, read: true });
    // A colleague's read state is their own.
    expect((await notifications(tokens.colleague as string)).items[0].read).toBe(false);
    const all = await t.call('POST', '/v1/notifications/read', { token: tokens.colleague, body: { all: true } });
    expect(all.body).toEqual({ unread: 0 });
    expect((await t.call('GET', '/v1/notifications/unread', { token: tokens.colleague })).body).toEqual({ unread: 0 });
  });

  it('refuses bad requests with the field path, and machines', async () => {
    const bad = await t.call('POST', '/v1/notifications/read', { token: tokens.hospital, body: { ids: [] } });
    expect(bad.status).toBe(400);
    const cursor = await t.call('GET', '/v1/notifications?cursor=not-ours', { token: tokens.hospital });
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0]).toMatchObject({ path: 'cursor', code: 'invalid_cursor' });
    const machine = await t.tokenFor('downstream', '结算系统');
    expect((await t.call('GET', '/v1/notifications', { token: machine })).status).toBe(403);
  });

  it('pages older notifications with a cursor', async () => {
    for (const code of ['250403100090012', '250403100090013']) {
      const { resource } = await submittedApplication(code);
      await act(resource, 'request-supplement', tokens.reviewer as string, { reason: '请补交' });
    }
    const first = await notifications(tokens.hospital as string, '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await notifications(tokens.hospital as string, `?limit=2&cursor=${first.cursor}`);
    expect(second.items.length).toBeGreaterThan(0);
    const ids = [...first.items, ...second.items].map((item: { id: string }) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells reviewers of work due within two working days and of work overdue, once each', async () => {
    const { id, dueAt } = await submittedApplication('250403100090014');
    const dayBefore = new Date(Date.parse(dueAt) - 24 * 3_600_000);
    const soon = await markOverdue(t.store, dayBefore);
    expect(soon.dueSoon).toContain(id);
    await markOverdue(t.store, dayBefore);
    await markOverdue(t.store, new Date(Date.parse(dueAt) + 3_600_000));
    await markOverdue(t.store, new Date(Date.parse(dueAt) + 7_200_000));
    const told = (await notifications(tokens.reviewer as string, '?limit=100')).items.filter(
      (item: { params: { applicationId?: string } }) => item.params.applicationId === id,
    );
    expect(told.map((item: { kind: string }) => item.kind).sort()).toEqual(['deadline-soon', 'overdue']);
    expect((await notifications(tokens.hospital as string, '?limit=100')).items.some((item: { kind: string }) => item.kind === 'overdue')).toBe(false);
  });

  it('tells the author of a change set when it is approved', async () => {
    const created = await t.call('POST', '/v1/change-sets', { token: tokens.author, body: { title: '通知测试' } });
    const resource = `/v1/change-sets/${created.body.id}`;
    const change = {
      kind: 'price-items',
      code: '250403100099901',
      op: 'set',
      validFrom: '2027-01-01T00:00:00+08:00',
      attributes: { name: '通知测试项目', unit: '次', category: '检验', priceFen: 1000 },
    };
    await t.call('POST', `${resource}/changes`, {
      token: tokens.author,
      body: { changes: [change] },
      headers: { 'If-Match': created.headers.get('etag') as string },
    });
    expect((await act(resource, 'submit', tokens.author as string)).status).toBe(200);
    expect((await act(resource, 'approve', tokens.approver as string, { acknowledge: [] })).status).toBe(200);
    const page = await notifications(tokens.author as string);
    expect(page.items[0]).toMatchObject({ kind: 'change-set-approved', params: { changeSetId: created.body.id, title: '通知测试' } });
    expect((await notifications(tokens.approver as string)).items.some((item: { kind: string }) => item.kind === 'change-set-approved')).toBe(false);
  });
});

describe('notifications under concurrency', () => {
  it('tells an event once however many jobs tell it at the same time', async () => {
    const notification = {
      id: 'overdue-service-race-2026-12-01T00:00:00.000Z',
      kind: 'overdue' as const,
      at: '2026-12-01T00:00:00.000Z',
      audience: 'role:reviewer',
      params: { applicationType: 'service', applicationId: 'race', itemName: '并发测试' },
    };
    await Promise.all(Array.from({ length: 6 }, () => t.store.notifications.tell(notification)));
    await Promise.all(Array.from({ length: 3 }, () => t.store.notifications.tell({ ...notification, at: '2026-12-01T01:00:00.000Z' })));
    const told = (await notifications(tokens.reviewer as string, '?limit=100')).items.filter((item: { id: string }) => item.id === notification.id);
    expect(told).toHaveLength(1);
  });

  it('loses neither of two marks made at the same time (two tabs)', async () => {
    const page = await notifications(tokens.hospital as string, '?limit=100');
    const unread = page.items.filter((item: { read: boolean }) => !item.read).slice(0, 2);
    expect(unread).toHaveLength(2);
    await Promise.all(unread.map((item: { id: string }) => t.call('POST', '/v1/notifications/read', { token: tokens.hospital, body: { ids: [item.id] } })));
    const after = await notifications(tokens.hospital as string, '?limit=100');
    for (const item of unread) expect(after.items.find((candidate: { id: string }) => candidate.id === item.id)?.read).toBe(true);
  });
});
