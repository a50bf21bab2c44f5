import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { byTestId, signInWithPreset, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

const header = '编码,生效时间,失效时间,通用名,剂型,支付类别,批次';
/** Two drug entries; row 3 (the header is row 1) has a payment class that does not exist. */
const badFile = [
  header,
  'BT-DRUG-001,2030-01-01,,示例颗粒（浏览器测试）,颗粒剂,乙类,',
  'BT-DRUG-002,2030-01-01,2030-07-01,示例注射液（浏览器测试）,注射剂,丙类,第四批省增药品',
  '',
].join('\n');
const goodFile = badFile.replace('丙类', '省增');

async function upload(page: Page, name: string, content: string): Promise<void> {
  await page.setInputFiles('#import-file', { name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await page.click(byTestId('import-submit'));
}

describe('the console: importing a file into a draft', () => {
  it('reports every bad row with its row number and column and adds nothing, then imports the fixed file', { timeout: 45_000 }, async () => {
    const session = consoleSession();
    const { page } = session;
    await page.goto(`${session.server.baseUrl}/#/change-sets`);
    await signInWithPreset(page, 'pricing-a', '王芳');
    await page.fill('#new-change-set-title', '导入药品目录（浏览器测试）');
    await page.click(byTestId('create-change-set'));
    await page.waitForURL(/#\/change-sets\/[^/]+$/);
    const changeSetId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) as string);
    await page.locator(byTestId('no-changes')).waitFor();

    await page.selectOption('#import-kind', 'drug-entries');
    // The file goes to storage with the signed form, not to the API.
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') uploads.push(new URL(request.url()).pathname);
    });
    await upload(page, '药品目录.csv', badFile);

    const report = page.locator(byTestId('import-rejected'));
    await report.waitFor();
    const badRows = report.locator(byTestId('import-error-row'));
    expect(await badRows.count()).toBe(1);
    expect(await badRows.first().getAttribute('data-row')).toBe('3');
    expect(await badRows.first().getAttribute('data-column')).toBe('支付类别');
    // Said in Chinese from the row's code, not in the API's English.
    expect(await badRows.first().textContent()).toContain('须为以下之一：甲类、乙类、省增');
    expect(await report.textContent()).not.toMatch(/must be|unknown column/);
    expect(await report.textContent()).toContain('未导入任何内容');
    expect(uploads).toEqual(expect.arrayContaining(['/files/upload', `/v1/change-sets/${changeSetId}/imports`]));
    expect(uploads).not.toContain(`/v1/change-sets/${changeSetId}/import`);
    // Every bad row, as a workbook to download.
    const workbookUrl = await report.locator(byTestId('import-error-workbook')).getAttribute('href');
    const workbook = await fetch(new URL(workbookUrl ?? '', session.server.baseUrl));
    expect(workbook.status).toBe(200);
    expect(workbook.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // Nothing was added: neither on the page nor in the API.
    expect(await page.locator(byTestId('import-result')).count()).toBe(0);
    expect(await page.locator(byTestId('no-changes')).count()).toBe(1);
    const token = await session.server.tokenFor('pricing-staff', '王芳');
    const read = async () =>
      (await (await fetch(`${session.server.baseUrl}/v1/change-sets/${changeSetId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        changeCount: number;
      };
    expect((await read()).changeCount).toBe(0);

    await upload(page, '药品目录（已改）.csv', goodFile);
    const result = page.locator(byTestId('import-result'));
    await result.waitFor();
    expect(await result.getAttribute('data-imported')).toBe('2');
    expect(await page.locator(byTestId('import-rejected')).count()).toBe(0);

    // The changes appear in the editor, in the drug list's columns, the end written the notices' way.
    const second = page.locator(`${byTestId('changes-table')}[data-kind="drug-entries"] ${byTestId('change-row')}[data-code="BT-DRUG-002"]`);
    await second.waitFor();
    await page.locator(`${byTestId('change-row')}[data-code="BT-DRUG-001"]`).waitFor();
    expect((await second.locator('[data-column="paymentClass"]').textContent())?.trim()).toBe('省增');
    expect(await second.textContent()).toContain('2030-06-30 24:00');
    expect((await read()).changeCount).toBe(2);

    // The template: the stored export of the current release, downloaded through its signed link.
    const downloaded = page.waitForEvent('download');
    await page.click(byTestId('export-xlsx'));
    expect((await downloaded).suggestedFilename()).toMatch(/^drug-entries-release-\d+\.xlsx$/);

    expect(session.pageErrors).toEqual([]);
  });
});
