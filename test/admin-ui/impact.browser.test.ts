import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ConsoleServer } from './console-server.ts';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

// The 5-pooled PCR test of the seed: 5.00 yuan from 2022-05-01, open-ended (illustrative figures).
const PCR_POOLED_5 = '250403100020005';
const pooled5 = (priceFen: number) => ({ name: '新型冠状病毒核酸检测（5混1）', unit: '人次', category: '核酸检测', priceFen });
// Two scheduled reductions, published before the test: far enough ahead to stay scheduled whenever it runs.
const FIRST_REDUCTION = '2030-03-01T00:00:00+08:00';
const SECOND_REDUCTION = '2031-03-01T00:00:00+08:00';
const NEW_PRICE_FROM = '2029-06-01';
const SCREENSHOTS = { changeSet: '/tmp/impact-change-set.png', publishDialog: '/tmp/impact-publish-dialog.png', release: '/tmp/impact-release.png' };

const consoleSession = useConsoleSession();

/**
 * Publishes a change set through the API, as two officers of its own (not the ones the browser
 * signs in as), acknowledging whatever its impact warns of.
 */
async function publishThroughApi(server: ConsoleServer, title: string, changes: unknown[]): Promise<number> {
  const author = await server.tokenFor('pricing-staff', '接口·价格处甲');
  const approver = await server.tokenFor('pricing-staff', '接口·价格处乙');
  const acknowledge = ['removes-published-periods', 'retroactive', 'ceiling-raised', 'large-price-change'];
  const call = async (token: string, path: string, body: unknown, etag?: string) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(etag ? { 'If-Match': etag } : {}) },
      body: JSON.stringify(body),
    });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return { etag: response.headers.get('ETag') ?? '', body: (await response.json()) as any };
  };
  const created = await call(author, '/v1/change-sets', { title, changes });
  const id = created.body.id as string;
  const submitted = await call(author, `/v1/change-sets/${id}/submit`, {}, created.etag);
  const approved = await call(approver, `/v1/change-sets/${id}/approve`, { acknowledge }, submitted.etag);
  const published = await call(approver, `/v1/change-sets/${id}/publish`, { acknowledge }, approved.etag);
  return published.body.release.number as number;
}

async function changeSetState(page: Page, state: string): Promise<void> {
  await page.locator(`gc-state-badge[data-testid="change-set-state"][state="${state}"]`).waitFor();
}

/** The before-row bars of a strip inside `scope` that the change removes entirely, by start. */
async function removedStarts(page: Page, scope: string): Promise<string[]> {
  return page
    .locator(`${scope} ${byTestId('strip-bar')}[data-row="before"][data-state="removed"]`)
    .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-valid-from') ?? ''));
}

