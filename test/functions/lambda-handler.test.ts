import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSeed } from '../../functions/local/seed.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { dynamoEndpoint } from '../support/fixtures.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
let handler: Handler;
const logged: string[] = [];

beforeAll(async () => {
  const tableName = `test-${crypto.randomUUID()}`;
  const store = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName });
  await store.ensureTable();
  await loadSeed(store);
  // The handler builds its own DynamoDB client from the environment, as on Lambda.
  vi.stubEnv('TABLE_NAME', tableName);
  vi.stubEnv('AWS_REGION', 'local');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamoEndpoint());
  vi.stubEnv('POWERTOOLS_DEV', 'false');
  const original = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return original(chunk as string, ...(rest as []));
  });
  ({ handler } = (await import('../../functions/handlers/api.ts')) as unknown as { handler: Handler });
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function event(method: string, path: string, claims?: Record<string, string>, query = ''): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: claims ? 'ANY /{proxy+}' : `${method} ${path}`,
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'api.example.test' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'request-1',
      routeKey: 'ANY /{proxy+}',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2;
}

const context = {
  awsRequestId: 'aws-request-42',
  functionName: 'api',
  functionVersion: '1',
  invokedFunctionArn: 'arn',
  memoryLimitInMB: '1024',
  getRemainingTimeInMillis: () => 29_000,
} as unknown as Context;

describe('the API Lambda handler', () => {
  it('serves the same app through hono/aws-lambda and middy, with the authorizer’s claims', async () => {
    const claims = { sub: 'user-1', name: '结算系统', 'cognito:groups': '[downstream]' };
    const result = (await handler(event('GET', '/v1/catalog/price-items/250403100010000', claims, 'on=2022-05-10'), context)) as {
      statusCode: number;
      body: string;
    };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).period.attributes.priceFen).toBe(1600);
  });

  it('reads a machine client with the catalog/read scope as downstream', async () => {
    const claims = { sub: 'client-1', client_id: 'client-1', scope: 'catalog/read' };
    const result = (await handler(event('GET', '/v1/releases', claims), context)) as { statusCode: number };
    expect(result.statusCode).toBe(200);
  });

  it('refuses a request without claims, and has no dev sign-in', async () => {
    expect(((await handler(event('GET', '/v1/releases'), context)) as { statusCode: number }).statusCode).toBe(401);
    expect(((await handler(event('POST', '/auth/dev-token'), context)) as { statusCode: number }).statusCode).toBe(404);
  });

  it('logs each request as structured JSON with its correlation id, route pattern, status, duration and the caller’s role, and emits metrics', async () => {
    logged.length = 0;
    const claims = { sub: 'user-1', name: '结算系统', 'cognito:groups': '[downstream]' };
    await handler(event('GET', '/v1/catalog/price-items/250403100010000', claims, 'on=2022-05-10'), context);
    const lines = logged
      .map((text) => text.trim())
      .filter((text) => text.startsWith('{'))
      .map((text) => JSON.parse(text));
    const line = lines.find((entry) => entry.message === 'request');
    expect(line).toMatchObject({
      correlationId: 'request-1',
      function_request_id: 'aws-request-42',
      method: 'GET',
      route: '/v1/catalog/:kind/:code',
      status: 200,
      role: 'downstream',
    });
    expect(typeof line.durationMs).toBe('number');
    expect(JSON.stringify(line)).not.toMatch(/Bearer|eyJ/);
    // CloudWatch's embedded metric format: requests and latency by route and status class.
    const metric = lines.find((entry) => entry._aws && entry.Requests === 1);
    expect(metric).toMatchObject({ route: 'GET /v1/catalog/:kind/:code', status: '2xx', service: 'green-channel-api' });
    expect(metric._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'GreenChannel', Dimensions: [expect.arrayContaining(['route', 'status'])] });
  });
});
