import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhooks } from '../../functions/jobs/deliver-webhooks.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { byTestId, signInWithPreset, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();
let receiver: Server;
let hookUrl: string;

beforeAll(async () => {
  receiver = createServer((_request, response) => response.writeHead(503).end());
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

describe('the console: downstream systems’ webhooks (staff)', () => {
  it('shows each endpoint with its place in the release sequence, and a failing one’s attempts', { timeout: 60_000 }, async () => {
    const { page, server, pageErrors } = consoleSession();
    const system = await server.tokenFor('downstream', 'gc-sys-browser');
    const registered = await fetch(`${server.baseUrl}/v1/webhooks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${system}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: hookUrl, events: ['release.published'] }),
    });
    expect(registered.status).toBe(201);
    const { webhook } = (await registered.json()) as { webhook: { id: string; deliveredThrough: number } };
    // A release the endpoint fails to take (it answers 503).
    const { changeSet, published } = await approvedChangeSet(server.store, manyPriceItems(1, 'BROWSER-WH'));
    await server.store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());
    await deliverWebhooks({ store: server.store, policy: { local: true }, now: () => new Date() });

    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'pricing-a', '王芳');
    await page.click(byTestId('nav-webhooks'));
    const row = page.locator(`${byTestId('webhook-row')}[data-id="${webhook.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(hookUrl);
    expect(await row.textContent()).toContain(`第 ${webhook.deliveredThrough} 版`);
    expect(await row.textContent()).toContain('失败中');
    await row.locator(byTestId('show-attempts')).click();
    const attempt = page.locator(byTestId('webhook-attempt')).first();
    await attempt.waitFor();
    expect(await attempt.getAttribute('data-status')).toBe('503');
    await page.screenshot({ path: 'test-results/webhooks-page.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
