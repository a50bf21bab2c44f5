import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import { lambdaAuth } from '../../functions/http/auth.ts';
import { cognitoClaimNames, identityFromClaims } from '../../functions/http/claims.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { createTestStore, fixedClock } from '../support/fixtures.ts';

const issuer = 'https://idp.example.test/realms/bureau';
const audience = 'green-channel-api';
const externalNames = { roles: 'roles', org: 'org_id' };

describe('tokens verified by the app against the provider’s keys', () => {
  let app: ReturnType<typeof createApp>;
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;
  const revoked = new Set<string>();
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>, options: { key?: CryptoKey; iss?: string; aud?: string; exp?: number | null } = {}) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.iss ?? issuer)
      .setAudience(options.aud ?? audience)
      .setIssuedAt();
    if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now() + 600);
    return jwt.sign(options.key ?? privateKey);
  };
  const call = async (token: string) => (await app.request('/v1/change-sets', { headers: { Authorization: `Bearer ${token}` } })).status;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    app = createApp({
      store: await createTestStore(),
      clock: fixedClock(),
      auth: oidcAuth({
        issuer,
        audience,
        keys: createLocalJWKSet({ keys: [jwk] }),
        claimNames: externalNames,
        clientIsActive: async (clientId) => !revoked.has(clientId),
      }),
    });
  });

  it('accepts a well-formed token of a known role', async () => {
    expect(await call(await sign({ sub: 'u1', name: '王芳', roles: ['pricing-staff'] }))).toBe(200);
  });

  it.each([
    ['a wrong issuer', { iss: 'https://evil.example.test' }],
    ['a wrong audience', { aud: 'another-api' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['a token without exp', { exp: null }],
  ] as const)('refuses %s', async (_label, options) => {
    expect(await call(await sign({ sub: 'u1', name: '王芳', roles: ['pricing-staff'] }, options))).toBe(401);
  });

  it('checks a token’s signature once but its expiry on every request', async () => {
    const token = await sign({ sub: 'u1', name: '王芳', roles: ['pricing-staff'] }, { exp: now() + 2 });
    expect(await call(token)).toBe(200);
    expect(await call(token)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await call(token)).toBe(401);
  });

  it('refuses a token signed by another key, an unsigned one (alg none) and an HMAC one', async () => {
    expect(await call(await sign({ sub: 'u1', name: '王芳', roles: ['pricing-staff'] }, { key: otherKey }))).toBe(401);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = encode({ sub: 'u1', name: '王芳', roles: ['pricing-staff'], iss: issuer, aud: audience, exp: now() + 600 });
    expect(await call(`${encode({ alg: 'none', typ: 'JWT' })}.${body}.`)).toBe(401);
    const hmac = await new SignJWT({ sub: 'u1', name: '王芳', roles: ['pricing-staff'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime(now() + 600)
      .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough'));
    expect(await call(hmac)).toBe(401);
  });

  it('refuses a role it does not know, and a hospital without an organisation', async () => {
    expect(await call(await sign({ sub: 'u1', name: 'x', roles: ['superuser'] }))).toBe(401);
    const hospital = await sign({ sub: 'h1', name: '信息科', roles: ['hospital'] });
    expect((await app.request('/v1/service-applications', { headers: { Authorization: `Bearer ${hospital}` } })).status).toBe(401);
  });

  it('refuses a revoked machine client on its next request while another keeps working', async () => {
    const his = await sign({ client_id: 'his-a', scope: 'catalog/read' });
    const settlement = await sign({ client_id: 'settlement-b', scope: 'catalog/read' });
    const read = async (token: string) => (await app.request('/v1/catalog/price-items', { headers: { Authorization: `Bearer ${token}` } })).status;
    expect(await read(his)).toBe(200);
    revoked.add('his-a');
    expect(await read(his)).toBe(401);
    expect(await read(settlement)).toBe(200);
  });
});

describe('claims from every path map to the same identities', () => {
  const cases = [
    {
      who: 'a hospital clerk',
      cognito: { sub: 'h1', name: '信息科', 'cognito:groups': '[hospital]', 'custom:orgId': 'hosp-a' },
      external: { sub: 'h1', name: '信息科', roles: ['hospital'], org_id: 'hosp-a' },
      identity: { sub: 'h1', name: '信息科', role: 'hospital', orgId: 'hosp-a' },
    },
    {
      who: 'an officer in two groups (the lesser role wins)',
      cognito: { sub: 'p1', 'cognito:username': '王芳', 'cognito:groups': '[pricing-staff admin]' },
      external: { sub: 'p1', preferred_username: '王芳', roles: ['admin', 'pricing-staff'] },
      identity: { sub: 'p1', name: '王芳', role: 'pricing-staff' },
    },
    {
      who: 'a downstream system (client credentials)',
      cognito: { client_id: 'his-a', scope: 'catalog/read' },
      external: { client_id: 'his-a', scope: 'openid catalog/read' },
      identity: { sub: 'his-a', name: 'his-a', role: 'downstream' },
    },
  ];

  it.each(cases)('maps $who the same from a Cognito-shaped authorizer event and from an external provider', async ({ cognito, external, identity }) => {
    const event = { requestContext: { authorizer: { jwt: { claims: cognito } } } };
    const fromLambda = await lambdaAuth(cognitoClaimNames).identify({ env: { event } } as never);
    expect(fromLambda).toEqual(identity);
    expect(identityFromClaims(external, externalNames)).toEqual(identity);
  });
});
