import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import { lambdaAuth } from '../../functions/http/auth.ts';
import { cognitoClaimNames } from '../../functions/http/claims.ts';
import { cognitoUserDirectory } from '../../functions/handlers/cognito-user-directory.ts';
import { seedOrganisations } from '../../functions/local/organisation-seed.ts';
import type { Store } from '../../functions/store/store.ts';
import { createTestStore, fixedClock } from '../support/fixtures.ts';

// AWS cannot be reached here: Cognito's API is the SDK's client mock; the store, the app and the
// Lambda auth path are real. The local provider's path is tested in users.api.test.ts.
const cognito = mockClient(CognitoIdentityProviderClient);
const userPoolId = 'ap-northeast-1_Example';
const attributes = (values: Record<string, string>) => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));

describe('roles and organisations with Cognito (the AWS path)', () => {
  let app: ReturnType<typeof createApp>;
  let stored: Store;
  const call = async (method: string, path: string, claims: Record<string, string>, body?: unknown) => {
    const event = { requestContext: { authorizer: { jwt: { claims } } } };
    const init = { method, ...(body ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}) };
    const response = await app.request(path, init, { event });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  };
  const admin = { sub: 'a1', 'cognito:username': 'admin@bureau', name: '系统管理员', 'cognito:groups': '[admin]' };

  beforeAll(async () => {
    const store = await createTestStore();
    stored = store;
    await seedOrganisations(store, new Date());
    // Two pages of users, and group members across two pages: the directory reads every page.
    cognito.on(ListUsersCommand).callsFake((input: { PaginationToken?: string; Filter?: string }) =>
      input.Filter !== undefined
        ? {
            Users:
              input.Filter === 'sub = "liu-sub"'
                ? [{ Username: 'liu', Enabled: true, Attributes: attributes({ sub: 'liu-sub', name: '刘医生', 'custom:orgId': 'hosp-jdyy' }) }]
                : [],
          }
        : input.PaginationToken === undefined
          ? {
              Users: [{ Username: 'liu', Enabled: true, Attributes: attributes({ name: '刘医生', email: 'liu@jdyy.example', 'custom:orgId': 'hosp-jdyy' }) }],
              PaginationToken: 'page-2',
            }
          : {
              Users: [
                { Username: 'wang', Enabled: true, Attributes: attributes({ name: '王芳' }) },
                { Username: 'nobody', Enabled: false, Attributes: [] },
              ],
            },
    );
    cognito.on(ListUsersInGroupCommand).callsFake((input: { GroupName: string; NextToken?: string }) => {
      if (input.GroupName === 'hospital') return { Users: [{ Username: 'liu' }] };
      if (input.GroupName === 'pricing-staff') return input.NextToken ? { Users: [{ Username: 'wang' }] } : { Users: [], NextToken: 'more' };
      return { Users: [] };
    });
    cognito
      .on(AdminGetUserCommand, { Username: 'liu' })
      .resolves({ Username: 'liu', Enabled: true, UserAttributes: attributes({ sub: 'liu-sub', name: '刘医生', 'custom:orgId': 'hosp-jdyy' }) });
    cognito.on(AdminGetUserCommand, { Username: 'ghost' }).rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'hospital' }] });
    cognito.on(AdminUpdateUserAttributesCommand).resolves({});
    app = createApp({
      store,
      clock: fixedClock('2026-11-30T11:00:00+08:00'),
      auth: lambdaAuth(cognitoClaimNames),
      userDirectory: cognitoUserDirectory({ userPoolId, client: new CognitoIdentityProviderClient({ region: 'ap-northeast-1' }) }),
    });
  });

  afterAll(() => cognito.restore());

  it('finds a person by the sub their tokens carry (ListUsers filtered by sub), for the mail job', async () => {
    const directory = cognitoUserDirectory({ userPoolId, client: new CognitoIdentityProviderClient({ region: 'ap-northeast-1' }) });
    expect(await directory.bySub('liu-sub')).toEqual({ username: 'liu', sub: 'liu-sub', name: '刘医生', role: 'hospital', orgId: 'hosp-jdyy', enabled: true });
    expect(await directory.bySub('nobody-sub')).toBeUndefined();
    // Nothing but a sub's characters reaches the filter.
    const calls = cognito.commandCalls(ListUsersCommand).length;
    expect(await directory.bySub('x" or name = "y')).toBeUndefined();
    expect(cognito.commandCalls(ListUsersCommand).length).toBe(calls);
  });

  it('lists the pool’s people with their group as role and custom:orgId as organisation', async () => {
    const { status, body } = await call('GET', '/v1/users', admin);
    expect(status).toBe(200);
    expect(body?.items).toEqual([
      { username: 'liu', name: '刘医生', role: 'hospital', orgId: 'hosp-jdyy', email: 'liu@jdyy.example', enabled: true },
      { username: 'nobody', name: 'nobody', enabled: false },
      { username: 'wang', name: '王芳', role: 'pricing-staff', enabled: true },
    ]);
  });

  it('sets custom:orgId with AdminUpdateUserAttributes and records the change, and stops their mail', async () => {
    // The person had mail on under their old organisation (their token's sub is Cognito's `sub` attribute).
    const now = new Date('2026-11-30T02:00:00Z');
    const code = {
      id: 'liu-sub:code:test',
      to: 'liu@jdyy.example',
      subject: '验证码',
      text: '-',
      queuedAt: now.toISOString(),
      status: 'queued' as const,
      attempts: 0,
    };
    await stored.email.start('liu-sub', { address: 'liu@jdyy.example', audiences: ['user:liu-sub', 'org:hosp-jdyy'], codeDigest: 'd', now, mail: code });
    await stored.email.confirm('liu-sub', 'd', now);
    const moved = await call('PUT', '/v1/users/liu/organisation', admin, { orgId: 'hosp-cczx', reason: '调动' });
    expect(moved.status).toBe(200);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input).toEqual({
      UserPoolId: userPoolId,
      Username: 'liu',
      UserAttributes: [{ Name: 'custom:orgId', Value: 'hosp-cczx' }],
    });
    const log = await call('GET', '/v1/organisation-changes', admin);
    expect(log.body?.items).toEqual([
      { username: 'liu', before: 'hosp-jdyy', after: 'hosp-cczx', reason: '调动', by: { sub: 'a1', name: '系统管理员' }, at: '2026-11-30T11:00:00+08:00' },
    ]);
    expect((await call('PUT', '/v1/users/ghost/organisation', admin, { orgId: 'hosp-cczx', reason: '调动' })).status).toBe(404);
    expect(await stored.email.preference('liu-sub')).toEqual({ state: 'none' });
  });

  it('refuses a hospital user changing its own organisation, whatever its token says', async () => {
    const hospital = { sub: 'liu', 'cognito:username': 'liu', 'cognito:groups': '[hospital]', 'custom:orgId': 'hosp-jdyy' };
    expect((await call('PUT', '/v1/users/liu/organisation', hospital, { orgId: 'hosp-cczx', reason: '自己改' })).status).toBe(403);
  });
});
