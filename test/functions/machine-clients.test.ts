import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toChinaIso } from '../../policy-catalog/time.ts';
import { createApp } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { withProviderAt } from '../../functions/local/oidc/mount.ts';
import { createLocalProvider, localApiAudience, localClaimNames } from '../../functions/local/oidc/provider.ts';
import type { Store } from '../../functions/store/store.ts';
import { createTestStore, fixedClock } from '../support/fixtures.ts';

const dataDirectory = mkdtempSync(path.join(tmpdir(), 'gc-clients-'));
let base: string;
let issuer: string;
let store: Store;
let server: Server;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  issuer = `${base}/oidc`;
  store = await createTestStore();
  const local = await createLocalProvider({ issuer, dataDirectory, apiAudience: localApiAudience });
  const auth = oidcAuth({
    issuer,
    audience: localApiAudience,
    keys: local.keys,
    claimNames: localClaimNames,
    clientIsActive: (clientId) => store.machineClients.isActive(clientId, toChinaIso(Date.now())),
  });
  const app = createApp({ store, clock: fixedClock(), auth, clientRegistry: local.clientRegistry });
  server = createServer(withProviderAt(local.mountPath, local.callback, getRequestListener(app.fetch)));
  await new Promise<void>((resolve) => server.listen(port, resolve));
});

afterAll(async () => {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function token(params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}
const userToken = async (username: string) =>
  (await token({ grant_type: 'urn:green-channel:demo-user', client_id: 'gc-demo', username })).body.access_token as string;
const systemToken = (clientId: string, secret: string) =>
  token({ grant_type: 'client_credentials', scope: 'catalog/read' }, { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` });
const call = async (method: string, route: string, bearer: string, body?: unknown) => {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
};

describe('downstream systems’ own clients', () => {
  it('are registered by pricing staff, get tokens by client credentials, and one can be revoked alone', async () => {
    const officer = await userToken('pricing-a');
    const his = await call('POST', '/v1/machine-clients', officer, { name: '吉林大学第一医院 HIS', contact: '信息科 张工' });
    expect(his.status).toBe(201);
    expect(his.body?.clientSecret).toEqual(expect.any(String));
    const settlement = await call('POST', '/v1/machine-clients', officer, { name: '长春市医保结算系统', contact: '结算科' });

    const hisToken = await systemToken(his.body?.clientId, his.body?.clientSecret);
    expect(hisToken.status).toBe(200);
    const settlementToken = await systemToken(settlement.body?.clientId, settlement.body?.clientSecret);
    expect((await call('GET', '/v1/catalog/price-items', hisToken.body.access_token as string)).status).toBe(200);
    expect((await call('GET', '/v1/catalog/price-items', settlementToken.body.access_token as string)).status).toBe(200);
    // A downstream system may read the catalog, never applications.
    expect((await call('GET', '/v1/service-applications', hisToken.body.access_token as string)).status).toBe(403);

    expect((await call('DELETE', `/v1/machine-clients/${his.body?.clientId}`, officer)).status).toBe(204);
    // Its token has not expired, yet its next request is refused; the other system keeps working.
    expect((await call('GET', '/v1/catalog/price-items', hisToken.body.access_token as string)).status).toBe(401);
    expect((await call('GET', '/v1/catalog/price-items', settlementToken.body.access_token as string)).status).toBe(200);
    // And the provider gives it no new token.
    expect((await systemToken(his.body?.clientId, his.body?.clientSecret)).status).toBe(401);

    const listed = await call('GET', '/v1/machine-clients', officer);
    const byName = new Map(((listed.body?.items ?? []) as { name: string }[]).map((item) => [item.name, item]));
    expect(byName.get('吉林大学第一医院 HIS')).toMatchObject({ revokedBy: { name: '王芳' }, revokedAt: expect.any(String) });
    expect(byName.get('长春市医保结算系统')).toMatchObject({ lastUsedAt: expect.any(String), contact: '结算科' });
    expect(JSON.stringify(listed.body)).not.toContain(his.body?.clientSecret);
    expect((await call('DELETE', `/v1/machine-clients/${his.body?.clientId}`, officer)).status).toBe(404);
  });

  it('may be managed only by pricing staff and admins', async () => {
    for (const username of ['hospital', 'reviewer', 'gc-demo-his']) {
      const bearer = await userToken(username);
      expect((await call('POST', '/v1/machine-clients', bearer, { name: 'x', contact: 'y' })).status, username).toBe(403);
      expect((await call('GET', '/v1/machine-clients', bearer)).status, username).toBe(403);
    }
    expect((await call('GET', '/v1/machine-clients', await userToken('admin'))).status).toBe(200);
  });
});
