import { describe, expect, it } from 'vitest';
import type { ListingAttributes } from '../../../policy-catalog/listing.ts';
import { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';
import { decideOfflinePurchase, OfflinePurchaseRequest } from '../../../policy-catalog/rules/offline-purchase.ts';

const LISTED = '2022-08-10T00:00:00+08:00';
const MEASURE_ENDS = '2023-04-01T00:00:00+08:00';
const listing = (code: string, attributes: Partial<ListingAttributes>): EntryFact<ListingAttributes> => ({
  kind: 'listings',
  code,
  release: 4,
  timeline: [
    {
      validFrom: LISTED,
      validTo: null,
      attributes: {
        product: '阿兹夫定片',
        productType: 'drug',
        specification: '1mg×35片/瓶',
        manufacturer: '示例',
        registrationNumber: '示例',
        listedPriceFen: 27000,
        firm: '示例',
        greenChannel: true,
        offlinePurchaseAllowed: false,
        ...attributes,
      },
    },
  ],
});
const measure: EntryFact<MeasureAttributes> = {
  kind: 'measures',
  code: 'offline',
  release: 5,
  timeline: [
    {
      validFrom: '2022-04-28T00:00:00+08:00',
      validTo: MEASURE_ENDS,
      attributes: MeasureAttributes.parse({ type: 'offline-purchase', poolingArea: '220000', listingCodes: ['GW-B'], drugCodes: ['COVID-PLAN-0002'] }),
    },
  ],
};

const decide = (request: Partial<OfflinePurchaseRequest>, listed?: EntryFact<ListingAttributes>, at = '2022-09-01T00:00:00+08:00') =>
  decideOfflinePurchase({ ...OfflinePurchaseRequest.parse(request), at }, { listing: listed, measures: [measure], asOfRelease: 8 });

describe('offline purchase of COVID-19 treatment drugs (2022 No.13 §6)', () => {
  it('2022 No.13 §6: allowed by the listing’s own flag', () => {
    expect(decide({ listingCode: 'GW-A' }, listing('GW-A', { offlinePurchaseAllowed: true }))).toMatchObject({
      decision: 'allowed',
      source: 'listing',
      basis: [{ kind: 'listings', code: 'GW-A', release: 4 }],
      reasons: [{ clause: '2022 No.13 §6' }],
    });
  });

  it('2022 No.13 §6: allowed by a measure naming the listing', () => {
    expect(decide({ listingCode: 'GW-B' }, listing('GW-B', {}))).toMatchObject({
      decision: 'allowed',
      source: 'measure',
      basis: [{ code: 'GW-B' }, { code: 'offline', release: 5 }],
    });
  });

  it('2022 No.13 §6: a listed drug neither flagged nor named is bought through the platform', () => {
    expect(decide({ listingCode: 'GW-C' }, listing('GW-C', {}))).toMatchObject({ decision: 'not-allowed', source: null });
  });

  it('2022 No.13 §6: a test reagent is not bought offline, even if a measure names it', () => {
    const answer = decide({ listingCode: 'GW-B' }, listing('GW-B', { productType: 'reagent', product: '抗原检测试剂盒' }));
    expect(answer.decision).toBe('not-allowed');
    expect(answer.reasons[0]?.text).toContain('治疗药物');
  });

  it.each([
    ['one second before the listing starts', '2022-08-09T23:59:59+08:00', 'not-allowed'],
    ['the instant it starts', LISTED, 'allowed'],
  ])('2022 No.13 §6: a listing counts only while listed: %s', (_label, at, decision) => {
    expect(decide({ listingCode: 'GW-A' }, listing('GW-A', { offlinePurchaseAllowed: true }), at).decision).toBe(decision);
  });

  it.each([
    ['one second before the measure ends', '2023-03-31T23:59:59+08:00', 'allowed'],
    ['the instant it ends', MEASURE_ENDS, 'not-allowed'],
    ['one second before it starts', '2022-04-27T23:59:59+08:00', 'not-allowed'],
    ['the instant it starts', '2022-04-28T00:00:00+08:00', 'allowed'],
  ])('2022 No.13 §6: a drug named by a measure, %s', (_label, at, decision) => {
    expect(decide({ drugCode: 'COVID-PLAN-0002' }, undefined, at).decision).toBe(decision);
  });

  it('2022 No.13 §6: asks for exactly one of listingCode and drugCode', () => {
    expect(OfflinePurchaseRequest.safeParse({}).success).toBe(false);
    expect(OfflinePurchaseRequest.safeParse({ listingCode: 'GW-A', drugCode: 'X' }).success).toBe(false);
  });

  it('2022 No.13 §6: a measure names at least one listing or drug', () => {
    expect(MeasureAttributes.safeParse({ type: 'offline-purchase', poolingArea: '220000' }).error?.issues.map((issue) => issue.message)).toEqual([
      '2022 No.13 §6: name at least one listing or drug',
    ]);
  });
});
