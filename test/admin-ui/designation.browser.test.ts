import { describe, expect, it } from 'vitest';
import { byTestId, signInWithPreset, signOut, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

// 2020 No.2 §2(6)2 in the console: the hospital's second tab, the form without a green-channel choice, an approval with no change set.
describe('the console: a designated treatment hospital’s application (2020 No.2 §2(6)2)', () => {
  it('lets a hospital apply from its designation tab, hides it from another hospital, and records a reviewer’s approval without a change set', {
    timeout: 60_000,
  }, async () => {
    const session = consoleSession();
    const { page } = session;
    await page.goto(`${session.server.baseUrl}/`);

    await signInWithPreset(page, 'hospital', '刘医生');
    await page.click(byTestId('nav-applications'));
    await page.click(byTestId('applications-tab-designation'));
    await page.click(byTestId('new-application'));
    expect(await page.locator('#application-greenChannel').count()).toBe(0);
    await page.fill('#application-poolingArea', '220100');
    await page.selectOption('#application-grade', '3');
    await page.fill('#application-covidBeds', '300');
    await page.check('#application-requests-agreement-management');
    await page.check('#application-requests-settlement');
    // The checklist is the designation's own, critical documents included.
    await page.locator(`${byTestId('material-row')}[data-key="health-authority-designation"] ${byTestId('critical-material')}`).waitFor();
    expect(await page.isDisabled('#material-health-authority-designation-deferred')).toBe(true);
    await page.click(byTestId('application-save'));

    await page.waitForURL(/#\/applications\/designation\/[^/]+$/);
    const applicationId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) as string);
    expect(await page.locator(byTestId('application-name')).textContent()).toContain('长春市');
    expect(await page.getByText('协议管理、结算').count()).toBe(1);
    await page.click(byTestId('step-submit'));
    await page.click(byTestId('confirm-ok'));
    await page.locator('gc-state-badge[data-testid="application-state"][state="submitted"]').waitFor();

    await signOut(page);
    await signInWithPreset(page, 'hospital-b', '孙医生');
    await page.goto(`${session.server.baseUrl}/#/applications/designation/${applicationId}`);
    await page.locator(`${byTestId('problem')}[data-status="404"]`).waitFor();
    expect(await page.locator(byTestId('application-name')).count()).toBe(0);

    await signOut(page);
    await signInWithPreset(page, 'reviewer', '赵敏');
    await page.click(byTestId('nav-applications'));
    await page.click(byTestId('applications-tab-designation'));
    const row = page.locator(`${byTestId('application-row')}[data-id="${applicationId}"]`);
    await row.locator(byTestId('green-channel-badge')).waitFor();
    await row.locator(byTestId('application-link')).click();
    for (const [step, state] of [
      ['accept', 'accepted'],
      ['start-review', 'under-review'],
    ]) {
      await page.click(byTestId(`step-${step}`));
      await page.locator(`gc-state-badge[data-testid="application-state"][state="${state}"]`).waitFor();
    }
    expect(await page.locator('#step-valid-from').count()).toBe(0);
    await page.click(byTestId('step-approve'));
    await page.click(byTestId('confirm-ok'));
    const notice = page.locator(byTestId('approved-notice'));
    await notice.waitFor();
    expect(await notice.textContent()).toContain('不生成目录变更');
    expect(await page.locator(byTestId('change-set-link')).count()).toBe(0);
  });
});
