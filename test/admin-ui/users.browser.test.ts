import { describe, expect, it } from 'vitest';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

describe('the console: users and organisations (admin)', () => {
  it('moves a hospital user to another organisation after a confirmation, records it, names organisations, and the user then acts for it', {
    timeout: 90_000,
  }, async () => {
    const { page, server, pageErrors } = consoleSession();
    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'admin', '系统管理员');
    await page.click(byTestId('nav-users'));
    const row = page.locator(`${byTestId('user-row')}[data-username="hospital-b"]`);
    await row.waitFor();
    // The organisation by its name from the registry, its code beside it (issue 14 §7).
    await row.locator(`${byTestId('user-org')} ${byTestId('org-name')}:text-is("长春市中心医院")`).waitFor();
    expect(await row.locator(`${byTestId('user-org')} ${byTestId('org-code')}`).textContent()).toBe('hosp-cczx');
    expect(await row.textContent()).toContain('定点医疗机构');
    // Staff have no organisation to change.
    expect(await page.locator(`${byTestId('user-row')}[data-username="pricing-a"] ${byTestId('change-org')}`).count()).toBe(0);

    await row.locator(byTestId('change-org')).click();
    await page.fill('#org-id', 'hosp-jdyy');
    await page.fill('#org-reason', '调入吉大一院信息科');
    await page.click(byTestId('submit-org'));
    const dialog = page.locator(byTestId('confirm-dialog'));
    expect(await dialog.textContent()).toContain('hosp-cczx');
    expect(await dialog.textContent()).toContain('hosp-jdyy');
    expect(await dialog.textContent()).toContain('长春市中心医院');
    expect(await dialog.textContent()).toContain('吉林大学第一医院');
    await page.click(byTestId('confirm-ok'));
    const moved = page.locator(`${byTestId('user-row')}[data-username="hospital-b"] ${byTestId('user-org')}[data-org="hosp-jdyy"]`);
    await moved.waitFor();
    expect(await moved.locator(byTestId('org-name')).textContent()).toBe('吉林大学第一医院');
    const record = page.locator(byTestId('org-change')).first();
    await record.waitFor();
    expect(await record.textContent()).toContain('hosp-cczx → hosp-jdyy');
    expect(await record.textContent()).toContain('调入吉大一院信息科');
    expect(await record.textContent()).toContain('系统管理员');
    await page.screenshot({ path: 'test-results/users-page.png', fullPage: true });

    // The organisations registry: the admin adds one, cannot add a code twice, and renames one after confirming.
    await page.click(byTestId('nav-organisations'));
    await page.locator(`${byTestId('organisation-row')}[data-org="hosp-jdyy"]`).waitFor();
    await page.click(byTestId('add-organisation'));
    await page.fill('#organisation-code', 'hosp-jdyy');
    await page.fill('#organisation-name', '重复的机构');
    await page.click(byTestId('organisation-save'));
    const problem = page.locator(`${byTestId('organisation-problem')} ${byTestId('problem')}[data-status="409"]`);
    await problem.waitFor();
    expect(await problem.textContent()).toContain('机构代码 hosp-jdyy 已在名录中（吉林大学第一医院）');
    await page.fill('#organisation-code', 'hosp-ccgx');
    await page.fill('#organisation-name', '长春市传染病医院');
    await page.click(byTestId('organisation-save'));
    const added = page.locator(`${byTestId('organisation-row')}[data-org="hosp-ccgx"]`);
    await added.waitFor();
    expect(await added.locator(byTestId('organisation-name')).textContent()).toBe('长春市传染病医院');
    await added.locator(byTestId('rename-organisation')).click();
    expect(await page.inputValue('#organisation-code')).toBe('hosp-ccgx');
    await page.fill('#organisation-name', '长春市传染病医院（长春市第六医院）');
    await page.click(byTestId('organisation-save'));
    expect(await dialog.textContent()).toContain('「长春市传染病医院」改名为「长春市传染病医院（长春市第六医院）」');
    await page.click(byTestId('confirm-ok'));
    await added.locator(`${byTestId('organisation-name')}:text-is("长春市传染病医院（长春市第六医院）")`).waitFor();
    expect(await added.textContent()).toContain('系统管理员');
    await page.screenshot({ path: 'test-results/organisations-page.png', fullPage: true });
    await signOut(page);

    // The user's next sign-in carries the new organisation.
    await signInWithPreset(page, 'hospital-b', '孙医生');
    expect(await page.locator(byTestId('signed-in-as')).getAttribute('data-org')).toBe('hosp-jdyy');
    await page.locator(`${byTestId('signed-in-as')} ${byTestId('org-name')}:text-is("吉林大学第一医院")`).waitFor();
    await signOut(page);
    expect(pageErrors).toEqual([]);
  });

  it('names the institution of an agreement termination on the measure’s page', { timeout: 30_000 }, async () => {
    const { page, server, pageErrors } = consoleSession();
    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'pricing-a', '王芳');
    await page.goto(`${server.baseUrl}/#/measures/220000-termination-hospital-example`);
    await page
      .locator(`gc-organisation-name ${byTestId('org-name')}:text-is("示例医院（已解除医保服务协议）")`)
      .first()
      .waitFor();
    expect(
      await page
        .locator(`gc-organisation-name ${byTestId('org-code')}`)
        .first()
        .textContent(),
    ).toBe('hosp-terminated-example');
    await signOut(page);
    expect(pageErrors).toEqual([]);
  });
});
