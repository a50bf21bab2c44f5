import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveCalendar } from '../../policy-catalog/effective-calendar.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 14 §5: a calendar of what takes effect when.
let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  token = await t.tokenFor('pricing-staff', '王芳');
});

describe('the effective calendar', () => {
  it('lists starts and ends by China-time day; a period followed at once by the next does not end', () => {
    const attributes = (priceFen: number) => ({ name: '核酸检测', unit: '次', category: '检验', priceFen });
    const timeline = [
      { validFrom: '2022-04-30T16:00:00Z', validTo: '2022-05-10T00:00:00+08:00', attributes: attributes(1600) },
      { validFrom: '2022-05-10T00:00:00+08:00', validTo: '2022-06-01T00:00:00+08:00', attributes: attributes(1200) },
    ];
    const days = effectiveCalendar([{ kind: 'price-items', code: 'X1', timeline }], '2022-05');
    expect([...days.keys()]).toEqual(['2022-05-01', '2022-05-10']);
    expect(days.get('2022-05-10')).toEqual([{ kind: 'price-items', code: 'X1', name: '核酸检测', what: 'starts', at: '2022-05-10T00:00:00+08:00' }]);
    expect(effectiveCalendar([{ kind: 'price-items', code: 'X1', timeline }], '2022-06').get('2022-06-01')?.[0]?.what).toBe('ends');
  });

  it('answers a month of the published catalog, and refuses a month that is not one', async () => {
    const answer = await t.call('GET', '/v1/catalog/calendar?month=2022-05', { token });
    expect(answer.status).toBe(200);
    expect(answer.body.days.length).toBeGreaterThan(0);
    for (const day of answer.body.days) expect(day.date.startsWith('2022-05')).toBe(true);
    const bad = await t.call('GET', '/v1/catalog/calendar?month=2022-13', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'month', in: 'query', code: 'invalid_format' });
  });
});
