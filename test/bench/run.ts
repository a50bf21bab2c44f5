/**
 * `npm run bench`: the performance targets of issue 4, each measured against a reference in the
 * same run (these machines are shared and noisy, so only ratios are compared with targets).
 * Prints a table and writes bench-results.json. Not part of `npm test`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';
import { batchWrite, key, N, S } from '../../functions/store/dynamo.ts';
import { keys } from '../../functions/store/keys.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { startWebhookWorker } from '../../functions/jobs/deliver-webhooks.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { bundleBench } from './bundle.ts';
import { impactBench } from './impact.ts';
import { listsBench } from './lists.ts';
import { record, results, round } from './results.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);

const children: ChildProcess[] = [];

async function startServer(args: string[]): Promise<void> {
  const child = fork(path.join(root, 'test/bench/servers.ts'), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function load(url: string, headers: Record<string, string>) {
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.non2xx > 0 && !result.statusCodeStats?.['304']) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Sub-millisecond latency percentiles from a few concurrent keep-alive clients. */
async function latencies(port: number, paths: () => string, headers: Record<string, string>, seconds = 3, concurrency = 4) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: number[] = [];
  const get = (requestPath: string) =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      http
        .get({ host: '127.0.0.1', port, path: requestPath, headers, agent }, (response) => {
          response.resume();
          response.on('end', () => {
            if ((response.statusCode ?? 500) >= 400) reject(new Error(`${requestPath}: ${response.statusCode}`));
            samples.push(performance.now() - started);
            resolve();
          });
        })
        .on('error', reject);
    });
  const until = performance.now() + seconds * 1000;
  const warm = performance.now() + 2000; // long enough for the JIT and the GC after loading a 20,000-entry view
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < warm) await get(paths());
    }),
  );
  samples.length = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) await get(paths());
    }),
  );
  agent.destroy();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return { p50: at(0.5), p99: at(0.99), count: samples.length };
}

async function catalogOf(endpoint: string, size: number, prefix: string): Promise<Store> {
  const store = createStore({ client: localDynamoClient(endpoint), tableName: `bench-${size}-${Date.now()}` });
  await store.ensureTable();
  const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(size, prefix));
  await store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
  return store;
}

