import { beforeAll, describe, expect, it } from 'vitest';
import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import { servicePayload } from '../support/applications.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 14 §5: the inbox in numbers — open, due within two working days, overdue — counted on the index.
let t: TestApp;
let hospital: string;
let reviewer: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  hospital = await t.tokenFor('hospital', '刘医生', 'hosp-a');
  reviewer = await t.tokenFor('reviewer', '赵敏');
});

async function submitted(code: string): Promise<string> {
  const materials = requiredMaterials('service', false).map((material) => ({ key: material.key, status: 'provided' }));
  const created = await t.call('POST', '/v1/service-applications', { token: hospital, body: { payload: servicePayload({ itemCode: code }), materials } });
  const resource = `/v1/service-applications/${created.body.application.id}`;
  const etag = (await t.call('GET', resource, { token: hospital })).headers.get('etag') as string;
  const answer = await t.call('POST', `${resource}/submit`, { token: hospital, body: {}, headers: { 'If-Match': etag } });
  return answer.body.application.dueAt as string;
}

describe('the inbox counters', () => {
  it('counts what the bureau owes, what is due soon and what is overdue, as time passes', async () => {
    t.clock.set('2026-11-23T10:00:00+08:00');
    const dueAt = await submitted('250403100090021');
    await submitted('250403100090022');
    const now = await t.call('GET', '/v1/service-applications/counters', { token: reviewer });
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ open: 2, overdue: 0 });
    t.clock.set(new Date(Date.parse(dueAt) - 3_600_000).toISOString());
    expect((await t.call('GET', '/v1/service-applications/counters', { token: reviewer })).body).toMatchObject({ open: 2, dueSoon: 2, overdue: 0 });
    t.clock.set(new Date(Date.parse(dueAt) + 3_600_000).toISOString());
    expect((await t.call('GET', '/v1/service-applications/counters', { token: reviewer })).body).toMatchObject({ open: 2, dueSoon: 0, overdue: 2 });
    expect((await t.call('GET', '/v1/listing-applications/counters', { token: reviewer })).body).toMatchObject({ open: 0, dueSoon: 0, overdue: 0 });
  });

  it('are the bureau’s only', async () => {
    expect((await t.call('GET', '/v1/service-applications/counters', { token: hospital })).status).toBe(403);
  });
});
