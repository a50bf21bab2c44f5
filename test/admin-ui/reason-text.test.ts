import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reasonText } from '../../admin-ui/src/i18n/reason-text.ts';
import type { DrugEntryAttributes } from '../../policy-catalog/drug-entry.ts';
import type { ListingAttributes } from '../../policy-catalog/listing.ts';
import type { MeasureAttributes } from '../../policy-catalog/measure.ts';
import { ContributionReliefRequest, decideContributionRelief } from '../../policy-catalog/rules/contribution-relief.ts';
import type { EntryFact, Reason } from '../../policy-catalog/rules/decision.ts';
import { decideDrugCoverage, DrugCoverageRequest } from '../../policy-catalog/rules/drug-coverage.ts';
import { decideMedicalAssistance, MedicalAssistanceRequest } from '../../policy-catalog/rules/medical-assistance.ts';
import { decideOfflinePurchase } from '../../policy-catalog/rules/offline-purchase.ts';
import { decidePrepayment, PrepaymentRequest } from '../../policy-catalog/rules/prepayment.ts';

// The reasons the seeded catalog cannot give (reason-codes.api.test.ts says the others through the
// API): decided on hand-made facts, then said in both languages.
beforeAll(() => {
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('document', { documentElement: { lang: 'zh-CN' }, title: '' });
});
afterAll(() => vi.unstubAllGlobals());

const hasChinese = (text: string) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(text);

function fact<A>(kind: EntryFact<A>['kind'], code: string, validFrom: string, validTo: string | null, attributes: A): EntryFact<A> {
  return { kind, code, release: 1, timeline: [{ validFrom, validTo, attributes }] };
}
const measure = (code: string, validFrom: string, validTo: string | null, attributes: MeasureAttributes) =>
  fact<MeasureAttributes>('measures', code, validFrom, validTo, attributes);

const CUTOFF = '2023-01-01T00:00:00+08:00';
const drugLeaving = (paymentClass: DrugEntryAttributes['paymentClass'], batch?: string) =>
  fact<DrugEntryAttributes>('drug-entries', 'SZ3-0009', '2020-01-01T00:00:00+08:00', CUTOFF, {
    genericName: '黄芪益气颗粒',
    dosageForm: '颗粒剂',
    paymentClass,
    ...(batch === undefined ? {} : { batch }),
  });
const stay = DrugCoverageRequest.parse({
  drugCode: 'SZ3-0009',
  setting: 'inpatient',
  admittedAt: '2022-12-30T09:00:00+08:00',
  firstUsedAt: '2022-12-30T10:00:00+08:00',
  usedAt: '2023-01-03T09:00:00+08:00',
  covidStatus: 'none',
});
const listing = (offlinePurchaseAllowed: boolean) =>
  fact<ListingAttributes>('listings', 'GW-2022-X-001', '2022-08-01T00:00:00+08:00', null, {
    product: '某治疗药片',
    productType: 'drug',
    specification: '1片/盒',
    manufacturer: '某药厂',
    registrationNumber: '国药准字H00000000',
    listedPriceFen: 1000,
    firm: '某企业',
    greenChannel: true,
    offlinePurchaseAllowed,
  });
const relief = (month: string, fundMonthsCovered: number, measures: EntryFact<MeasureAttributes>[]) =>
  decideContributionRelief(
    ContributionReliefRequest.parse({ poolingArea: '220100', month, scheme: 'employee', payer: 'employer', closedManagement: true, fundMonthsCovered }),
    { measures, asOfRelease: 1 },
  ).reasons;
const halving = (validFrom: string, validTo: string, lowReserveException?: boolean) =>
  measure(`halving-${validFrom}`, validFrom, validTo, {
    type: 'contribution-halving',
    poolingArea: '220100',
    ...(lowReserveException === undefined ? {} : { lowReserveException }),
  });
const at = '2022-09-01T09:00:00+08:00';

