import { describe, expect, it } from 'vitest';
import { priceItemCodes } from '../../policy-catalog/seed/covid-test-prices.ts';
import { byTestId, signInWithPreset, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

describe('the console: searching the catalog from the header', () => {
  it('finds the PCR test by the pinyin initials of 核酸检测, with its kind in Chinese and its ceiling in yuan, and opens it', { timeout: 60_000 }, async () => {
    const session = consoleSession();
    const { page, server } = session;
    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'hospital', '刘医生');

    // Keyboard only: "/" puts the cursor in the header's box, Enter searches.
    await page.keyboard.press('/');
    await page.keyboard.type('hsjc');
    await page.keyboard.press('Enter');

    const pcr = page.locator(`${byTestId('search-hit')}[data-code="${priceItemCodes.pcrSingle}"]`);
    await pcr.waitFor();
    expect(await pcr.getAttribute('data-match')).toBe('initials');
    expect(await pcr.locator('[data-column="kind"]').textContent()).toBe('医疗服务价格项目');
    expect(await pcr.locator('[data-column="name"]').textContent()).toContain('新型冠状病毒核酸检测（单样本）');
    expect((await pcr.locator('[data-column="price"]').textContent())?.trim()).toMatch(/^\d+\.\d{2}$/);
    // The results take the focus, so the next Tab reaches the first hit.
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.tagName)).toBe('H1');
    expect(await page.locator(byTestId('search-total')).textContent()).toMatch(/共 \d+ 条/);

    // One kind only: the antigen reagent listing by 抗原检测's initials, not the price item.
    await page.fill(byTestId('search-box'), 'kyjc');
    await page.keyboard.press('Enter');
    await page.locator(`${byTestId('search-hit')}[data-code="${priceItemCodes.antigen}"]`).waitFor();
    await page.click(`${byTestId('search-kind')}[data-kind="listings"]`);
    await page.locator(`${byTestId('search-kind')}[data-kind="listings"][aria-current="page"]`).waitFor();
    await page
      .locator(`${byTestId('search-hit')}[data-kind="listings"]`)
      .first()
      .waitFor();
    // The all-kinds results leave as the listings' arrive.
    await page
      .locator(`${byTestId('search-hit')}[data-kind="price-items"]`)
      .first()
      .waitFor({ state: 'detached' });
    expect(await page.locator(`${byTestId('search-hit')}[data-kind="price-items"]`).count()).toBe(0);

    // The code links to the entry's page.
    await page.fill(byTestId('search-box'), priceItemCodes.pcrSingle);
    await page.click(byTestId('search-submit'));
    const exact = page.locator(`${byTestId('search-hit')}[data-code="${priceItemCodes.pcrSingle}"][data-match="code"]`);
    await exact.waitFor();
    await exact.locator(byTestId('search-hit-link')).click();
    await page.waitForURL(`**/#/price-items/${priceItemCodes.pcrSingle}`);
    expect(await page.locator(byTestId('entry-name')).textContent()).toContain('新型冠状病毒核酸检测（单样本）');
    expect(session.pageErrors).toEqual([]);
  });

  it('says so when nothing matches, in English too', { timeout: 30_000 }, async () => {
    const { page } = consoleSession();
    await page.fill(byTestId('search-box'), 'zzqqxx');
    await page.keyboard.press('Enter');
    await page.locator(byTestId('search-none')).waitFor();
    await page.click(byTestId('locale-switch'));
    // English is fetched the first time it is chosen.
    await page.locator(byTestId('search-none'), { hasText: 'Nothing matches' }).waitFor();
    expect(await page.getAttribute(byTestId('search-box'), 'placeholder')).toContain('pinyin initials');
    await page.click(byTestId('locale-switch'));
  });
});
