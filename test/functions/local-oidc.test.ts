import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileExchange } from '../../functions/routes/file-exchange.ts';
import { createApp } from '../../functions/app.ts';
import { identityFromClaims } from '../../functions/http/claims.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import * as spreadsheets from '../../functions/http/spreadsheet.ts';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { demoUsers } from '../../functions/local/oidc/demo-users.ts';
import { withProviderAt } from '../../functions/local/oidc/mount.ts';
import { createLocalProvider, type LocalProvider, localApiAudience, localClaimNames } from '../../functions/local/oidc/provider.ts';
import type { Store } from '../../functions/store/store.ts';
import { createTestStore, fixedClock } from '../support/fixtures.ts';

const apiAudience = localApiAudience;
const dataDirectory = mkdtempSync(path.join(tmpdir(), 'gc-oidc-'));

let port: number;
let base: string;
let issuer: string;
let store: Store;
let local: LocalProvider;
let server: Server;

/** The app and the provider on one real port, wired as `npm start` wires them. */
async function startServer(): Promise<void> {
  local = await createLocalProvider({ issuer, dataDirectory, apiAudience });
  const auth = oidcAuth({ issuer, audience: apiAudience, keys: local.keys, claimNames: localClaimNames });
  const app = createApp({ store, clock: fixedClock(), auth, exchange: fileExchange({ spreadsheets }) });
  server = createServer(withProviderAt(local.mountPath, local.callback, getRequestListener(app.fetch)));
  await new Promise<void>((resolve) => server.listen(port, resolve));
}

async function stopServer(): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
  // fetch keeps sockets alive: let it see them closed before the next request.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

beforeAll(async () => {
  port = await freePort();
  base = `http://localhost:${port}`;
  issuer = `${base}/oidc`;
  store = await createTestStore();
  await startServer();
});

