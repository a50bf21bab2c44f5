import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { dynamoEndpoint } from '../support/fixtures.ts';
import { testSigner, type TestSigner } from '../support/test-tokens.ts';

// The read routes downstream systems call have no HTTP API authorizer on AWS (each system's
// Cognito client is created at runtime, after the authorizer's audience list was deployed): the
// Lambda verifies those tokens itself, with the keys it finds through the provider's discovery
// document. The provider here is a real HTTP server with the test signer's key, shaped as Cognito.
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
let handler: Handler;
let signer: TestSigner;
let issuer: string;
let server: Server;
let store: Store;
const consoleClientId = 'console-client-id';

beforeAll(async () => {
  signer = await testSigner();
  const port = await freePort();
  issuer = `http://localhost:${port}/ap-northeast-1_Example`;
  server = createServer((request, response) => {
    response.setHeader('Content-Type', 'application/json');
    if (request.url?.endsWith('/.well-known/openid-configuration')) response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` }));
    else if (request.url?.endsWith('/.well-known/jwks.json')) response.end(JSON.stringify({ keys: [signer.publicJwk] }));
    else response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));

  const tableName = `test-${crypto.randomUUID()}`;
  store = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName });
  await store.ensureTable();
  vi.stubEnv('TABLE_NAME', tableName);
  vi.stubEnv('AWS_REGION', 'local');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamoEndpoint());
  vi.stubEnv('AUTH_MODE', 'cognito');
  vi.stubEnv('AUTH_ISSUER', issuer);
  vi.stubEnv('AUTH_AUDIENCE', consoleClientId);
  vi.stubEnv('AUTH_ROLES_CLAIM', 'cognito:groups');
  vi.stubEnv('AUTH_ORG_CLAIM', 'custom:orgId');
  ({ handler } = (await import('../../functions/handlers/api.ts')) as unknown as { handler: Handler });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server.close(resolve));
});

const context = { awsRequestId: 'r', functionName: 'api', getRemainingTimeInMillis: () => 29_000 } as unknown as Context;

/** An event for a route without an authorizer: API Gateway passes the Authorization header on, and no claims. */
async function read(path: string, token: string): Promise<number> {
  const event = {
    version: '2.0',
    routeKey: `GET ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.test', authorization: `Bearer ${token}` },
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' }, requestId: 'r', stage: '$default' },
  } as unknown as APIGatewayProxyEventV2;
  return ((await handler(event, context)) as { statusCode: number }).statusCode;
}

const now = () => Math.floor(Date.now() / 1000);
/** A Cognito access token: no `aud`, its client in `client_id`, `token_use: access`. */
const cognitoAccess = (claims: Record<string, unknown>) => signer.sign({ iss: issuer, token_use: 'access', iat: now(), exp: now() + 900, ...claims });
const machine = (clientId: string) => cognitoAccess({ sub: clientId, client_id: clientId, scope: 'catalog/read' });

describe('tokens the Lambda verifies itself (Cognito-shaped)', () => {
  it('accepts a downstream system’s client-credentials token from a client created at runtime', async () => {
    expect(await read('/v1/releases', await machine('runtime-client-1'))).toBe(200);
  });

  it('accepts a person’s token from the console client, and maps its groups as on the authorizer’s path', async () => {
    const officer = await cognitoAccess({ sub: 'p1', client_id: consoleClientId, 'cognito:groups': ['pricing-staff'], name: '王芳' });
    expect(await read('/v1/change-sets', officer)).toBe(200);
  });

  it('refuses a person’s token from another client, an ID token, a token with an aud, another issuer, and an expired one', async () => {
    expect(await read('/v1/releases', await cognitoAccess({ sub: 'p1', client_id: 'another-client', 'cognito:groups': ['admin'] }))).toBe(401);
    const idToken = await signer.sign({
      iss: issuer,
      token_use: 'id',
      aud: consoleClientId,
      sub: 'p1',
      'cognito:groups': ['admin'],
      iat: now(),
      exp: now() + 900,
    });
    expect(await read('/v1/releases', idToken)).toBe(401);
    expect(await read('/v1/releases', await cognitoAccess({ aud: consoleClientId, sub: 'p1', client_id: consoleClientId, 'cognito:groups': ['admin'] }))).toBe(
      401,
    );
    expect(
      await read(
        '/v1/releases',
        await signer.sign({ iss: 'https://elsewhere.example', token_use: 'access', sub: 's', client_id: 's', scope: 'catalog/read', exp: now() + 900 }),
      ),
    ).toBe(401);
    expect(await read('/v1/releases', await cognitoAccess({ sub: 's', client_id: 's', scope: 'catalog/read', exp: now() - 60 }))).toBe(401);
  });

  it('refuses a revoked system on its next request while another keeps working', async () => {
    const by = { sub: 'p1', name: '王芳' };
    for (const clientId of ['sys-a', 'sys-b']) {
      await store.machineClients.create({
        clientId,
        name: clientId,
        contact: '信息科',
        scopes: ['catalog/read'],
        createdBy: by,
        createdAt: '2026-11-30T09:00:00+08:00',
      });
    }
    const [a, b] = [await machine('sys-a'), await machine('sys-b')];
    expect(await read('/v1/releases', a)).toBe(200);
    await store.machineClients.revoke('sys-a', by, '2026-11-30T10:00:00+08:00');
    // Another process (this handler) sees the revocation within its few seconds' cache.
    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect(await read('/v1/releases', a)).toBe(401);
    expect(await read('/v1/releases', b)).toBe(200);
  });
});
