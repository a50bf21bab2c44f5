import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserDirectory } from '../../functions/http/user-directory.ts';
import { LocalAccounts } from '../../functions/local/oidc/accounts.ts';
import { demoUsers } from '../../functions/local/oidc/demo-users.ts';
import { seedOrganisations } from '../../functions/local/organisation-seed.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 10 §7: an admin lists people with their role and organisation and moves a hospital's or
// firm's user to another organisation; every change is recorded (who, when, before → after).
describe('roles and organisations (the local provider’s accounts)', () => {
  let t: TestApp;
  let admin: string;
  let directory: string;
  let accounts: LocalAccounts;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'gc-accounts-'));
    accounts = new LocalAccounts(demoUsers, path.join(directory, 'accounts.json'));
    t = await startTestApp({ userDirectory: accounts });
    admin = await t.tokenFor('admin', '系统管理员');
    await seedOrganisations(t.store, new Date());
    expect((await t.call('PUT', '/v1/organisations/firm-other', { token: admin, body: { name: '另一医药有限公司', type: 'firm' } })).status).toBe(201);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('lists every person with role and organisation, not the downstream system', async () => {
    const { status, body } = await t.call('GET', '/v1/users', { token: admin });
    expect(status).toBe(200);
    const byName = new Map(body.items.map((user: { username: string }) => [user.username, user]));
    expect(byName.get('hospital')).toEqual({ username: 'hospital', sub: 'hospital', name: '刘医生', role: 'hospital', orgId: 'hosp-jdyy', enabled: true });
    expect(byName.get('pricing-a')).toMatchObject({ role: 'pricing-staff' });
    expect(byName.get('pricing-a')).not.toHaveProperty('orgId');
    expect(byName.has('gc-demo-his')).toBe(false);
  });

  it('moves a hospital user to another organisation, records who, when, before → after and why, and keeps it across a restart', async () => {
    t.clock.set('2026-11-30T09:15:00+08:00');
    const moved = await t.call('PUT', '/v1/users/hospital-b/organisation', { token: admin, body: { orgId: 'hosp-jdyy', reason: '调入吉大一院' } });
    expect(moved.status).toBe(200);
    expect(moved.body.user).toMatchObject({ username: 'hospital-b', orgId: 'hosp-jdyy' });
    expect(moved.body.change).toEqual({
      username: 'hospital-b',
      before: 'hosp-cczx',
      after: 'hosp-jdyy',
      reason: '调入吉大一院',
      by: { sub: 'dev:admin:-:系统管理员', name: '系统管理员' },
      at: '2026-11-30T09:15:00+08:00',
    });
    const { body: log } = await t.call('GET', '/v1/organisation-changes', { token: admin });
    expect(log.items).toEqual([moved.body.change]);
    // The provider's claims for the user's next token, and a restart, read the new organisation.
    expect(accounts.user('hospital-b')).toMatchObject({ orgId: 'hosp-jdyy', orgName: '吉林大学第一医院' });
    expect(new LocalAccounts(demoUsers, path.join(directory, 'accounts.json')).user('hospital-b')?.orgId).toBe('hosp-jdyy');
  });

  it('pages the record newest first, and refuses a cursor it did not give out', async () => {
    t.clock.set('2026-11-30T10:00:00+08:00');
    await t.call('PUT', '/v1/users/firm/organisation', { token: admin, body: { orgId: 'firm-other', reason: '企业更名' } });
    const first = await t.call('GET', '/v1/organisation-changes?limit=1', { token: admin });
    expect(first.body.items.map((change: { username: string }) => change.username)).toEqual(['firm']);
    const second = await t.call('GET', `/v1/organisation-changes?limit=1&cursor=${first.body.cursor}`, { token: admin });
    expect(second.body.items.map((change: { username: string }) => change.username)).toEqual(['hospital-b']);
    const forged = await t.call('GET', `/v1/organisation-changes?cursor=${Buffer.from('x').toString('base64url')}`, { token: admin });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0]).toMatchObject({ path: 'cursor', in: 'query' });
  });

  it.each([
    ['pricing-staff', 'pricing-a', undefined],
    ['reviewer', 'reviewer', undefined],
    ['hospital', 'hospital', 'hosp-jdyy'],
    ['firm', 'firm', 'firm-demo'],
  ] as const)('refuses a %s: no user list, and it cannot change its own organisation', async (role, username, orgId) => {
    const token = await t.tokenFor(role, username, orgId);
    expect((await t.call('GET', '/v1/users', { token })).status).toBe(403);
    expect((await t.call('GET', '/v1/organisation-changes', { token })).status).toBe(403);
    const own = await t.call('PUT', `/v1/users/${username}/organisation`, { token, body: { orgId: 'hosp-cczx', reason: '自己改' } });
    expect(own.status).toBe(403);
  });

  it('refuses an organisation for staff (409 naming orgId), a malformed code (400 naming orgId), an unknown user (404)', async () => {
    const staff = await t.call('PUT', '/v1/users/pricing-a/organisation', { token: admin, body: { orgId: 'hosp-jdyy', reason: '误操作' } });
    expect(staff.status).toBe(409);
    expect(staff.body.errors[0]).toMatchObject({ path: 'orgId' });
    const malformed = await t.call('PUT', '/v1/users/hospital/organisation', { token: admin, body: { orgId: 'hosp jdyy!', reason: '格式' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toMatchObject({ path: 'orgId', in: 'body' });
    const extra = await t.call('PUT', '/v1/users/hospital/organisation', { token: admin, body: { orgId: 'hosp-x1', reason: '格式', role: 'admin' } });
    expect(extra.status).toBe(400);
    expect((await t.call('PUT', '/v1/users/nobody/organisation', { token: admin, body: { orgId: 'hosp-x1', reason: '无此人' } })).status).toBe(404);
  });

  it('refuses an organisation the registry does not know, or of another kind than the user (409 naming orgId)', async () => {
    const unknown = await t.call('PUT', '/v1/users/hospital/organisation', { token: admin, body: { orgId: 'hosp-typo', reason: '调动' } });
    expect(unknown.status).toBe(409);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'orgId', code: 'organisation_unknown', params: { orgId: 'hosp-typo' } });
    const firm = await t.call('PUT', '/v1/users/hospital/organisation', { token: admin, body: { orgId: 'firm-demo', reason: '调动' } });
    expect(firm.body.errors[0]).toMatchObject({ path: 'orgId', code: 'organisation_other_type' });
    expect((await t.call('GET', '/v1/organisation-changes', { token: admin })).body.items.map((change: { after: string }) => change.after)).not.toContain(
      'hosp-typo',
    );
  });
});

describe('a change the provider refuses', () => {
  it('is taken back from the record: nothing recorded that did not happen', async () => {
    const accounts = new LocalAccounts(demoUsers);
    const failing: UserDirectory = {
      list: () => accounts.list(),
      get: (username) => accounts.get(username),
      bySub: (sub) => accounts.bySub(sub),
      setOrganisation: () => Promise.reject(new Error('the provider is down')),
    };
    const t = await startTestApp({ userDirectory: failing });
    const admin = await t.tokenFor('admin', '系统管理员');
    await seedOrganisations(t.store, new Date());
    const refused = await t.call('PUT', '/v1/users/hospital/organisation', { token: admin, body: { orgId: 'hosp-cczx', reason: '调动' } });
    expect(refused.status).toBe(500);
    expect((await t.call('GET', '/v1/organisation-changes', { token: admin })).body.items).toEqual([]);
    expect((await t.call('GET', '/v1/users', { token: admin })).body.items.find((user: { username: string }) => user.username === 'hospital').orgId).toBe(
      'hosp-jdyy',
    );
  });
});
