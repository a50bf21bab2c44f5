import { describe, expect, it } from 'vitest';
import { byTestId, signInWithPreset, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

describe('the console: downstream systems’ clients', () => {
  it('registers a system, shows its secret once, and revokes it after a confirmation', { timeout: 60_000 }, async () => {
    const session = consoleSession();
    const { page, server } = session;
    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'pricing-a', '王芳');
    await page.click(byTestId('nav-machine-clients'));
    await page.fill('#client-name', '浏览器测试 HIS');
    await page.fill('#client-contact', '信息科 张工');
    await page.click(byTestId('register-client'));
    await page.locator(byTestId('registered-client')).waitFor();
    expect(await page.locator(byTestId('registered-client')).textContent()).toContain('只显示这一次');
    const clientId = await page.inputValue(byTestId('registered-id'));
    const secret = await page.inputValue(byTestId('registered-secret'));
    expect(secret.length).toBeGreaterThan(20);

    // The system gets its token with them, and reads the catalog.
    const tokenResponse = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'catalog/read' }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const read = async () => (await fetch(`${server.baseUrl}/v1/catalog/price-items?limit=1`, { headers: { Authorization: `Bearer ${token}` } })).status;
    expect(await read()).toBe(200);

    const row = page.locator(`${byTestId('client-row')}[data-id="${clientId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-revoked')).toBe('false');
    await row.locator(byTestId('revoke-client')).click();
    expect(await page.locator(byTestId('confirm-dialog')).textContent()).toContain('浏览器测试 HIS');
    await page.click(byTestId('confirm-ok'));
    await page.locator(`${byTestId('client-row')}[data-id="${clientId}"][data-revoked="true"]`).waitFor();
    // Revocation is cached for at most a few seconds.
    await expect.poll(read, { timeout: 6_000, interval: 500 }).toBe(401);

    // The secret is not shown again.
    await page.reload();
    await page.locator(byTestId('clients-table')).waitFor();
    expect(await page.locator(byTestId('registered-client')).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
  });
});
