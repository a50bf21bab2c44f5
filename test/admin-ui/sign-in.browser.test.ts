import { createHash } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servicePayload } from '../support/applications.ts';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

/** What the browser sent to the provider and the API, in order. */
interface Seen {
  url: URL;
  method: string;
  body: URLSearchParams;
  authorization: string | undefined;
}

function watch(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.on('request', (request: Request) => {
    seen.push({
      url: new URL(request.url()),
      method: request.method(),
      body: new URLSearchParams(request.postData() ?? ''),
      authorization: request.headers().authorization,
    });
  });
  return seen;
}

/** The provider's own sign-in page (not the console's): one button per demo user. */
const providerPage = 'form[action*="/interaction/"]';

interface RoleCase {
  username: string;
  name: string;
  role: string;
  orgId?: string;
  /** Through the console's one-click button (`login_hint`), or on the provider's page. */
  via: 'console' | 'provider';
  /** One thing the role may do. */
  act(page: Page): Promise<void>;
}

const roles: RoleCase[] = [
  {
    username: 'pricing-a',
    name: '王芳',
    role: 'pricing-staff',
    via: 'console',
    async act(page) {
      await page.click(byTestId('nav-price-items'));
      await page.click(`${byTestId('entry-row')}[data-code="250403100010000"] ${byTestId('entry-link')}`);
      await page.locator(byTestId('entry-name')).waitFor();
      await page.locator(byTestId('propose-change')).waitFor();
    },
  },
  {
    username: 'reviewer',
    name: '赵敏',
    role: 'reviewer',
    via: 'provider',
    async act(page) {
      await page.click(byTestId('nav-applications'));
      await page.locator(byTestId('applications-title')).waitFor();
      expect(await page.locator(byTestId('new-application')).count()).toBe(0);
    },
  },
  {
    username: 'hospital',
    name: '刘医生',
    role: 'hospital',
    orgId: 'hosp-jdyy',
    via: 'console',
    async act(page) {
      await page.click(byTestId('nav-applications'));
      await page.locator(byTestId('new-application')).waitFor();
    },
  },
  {
    username: 'firm',
    name: '陈经理',
    role: 'firm',
    orgId: 'firm-demo',
    via: 'provider',
    async act(page) {
      await page.click(byTestId('nav-applications'));
      await page.waitForURL(/#\/applications\/listing$/);
      await page.locator(byTestId('new-application')).waitFor();
    },
  },
  {
    username: 'gc-demo-his',
    name: '医院HIS同步',
    role: 'downstream',
    via: 'console',
    async act(page) {
      await page.click(byTestId('nav-releases'));
      await page.locator(byTestId('release-row')).first().waitFor();
      expect(await page.locator(byTestId('nav-change-sets')).count()).toBe(0);
    },
  },
  {
    username: 'admin',
    name: '系统管理员',
    role: 'admin',
    via: 'provider',
    async act(page) {
      await page.click(byTestId('nav-change-sets'));
      await page.locator(byTestId('change-sets-table')).waitFor();
      expect(await page.locator(byTestId('create-change-set')).count()).toBe(0);
    },
  },
];

const base64url = (text: string) => createHash('sha256').update(text).digest('base64url');

describe('the console signs people in at the OpenID Connect provider', () => {
  it('signs each role in with authorization code + PKCE, lets it do its work, and signs it out here and at the provider', {
    timeout: 120_000,
  }, async () => {
    const { page, server, pageErrors } = consoleSession();
    const seen = watch(page);
    await page.goto(`${server.baseUrl}/`);
    await page.locator(byTestId('sign-in')).waitFor();
    // The console asks nobody to type a role, a name or an organisation.
    expect(await page.locator('gc-sign-in input, gc-sign-in select').count()).toBe(0);

    for (const user of roles) {
      seen.length = 0;
      if (user.via === 'console') {
        await signInWithPreset(page, user.username, user.name);
      } else {
        await page.click(byTestId('sign-in'));
        await page.click(`${providerPage} button[value="${user.username}"]`);
        await page.locator(`${byTestId('signed-in-as')}[data-name="${user.name}"]`).waitFor();
      }

      // The authorization request: code flow, the console's public client, an S256 challenge.
      const authorization = seen.find((request) => request.url.href.startsWith(`${server.issuer}/auth?`));
      expect(authorization, `${user.username}: no authorization request`).toBeDefined();
      const query = authorization?.url.searchParams as URLSearchParams;
      expect(Object.fromEntries(query)).toMatchObject({
        client_id: 'gc-console',
        response_type: 'code',
        redirect_uri: `${server.baseUrl}/auth/callback`,
        code_challenge_method: 'S256',
        scope: 'openid profile',
      });
      expect(query.get('login_hint')).toBe(user.via === 'console' ? user.username : null);
      // The code went back to the callback route and was exchanged with the verifier of that challenge.
      expect(seen.some((request) => request.url.pathname === '/auth/callback' && request.url.searchParams.has('code'))).toBe(true);
      const exchange = seen.find((request) => request.url.href === `${server.issuer}/token` && request.body.get('grant_type') === 'authorization_code');
      expect(exchange?.body.get('client_id')).toBe('gc-console');
      expect(base64url(exchange?.body.get('code_verifier') ?? '')).toBe(query.get('code_challenge'));
      expect(exchange?.body.has('client_secret')).toBe(false);
      // Back on the console's own address, the code gone from it.
      expect(new URL(page.url()).search).toBe('');

      // Role and organisation come from the provider's token.
      const header = page.locator(byTestId('signed-in-as'));
      expect(await header.getAttribute('data-role')).toBe(user.role);
      expect(await header.getAttribute('data-org')).toBe(user.orgId ?? '');
      await user.act(page);
      // The API was called with the provider's access token.
      const apiCall = seen.find((request) => request.url.pathname.startsWith('/v1/') && request.authorization);
      expect(apiCall?.authorization).toMatch(/^Bearer ey/);

      seen.length = 0;
      await signOut(page);
      const endSession = seen.find((request) => request.url.href.startsWith(`${server.issuer}/session/end`));
      expect(endSession?.url.searchParams.get('id_token_hint')).toBeTruthy();
      expect(endSession?.url.searchParams.get('post_logout_redirect_uri')).toBe(`${server.baseUrl}/`);
      expect(await page.locator(byTestId('signed-in-as')).count()).toBe(0);
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('oidc.user:')))).toEqual([]);

      // The provider's session ended too: signing in again shows its page instead of letting the last user straight back in.
      await page.click(byTestId('sign-in'));
      await page.locator(providerPage).waitFor();
      await page.goto(`${server.baseUrl}/`);
      await page.locator(byTestId('sign-in')).waitFor();
    }
    expect(pageErrors).toEqual([]);
  });

  it('renews the access token with the refresh token, before it expires and when a tab comes back to an expired one', { timeout: 60_000 }, async () => {
    const { page, server, pageErrors } = consoleSession();
    const seen = watch(page);
    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'pricing-b', '李强');
    const storageKey = `oidc.user:${server.issuer}:gc-console`;
    const setExpiry = (secondsFromNow: number) =>
      page.evaluate(
        ({ key, seconds }) => {
          const stored = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { expires_at: number };
          stored.expires_at = Math.floor(Date.now() / 1000) + seconds;
          sessionStorage.setItem(key, JSON.stringify(stored));
        },
        { key: storageKey, seconds: secondsFromNow },
      );
    const refreshes = () => seen.filter((request) => request.url.href === `${server.issuer}/token` && request.body.get('grant_type') === 'refresh_token');
    const accessToken = () => page.evaluate((key) => (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { access_token?: string }).access_token, storageKey);
    const first = await accessToken();

    // A tab reopened after its access token ran out: renewed at once, still signed in.
    await setExpiry(-10);
    await page.reload();
    await page.locator(`${byTestId('signed-in-as')}[data-name="李强"]`).waitFor();
    expect(refreshes()).toHaveLength(1);
    expect(refreshes()[0]?.body.get('client_id')).toBe('gc-console');
    const second = await accessToken();
    expect(second).not.toBe(first);

    // A token about to expire (within the minute): renewed in the background.
    await setExpiry(62);
    await page.reload();
    await page.locator(`${byTestId('signed-in-as')}[data-name="李强"]`).waitFor();
    await expect.poll(() => refreshes().length, { timeout: 15_000 }).toBe(2);
    await expect.poll(accessToken).not.toBe(second);

    // The renewed token works for the API.
    const [answer] = await Promise.all([
      page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/change-sets'),
      page.click(byTestId('nav-change-sets')),
    ]);
    expect(answer.status()).toBe(200);
    expect((await answer.request().headerValue('authorization'))?.replace(/^Bearer /, '')).toBe(await accessToken());
    await signOut(page);
    expect(pageErrors).toEqual([]);
  });

  it('gives a hospital no way to change its organisation: no field for it, and the API refuses a request that tries', { timeout: 60_000 }, async () => {
    const { page, server, pageErrors } = consoleSession();
    const seen = watch(page);
    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'hospital', '刘医生');
    expect(await page.locator(byTestId('signed-in-as')).getAttribute('data-org')).toBe('hosp-jdyy');

    // Nothing on the console's pages takes an organisation.
    await page.click(byTestId('nav-applications'));
    await page.click(byTestId('new-application'));
    await page.locator('#application-itemCode').waitFor();
    expect(await page.locator('input[id*="org" i], input[name*="org" i], select[id*="org" i]').count()).toBe(0);

    // The token the console holds, as it sends it to the API.
    const token = seen.find((request) => request.url.pathname.startsWith('/v1/') && request.authorization)?.authorization?.replace(/^Bearer /, '') ?? '';
    expect(token).not.toBe('');
    const create = (bearer: string, body: unknown) =>
      fetch(`${server.baseUrl}/v1/service-applications`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify(body),
      });

    // Naming another organisation in the request is refused…
    const naming = await create(token, { payload: servicePayload(), orgId: 'hosp-cczx' });
    expect(naming.status).toBe(400);
    const inPayload = await create(token, { payload: { ...servicePayload(), orgId: 'hosp-cczx' } });
    expect(inPayload.status).toBe(400);
    // …and so is the token with its organisation claim rewritten.
    const [head, claims, signature] = token.split('.');
    const rewritten = { ...JSON.parse(Buffer.from(claims ?? '', 'base64url').toString()), org_id: 'hosp-cczx' };
    const forged = [head, Buffer.from(JSON.stringify(rewritten)).toString('base64url'), signature].join('.');
    expect((await create(forged, { payload: servicePayload() })).status).toBe(401);
    // …and so is asking for its organisation to be changed: only an admin may, on the admin page it does not see.
    expect(await page.locator(byTestId('nav-users')).count()).toBe(0);
    const own = await fetch(`${server.baseUrl}/v1/users/hospital/organisation`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ orgId: 'hosp-cczx', reason: '自己改' }),
    });
    expect(own.status).toBe(403);

    // The organisation is the token's: a draft made with it is the hospital's own, and the other hospital does not see it.
    const made = await create(token, { payload: servicePayload() });
    expect(made.status).toBe(201);
    const draft = (await made.json()) as { application: { id: string; orgId: string } };
    expect(draft.application.orgId).toBe('hosp-jdyy');
    const other = await server.providerTokenFor('hospital-b');
    const read = await fetch(`${server.baseUrl}/v1/service-applications/${draft.application.id}`, { headers: { Authorization: `Bearer ${other}` } });
    expect(read.status).toBe(404);

    await signOut(page);
    expect(pageErrors).toEqual([]);
  });
});