const reasons: Reason[] = [
  ...decideDrugCoverage(stay, { drug: drugLeaving('B'), measures: [], asOfRelease: 1 }).reasons,
  ...decideDrugCoverage(stay, { drug: drugLeaving('provincial', '第九批省增药品'), measures: [], asOfRelease: 1 }).reasons,
  ...decideDrugCoverage(stay, { drug: drugLeaving('provincial'), measures: [], asOfRelease: 1 }).reasons,
  ...relief('2022-07', 8, [
    halving('2022-04-01T00:00:00+08:00', '2022-07-01T00:00:00+08:00'),
    halving('2022-07-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00'),
  ]),
  ...relief('2022-05', 5, [halving('2022-05-01T00:00:00+08:00', '2022-06-01T00:00:00+08:00', true)]),
  ...decideMedicalAssistance(
    {
      ...MedicalAssistanceRequest.parse({
        poolingArea: '220100',
        category: 'subsistence',
        outOfPocketFen: 500_000,
        deductibleFen: 100_000,
        annualCapFen: 10_000_000,
        paidThisYearFen: 0,
      }),
      at: '2022-06-01T00:00:00+08:00',
    },
    { measures: [], asOfRelease: 1 },
  ).reasons,
  ...decidePrepayment(
    { ...PrepaymentRequest.parse({ poolingArea: '220100', institution: 'covid-treatment', applied: false, months: 4 }), at: '2022-06-01T00:00:00+08:00' },
    {
      measures: [
        measure('prepay', '2022-04-28T00:00:00+08:00', null, { type: 'prepayment', poolingArea: '220100', institutions: 'covid-treatment', maxMonths: 3 }),
      ],
      asOfRelease: 1,
    },
  ).reasons,
  ...decideOfflinePurchase({ listingCode: 'GW-2022-X-001', at }, { listing: listing(false), measures: [], asOfRelease: 1 }).reasons,
  ...decideOfflinePurchase(
    { listingCode: 'GW-2022-X-001', at },
    {
      listing: listing(false),
      measures: [measure('offline', '2022-04-28T00:00:00+08:00', null, { type: 'offline-purchase', poolingArea: '220000', listingCodes: ['GW-2022-X-001'] })],
      asOfRelease: 1,
    },
  ).reasons,
];

describe('rule reasons said from their codes', () => {
  it('covers the codes the seeded catalog cannot give', () => {
    const codes = new Set(reasons.map((reason) => reason.code));
    for (const code of [
      'drug_not_payable',
      'grace_no_measure',
      'halving_months_used',
      'halving_low_reserve_exception',
      'assistance_floor_ratio',
      'prepayment_over_area_cap',
      'offline_listing_in_measure',
      'offline_listing_not_allowed',
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  it('says each in English without Chinese and with every placeholder filled', async () => {
    const { setLocale } = await import('../../admin-ui/src/i18n/i18n.ts');
    await setLocale('en');
    for (const reason of reasons) {
      const said = reasonText(reason);
      expect(hasChinese(said), `${reason.code}: ${said}`).toBe(false);
      expect(said, reason.code).not.toMatch(/\{\w+\}/);
    }
    expect(reasons.map(reasonText)).toContain('Pooling area 220100 has already halved 3 months (2022-04, 2022-05, 2022-06); 2022-07 is beyond the limit');
    await setLocale('zh-CN');
  });

  it('says each in Chinese in the API’s words, ends as 24:00 and the notice date as a date', () => {
    for (const reason of reasons) {
      const said = reasonText(reason);
      expect(hasChinese(said), reason.code).toBe(true);
      expect(said, reason.code).not.toMatch(/\{\w+\}/);
    }
    const said = Object.fromEntries(reasons.map((reason) => [reason.code, reasonText(reason)]));
    expect(said.grace_no_measure).toBe('黄芪益气颗粒（省增药品）已于 2022-12-31 24:00 调出支付范围；目录中没有对该批次在该时点调出的住院延续报销措施');
    expect(said.halving_months_used).toBe('统筹区 220100 的减半征收已满3个月（2022-04、2022-05、2022-06），2022-07 超出减征时限');
    expect(said.assistance_floor_ratio).toBe('低保对象：未配置本统筹区救助比例，自吉医保发〔2022〕13号（2022-04-28）起按通知底线 70%');
  });
});
