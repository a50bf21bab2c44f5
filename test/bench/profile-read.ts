// Profile of the app's read path: `npx tsx test/bench/profile-read.ts [path]` starts DynamoDB Local,
// a 1,000-entry catalog and the app under --cpu-prof, loads it for 5 s, and prints the hottest functions.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const requestPath = process.argv[2] ?? '/v1/catalog/price-items?limit=100';
const extraHeaders = process.argv[3] ? (JSON.parse(process.argv[3]) as Record<string, string>) : {};
const dynamo = await startDynamoDbLocal();
try {
  const store = createStore({ client: localDynamoClient(dynamo.endpoint), tableName: `profile-${Date.now()}` });
  await store.ensureTable();
  const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(1000, 'S'));
  await store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
  const signer = await testSigner();
  const now = Math.floor(Date.now() / 1000);
  const token = await signer.sign({
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    sub: 'bench',
    name: 'b',
    [TEST_CLAIM_NAMES.roles]: ['downstream'],
    iat: now,
    exp: now + 3600,
  });
  const port = await freePort();
  const profileDir = mkdtempSync(path.join(tmpdir(), 'gc-profile-'));
  const child = fork(path.join(root, 'test/bench/servers.ts'), ['app', dynamo.endpoint, store.tableName, String(port), JSON.stringify(signer.publicJwk)], {
    execArgv: ['--import', 'tsx', '--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise((resolve) => child.once('message', resolve));
  const url = `http://127.0.0.1:${port}${requestPath}`;
  const headers = { Authorization: `Bearer ${token}`, ...extraHeaders };
  await autocannon({ url, connections: 10, duration: 1, headers });
  const result = await autocannon({ url, connections: 10, duration: 5, headers });
  console.log(`${requestPath}: ${Math.round(result.requests.average)} req/s, status ${JSON.stringify(result.statusCodeStats)}`);
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile')) as string;
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }[];
  };
  const total = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const where = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(root, '')}:${node.callFrame.lineNumber}`;
    self.set(where, (self.get(where) ?? 0) + node.hitCount);
  }
  for (const [where, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${where}`);
  console.log(`profile: ${path.join(profileDir, file)}`);
} finally {
  await dynamo.stop();
}
