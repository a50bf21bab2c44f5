import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

// A new service item no seed release has (illustrative code).
const ITEM_CODE = '250403100099901';
const ITEM_NAME = '新型冠状病毒中和抗体检测（浏览器测试）';
// Far enough ahead that the new item is still upcoming whenever the test runs.
const EFFECTIVE_DATE = '2030-01-01';
const EFFECTIVE_INSTANT = `${EFFECTIVE_DATE}T00:00:00+08:00`;
const DEFERRED = 'device-registration';
const DEFERRED_NAME = '所用设备、耗材、试剂注册证复印件';

const consoleSession = useConsoleSession();

/** A China-time date `days` after today, as a date input takes it. */
function chinaDateIn(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function applicationState(page: Page, state: string): Promise<void> {
  await page.locator(`gc-state-badge[data-testid="application-state"][state="${state}"]`).waitFor();
}

async function switchTo(page: Page, preset: string, name: string): Promise<void> {
  await signOut(page);
  await signInWithPreset(page, preset, name);
}

describe('the console: a green-channel service application from form to published price item', () => {
  it('takes a hospital’s application with a deferred material through review, approval and publishing, and shows it to nobody else', {
    timeout: 60_000,
  }, async () => {
    const session = consoleSession();
    const { page } = session;
    const promisedDay = chinaDateIn(7);
    await page.goto(`${session.server.baseUrl}/`);

    // The hospital applies in the green channel, deferring one non-critical material on a written commitment.
    await signInWithPreset(page, 'hospital', '刘医生');
    // The header names the hospital from the organisations registry, its code beside it (issue 14 §7).
    await page.locator(`${byTestId('signed-in-as')} ${byTestId('org-name')}:text-is("吉林大学第一医院")`).waitFor();
    await page.click(byTestId('nav-applications'));
    await page.click(byTestId('new-application'));
    await page.fill('#application-itemCode', ITEM_CODE);
    await page.fill('#application-itemName', ITEM_NAME);
    await page.fill('#application-unit', '人次');
    await page.fill('#application-category', '检验');
    await page.fill('#application-priceFen', '45.50');
    await page.fill('#application-reason', '评估疫苗接种后的保护水平，应对重大疫情。');
    await page.check('#application-greenChannel');
    await page.selectOption('#application-greenChannelReason', 'major-epidemic');
    // A critical material is never deferred (2020 No.2 §2(7)), but it may be declared unavailable: the form then says what
    // accepting a review on the materials at hand means.
    expect(await page.isDisabled('#material-cost-calculation-deferred')).toBe(true);
    await page.check('#material-cost-calculation-unavailable');
    expect(await page.locator(`[data-key="cost-calculation"] ${byTestId('consent-meaning')}`).textContent()).toContain('审核只依据您已提交的材料进行');
    await page.check('#material-cost-calculation-provided');
    await page.check(`#material-${DEFERRED}-deferred`);
    await page.click(byTestId('application-save'));
    await page.locator(`${byTestId('field-error')}[data-field="materials.${DEFERRED}.commitment"]`).waitFor();
    await page.fill(`#material-${DEFERRED}-commitment`, '承诺在期限内补交试剂注册证复印件（加盖公章）。');
    await page.fill(`#material-${DEFERRED}-dueDate`, promisedDay);
    await page.click(byTestId('application-save'));

    await page.waitForURL(/#\/applications\/service\/[^/]+$/);
    const applicationId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) as string);
    await applicationState(page, 'draft');
    await page.click(byTestId('step-submit'));
    await page.click(byTestId('confirm-ok'));
    await applicationState(page, 'submitted');

    // The due date is the API's exclusive end, written the notices' way ("… 24:00"), in China time.
    const hospitalToken = await session.server.tokenFor('hospital', '刘医生', 'hosp-jdyy');
    const read = async (token: string) => {
      const response = await fetch(`${session.server.baseUrl}/v1/service-applications/${applicationId}`, { headers: { Authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as { application?: { dueAt: string; payload: { priceFen: number } } } };
    };
    const { body: submitted } = await read(hospitalToken);
    expect(submitted.application?.payload.priceFen).toBe(4550);
    const dueAt = submitted.application?.dueAt as string;
    expect(new Date(dueAt).getTime() % 86_400_000).toBe(16 * 3600_000); // 00:00 China time
    const dueDay = new Date(new Date(dueAt).getTime() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const due = (await page.locator(`${byTestId('application-progress')} ${byTestId('due')}`).textContent())?.trim() ?? '';
    expect(due.startsWith(`${dueDay} 24:00`)).toBe(true);
    // Beside it, the working days the bureau has left (today included).
    expect(await page.locator(`${byTestId('application-progress')} ${byTestId('working-days-left')}`).textContent()).toMatch(/^剩 \d+ 个工作日$/);
    expect(await page.locator(`${byTestId('material')}[data-key="${DEFERRED}"]`).getAttribute('data-status')).toBe('deferred');

    // In the hospital's list: green channel, and the deferred material with its day.
    await page.click(byTestId('nav-applications'));
    const myRow = page.locator(`${byTestId('application-row')}[data-id="${applicationId}"]`);
    await myRow.waitFor();
    expect(await myRow.getAttribute('data-green-channel')).toBe('true');
    expect(await myRow.locator(`${byTestId('outstanding-material')}[data-key="${DEFERRED}"]`).textContent()).toContain(promisedDay);

    // Another hospital sees no row, and the application's page is a 404 without its data.
    await switchTo(page, 'hospital-b', '孙医生');
    await page.click(byTestId('nav-applications'));
    await page.locator(byTestId('no-applications')).waitFor();
    await page.goto(`${session.server.baseUrl}/#/applications/service/${applicationId}`);
    await page.locator(`${byTestId('problem')}[data-status="404"]`).waitFor();
    expect(await page.locator(byTestId('application-name')).count()).toBe(0);
    expect(await page.getByText(ITEM_NAME).count()).toBe(0);

    // The reviewer finds it in the inbox with the green-channel badge, accepts it and starts the review.
    await switchTo(page, 'reviewer', '赵敏');
    await page.click(byTestId('nav-applications'));
    const inboxRow = page.locator(`${byTestId('application-row')}[data-id="${applicationId}"]`);
    await inboxRow.locator(byTestId('green-channel-badge')).waitFor();
    // The applicant by name, with its code beside it in small mono text (issue 14 §7).
    const inboxOrg = inboxRow.locator(byTestId('application-org'));
    expect(await inboxOrg.locator(byTestId('org-name')).textContent()).toBe('吉林大学第一医院');
    expect(await inboxOrg.locator(byTestId('org-code')).textContent()).toBe('hosp-jdyy');
    await inboxRow.locator(byTestId('application-link')).click();
    await applicationState(page, 'submitted');
    expect(await page.locator(`${byTestId('application-org')} ${byTestId('org-name')}`).textContent()).toBe('吉林大学第一医院');
    await page.click(byTestId('step-accept'));
    await applicationState(page, 'accepted');
    await page.click(byTestId('step-start-review'));
    await applicationState(page, 'under-review');

    // Approval waits for the deferred material (2020 No.2 §2(7)), and the console says which one.
    await page.fill('#step-valid-from', EFFECTIVE_DATE);
    await page.click(byTestId('step-approve'));
    await page.click(byTestId('confirm-ok'));
    const refusal = page.locator(`${byTestId('action-problem')} ${byTestId('problem')}[data-refusal="deferred-material-outstanding"]`);
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(DEFERRED_NAME);
    await applicationState(page, 'under-review');

    // The hospital supplies it.
    await switchTo(page, 'hospital', '刘医生');
    await page.click(`${byTestId('supply-material')}[data-key="${DEFERRED}"]`);
    await page.locator(`${byTestId('material')}[data-key="${DEFERRED}"][data-status="provided"]`).waitFor();

    // The reviewer approves from a day in the future, then submits the draft change set the approval made.
    await switchTo(page, 'reviewer', '赵敏');
    await applicationState(page, 'under-review');
    await page.fill('#step-reason', '材料齐全，同意新增。');
    await page.fill('#step-valid-from', EFFECTIVE_DATE);
    await page.click(byTestId('step-approve'));
    await page.click(byTestId('confirm-ok'));
    await applicationState(page, 'approved');
    const history = await page
      .locator(byTestId('history-row'))
      .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-action')}:${row.getAttribute('data-from')}→${row.getAttribute('data-to')}`));
    expect(history).toEqual([
      'submit:draft→submitted',
      'accept:submitted→accepted',
      'start-review:accepted→under-review',
      'supply-material:under-review→under-review',
      'approve:under-review→approved',
    ]);
    await page.click(byTestId('change-set-link'));
    await page.waitForURL(/#\/change-sets\/[^/]+$/);
    const changeSetId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) as string);
    // The change set says which application it came from, with a link back.
    expect(await page.locator(`${byTestId('change-set-source')} a`).getAttribute('href')).toContain('#/applications/service/');
    const change = page.locator(`${byTestId('change-row')}[data-code="${ITEM_CODE}"]`);
    await change.waitFor();
    expect((await change.locator('[data-column="priceFen"]').textContent())?.trim()).toBe('45.50');
    expect(await change.textContent()).toContain(`${EFFECTIVE_DATE} 00:00`);
    await page.click(byTestId('submit-change-set'));
    await page.locator('gc-state-badge[data-testid="change-set-state"][state="submitted"]').waitFor();

    // Pricing staff (another person) approve and publish it.
    await switchTo(page, 'pricing-a', '王芳');
    await page.locator('gc-state-badge[data-testid="change-set-state"][state="submitted"]').waitFor();
    expect(decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) as string)).toBe(changeSetId);
    await page.click(byTestId('approve-change-set'));
    await page.click(byTestId('ack-confirm'));
    await page.locator('gc-state-badge[data-testid="change-set-state"][state="approved"]').waitFor();
    await page.click(byTestId('publish-change-set'));
    await page.click(byTestId('ack-confirm'));
    const published = page.locator(byTestId('publish-result'));
    await published.waitFor();
    const releaseNumber = Number(await published.getAttribute('data-release'));

    // A downstream client reads the new price item, from the day it applies.
    const downstream = await session.server.tokenFor('downstream', '医院HIS同步');
    const onDate = (on: string) =>
      fetch(`${session.server.baseUrl}/v1/catalog/price-items/${ITEM_CODE}?on=${on}`, { headers: { Authorization: `Bearer ${downstream}` } });
    const answer = await onDate(EFFECTIVE_DATE);
    expect(answer.status).toBe(200);
    const item = (await answer.json()) as { asOfRelease: number; period: { validFrom: string; attributes: { name: string; priceFen: number } } };
    expect(item.asOfRelease).toBe(releaseNumber);
    expect(item.period.validFrom).toBe(EFFECTIVE_INSTANT);
    expect(item.period.attributes).toMatchObject({ name: ITEM_NAME, priceFen: 4550 });
    expect((await onDate('2029-12-31')).status).toBe(404);

    // Still nothing of it for the other hospital through the API either.
    const other = await read(await session.server.tokenFor('hospital', '孙医生', 'hosp-cczx'));
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(ITEM_NAME);

    expect(session.pageErrors).toEqual([]);
  });
});
