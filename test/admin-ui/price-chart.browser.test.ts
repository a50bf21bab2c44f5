import { describe, expect, it } from 'vitest';
import type { Change } from '../../policy-catalog/change.ts';
import { approvedChangeSet } from '../support/change-sets.ts';
import { byTestId, signInWithPreset, useConsoleSession } from './console-session.ts';

const consoleSession = useConsoleSession();

// Issue 14 §5: an item's price over time as a step chart, scheduled periods dashed.
const CODE = '250403100099801';

describe('the console: the price chart', () => {
  it('draws an item’s ceiling and grade price over time, with its scheduled price as a second (dashed) series', { timeout: 45_000 }, async () => {
    const session = consoleSession();
    const { page, server } = session;
    const attributes = (priceFen: number) => ({ name: '图表测试项目', unit: '次', category: '检验', priceFen, gradePriceFen: { '3': priceFen - 100 } });
    const changes: Change[] = [
      {
        kind: 'price-items',
        code: CODE,
        op: 'set',
        validFrom: '2024-01-01T00:00:00+08:00',
        validTo: '2030-01-01T00:00:00+08:00',
        attributes: attributes(1600),
      },
      { kind: 'price-items', code: CODE, op: 'set', validFrom: '2030-01-01T00:00:00+08:00', attributes: attributes(1200) },
    ];
    const { changeSet, published } = await approvedChangeSet(server.store, changes);
    await server.store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());

    await page.goto(`${server.baseUrl}/`);
    await signInWithPreset(page, 'pricing-a', '王芳');
    await page.goto(`${server.baseUrl}/#/price-items/${CODE}`);
    const chart = page.locator(byTestId('price-chart'));
    await chart.locator('canvas').waitFor();
    const legend = (await chart.locator('.u-legend').textContent()) ?? '';
    expect(legend).toContain('最高限价（元）');
    expect(legend).toContain('三级');
    expect(legend).toContain('待生效');
    expect(await chart.getAttribute('aria-label')).toContain('2 个时段');
    await page.locator(byTestId('price-chart')).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/price-chart.png', fullPage: false });
    expect(session.pageErrors).toEqual([]);
  });
});

describe('the console: the calendar of what takes effect when', () => {
  it('shows a month with what starts and ends each day, and lists a day’s entries with links', { timeout: 30_000 }, async () => {
    const session = consoleSession();
    const { page, server } = session;
    await page.goto(`${server.baseUrl}/#/calendar?month=2022-05`);
    const busy = page.locator(`${byTestId('calendar-day')}:not([disabled])`).first();
    await busy.waitFor();
    expect(await page.locator(byTestId('calendar-month')).textContent()).toBe('2022 年 5 月');
    const date = (await busy.getAttribute('data-date')) as string;
    expect(date.startsWith('2022-05')).toBe(true);
    await busy.click();
    const event = page.locator(byTestId('calendar-event')).first();
    await event.waitFor();
    expect(await event.locator('a').getAttribute('href')).toMatch(/^#\/(price-items|drug-entries|listings|measures)\//);
    await page.screenshot({ path: 'test-results/calendar.png' });
    await page.click(byTestId('calendar-next'));
    await page.locator(`${byTestId('calendar-month')}:text("2022 年 6 月")`).waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