describe('the console: the impact of a change, acknowledged before approval and publication', () => {
  it('shows an open-ended price over scheduled reductions removing them, and publishes only once each warning is ticked', {
    timeout: 90_000,
  }, async () => {
    const session = consoleSession();
    const { page, server } = session;
    await publishThroughApi(server, '核酸检测（5混1）分步降价（测试准备）', [
      { kind: 'price-items', code: PCR_POOLED_5, op: 'set', validFrom: FIRST_REDUCTION, attributes: pooled5(400) },
      { kind: 'price-items', code: PCR_POOLED_5, op: 'set', validFrom: SECOND_REDUCTION, attributes: pooled5(300) },
    ]);
    await page.goto(`${server.baseUrl}/`);

    // Officer A proposes 4.50 yuan from 2029-06-01, open-ended: over both scheduled reductions.
    await signInWithPreset(page, 'pricing-a', '王芳');
    await page.goto(`${server.baseUrl}/#/price-items/${PCR_POOLED_5}`);
    await page.click(byTestId('propose-change'));
    await page.fill('#new-change-set-title', '核酸检测（5混1）调整为 4.50 元（浏览器测试）');
    await page.fill('#change-priceFen', '4.50');
    await page.fill('#change-validFrom-date', NEW_PRICE_FROM);
    await page.click(byTestId('change-form-submit'));
    await page.waitForURL(/#\/change-sets\/[^/]+$/);
    const changeSetId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) as string);

    // The change-set page says what it does before anyone signs it off: totals first, then the strip and the warning in words.
    const impact = byTestId('impact-panel');
    await page.locator(`${impact} ${byTestId('impact-entry')}[data-code="${PCR_POOLED_5}"]`).waitFor();
    expect(await page.locator(`${impact} ${byTestId('impact-total')}[data-code="removes-published-periods"]`).getAttribute('data-count')).toBe('1');
    expect(await removedStarts(page, impact)).toEqual([FIRST_REDUCTION, SECOND_REDUCTION]);
    const removal = await page.locator(`${impact} ${byTestId('impact-warning')}[data-code="removes-published-periods"]`).textContent();
    expect(removal).toContain('将删除或截短 3 个已发布的时段，其中 2 个是尚未生效的计划调价');
    expect(removal).toContain('2022-05-01 00:00 至 2030-02-28 24:00 5.00 元：提前结束，只保留 2022-05-01 00:00 至 2029-05-31 24:00');
    expect(removal).toContain('2030-03-01 00:00 至 2031-02-28 24:00 4.00 元（计划调价）：整段删除');
    expect(removal).toContain('2031-03-01 00:00 起（长期有效） 3.00 元（计划调价）：整段删除');
    expect(removal).not.toMatch(/priceFen|[A-Za-z]{4,}/);
    await page.locator(byTestId('impact-panel')).scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOTS.changeSet, fullPage: true });
    await page.click(byTestId('submit-change-set'));
    await changeSetState(page, 'submitted');

    // The entry page shows the pending draft's effect as a strip too.
    await page.goto(`${server.baseUrl}/#/price-items/${PCR_POOLED_5}`);
    const pending = `${byTestId('pending-change-set')}[data-id="${changeSetId}"]`;
    await page.locator(`${pending} ${byTestId('timeline-strip')}`).waitFor();
    expect(await removedStarts(page, pending)).toEqual([FIRST_REDUCTION, SECOND_REDUCTION]);

    // Officer B approves: the confirm button waits for every warning to be ticked.
    await signOut(page);
    await signInWithPreset(page, 'pricing-b', '李强');
    await page.goto(`${server.baseUrl}/#/change-sets/${encodeURIComponent(changeSetId)}`);
    await changeSetState(page, 'submitted');
    await page.click(byTestId('approve-change-set'));
    const dialog = `${byTestId('ack-dialog')}[open]`;
    const codes = () => page.locator(`${dialog} ${byTestId('ack-code')}`).evaluateAll((boxes) => boxes.map((box) => box.getAttribute('data-code')));
    await page
      .locator(`${dialog} ${byTestId('ack-code')}`)
      .first()
      .waitFor();
    expect(await codes()).toEqual(['removes-published-periods', 'ceiling-raised']);
    expect(await page.isDisabled(`${dialog} ${byTestId('ack-confirm')}`)).toBe(true);
    await page.check(`${dialog} ${byTestId('ack-code')}[data-code="removes-published-periods"]`);
    await page.check(`${dialog} ${byTestId('ack-code')}[data-code="ceiling-raised"]`);
    await page.click(`${dialog} ${byTestId('ack-confirm')}`);
    await changeSetState(page, 'approved');

    // The publish confirmation: the removed scheduled periods struck through, publish disabled until every warning is ticked.
    await page.click(byTestId('publish-change-set'));
    await page.locator(`${dialog} ${byTestId('impact-entry')}[data-code="${PCR_POOLED_5}"]`).waitFor();
    expect(await removedStarts(page, dialog)).toEqual([FIRST_REDUCTION, SECOND_REDUCTION]);
    const struck = await page
      .locator(`${dialog} ${byTestId('strip-bar')}[data-state="removed"] ${byTestId('strip-label')}`)
      .evaluateAll((labels) => labels.map((label) => `${label.textContent?.trim()}|${getComputedStyle(label).textDecorationLine}`));
    expect(struck).toEqual(['4.00 元|line-through', '3.00 元|line-through']);
    const confirm = `${dialog} ${byTestId('ack-confirm')}`;
    expect(await page.isDisabled(confirm)).toBe(true);
    await page.check(`${dialog} ${byTestId('ack-code')}[data-code="removes-published-periods"]`);
    expect(await page.isDisabled(confirm)).toBe(true);
    await page.check(`${dialog} ${byTestId('ack-code')}[data-code="ceiling-raised"]`);
    expect(await page.isDisabled(confirm)).toBe(false);
    await page.screenshot({ path: SCREENSHOTS.publishDialog });

    // Meanwhile another release lowers the price to 2.00 from the same day: the impact changes, and the server wants it acknowledged again.
    const meanwhile = await publishThroughApi(server, '核酸检测（5混1）降至 2.00 元（测试：期间发布）', [
      { kind: 'price-items', code: PCR_POOLED_5, op: 'set', validFrom: `${NEW_PRICE_FROM}T00:00:00+08:00`, attributes: pooled5(200) },
    ]);
    await page.click(confirm);
    await page.locator(`${dialog} ${byTestId('ack-notice')}`).waitFor();
    expect(await page.locator(`${dialog} ${byTestId('ack-notice')}`).textContent()).toContain(`第 ${meanwhile} 版`);
    await page.locator(`${dialog} ${byTestId('ack-code')}[data-code="large-price-change"]`).waitFor();
    expect(await codes()).toEqual(['removes-published-periods', 'ceiling-raised', 'large-price-change']);
    expect(await page.isDisabled(confirm)).toBe(true);
    for (const code of ['removes-published-periods', 'ceiling-raised', 'large-price-change'])
      await page.check(`${dialog} ${byTestId('ack-code')}[data-code="${code}"]`);
    await page.click(confirm);
    const published = page.locator(byTestId('publish-result'));
    await published.waitFor();
    const releaseNumber = Number(await published.getAttribute('data-release'));
    expect(releaseNumber).toBe(meanwhile + 1);
    await changeSetState(page, 'published');

    // The release page: old → new, and who acknowledged what.
    await page.click(`${byTestId('publish-result')} a`);
    const diffItem = `${byTestId('diff-item')}[data-code="${PCR_POOLED_5}"]`;
    await page.locator(diffItem).waitFor();
    const labels = (row: string) =>
      page
        .locator(`${diffItem} ${byTestId('strip-bar')}[data-row="${row}"]`)
        .evaluateAll((bars) => bars.map((bar) => `${bar.getAttribute('data-state')}:${bar.querySelector('[data-testid="strip-label"]')?.textContent?.trim()}`));
    expect((await labels('before')).at(-1)).toBe('removed:2.00 元');
    expect((await labels('after')).at(-1)).toBe('new:4.50 元');
    const acknowledged = await page
      .locator(`${byTestId('release-acknowledgements')} ${byTestId('acknowledgement')}`)
      .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-step')}:${row.getAttribute('data-codes')}`));
    expect(acknowledged).toEqual(['approve:removes-published-periods ceiling-raised', 'publish:removes-published-periods ceiling-raised large-price-change']);
    await page.screenshot({ path: SCREENSHOTS.release, fullPage: true });

    // Reverting it drafts a change set that undoes it, and the console opens it.
    await page.click(byTestId('revert-release'));
    await page.click(byTestId('confirm-ok'));
    await page.waitForURL((url) => !url.hash.includes(changeSetId) && /#\/change-sets\/[^/]+$/.test(url.hash));
    await page.locator(`${byTestId('revert-of-link')}`).waitFor();
    expect(await page.locator(byTestId('revert-of-link')).getAttribute('href')).toBe(`#/releases/${releaseNumber}`);
    await changeSetState(page, 'draft');

    expect(session.pageErrors).toEqual([]);
  });
});
