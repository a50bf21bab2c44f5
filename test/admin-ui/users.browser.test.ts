import { describe, expect, it } from 'vitest';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

describe('the console: users and organisations (admin)', () => {
  it('moves a hospital user to another organisation after a confirmation, records it, and the user then acts for it', { timeout: 90_000 }, async () => {
    const { page, server, pageErrors } = consoleSession();
    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'admin', '系统管理员');
    await page.click(byTestId('nav-users'));
    const row = page.locator(`${byTestId('user-row')}[data-username="hospital-b"]`);
    await row.waitFor();
    expect(await row.locator(byTestId('user-org')).textContent()).toBe('hosp-cczx');
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
    await page.click(byTestId('confirm-ok'));
    await page.locator(`${byTestId('user-row')}[data-username="hospital-b"] ${byTestId('user-org')}:text-is("hosp-jdyy")`).waitFor();
    const record = page.locator(byTestId('org-change')).first();
    await record.waitFor();
    expect(await record.textContent()).toContain('hosp-cczx → hosp-jdyy');
    expect(await record.textContent()).toContain('调入吉大一院信息科');
    expect(await record.textContent()).toContain('系统管理员');
    await page.screenshot({ path: 'test-results/users-page.png', fullPage: true });
    await signOut(page);

    // The user's next sign-in carries the new organisation.
    await signInWithPreset(page, 'hospital-b', '孙医生');
    expect(await page.locator(byTestId('signed-in-as')).getAttribute('data-org')).toBe('hosp-jdyy');
    await signOut(page);
    expect(pageErrors).toEqual([]);
  });
});
