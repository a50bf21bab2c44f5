import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCopy, verifyEvent } from '../../examples/downstream-client.ts';
import { deliverWebhooks } from '../../functions/jobs/deliver-webhooks.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 15 §5: the examples in examples/ run against a local server: the curl walk-through, and
// the TypeScript client that verifies a webhook and brings a local copy up to its release.
let t: TestApp;
let api: Server;
let receiver: Server;
let base: string;
let hookUrl: string;
let token: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  api = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started as Server));
  });
  base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  token = await t.tokenFor('downstream', 'gc-sys-example');
});
afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
  await new Promise((resolve) => receiver.close(resolve));
});

describe('the examples', () => {
  let secret: string;

  it('curl walk-through: reads the catalog and the feed, and registers a webhook', async () => {
    // Asynchronously: the API answers from this very process.
    const run = await promisify(execFile)('bash', [path.resolve('examples/curl-walkthrough.sh')], {
      env: { ...process.env, API: base, TOKEN: token, HOOK_URL: hookUrl },
    });
    expect(run.stdout).toMatch(/etag: "r\d+"/i);
    expect(run.stdout).toContain('"priceFen":1600');
    secret = (JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { secret: string }).secret;
    expect(secret).toMatch(/^whsec_/);
  });

  it('TypeScript client: verifies the event of a new release and brings its copy up to it', async () => {
    const before = await t.store.releases.visibleRelease();
    const copy = await syncCopy(base, token, { release: 0, entries: new Map() });
    expect(copy.release).toBe(before);
    const { changeSet, published } = await approvedChangeSet(t.store, manyPriceItems(3, 'EXAMPLE'));
    await t.store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());
    await deliverWebhooks({ store: t.store, policy: { local: true }, now: () => new Date() });
    const [delivery] = received;
    const event = verifyEvent(secret, delivery?.headers as Record<string, string>, delivery?.body ?? '');
    expect(event).toMatchObject({ type: 'release.published', data: { number: before + 1 } });
    const synced = await syncCopy(base, token, copy);
    expect(synced.release).toBe(before + 1);
    expect(synced.entries.get('price-items/EXAMPLE000002')).toEqual([expect.objectContaining({ attributes: expect.objectContaining({ priceFen: 102 }) })]);
  });
});
