import { describe, expect, it } from 'vitest';
import { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import type { PriceItemAttributes } from '../../../policy-catalog/price-item.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';
import { decideServiceCoverage, ServiceCoverageRequest } from '../../../policy-catalog/rules/service-coverage.ts';

const PCR = '250403100010000';
const PRICED_FROM = '2022-01-15T00:00:00+08:00';
const INCLUSION_ENDS = '2023-04-01T00:00:00+08:00'; // the national extension to 2023-03-31

const pcr: EntryFact<PriceItemAttributes> = {
  kind: 'price-items',
  code: PCR,
  release: 3,
  timeline: [
    { validFrom: PRICED_FROM, validTo: null, attributes: { name: '新型冠状病毒核酸检测（单样本）', unit: '人次', category: '核酸检测', priceFen: 2800 } },
  ],
};
const inclusion: EntryFact<MeasureAttributes> = {
  kind: 'measures',
  code: '220000-temporary-class-a-covid',
  release: 9,
  timeline: [
    {
      validFrom: '2020-02-04T00:00:00+08:00',
      validTo: INCLUSION_ENDS,
      attributes: { type: 'temporary-class-a', poolingArea: '220000', drugCodes: ['COVID-PLAN-0002'], serviceCodes: [PCR] },
    },
  ],
};

const decide = (request: Partial<ServiceCoverageRequest>, service: EntryFact<PriceItemAttributes> | null = pcr) =>
  decideServiceCoverage(ServiceCoverageRequest.parse({ serviceCode: PCR, usedAt: '2022-06-01T09:00:00+08:00', covidStatus: 'confirmed', ...request }), {
    service: service ?? undefined,
    measures: [inclusion],
    asOfRelease: 12,
  });

describe('medical service items in temporary Class A (2020 No.2 §2(4)3)', () => {
  it.each([
    ['confirmed', 'class-a', 'A'],
    ['suspected', 'class-a', 'A'],
    ['none', 'ordinary', null],
  ] as const)('2020 No.2 §2(4)3: a plan service item for a %s patient → %s', (covidStatus, decision, paymentClass) => {
    const answer = decide({ covidStatus });
    expect(answer).toMatchObject({ decision, paymentClass, asOfRelease: 12 });
    expect(answer.reasons.at(-1)?.clause).toBe('2020 No.2 §2(4)3');
  });

  it('2020 No.2 §2(4)3: cites the price item and the measure as its basis', () => {
    expect(decide({}).basis).toEqual([
      { kind: 'price-items', code: PCR, release: 3 },
      { kind: 'measures', code: '220000-temporary-class-a-covid', release: 9 },
    ]);
  });

  it.each([
    ['one second before the inclusion ends', '2023-03-31T23:59:59+08:00', 'class-a'],
    ['the instant it ends (2023-03-31 24:00)', INCLUSION_ENDS, 'ordinary'],
    ['one second after', '2023-04-01T00:00:01+08:00', 'ordinary'],
  ])('2020 No.2 §2(4)3: applies only while the measure is in force: %s', (_label, usedAt, decision) => {
    expect(decide({ usedAt }).decision).toBe(decision);
  });

  it.each([
    ['one second before the item is priced', '2022-01-14T23:59:59+08:00', 'not-priced'],
    ['the instant it is priced', PRICED_FROM, 'class-a'],
  ])('2020 No.2 §2(4)3: needs the item in the price list: %s', (_label, usedAt, decision) => {
    expect(decide({ usedAt }).decision).toBe(decision);
  });

  it('2020 No.2 §2(4)3: a service item the measure does not name is paid by the ordinary rules', () => {
    const other = { ...pcr, code: '250403100020000' };
    expect(decide({ serviceCode: '250403100020000' }, other)).toMatchObject({ decision: 'ordinary', paymentClass: null });
  });

  it('2020 No.2 §2(4)3: an unknown code is not priced, and has no basis', () => {
    expect(decide({ serviceCode: 'NOPE' }, null)).toMatchObject({ decision: 'not-priced', basis: [] });
  });

  it('2020 No.2 §2(4)3: a measure names drugs, service items or both, but not nothing', () => {
    const parse = (codes: object) => MeasureAttributes.safeParse({ type: 'temporary-class-a', poolingArea: '220000', ...codes });
    expect(parse({ drugCodes: [], serviceCodes: [PCR] }).success).toBe(true);
    expect(parse({ drugCodes: ['COVID-PLAN-0001'] }).success).toBe(true);
    expect(parse({ drugCodes: [], serviceCodes: [] }).error?.issues.map((issue) => issue.message)).toEqual([
      '2020 No.2 §2(4)3: name at least one drug or medical service item',
    ]);
  });
});
