import { describe, expect, it } from 'vitest';
import { calendar2022 } from '#catalog/applications/calendar-2022.ts';
import { transition } from '#catalog/applications/workflow.ts';
import { Change } from '#catalog/change.ts';
import { listingApplication, listingPayload, reviewer, serviceApplication } from './fixtures.ts';

const approve = (application: Parameters<typeof transition>[0]['application'], now: string, input?: unknown) =>
  transition({ application, action: 'approve', actor: reviewer, now, input, calendar: calendar2022 });

describe('approval drafts a catalog change', () => {
  it('turns an approved service application into a new price item, from the next day (2022 No.13 §3)', () => {
    const result = approve(serviceApplication('under-review'), '2022-05-10T16:00:00+08:00');
    expect(result.ok && result.change).toEqual({
      kind: 'price-items',
      code: '250403100020000',
      op: 'set',
      validFrom: '2022-05-11T00:00:00+08:00',
      attributes: { name: '新型冠状病毒抗原检测', unit: '人次', category: '抗原检测', priceFen: 600 },
    });
    expect(Change.safeParse(result.ok && result.change).success).toBe(true);
  });

  it('turns an approved listing application into a green-channel listing with offline purchase (2022 No.13 §6)', () => {
    const result = approve(listingApplication('public-notice', { noticeEndsAt: '2022-05-10T00:00:00+08:00' }), '2022-05-10T09:00:00+08:00', {
      validFrom: '2022-05-12T00:00:00+08:00',
    });
    const change = result.ok ? result.change : undefined;
    expect(change).toMatchObject({
      kind: 'listings',
      code: 'GW-app-1',
      validFrom: '2022-05-12T00:00:00+08:00',
      attributes: { product: '阿兹夫定片', listedPriceFen: 27000, firm: listingPayload.firm, greenChannel: true, offlinePurchaseAllowed: true },
    });
    expect(Change.parse(change)).toEqual(change);
  });

  it('makes a valid listing of a normal-channel reagent too', () => {
    const payload = { ...listingPayload, productType: 'reagent' as const, inNinthEditionPlan: false, greenChannel: false, offlinePurchaseAllowed: false };
    const result = approve(listingApplication('public-notice', { payload, materials: [] }), '2022-05-10T09:00:00+08:00');
    expect(Change.safeParse(result.ok && result.change).success).toBe(true);
  });

  it('returns no change for any other step', () => {
    const result = transition({
      application: serviceApplication('submitted'),
      action: 'accept',
      actor: reviewer,
      now: '2022-05-10T09:00:00+08:00',
      calendar: calendar2022,
    });
    expect(result.ok && 'change' in result).toBe(false);
  });
});
