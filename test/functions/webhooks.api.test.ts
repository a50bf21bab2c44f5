import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as Verifier } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhooks } from '../../functions/jobs/deliver-webhooks.ts';
import { webhookUrlRefusal } from '../../functions/http/webhook-url.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { providedMaterials, servicePayload } from '../support/applications.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 15 §1–2: every release told to each registered endpoint, signed per Standard Webhooks
// (verified here with the reference `standardwebhooks` library), in release order, at least once,
// retried with backoff and disabled after a day of failures; endpoints on internal addresses refused.
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
let t: TestApp;
let server: Server;
let base: string;
const received: Received[] = [];
let answer = 204;
let clock = new Date('2026-11-30T10:00:00+08:00');
const now = () => clock;
const run = () => deliverWebhooks({ store: t.store, policy: { local: true }, now });
let his: string;
let settlement: string;
let published = 0;

async function publish(count: number): Promise<number> {
  const { changeSet, published: ready } = await approvedChangeSet(t.store, manyPriceItems(count, `WH${published}-`));
  published += 1;
  return (await t.store.releases.publish(ready, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now())).release.number;
}

beforeAll(async () => {
  t = await startTestApp();
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(answer).end('ignored');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  his = await t.tokenFor('downstream', 'gc-sys-his');
  settlement = await t.tokenFor('downstream', 'gc-sys-settlement');
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('webhooks', () => {
  let id: string;
  let secret: string;

  it('registers an endpoint for the caller, the secret shown once, from the current release on', async () => {
    await publish(3);
    const registered = await t.call('POST', '/v1/webhooks', { token: his, body: { url: `${base}/hook`, events: ['release.published'] } });
    expect(registered.status).toBe(201);
    expect(registered.body.secret).toMatch(/^whsec_/);
    expect(registered.body.webhook).toMatchObject({ owner: 'dev:downstream:-:gc-sys-his', state: 'active', deliveredThrough: 1, attempts: 0 });
    ({ id } = registered.body.webhook);
    ({ secret } = registered.body);
    const listed = await t.call('GET', '/v1/webhooks', { token: his });
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    // Nothing published since: nothing to send.
    expect(await run()).toEqual({ delivered: 0, failed: 0 });
  });

  it('delivers each new release once, in order, signed so that the reference library verifies it', async () => {
    const second = await publish(2);
    const third = await publish(5);
    received.length = 0;
    expect(await run()).toEqual({ delivered: 2, failed: 0 });
    const verifier = new Verifier(secret);
    const events = received.map(
      ({ headers, body }) =>
        verifier.verify(body, headers as Record<string, string>) as { type: string; data: { number: number; countsByKind: object; feed: string } },
    );
    expect(events.map((event) => event.data.number)).toEqual([second, third]);
    expect(events[1]).toMatchObject({
      type: 'release.published',
      data: { countsByKind: { 'price-items': 5 }, feed: `/v1/releases?after=${third - 1}&limit=1` },
    });
    expect(() => verifier.verify(received[0]!.body.replace('release', 'Release'), received[0]!.headers as Record<string, string>)).toThrow();
    expect(await run()).toEqual({ delivered: 0, failed: 0 });
    const log = await t.call('GET', `/v1/webhooks/${id}/deliveries`, { token: his });
    expect(log.body.items.map((delivery: { release: number; status: number }) => [delivery.release, delivery.status])).toEqual([
      [third, 204],
      [second, 204],
    ]);
  });

  it('delivers again after a crash between sending and recording it: at least once, with the same webhook-id', async () => {
    await publish(1);
    received.length = 0;
    const save = t.store.webhooks.save.bind(t.store.webhooks);
    t.store.webhooks.save = async () => {
      throw new Error('the worker died before recording the delivery');
    };
    await expect(run()).rejects.toThrow('died');
    t.store.webhooks.save = save;
    expect(await run()).toEqual({ delivered: 1, failed: 0 });
    expect(received).toHaveLength(2);
    expect(received[0]!.headers['webhook-id']).toBe(received[1]!.headers['webhook-id']);
  });

  it('retries a failing endpoint with backoff, keeps the order, and disables it after a day', async () => {
    const failing = await publish(1);
    answer = 500;
    received.length = 0;
    expect(await run()).toEqual({ delivered: 0, failed: 1 });
    expect(await run()).toEqual({ delivered: 0, failed: 0 }); // not due yet
    clock = new Date(clock.getTime() + 60_000);
    expect(await run()).toEqual({ delivered: 0, failed: 1 });
    const [state] = (await t.call('GET', '/v1/webhooks', { token: his })).body.items;
    expect(state).toMatchObject({ state: 'active', attempts: 2, deliveredThrough: failing - 1 });
    clock = new Date(clock.getTime() + 24 * 60 * 60 * 1000);
    expect(await run()).toEqual({ delivered: 0, failed: 1 });
    const [disabled] = (await t.call('GET', '/v1/webhooks', { token: his })).body.items;
    expect(disabled).toMatchObject({ state: 'disabled', deliveredThrough: failing - 1 });
    expect(disabled.disabledReason).toContain('500');

    // The owner fixes the endpoint and replays from the release it missed: re-enabled, delivered.
    answer = 200;
    const replayed = await t.call('POST', `/v1/webhooks/${id}/replay`, { token: his, body: { fromRelease: failing } });
    expect(replayed.body.webhook).toMatchObject({ state: 'active', deliveredThrough: failing - 1, attempts: 0 });
    received.length = 0;
    expect(await run()).toEqual({ delivered: 1, failed: 0 });
    expect(JSON.parse(received[0]!.body).data.number).toBe(failing);
  });

  it('shows, replays and removes an endpoint only for its owner; staff see every endpoint', async () => {
    for (const [method, path, body] of [
      ['GET', `/v1/webhooks/${id}/deliveries`, undefined],
      ['POST', `/v1/webhooks/${id}/replay`, { fromRelease: 1 }],
      ['DELETE', `/v1/webhooks/${id}`, undefined],
    ] as const) {
      expect((await t.call(method, path, { token: settlement, ...(body ? { body } : {}) })).status, `${method} ${path}`).toBe(404);
    }
    expect((await t.call('GET', '/v1/webhooks', { token: settlement })).body.items).toEqual([]);
    const staff = await t.tokenFor('pricing-staff', '王芳');
    expect((await t.call('GET', '/v1/webhooks', { token: staff })).body.items.map((webhook: { id: string }) => webhook.id)).toEqual([id]);
    expect((await t.call('POST', '/v1/webhooks', { token: staff, body: { url: `${base}/x`, events: ['release.published'] } })).status).toBe(403);
    const hospital = await t.tokenFor('hospital', '刘医生', 'hosp-jdyy');
    expect((await t.call('GET', '/v1/webhooks', { token: hospital })).body.items).toEqual([]);
    expect((await t.call('DELETE', `/v1/webhooks/${id}`, { token: his })).status).toBe(204);
    expect((await t.call('GET', '/v1/webhooks', { token: his })).body.items).toEqual([]);
  });

  it('tells a hospital’s own system of its own applications’ state changes, and no other organisation’s', async () => {
    const own = await t.tokenFor('hospital', '刘医生', 'hosp-jdyy');
    const other = await t.tokenFor('hospital', '孙医生', 'hosp-cczx');
    // A hospital subscribes to its applications, never to releases; a system never to applications.
    expect((await t.call('POST', '/v1/webhooks', { token: own, body: { url: `${base}/own`, events: ['release.published'] } })).status).toBe(400);
    expect((await t.call('POST', '/v1/webhooks', { token: his, body: { url: `${base}/x`, events: ['application.state-changed'] } })).status).toBe(400);
    const ownHook = await t.call('POST', '/v1/webhooks', { token: own, body: { url: `${base}/own`, events: ['application.state-changed'] } });
    expect(ownHook.body.webhook).toMatchObject({ orgId: 'hosp-jdyy' });
    const otherHook = await t.call('POST', '/v1/webhooks', { token: other, body: { url: `${base}/other`, events: ['application.state-changed'] } });
    expect(otherHook.status).toBe(201);

    answer = 204;
    clock = new Date(Date.now());
    const created = await t.call('POST', '/v1/service-applications', {
      token: own,
      body: { payload: servicePayload({ greenChannel: true }), materials: providedMaterials('service', true) },
    });
    expect(created.status).toBe(201);
    const resource = `/v1/service-applications/${created.body.application.id}`;
    const etag = (await t.call('GET', resource, { token: own })).headers.get('etag') as string;
    const submitted = await t.call('POST', `${resource}/submit`, { token: own, body: {}, headers: { 'If-Match': etag } });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

    received.length = 0;
    await run();
    const toOwn = received.filter(({ headers }) => headers['webhook-id']?.toString().includes(ownHook.body.webhook.id.replace(/-/g, '').slice(0, 16)));
    expect(toOwn).toHaveLength(1);
    const event = new Verifier(ownHook.body.secret).verify(toOwn[0]!.body, toOwn[0]!.headers as Record<string, string>) as { type: string; data: object };
    expect(event).toMatchObject({
      type: 'application.state-changed',
      data: { applicationType: 'service', id: created.body.application.id, orgId: 'hosp-jdyy', from: 'draft', to: 'submitted' },
    });
    // The other hospital's system heard nothing; a second run sends nothing again.
    expect(received.filter(({ headers }) => headers['webhook-id']?.toString().includes(otherHook.body.webhook.id.replace(/-/g, '').slice(0, 16)))).toEqual([]);
    received.length = 0;
    await run();
    expect(received.filter(({ body }) => body.includes('application.state-changed'))).toEqual([]);
  });

  it('refuses endpoints on link-local, private or (on AWS) loopback addresses, and plain HTTP on AWS', async () => {
    const refused = await t.call('POST', '/v1/webhooks', {
      token: his,
      body: { url: 'http://169.254.169.254/latest/meta-data', events: ['release.published'] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ path: 'url', in: 'body' });
    expect((await t.call('POST', '/v1/webhooks', { token: his, body: { url: 'http://10.0.0.8/hook', events: ['release.published'] } })).status).toBe(400);
    expect((await t.call('POST', '/v1/webhooks', { token: his, body: { url: 'ftp://example.cn/hook', events: ['release.published'] } })).status).toBe(400);
    const aws = { local: false };
    expect(await webhookUrlRefusal('http://his.example.cn/hook', aws)).toContain('HTTPS');
    expect(await webhookUrlRefusal('https://127.0.0.1/hook', aws)).toContain('loopback');
    expect(await webhookUrlRefusal('https://[fe80::1]/hook', aws)).toContain('link-local');
    expect(await webhookUrlRefusal('https://user:pw@his.example.cn/hook', aws)).toContain('credentials');
    // A name that resolves inside (DNS rebinding) is refused when it is resolved, at every delivery.
    const rebinding = (async () => [{ address: '192.168.1.10', family: 4 }]) as unknown as typeof import('node:dns/promises').lookup;
    expect(await webhookUrlRefusal('https://his.example.cn/hook', aws, rebinding)).toContain('private');
    const outside = (async () => [{ address: '203.0.113.7', family: 4 }]) as unknown as typeof import('node:dns/promises').lookup;
    expect(await webhookUrlRefusal('https://his.example.cn/hook', aws, outside)).toBeUndefined();
  });
});