afterAll(async () => {
  await stopServer();
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function tokenRequest(params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const demoToken = (username: string) => tokenRequest({ grant_type: 'urn:green-channel:demo-user', client_id: 'gc-demo', username });
const basic = (id: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
const api = async (route: string, token: string) => (await fetch(`${base}${route}`, { headers: { Authorization: `Bearer ${token}` } })).status;

describe('the local OpenID Connect provider, mounted at /oidc beside the app', () => {
  it('serves discovery and its public keys', async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, any>;
    expect(discovery).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials', 'urn:green-channel:demo-user']),
    );
    expect(local.jwksUrl.href).toBe(discovery.jwks_uri);

    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('lists the demo users of every role, each hospital and firm with its own organisation, and no secrets', async () => {
    const response = await fetch(`${issuer}/demo-users`);
    const listed = (await response.json()) as { username: string; role: string; name: string; orgId?: string; orgName?: string }[];
    expect(response.status).toBe(200);
    expect(new Set(listed.map((user) => user.role))).toEqual(new Set(['pricing-staff', 'reviewer', 'hospital', 'firm', 'downstream', 'admin']));
    expect(listed.filter((user) => user.role === 'pricing-staff')).toHaveLength(2);
    for (const role of ['hospital', 'firm']) {
      const members = listed.filter((user) => user.role === role);
      expect(members.length).toBeGreaterThanOrEqual(2);
      expect(new Set(members.map((user) => user.orgId)).size).toBe(members.length);
      for (const member of members) expect(member.orgName).toMatch(/\p{Script=Han}/u);
    }
    expect(listed.find((user) => user.username === 'gc-demo-his')).toMatchObject({ role: 'downstream' });
    expect(JSON.stringify(listed)).not.toContain(local.demoSystemSecret);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(['name', 'role', 'username']);
  });

  it('gives a demo user a short-lived JWT whose claims map to that user, and the app accepts it', async () => {
    const { status, body } = await demoToken('pricing-a');
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'catalog/read' });
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ iss: issuer, aud: apiAudience, sub: 'pricing-a', client_id: 'gc-demo', roles: ['pricing-staff'], name: '王芳' });
    expect((claims.exp ?? Number.POSITIVE_INFINITY) - (claims.iat ?? 0)).toBeLessThanOrEqual(900);
    expect(identityFromClaims(claims, localClaimNames)).toEqual({ sub: 'pricing-a', name: '王芳', role: 'pricing-staff' });

    expect(await api('/v1/change-sets', body.access_token)).toBe(200);

    const hospital = await demoToken('hospital-b');
    expect(identityFromClaims(decodeJwt(hospital.body.access_token), localClaimNames)).toEqual({
      sub: 'hospital-b',
      name: '孙医生',
      role: 'hospital',
      orgId: 'hosp-cczx',
    });
    expect(await api('/v1/change-sets', hospital.body.access_token)).toBe(403); // a hospital is no bureau officer
  });

  it('refuses an unknown demo user, and the demo-user grant from any other client', async () => {
    expect(await demoToken('nobody')).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const fromConsole = await tokenRequest({ grant_type: 'urn:green-channel:demo-user', client_id: 'gc-console', username: 'pricing-a' });
    expect(fromConsole.status).toBe(400);
  });

  it('gives the downstream system a token by client credentials with its secret, read as downstream', async () => {
    const { status, body } = await tokenRequest({ grant_type: 'client_credentials', scope: 'catalog/read' }, basic('gc-demo-his', local.demoSystemSecret));
    expect(status).toBe(200);
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ iss: issuer, aud: apiAudience, sub: 'gc-demo-his', client_id: 'gc-demo-his', scope: 'catalog/read', name: '医院HIS同步' });
    expect((claims.exp ?? Number.POSITIVE_INFINITY) - (claims.iat ?? 0)).toBeLessThanOrEqual(900);
    expect(identityFromClaims(claims, localClaimNames)).toEqual({ sub: 'gc-demo-his', name: '医院HIS同步', role: 'downstream' });
    expect(await api('/v1/catalog/price-items', body.access_token)).toBe(200);
    expect(await api('/v1/change-sets', body.access_token)).toBe(403);

    const wrongSecret = await tokenRequest({ grant_type: 'client_credentials', scope: 'catalog/read' }, basic('gc-demo-his', 'not-the-secret'));
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('is the only way in: the former dev sign-in is gone and anything else is refused', async () => {
    const response = await fetch(`${base}/auth/dev-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'pricing-staff', name: '王芳' }),
    });
    expect(response.status).toBe(404);
    expect(await api('/v1/change-sets', 'not-a-token')).toBe(401);
  });
});

describe('people sign in with authorization code + PKCE', () => {
  const redirectUri = () => `${base}/auth/callback`;
  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };

  /** A browser: keeps cookies, follows the provider's redirects, and at the sign-in page clicks the user (or relies on login_hint). */
  async function signIn(query: Record<string, string>, username?: string): Promise<URL> {
    const cookies = new Map<string, string>();
    const remember = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
    };
    const cookie = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let url = new URL(`${issuer}/auth?${new URLSearchParams(query)}`);
    for (let step = 0; step < 10; step += 1) {
      if (url.href.startsWith(redirectUri())) return url;
      let response = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
      remember(response);
      if (response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('text/html')) {
        const page = await response.text();
        expect(page).toContain('王芳');
        const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
        response = await fetch(new URL(action ?? '', base), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: cookie(), 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ username: username ?? '' }),
        });
        remember(response);
      }
      const location = response.headers.get('location');
      if (response.status !== 303 && response.status !== 302) throw new Error(`sign-in stopped at ${url} with ${response.status}: ${await response.text()}`);
      url = new URL(location ?? '', url);
    }
    throw new Error('sign-in did not come back to the console');
  }

  const authorizationQuery = (challenge: string, extra: Record<string, string> = {}) => ({
    client_id: 'gc-console',
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid profile offline_access',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });

  let refreshToken: string;

  it('signs a person in through the sign-in page, exchanges the code with the verifier, and refreshes', async () => {
    const { verifier, challenge } = pkce();
    const callback = await signIn(authorizationQuery(challenge), 'pricing-b');
    expect(callback.searchParams.get('state')).toBe('state-1');
    expect(callback.searchParams.get('iss')).toBe(issuer);
    const code = callback.searchParams.get('code') ?? '';

    const exchange = (codeVerifier: string) =>
      tokenRequest({ grant_type: 'authorization_code', client_id: 'gc-console', code, redirect_uri: redirectUri(), code_verifier: codeVerifier });
    expect(await exchange(pkce().verifier)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const { status, body } = await exchange(verifier);
    expect(status).toBe(200);
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(decodeJwt(body.id_token)).toMatchObject({
      iss: issuer,
      aud: 'gc-console',
      sub: 'pricing-b',
      nonce: 'nonce-1',
      name: '李强',
      roles: ['pricing-staff'],
    });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ aud: apiAudience, sub: 'pricing-b', client_id: 'gc-console', roles: ['pricing-staff'], name: '李强' });
    expect((claims.exp ?? Number.POSITIVE_INFINITY) - (claims.iat ?? 0)).toBeLessThanOrEqual(900);
    expect(await api('/v1/change-sets', body.access_token)).toBe(200);

    const refreshed = await tokenRequest({ grant_type: 'refresh_token', client_id: 'gc-console', refresh_token: body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.access_token)).toMatchObject({ aud: apiAudience, sub: 'pricing-b', roles: ['pricing-staff'] });
    expect(await api('/v1/change-sets', refreshed.body.access_token)).toBe(200);
    refreshToken = refreshed.body.refresh_token;
  });

  it('signs in the user named by login_hint without a page (the console’s one-click sign-in)', async () => {
    const { verifier, challenge } = pkce();
    const callback = await signIn(authorizationQuery(challenge, { login_hint: 'hospital' }));
    const { body } = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: 'gc-console',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: redirectUri(),
      code_verifier: verifier,
    });
    expect(identityFromClaims(decodeJwt(body.access_token), localClaimNames)).toEqual({
      sub: 'hospital',
      name: '刘医生',
      role: 'hospital',
      orgId: 'hosp-jdyy',
    });
  });

  it('refuses an authorization request without PKCE', async () => {
    const { code_challenge: _, code_challenge_method: __, ...withoutPkce } = authorizationQuery('x');
    const response = await fetch(`${issuer}/auth?${new URLSearchParams(withoutPkce)}`, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '', base);
    expect(location.href.startsWith(redirectUri())).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('keeps its keys, client secret and refresh tokens in the data directory across a restart', async () => {
    const before = { jwks: await (await fetch(`${issuer}/jwks`)).json(), secret: local.demoSystemSecret };
    await stopServer();
    await startServer();
    expect(await (await fetch(`${issuer}/jwks`)).json()).toEqual(before.jwks);
    expect(local.demoSystemSecret).toBe(before.secret);
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', client_id: 'gc-console', refresh_token: refreshToken });
    expect(refreshed.status).toBe(200);
    expect(await api('/v1/change-sets', refreshed.body.access_token)).toBe(200);
  });
});

it('every demo user gets a token the app maps to their identity', async () => {
  for (const user of demoUsers) {
    const { body } = await demoToken(user.username);
    expect(identityFromClaims(decodeJwt(body.access_token), localClaimNames)).toEqual({
      sub: user.username,
      name: user.name,
      role: user.role,
      ...(user.orgId ? { orgId: user.orgId } : {}),
    });
  }
});

it('a hospital user moved to another organisation by an admin gets it in the next token, and in the demo-user list, across a restart', async () => {
  await local.accounts.setOrganisation('hospital-b', 'hosp-jdyy');
  const { body } = await demoToken('hospital-b');
  expect(decodeJwt(body.access_token)[localClaimNames.org]).toBe('hosp-jdyy');
  await stopServer();
  await startServer();
  const listed = (await (await fetch(`${issuer}/demo-users`)).json()) as { username: string; orgId?: string; orgName?: string }[];
  expect(listed.find((user) => user.username === 'hospital-b')).toMatchObject({ orgId: 'hosp-jdyy', orgName: '吉林大学第一医院' });
  await local.accounts.setOrganisation('hospital-b', 'hosp-cczx');
});
