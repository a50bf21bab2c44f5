// The Lambda path (issue 12 §3), run in a process of its own: the built API bundle's handler,
// invoked in-process with API Gateway v2 events (the adapter AWS uses), against DynamoDB Local;
// then the floor: the same adapter (middy around hono/aws-lambda) answering a constant body of
// the same size, so the ratio is what the app itself adds.
// Prints { app: { p50, p99 }, floor: { p50, p99 } } in milliseconds.
const [bundle, endpoint, tableName] = process.argv.slice(2) as [string, string, string];
Object.assign(process.env, {
  TABLE_NAME: tableName,
  AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  AWS_REGION: 'local',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  POWERTOOLS_METRICS_DISABLED: 'true',
});

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;
const { handler } = (await import(bundle)) as { handler: Handler };
const claims = { sub: 'bench', name: '基准', 'cognito:groups': '[downstream]' };
const event = {
  version: '2.0',
  routeKey: 'GET /v1/catalog/{proxy+}',
  rawPath: '/v1/catalog/price-items',
  rawQueryString: 'limit=100',
  headers: { host: 'bench.example' },
  isBase64Encoded: false,
  requestContext: {
    http: { method: 'GET', path: '/v1/catalog/price-items', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench',
    routeKey: 'GET /v1/catalog/{proxy+}',
    stage: '$default',
    authorizer: { jwt: { claims, scopes: [] } },
  },
};
let n = 0;
const context = () => ({ awsRequestId: `r${n++}`, functionName: 'api', getRemainingTimeInMillis: () => 29_000 });

async function measure(invoke: Handler): Promise<{ p50: number; p99: number; body: string }> {
  let body = '';
  for (let i = 0; i < 300; i++) body = (await invoke(event, context())).body ?? '';
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const started = performance.now();
    const answer = await invoke(event, context());
    samples.push(performance.now() - started);
    if (answer.statusCode !== 200) throw new Error(`status ${answer.statusCode}`);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[1000] as number, p99: samples[1980] as number, body };
}

const app = await measure(handler);
const constant = app.body;
const { Hono } = await import('hono');
const { handle } = await import('hono/aws-lambda');
const middy = (await import('@middy/core')).default;
const floorApp = new Hono().get('*', (c) => c.body(constant, 200, { 'Content-Type': 'application/json' }));
const floor = await measure(middy(handle(floorApp)) as unknown as Handler);
process.stdout.write(JSON.stringify({ app: { p50: app.p50, p99: app.p99 }, floor: { p50: floor.p50, p99: floor.p99 }, bytes: constant.length }));
