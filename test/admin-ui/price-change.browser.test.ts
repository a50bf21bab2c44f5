import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

// The PCR single-sample test of the seed (illustrative figures).
const PCR_SINGLE = '250403100010000';
// Far enough ahead that the new price is still upcoming whenever the test runs.
const EFFECTIVE_DATE = '2030-01-01';
const EFFECTIVE_INSTANT = `${EFFECTIVE_DATE}T00:00:00+08:00`;

const consoleSession = useConsoleSession();

async function changeSetState(page: Page, state: string): Promise<void> {
  await page.locator(`gc-state-badge[data-testid="change-set-state"][state="${state}"]`).waitFor();
}

describe('the console: a price change from draft to release', () => {
  it('lowers the PCR price through draft, four-eyes approval and publishing, and the API serves it', { timeout: 45_000 }, async () => {
    const session = consoleSession();
    const { page } = session;
    await page.goto(`${session.server.baseUrl}/`);

    // Officer A drafts the change from the item's page and submits it.
    await signInWithPreset(page, 'pricing-a', '王芳');
    await page.click(`${byTestId('entry-row')}[data-code="${PCR_SINGLE}"] ${byTestId('entry-link')}`);
    await page.locator(byTestId('timeline')).waitFor();
    await page.click(byTestId('propose-change'));
    // The form starts from the attributes in force now.
    expect(await page.inputValue('#change-name')).toContain('核酸检测');
    await page.fill('#new-change-set-title', '下调单样本核酸检测价格（浏览器测试）');
    await page.fill('#change-priceFen', '10.005');
    await page.click(byTestId('change-form-submit'));
    await page.locator(`${byTestId('field-error')}[data-field="priceFen"]`).waitFor();
    await page.fill('#change-priceFen', '10.00');
    await page.fill('#change-validFrom-date', EFFECTIVE_DATE);
    await page.click(byTestId('change-form-submit'));

    await page.waitForURL(/#\/change-sets\/[^/]+$/);
    const changeSetId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) as string);
    const changeRow = page.locator(`${byTestId('change-row')}[data-code="${PCR_SINGLE}"]`);
    await changeRow.waitFor();
    expect((await changeRow.locator('[data-column="priceFen"]').textContent())?.trim()).toBe('10.00');
    expect(await changeRow.textContent()).toContain(`${EFFECTIVE_DATE} 00:00`);
    await changeSetState(page, 'draft');
    await page.click(byTestId('submit-change-set'));
    await changeSetState(page, 'submitted');

    // Four eyes: the author's own approval is refused, and the console says so.
    await page.click(byTestId('approve-change-set'));
    await page.click(byTestId('ack-confirm'));
    const refusal = page.locator(`${byTestId('problem')}[data-type="/problems/four-eyes"]`);
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-status')).toBe('403');
    await changeSetState(page, 'submitted');

    // Officer B approves and publishes (after cancelling once: nothing is published without confirming).
    await signOut(page);
    await signInWithPreset(page, 'pricing-b', '李强');
    await page.click(byTestId('nav-change-sets'));
    await page.click(`${byTestId('change-set-row')}[data-id="${changeSetId}"] ${byTestId('change-set-link')}`);
    await changeSetState(page, 'submitted');
    // A lower price from a future day over an open-ended one: nothing to acknowledge, the dialog shows its effect and lets it through.
    await page.click(byTestId('approve-change-set'));
    await page.locator(`${byTestId('ack-dialog')}[open] ${byTestId('impact-no-ack')}`).waitFor();
    await page.click(byTestId('ack-confirm'));
    await changeSetState(page, 'approved');

    await page.click(byTestId('publish-change-set'));
    await page.locator(`${byTestId('ack-dialog')}[open]`).waitFor();
    await page.click(byTestId('ack-cancel'));
    await page.locator(`${byTestId('ack-dialog')}[open]`).waitFor({ state: 'detached' });
    await changeSetState(page, 'approved');

    await page.click(byTestId('publish-change-set'));
    await page.click(byTestId('ack-confirm'));
    const published = page.locator(byTestId('publish-result'));
    await published.waitFor();
    const releaseNumber = Number(await published.getAttribute('data-release'));
    expect(releaseNumber).toBeGreaterThan(0);
    await changeSetState(page, 'published');

    // The item's page shows the new period, upcoming, at 10.00 yuan from 2030-01-01 00:00 China time.
    await page.goto(`${session.server.baseUrl}/#/price-items/${PCR_SINGLE}`);
    const newPeriod = page.locator(`${byTestId('period-row')}[data-valid-from="${EFFECTIVE_INSTANT}"]`);
    await newPeriod.waitFor();
    expect((await newPeriod.locator('[data-column="priceFen"]').textContent())?.trim()).toBe('10.00');
    expect(await newPeriod.textContent()).toContain(`${EFFECTIVE_DATE} 00:00`);

    // And so does the HTTP API, for a downstream system.
    const token = await session.server.tokenFor('downstream', '医院HIS同步');
    const onDate = async (on: string) => {
      const response = await fetch(`${session.server.baseUrl}/v1/catalog/price-items/${PCR_SINGLE}?on=${on}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { asOfRelease: number; period: { validFrom: string; attributes: { priceFen: number } } };
    };
    const answer = await onDate(EFFECTIVE_DATE);
    expect(answer.asOfRelease).toBe(releaseNumber);
    expect(answer.period.validFrom).toBe(EFFECTIVE_INSTANT);
    expect(answer.period.attributes.priceFen).toBe(1000);
    expect((await onDate('2029-12-31')).period.attributes.priceFen).not.toBe(1000);

    expect(session.pageErrors).toEqual([]);
  });
});
