import type { Change } from '../change.ts';
import type { Person } from '../identity.ts';
import type { PriceItemAttributes } from '../price-item.ts';

/**
 * The COVID-19 test price items and their reductions through 2022, one release each.
 *
 * ILLUSTRATIVE FIGURES. The pattern is real: 2022 No.13 §9 has the bureau keep lowering
 * nucleic-acid and antigen test prices, each time with a new effective date; a published test
 * price is a ceiling; single-sample, 5-pooled and 10-pooled testing each have their own ceiling;
 * an antigen test is a service plus a reagent, each capped, under a total cap (provincial price
 * notices of 2022, as reported in the press). The amounts and codes below are NOT taken from a
 * published Jilin price notice, and every entry says so in its `note`.
 */
export interface SeedRelease {
  /** The change set's fixed id, so that a seed interrupted half-way is carried on, not repeated. */
  id: string;
  title: string;
  author: Person;
  approver: Person;
  publishedAt: string;
  changes: Change[];
}

export const ILLUSTRATIVE_NOTE = '示例数据：价格与编码为演示用途，非官方公布价格（Illustrative figures, not an official price）';

export const seedAuthor: Person = { sub: 'seed-pricing-1', name: '种子数据·价格处（一）' };
export const seedApprover: Person = { sub: 'seed-pricing-2', name: '种子数据·价格处（二）' };

export const priceItemCodes = {
  pcrSingle: '250403100010000',
  pcrPooled5: '250403100020005',
  pcrPooled10: '250403100020010',
  antigen: '250403098000001',
} as const;

const pcr = (name: string, priceFen: number): PriceItemAttributes => ({
  name,
  unit: '人次',
  category: '核酸检测',
  priceFen,
  note: ILLUSTRATIVE_NOTE,
});

const antigen = (serviceFen: number, reagentFen: number, totalFen: number): PriceItemAttributes => ({
  name: '新型冠状病毒抗原检测',
  unit: '人份',
  category: '抗原检测',
  priceFen: totalFen,
  components: [
    { name: '检测服务', capFen: serviceFen },
    { name: '检测试剂', capFen: reagentFen },
  ],
  note: ILLUSTRATIVE_NOTE,
});

const set = (code: string, validFrom: string, attributes: PriceItemAttributes): Change => ({
  kind: 'price-items',
  code,
  op: 'set',
  validFrom,
  attributes,
});

export const covidTestPriceReleases: SeedRelease[] = [
  {
    id: 'seed-covid-test-prices-1',
    title: '新冠病毒核酸检测价格（2022年1月起）',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2022-01-10T10:00:00+08:00',
    changes: [
      set(priceItemCodes.pcrSingle, '2022-01-15T00:00:00+08:00', pcr('新型冠状病毒核酸检测（单样本）', 2800)),
      set(priceItemCodes.pcrPooled5, '2022-01-15T00:00:00+08:00', pcr('新型冠状病毒核酸检测（5混1）', 1000)),
      set(priceItemCodes.pcrPooled10, '2022-01-15T00:00:00+08:00', pcr('新型冠状病毒核酸检测（10混1）', 800)),
    ],
  },
  {
    id: 'seed-covid-test-prices-2',
    title: '新增新冠病毒抗原检测价格',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2022-03-18T16:00:00+08:00',
    changes: [set(priceItemCodes.antigen, '2022-03-20T00:00:00+08:00', antigen(500, 1100, 1600))],
  },
  {
    id: 'seed-covid-test-prices-3',
    title: '下调新冠病毒核酸、抗原检测价格（2022年5月1日起）',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2022-04-28T17:00:00+08:00',
    changes: [
      set(priceItemCodes.pcrSingle, '2022-05-01T00:00:00+08:00', pcr('新型冠状病毒核酸检测（单样本）', 1600)),
      set(priceItemCodes.pcrPooled5, '2022-05-01T00:00:00+08:00', pcr('新型冠状病毒核酸检测（5混1）', 500)),
      set(priceItemCodes.pcrPooled10, '2022-05-01T00:00:00+08:00', pcr('新型冠状病毒核酸检测（10混1）', 350)),
      set(priceItemCodes.antigen, '2022-05-01T00:00:00+08:00', antigen(100, 500, 600)),
    ],
  },
  {
    id: 'seed-covid-test-prices-4',
    title: '再次下调新冠病毒检测价格（2022年11月20日起）',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2022-11-15T09:30:00+08:00',
    changes: [
      set(priceItemCodes.pcrSingle, '2022-11-20T00:00:00+08:00', pcr('新型冠状病毒核酸检测（单样本）', 1200)),
      set(priceItemCodes.pcrPooled10, '2022-11-20T00:00:00+08:00', pcr('新型冠状病毒核酸检测（10混1）', 300)),
      set(priceItemCodes.antigen, '2022-11-20T00:00:00+08:00', antigen(100, 350, 450)),
    ],
  },
];
