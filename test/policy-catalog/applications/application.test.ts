import { describe, expect, it } from 'vitest';
import { Application, ListingApplicationPayload, ServiceApplicationPayload } from '#catalog/applications/application.ts';
import { draftApplication } from '#catalog/applications/draft.ts';
import { firm, hospital, listingPayload, reviewer, servicePayload } from './fixtures.ts';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.message).join('\n');

describe('a service application’s payload (2022 No.13 §3)', () => {
  it.each(['major-disease-treatment', 'major-epidemic', 'fills-gap'] as const)('takes the green channel for the reason %s', (greenChannelReason) => {
    expect(ServiceApplicationPayload.safeParse({ ...servicePayload, greenChannelReason }).success).toBe(true);
  });

  it('needs the green-channel reason when it asks for the green channel', () => {
    expect(messages(ServiceApplicationPayload.safeParse({ ...servicePayload, greenChannelReason: undefined }))).toMatch(/2022 No\.13 §3/);
  });

  it('has no green-channel reason on a normal application', () => {
    expect(ServiceApplicationPayload.safeParse({ ...servicePayload, greenChannel: false }).success).toBe(false);
  });

  it.each([
    ['a price in fractions of a fen', { priceFen: 600.5 }],
    ['a negative price', { priceFen: -1 }],
    ['a grade that does not exist', { grade: '4' }],
    ['a field it does not know', { discount: 10 }],
  ])('refuses %s', (_label, change) => {
    expect(ServiceApplicationPayload.safeParse({ ...servicePayload, ...change }).success).toBe(false);
  });
});

describe('a listing application’s payload (2022 No.13 §6)', () => {
  it('takes the green channel only for a product newly added by the 9th-edition plan', () => {
    expect(messages(ListingApplicationPayload.safeParse({ ...listingPayload, inNinthEditionPlan: false }))).toMatch(/2022 No\.13 §6.*9th-edition/);
  });

  it.each([
    ['a reagent', { productType: 'reagent' }],
    ['a drug outside the green channel', { greenChannel: false }],
  ])('allows offline purchase only for COVID-19 treatment drugs, not %s', (_label, change) => {
    expect(messages(ListingApplicationPayload.safeParse({ ...listingPayload, ...change }))).toMatch(/offline purchase/);
  });

  it('accepts a normal-channel consumable bought online', () => {
    expect(
      ListingApplicationPayload.safeParse({
        ...listingPayload,
        productType: 'consumable',
        inNinthEditionPlan: false,
        greenChannel: false,
        offlinePurchaseAllowed: false,
      }).success,
    ).toBe(true);
  });
});

describe('drafting an application', () => {
  const now = '2022-05-10T02:00:00Z';

  it('starts a hospital’s service application as a draft of its own organisation', () => {
    const result = draftApplication({ id: '01HZY3', type: 'service', payload: servicePayload, actor: hospital, now });
    expect(result).toMatchObject({
      ok: true,
      application: {
        id: '01HZY3',
        state: 'draft',
        orgId: hospital.orgId,
        createdBy: { sub: hospital.sub },
        createdAt: '2022-05-10T10:00:00+08:00',
        materials: [],
        history: [],
        version: 1,
      },
    });
    expect(result.ok && Application.safeParse(result.application).success).toBe(true);
  });

  it.each([
    ['a firm applying for a service item', 'service', firm],
    ['a hospital applying for a listing', 'listing', hospital],
    ['a reviewer', 'listing', reviewer],
    ['a firm without an organisation', 'listing', { ...firm, orgId: undefined }],
  ] as const)('refuses %s', (_label, type, actor) => {
    const result = draftApplication({ id: 'a', type, payload: type === 'service' ? servicePayload : listingPayload, actor, now });
    expect(result.ok ? 'ok' : result.refusal.code).toBe('forbidden');
  });

  it('refuses materials off its own checklist (a listing key on a service application), pointing at the declaration', () => {
    const materials = [
      { key: 'cost-calculation', status: 'provided' },
      { key: 'business-license', status: 'provided' },
    ];
    const result = draftApplication({ id: 'a', type: 'service', payload: servicePayload, materials, actor: hospital, now });
    expect(result).toMatchObject({ ok: false, refusal: { code: 'invalid-input', issues: [{ path: 'materials.1.key' }] } });
  });

  it('refuses an invalid payload, pointing at the field', () => {
    const result = draftApplication({ id: 'a', type: 'listing', payload: { ...listingPayload, listedPriceFen: '270元' }, actor: firm, now });
    expect(result).toMatchObject({ ok: false, refusal: { code: 'invalid-input', issues: [{ path: 'payload.listedPriceFen' }] } });
  });

  it('refuses an id too long to code a listing after it', () => {
    const result = draftApplication({ id: 'x'.repeat(38), type: 'listing', payload: listingPayload, actor: firm, now });
    expect(result).toMatchObject({ ok: false, refusal: { code: 'invalid-input', issues: [{ path: 'id' }] } });
  });
});