async function main() {
  const started = performance.now();
  console.log(`Green Channel benchmarks (${CONNECTIONS} connections, ${DURATION_S} s per run)\n`);
  const dynamo = await startDynamoDbLocal();
  const only = process.env.BENCH_ONLY;
  const sections: Record<string, (endpoint: string) => Promise<void>> = { webhooks: webhookBench, lists: listsBench, publish: publishBench };
  const section = only === undefined ? undefined : sections[only];
  if (section) {
    // One section alone, for a quick look: `BENCH_ONLY=publish npm run bench` (webhooks, lists). Writes no results file.
    try {
      await section(dynamo.endpoint);
    } finally {
      await dynamo.stop();
    }
    return;
  }
  // An RS256 token as the OIDC provider issues one; the servers verify it with the public key only.
  const signer = await testSigner();
  const now = Math.floor(Date.now() / 1000);
  const token = await signer.sign({
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    sub: 'bench',
    name: '基准',
    [TEST_CLAIM_NAMES.roles]: ['downstream'],
    iat: now,
    exp: now + 3600,
  });
  const publicKey = JSON.stringify(signer.publicJwk);
  const auth = { Authorization: `Bearer ${token}` };
  try {
    // 1 and 2: a current-view page through the whole app, and the 304 path, against bare node:http.
    console.log('Setting up catalogs of 1,000 and 20,000 price items…');
    const small = await catalogOf(dynamo.endpoint, 1000, 'S');
    const large = await catalogOf(dynamo.endpoint, 20_000, 'L');
    const appPort = await freePort();
    await startServer(['app', dynamo.endpoint, small.tableName, String(appPort), publicKey]);
    const largePort = await freePort();
    await startServer(['app', dynamo.endpoint, large.tableName, String(largePort), publicKey]);

    const pages = { 'page of 100': '/v1/catalog/price-items?limit=100', 'page of 1,000': '/v1/catalog/price-items?limit=1000' };
    const brotli = { 'Accept-Encoding': 'br' };
    // The reference answers with the very bytes the app sent: body (compressed where the app compressed it) and headers.
    const routes: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
    const sameBytes = async (pagePath: string, headers: Record<string, string>, as = pagePath) => {
      const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(`http://127.0.0.1:${appPort}${pagePath}`, { headers: { ...auth, ...headers } }, resolve).on('error', reject),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...sent } = response.headers as Record<string, string>;
      routes[as] = { status: response.statusCode as number, headers: sent, body: Buffer.concat(chunks).toString('base64') };
    };
    for (const pagePath of Object.values(pages)) await sameBytes(pagePath, {});
    await sameBytes(pages['page of 1,000'], brotli, '/brotli');
    const etag = routes[pages['page of 100']]?.headers.etag as string;
    await sameBytes(pages['page of 100'], { 'If-None-Match': etag }, '/not-modified');
    const routesFile = path.join(mkdtempSync(path.join(tmpdir(), 'gc-bench-')), 'routes.json');
    writeFileSync(routesFile, JSON.stringify(routes));
    const barePort = await freePort();
    await startServer(['bare', String(barePort), routesFile]);

    console.log('\n1. Current-view page: the app against bare node:http with the same bytes');
    for (const [label, pagePath] of Object.entries(pages)) {
      const app = await load(`http://127.0.0.1:${appPort}${pagePath}`, auth);
      const bare = await load(`http://127.0.0.1:${barePort}${pagePath}`, auth);
      record(`view ${label}`, 'requests/s', app.rps, bare.rps, 'req/s', { atLeast: label === 'page of 100' ? 0.8 : 0.9 });
      results.push({
        bench: `view ${label}`,
        figure: 'p50 / p99 latency (app; bare)',
        value: app.p50,
        reference: bare.p50,
        ratio: Number.NaN,
        target: 'info',
        pass: true,
        unit: `ms; p99 ${app.p99} vs ${bare.p99} ms`,
      });
      console.log(`       latency p50 ${app.p50} vs ${bare.p50} ms, p99 ${app.p99} vs ${bare.p99} ms`);
    }

    const appBrotli = await load(`http://127.0.0.1:${appPort}${pages['page of 1,000']}`, { ...auth, ...brotli });
    const bareBrotli = await load(`http://127.0.0.1:${barePort}/brotli`, { ...auth, ...brotli });
    record('view page of 1,000, brotli', 'requests/s', appBrotli.rps, bareBrotli.rps, 'req/s', { atLeast: 0.9 });

    console.log('\n2. The 304 path (If-None-Match) against bare node:http answering 304');
    const app304 = await load(`http://127.0.0.1:${appPort}${pages['page of 100']}`, { ...auth, 'If-None-Match': etag });
    const bare304 = await load(`http://127.0.0.1:${barePort}/not-modified`, { ...auth, 'If-None-Match': etag });
    record('304 not modified', 'requests/s', app304.rps, bare304.rps, 'req/s', { atLeast: 0.7 });

    console.log('\n3. Scale: 20,000 entries against 1,000 (latency ratios, after each view is loaded)');
    // The first read of a release loads and parses its whole view once per process: reported, then out of the way.
    for (const [label, port, code] of [
      ['1,000', appPort, 'S000001'],
      ['20,000', largePort, 'L000001'],
    ] as const) {
      const started = performance.now();
      await fetch(`http://127.0.0.1:${port}/v1/catalog/price-items/${code}?on=2022-05-10&release=1`, { headers: auth });
      const ms = performance.now() - started;
      results.push({
        bench: `first read of a release, ${label} entries`,
        figure: 'loads the view once per process',
        value: round(ms),
        reference: Number.NaN,
        ratio: Number.NaN,
        target: 'info',
        pass: true,
        unit: 'ms',
      });
      console.log(`       first read with ${label} entries (loads the view): ${round(ms)} ms`);
    }
    const lookup = (prefix: string, size: number) => () =>
      `/v1/catalog/price-items/${prefix}${String(Math.floor(Math.random() * size)).padStart(6, '0')}?on=2022-05-10&release=1`;
    const lookupSmall = await latencies(appPort, lookup('S', 1000), auth);
    const lookupLarge = await latencies(largePort, lookup('L', 20_000), auth);
    record('?on=&release= lookup', 'p50', lookupLarge.p50, lookupSmall.p50, 'ms', { atMost: 1.5 });
    record('?on=&release= lookup', 'p99', lookupLarge.p99, lookupSmall.p99, 'ms', { atMost: 1.5 });
    const page = (prefix: string, size: number) => () => {
      const start = Math.floor(Math.random() * (size - 100));
      const cursor = Buffer.from(JSON.stringify({ after: `${prefix}${String(start).padStart(6, '0')}` })).toString('base64url');
      return `/v1/catalog/price-items?limit=100&cursor=${cursor}`;
    };
    const pageSmall = await latencies(appPort, page('S', 1000), auth);
    const pageLarge = await latencies(largePort, page('L', 20_000), auth);
    record('current-view page of 100', 'p50', pageLarge.p50, pageSmall.p50, 'ms', { atMost: 1.5 });
    record('current-view page of 100', 'p99', pageLarge.p99, pageSmall.p99, 'ms', { atMost: 1.5 });

    console.log('\n3b. The first page in a fresh process (a new Lambda container): 20,000 entries against 1,000');
    const firstPage = async (tableName: string) => {
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const port = await freePort();
        await startServer(['app', dynamo.endpoint, tableName, String(port), publicKey]);
        const child = children.at(-1);
        const started = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}/v1/catalog/price-items?limit=100`, { headers: auth });
        await response.arrayBuffer();
        times.push(performance.now() - started);
        child?.kill();
      }
      return times.sort((a, b) => a - b)[2] as number;
    };
    const coldSmall = await firstPage(small.tableName);
    const coldLarge = await firstPage(large.tableName);
    record('first page in a fresh process', 'median of 5', coldLarge, coldSmall, 'ms', { atMost: 2 });

    console.log('\n4. The API Lambda bundle against a handler that bundles only DynamoDBClient');
    await bundleBench(dynamo.endpoint, small.tableName);

    console.log('\n5. Publishing 3,000 and 20,000 entries against BatchWriteItem of the same items');
    await publishBench(dynamo.endpoint);

    console.log('\n5b. Publish to webhook delivery on the local stack, 100 publishes');
    await webhookBench(dynamo.endpoint);

    console.log('\n6. Impact of a 20,000-change set against applying the same changes in memory');
    impactBench();

    console.log('\n7. Lists: 100,000 applications and 50 open change sets of 20,000 changes against 1,000 and one');
    await listsBench(dynamo.endpoint);
  } finally {
    for (const child of children) child.kill();
    await dynamo.stop();
  }
  writeFileSync(
    path.join(root, 'bench-results.json'),
    `${JSON.stringify({ at: new Date().toISOString(), connections: CONNECTIONS, seconds: DURATION_S, results }, null, 2)}\n`,
  );
  console.log('\n| bench | figure | value | reference | ratio | target | |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results.filter((result) => result.target !== 'info')) {
    console.log(`| ${r.bench} | ${r.figure} | ${r.value} ${r.unit} | ${r.reference} ${r.unit} | ${r.ratio} | ${r.target} | ${r.pass ? 'ok' : 'MISS'} |`);
  }
  console.log(`\nWrote bench-results.json in ${Math.round((performance.now() - started) / 1000)} s.`);
}

/**
 * Issue 15: the time from a publish's answer to its event arriving at an endpoint, with the
 * worker as `npm start` runs it (nudged when a release becomes visible), against the time the
 * publish itself takes. 100 publishes of one entry each.
 */
async function webhookBench(endpoint: string) {
  const store = createStore({ client: localDynamoClient(endpoint), tableName: `bench-webhooks-${Date.now()}` });
  await store.ensureTable();
  const arrived = new Map<number, number>();
  const receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      arrived.set((JSON.parse(body) as { data: { number: number } }).data.number, performance.now());
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  await store.webhooks.create(
    {
      id: crypto.randomUUID(),
      owner: 'bench',
      url,
      events: ['release.published'],
      state: 'active',
      deliveredThrough: 0,
      attempts: 0,
      createdAt: '2026-11-30T10:00:00+08:00',
    },
    `whsec_${Buffer.from('bench-secret-bench-secret').toString('base64')}`,
  );
  const worker = startWebhookWorker({ store, policy: { local: true }, now: () => new Date() });
  store.releases.onVisible = () => worker.nudge();
  const publishMs: number[] = [];
  const answered = new Map<number, number>();
  for (let i = 0; i < 100; i++) {
    const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(1, `HOOK${i}-`));
    const started = performance.now();
    const { release } = await store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());
    answered.set(release.number, performance.now());
    publishMs.push(performance.now() - started);
  }
  while (arrived.size < 100) await new Promise((resolve) => setTimeout(resolve, 20));
  worker.stop();
  await new Promise((resolve) => receiver.close(resolve));
  const latency = [...answered].map(([number, at]) => (arrived.get(number) as number) - at).sort((a, b) => a - b);
  publishMs.sort((a, b) => a - b);
  const at = (values: number[], q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] as number;
  for (const [figure, q] of [
    ['p50', 0.5],
    ['p99', 0.99],
  ] as const) {
    results.push({
      bench: 'publish to webhook delivery',
      figure: `${figure} after the publish answered (reference: the publish)`,
      value: round(at(latency, q)),
      reference: round(at(publishMs, q)),
      ratio: round(at(latency, q) / at(publishMs, q), 3),
      target: 'info',
      pass: true,
      unit: 'ms',
    });
    console.log(`       ${figure}: delivered ${round(at(latency, q))} ms after the publish answered; the publish took ${round(at(publishMs, q))} ms`);
  }
}

/** Bundle both exactly as the CDK app does (synth), then time a cold import in fresh Node processes. */
async function publishBench(endpoint: string) {
  for (const size of [3000, 20_000]) {
    const store = createStore({ client: localDynamoClient(endpoint), tableName: `bench-publish-${size}-${Date.now()}` });
    await store.ensureTable();
    // The projection is timed whole: the publish request does not stop waiting for it.
    store.releases.publishWaitMs = 10 * 60 * 1000;
    const client = localDynamoClient(endpoint);
    const changes = manyPriceItems(size, 'P');
    // Reference: the same entries' view items, written with plain BatchWriteItem.
    const items = changes.map((change) => ({
      PutRequest: {
        Item: {
          ...key(keys.viewEntry('price-items', `REF-${change.code}`)),
          release: N(1),
          timeline: S(JSON.stringify([{ validFrom: '2022-05-01T00:00:00+08:00', validTo: null, attributes: (change as { attributes: unknown }).attributes }])),
        },
      },
    }));
    const { changeSet, published } = await approvedChangeSet(store, changes);
    const referenceStart = performance.now();
    await batchWrite(client, store.tableName, items);
    const reference = performance.now() - referenceStart;
    const publishStart = performance.now();
    await store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
    const publish = performance.now() - publishStart;
    record(`publish ${size.toLocaleString('en-US')} entries`, 'wall time, until visible', publish, reference, 'ms', { atMost: 3 });
  }
}

main().catch((error: unknown) => {
  for (const child of children) child.kill();
  console.error(error);
  process.exit(1);
});
