import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

// Issue 14 acceptance: a hospital uploads a material, the reviewer opens it and asks for a
// supplement, the hospital uploads again, the item is published, and the hospital's notification
// says so.
const consoleSession = useConsoleSession();
const ITEM_CODE = '250403100099931';
const ITEM_NAME = '新型冠状病毒抗体检测（材料与通知测试）';
const MATERIAL = 'cost-calculation';
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');

async function state(page: Page, name: string): Promise<void> {
  await page.locator(`gc-state-badge[data-testid="application-state"][state="${name}"]`).waitFor();
}

async function switchTo(page: Page, preset: string, name: string, hash: string): Promise<void> {
  await signOut(page);
  await signInWithPreset(page, preset, name);
  await page.goto(`${consoleSession().server.baseUrl}/${hash}`);
}

async function upload(page: Page, scope: string, name: string): Promise<void> {
  const control = page.locator(`${scope} ${byTestId('document-upload')}[data-key="${MATERIAL}"]`);
  await control.locator(byTestId('document-file')).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
  await control.locator(byTestId('document-uploaded')).waitFor();
}

describe('the console: documents and notifications', () => {
  it('takes an uploaded material through a supplement request to publication, and tells the hospital', { timeout: 90_000 }, async () => {
    const session = consoleSession();
    const { page, server } = session;
    const hospitalToken = await server.tokenFor('hospital', '刘医生', 'hosp-jdyy');
    const materials = requiredMaterials('service', false).map((material) => ({ key: material.key, status: 'provided' }));
    const payload = {
      itemCode: ITEM_CODE,
      itemName: ITEM_NAME,
      unit: '人次',
      category: '检验',
      priceFen: 3000,
      grade: '3',
      reason: '疫情防控需要',
      greenChannel: false,
    };
    const created = await fetch(`${server.baseUrl}/v1/service-applications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hospitalToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ payload, materials }),
    });
    const id = ((await created.json()) as { application: { id: string } }).application.id;
    const hash = `#/applications/service/${encodeURIComponent(id)}`;

    // The hospital uploads its cost calculation to the draft, saves and submits.
    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'hospital', '刘医生');
    await page.goto(`${server.baseUrl}/${hash}`);
    await state(page, 'draft');
    await page.click(byTestId('edit-application'));
    await upload(page, byTestId('application-form'), '成本测算表.pdf');
    await page.click(byTestId('application-save'));
    await page.locator(`${byTestId('application-files')} ${byTestId('document-row')}[data-key="${MATERIAL}"]`).waitFor();
    await page.click(byTestId('step-submit'));
    await page.click(byTestId('confirm-ok'));
    await state(page, 'submitted');

    // The reviewer opens the file (an inline PDF by a short-lived link) and asks for a new one.
    await switchTo(page, 'reviewer', '赵敏', hash);
    await state(page, 'submitted');
    const [download] = await Promise.all([
      page.context().waitForEvent('response', (response) => response.url().includes('/files/') && response.request().method() === 'GET'),
      page
        .locator(`${byTestId('application-files')} ${byTestId('document-open')}`)
        .first()
        .click(),
    ]);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(download.headers()['content-disposition']).toMatch(/^inline/);
    await page.check(`#request-${MATERIAL}`);
    await page.fill('#step-reason', '成本测算表缺少试剂价格依据，请补交。');
    await page.click(byTestId('step-request-supplement'));
    await state(page, 'supplement-requested');

    // The hospital is told, uploads the new calculation and answers.
    await switchTo(page, 'hospital', '刘医生', hash);
    await page.locator(`${byTestId('notification-bell')}:not([data-unread="0"])`).waitFor();
    await state(page, 'supplement-requested');
    await upload(page, byTestId('supplement-form'), '成本测算表（补交）.pdf');
    await page.click(byTestId('step-supply-supplement'));
    await state(page, 'submitted');
    expect(await page.locator(`${byTestId('application-files')} ${byTestId('document-row')}`).count()).toBe(2);

    // Review, approval, and publication by pricing staff.
    await switchTo(page, 'reviewer', '赵敏', hash);
    for (const [step, next] of [
      ['accept', 'accepted'],
      ['start-review', 'under-review'],
    ] as const) {
      await page.click(byTestId(`step-${step}`));
      await state(page, next);
    }
    await page.fill('#step-reason', '材料齐全，同意新增。');
    await page.fill('#step-valid-from', '2030-01-01');
    await page.click(byTestId('step-approve'));
    await page.click(byTestId('confirm-ok'));
    await state(page, 'approved');
    await page.click(byTestId('change-set-link'));
    await page.click(byTestId('submit-change-set'));
    await page.locator('gc-state-badge[data-testid="change-set-state"][state="submitted"]').waitFor();
    const changeSetHash = new URL(page.url()).hash;
    await switchTo(page, 'pricing-a', '王芳', changeSetHash);
    await page.click(byTestId('approve-change-set'));
    await page.click(byTestId('ack-confirm'));
    await page.locator('gc-state-badge[data-testid="change-set-state"][state="approved"]').waitFor();
    await page.click(byTestId('publish-change-set'));
    await page.click(byTestId('ack-confirm'));
    await page.locator(byTestId('publish-result')).waitFor();

    // The hospital's notification says its item is published.
    await switchTo(page, 'hospital', '刘医生', '#/notifications');
    const newest = page.locator(byTestId('notification')).first();
    await newest.waitFor();
    expect(await newest.getAttribute('data-kind')).toBe('item-published');
    expect(await newest.textContent()).toContain(ITEM_NAME);
    expect(await newest.textContent()).toContain('已发布');
    await page.screenshot({ path: 'test-results/notifications.png' });
    expect(session.pageErrors).toEqual([]);
  });

  it('turns mail on with the code mailed to the address, and shows the admin the outbox', { timeout: 60_000 }, async () => {
    const session = consoleSession();
    const { page, server } = session;
    await switchTo(page, 'hospital', '刘医生', '#/notifications');
    const preferences = page.locator(byTestId('email-preferences'));
    await preferences.waitFor();
    expect(await preferences.getAttribute('data-state')).toBe('none');
    await page.fill(byTestId('email-address'), 'liu@jdyy.example.cn');
    await page.click(byTestId('email-send-code'));
    await page.locator(byTestId('email-pending')).waitFor();

    // The code, as the mail carries it (locally: in the outbox).
    const admin = await server.tokenFor('admin', '系统管理员');
    const outbox = (await (await fetch(`${server.baseUrl}/v1/email-outbox`, { headers: { Authorization: `Bearer ${admin}` } })).json()) as {
      items: { to: string; subject: string }[];
    };
    const code = /验证码 (\d{6})/.exec(outbox.items.find((mail) => mail.to === 'liu@jdyy.example.cn')?.subject ?? '')?.[1] ?? '';
    await page.fill(byTestId('email-code'), code === '000000' ? '000001' : '000000');
    await page.click(byTestId('email-confirm'));
    // A wrong code is said in Chinese, on its field.
    await page.locator(`${byTestId('email-preferences')} gc-problem`, { hasText: '验证码不正确' }).waitFor();
    await page.fill(byTestId('email-code'), code);
    await page.click(byTestId('email-confirm'));
    await page.locator(byTestId('email-active')).waitFor();
    expect(await page.locator(byTestId('email-active')).textContent()).toContain('liu@jdyy.example.cn');
    await page.screenshot({ path: 'test-results/email-preferences.png', fullPage: true });

    // The admin reads the outbox in the console.
    await switchTo(page, 'admin', '系统管理员', '#/notifications');
    await page.click(byTestId('outbox-link'));
    const mail = page.locator(byTestId('outbox-mail')).first();
    await mail.waitFor();
    expect(await mail.textContent()).toContain('liu@jdyy.example.cn');
    await mail.locator('summary').click();
    expect(await mail.locator(byTestId('outbox-text')).textContent()).toContain('#/notifications');
    await page.screenshot({ path: 'test-results/email-outbox.png' });
    expect(session.pageErrors).toEqual([]);
  });
});
