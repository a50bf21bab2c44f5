import type { Change } from '../change.ts';
import type { DrugEntryAttributes } from '../drug-entry.ts';
import type { ListingAttributes } from '../listing.ts';
import type { MeasureAttributes } from '../measure.ts';
import { calendar2022 } from '../applications/calendar-2022.ts';
import { priceItemCodes, seedApprover, seedAuthor, type SeedRelease } from './covid-test-prices.ts';

/**
 * The measures of both notices, as releases dated as the notices were, plus sample drug entries
 * of a provincially-added batch and sample COVID-19 drug and reagent listings.
 *
 * What is cited: the rules and bounds (clauses in each title and in policy-catalog/clauses.ts),
 * the 2022-06-30 24:00 → 2022-12-31 24:00 extension of the third batch (2022 No.13 §1), the
 * medical-assistance floors (2022 No.13 §10), Azvudine's listed price of 270 yuan a bottle
 * (August 2022, as reported in the press). What is ILLUSTRATIVE and says so in its note: drug and
 * listing codes, the sample drugs' names, the pooling areas chosen for halving and deferral, the
 * out-of-area ratios, the deadline dates, the terminated institution, the plan drugs and service
 * items named for temporary Class A, and its end date (2023-03-31, the national extension; the
 * 2020 release has none, as the notice set none).
 */
export const ILLUSTRATIVE = '示例数据（Illustrative）：编码、名称、比例或日期为演示用途，非官方公布数据';

const measure = (code: string, validFrom: string, validTo: string | undefined, attributes: MeasureAttributes): Change => ({
  kind: 'measures',
  code,
  op: 'set',
  validFrom,
  ...(validTo ? { validTo } : {}),
  attributes,
});

const thirdBatch: [string, string, string][] = [
  ['SZ3-0001', '黄芪益气颗粒', '颗粒剂'],
  ['SZ3-0002', '丹参通络注射液', '注射剂'],
  ['SZ3-0003', '五味子护肝片', '片剂'],
  ['SZ3-0004', '人参补气胶囊', '胶囊剂'],
  ['SZ3-0005', '鹿茸补肾丸', '丸剂'],
];
const provincial = (name: string, form: string): DrugEntryAttributes => ({
  genericName: name,
  dosageForm: form,
  paymentClass: 'provincial',
  batch: THIRD_BATCH,
  note: ILLUSTRATIVE,
});
const drug = (code: string, validFrom: string, validTo: string | undefined, attributes: DrugEntryAttributes): Change => ({
  kind: 'drug-entries',
  code,
  op: 'set',
  validFrom,
  ...(validTo ? { validTo } : {}),
  attributes,
});
const listing = (code: string, validFrom: string, attributes: ListingAttributes): Change => ({ kind: 'listings', code, op: 'set', validFrom, attributes });

export const planDrugCodes = { chloroquine: 'COVID-PLAN-0001', arbidol: 'COVID-PLAN-0002', lopinavir: 'COVID-PLAN-0003' } as const;
/** Plan service items (illustrative): the single-sample PCR test, priced in the catalog from 2022-01-15. */
export const planServiceCodes = { pcrSingle: priceItemCodes.pcrSingle } as const;
const AFTER_PHASE_OUT = '2022-07-01T00:00:00+08:00'; // 2022-06-30 24:00
const AFTER_EXTENSION = '2023-01-01T00:00:00+08:00'; // 2022-12-31 24:00
const THIRD_BATCH = '第三批省增药品';
const TERMINATION_PUBLISHED = '2020-03-02T10:00:00+08:00';

export const noticeReleases: SeedRelease[] = [
  {
    id: 'seed-2020-no2-measures',
    title: '吉医保发〔2020〕2号：疫情期间异地就医、临时甲类支付、延长办理时限',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2020-02-04T12:00:00+08:00',
    changes: [
      // 2020 No.2 §2(4)3 sets no end: as published in 2020 the inclusion is open-ended; its end is a later release.
      measure('220000-temporary-class-a-covid', '2020-02-04T00:00:00+08:00', undefined, {
        type: 'temporary-class-a',
        poolingArea: '220000',
        title: '确诊、疑似患者诊疗方案用药和医疗服务项目临时纳入甲类支付（2020 No.2 §2(4)3）',
        drugCodes: Object.values(planDrugCodes),
        serviceCodes: Object.values(planServiceCodes),
        note: ILLUSTRATIVE,
      }),
      measure('220000-out-of-area-covid', '2020-02-04T00:00:00+08:00', undefined, {
        type: 'out-of-area',
        poolingArea: '220000',
        title: '确诊、疑似异地就医患者按参保地同级支付比例（2020 No.2 §2(4)1）',
        reasons: ['covid-confirmed', 'covid-suspected'],
      }),
      // The ratios are each pooling area's own (2020 No.2 §2(4)1: 按参保地同级医疗机构支付比例执行), not a province-wide figure.
      measure('220100-same-grade-ratios', '2020-01-01T00:00:00+08:00', undefined, {
        type: 'same-grade-ratios',
        poolingArea: '220100',
        title: '长春市参保人员同级医疗机构支付比例',
        ratioPercent: { '1': 90, '2': 85, '3': 80 },
        note: ILLUSTRATIVE,
      }),
      measure('220200-same-grade-ratios', '2020-01-01T00:00:00+08:00', undefined, {
        type: 'same-grade-ratios',
        poolingArea: '220200',
        title: '吉林市参保人员同级医疗机构支付比例',
        ratioPercent: { '1': 88, '2': 83, '3': 78 },
        note: ILLUSTRATIVE,
      }),
      // 2020 No.2 §2(1)1 (and 2022 No.13 §5, §7): treating hospitals are prepaid, no cap set; open until the epidemic ends.
      measure('220000-prepayment-covid-treatment', '2020-02-04T00:00:00+08:00', undefined, {
        type: 'prepayment',
        poolingArea: '220000',
        title: '承担新冠肺炎救治任务的定点医疗机构预付（2020 No.2 §2(1)1；2022 No.13 §5、§7）',
        institutions: 'covid-treatment',
      }),
      measure('220000-deadline-reimbursement-2019', '2020-02-04T00:00:00+08:00', '2020-07-01T00:00:00+08:00', {
        type: 'deadline-extension',
        poolingArea: '220000',
        title: '延长2019年度医药费用窗口报销时限（2020 No.2 §2(3)1）',
        deadline: 'reimbursement-window',
        extendedTo: '2020-07-01T00:00:00+08:00',
        note: ILLUSTRATIVE,
      }),
      measure('220000-deadline-contribution-payment-2020', '2020-02-04T00:00:00+08:00', '2020-07-01T00:00:00+08:00', {
        type: 'deadline-extension',
        poolingArea: '220000',
        title: '延长基本医疗保险费缴纳时限，疫情结束后补办补缴，不影响待遇（2020 No.2 §2(3)2）',
        deadline: 'contribution-payment',
        extendedTo: '2020-07-01T00:00:00+08:00',
        note: ILLUSTRATIVE,
      }),
      measure('220000-deadline-settlement-statement', '2020-02-04T00:00:00+08:00', '2020-07-01T00:00:00+08:00', {
        type: 'deadline-extension',
        poolingArea: '220000',
        title: '延长定点医药机构月度结算单报送时限（2020 No.2 §2(3)3）',
        deadline: 'settlement-statement',
        extendedTo: '2020-07-01T00:00:00+08:00',
        note: ILLUSTRATIVE,
      }),
    ],
  },
  {
    id: 'seed-2020-agreement-termination',
    title: '解除定点医疗机构医保服务协议（疫情期间哄抬物价，2020 No.2 §3）',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: TERMINATION_PUBLISHED,
    changes: [
      // Effective from its release, not before: a termination is not backdated.
      measure('220000-termination-hospital-example', TERMINATION_PUBLISHED, undefined, {
        type: 'agreement-termination',
        poolingArea: '220000',
        title: '示例定点医疗机构：哄抬口罩价格被处罚，解除医保服务协议',
        orgId: 'hosp-terminated-example',
        institution: 'medical-institution',
        reason: '疫情期间哄抬口罩价格，被市场监管部门行政处罚（2020 No.2 §3）',
        note: ILLUSTRATIVE,
      }),
    ],
  },
  {
    id: 'seed-working-calendar-2022',
    title: '2022年节假日安排（国办发明电〔2021〕11号），用于申报办理时限',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2021-10-25T10:00:00+08:00',
    changes: [
      measure('220000-working-calendar-2022', '2022-01-01T00:00:00+08:00', '2023-01-01T00:00:00+08:00', {
        type: 'working-calendar',
        poolingArea: '220000',
        title: '2022年放假调休安排',
        ...calendar2022,
      }),
    ],
  },
  {
    id: 'seed-third-batch-provincial-drugs',
    title: '第三批省增药品（调出医保支付范围时间：2022年6月30日24时）',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2021-12-28T10:00:00+08:00',
    changes: [
      ...thirdBatch.map(([code, name, form]) => drug(code, '2020-01-01T00:00:00+08:00', AFTER_PHASE_OUT, provincial(name, form))),
      drug(planDrugCodes.arbidol, '2020-01-01T00:00:00+08:00', undefined, {
        genericName: '阿比多尔片',
        dosageForm: '片剂',
        paymentClass: 'B',
        note: ILLUSTRATIVE,
      }),
      drug(planDrugCodes.chloroquine, '2020-01-01T00:00:00+08:00', undefined, {
        genericName: '磷酸氯喹片',
        dosageForm: '片剂',
        paymentClass: 'A',
        note: ILLUSTRATIVE,
      }),
    ],
  },
  {
    id: 'seed-2022-no13-measures',
    title: '吉医保发〔2022〕13号：延长第三批省增药品消化时间、减征缓缴、预付、医疗救助、异地就医',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2022-04-28T18:00:00+08:00',
    changes: [
      // 2022 No.13 §1: the extension is a new version of the same entries.
      ...thirdBatch.map(([code, name, form]) => drug(code, AFTER_PHASE_OUT, AFTER_EXTENSION, provincial(name, form))),
      // 2022 No.13 §1: the grace names its batch and the cutoff it follows; the rule reads both from here.
      measure('220000-inpatient-grace-third-batch', '2022-04-28T00:00:00+08:00', undefined, {
        type: 'inpatient-grace',
        poolingArea: '220000',
        title: '第三批省增药品：2022年12月31日24时前已住院且已使用的，报销延至当次住院结束（2022 No.13 §1）',
        batch: THIRD_BATCH,
        cutoff: AFTER_EXTENSION,
      }),
      measure('220100-contribution-halving-2022', '2022-05-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00', {
        type: 'contribution-halving',
        poolingArea: '220100',
        title: '长春市职工医保单位缴费减半征收（2022 No.13 §2）',
        note: ILLUSTRATIVE,
      }),
      measure('220100-contribution-deferral-2022', '2022-03-01T00:00:00+08:00', '2022-07-01T00:00:00+08:00', {
        type: 'contribution-deferral',
        poolingArea: '220100',
        title: '长春市职工医保费缓缴（2022 No.13 §2）',
        note: ILLUSTRATIVE,
      }),
      // 2022 No.13 §5: other designated institutions, on application, at most 3 months; open until the epidemic ends.
      measure('220000-deadline-base-declaration-2022', '2022-04-28T00:00:00+08:00', '2022-08-01T00:00:00+08:00', {
        type: 'deadline-extension',
        poolingArea: '220000',
        title: '用人单位逾期办理职工基数申报、核定缴费的，延长办理期限（2022 No.13 §12）',
        deadline: 'base-declaration',
        extendedTo: '2022-08-01T00:00:00+08:00',
        note: ILLUSTRATIVE,
      }),
      // 2022 No.13 §6: the plan's treatment drugs may be bought offline; which drugs is illustrative.
      measure('220000-offline-purchase-covid-drugs', '2022-04-28T00:00:00+08:00', undefined, {
        type: 'offline-purchase',
        poolingArea: '220000',
        title: '允许医疗机构线下采购的新冠肺炎治疗药物（2022 No.13 §6）',
        drugCodes: [planDrugCodes.arbidol, planDrugCodes.lopinavir],
        note: ILLUSTRATIVE,
      }),
      measure('220000-prepayment-2022', '2022-04-28T00:00:00+08:00', undefined, {
        type: 'prepayment',
        poolingArea: '220000',
        title: '其他定点服务机构依申请预付，不超过3个月（2022 No.13 §5）',
        institutions: 'other',
        maxMonths: 3,
      }),
      measure('220000-assistance-ratios-2022', '2022-04-28T00:00:00+08:00', undefined, {
        type: 'assistance-ratios',
        poolingArea: '220000',
        title: '医疗救助比例（2022 No.13 §10）',
        reducedFloor: false,
        percent: { 'extremely-poor': 100, subsistence: 70, marginal: 60, 'at-risk': 60 },
      }),
      measure('220000-out-of-area-lockdown-2022', '2022-04-28T00:00:00+08:00', undefined, {
        type: 'out-of-area',
        poolingArea: '220000',
        title: '封控滞留患者异地就医报销比例不调减（2022 No.13 §11）',
        reasons: ['lockdown-stranded'],
      }),
    ],
  },
  {
    id: 'seed-covid-listings-2022',
    title: '新冠治疗药物及检测试剂阳光挂网（绿色通道，2022 No.13 §6）',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2022-08-10T10:00:00+08:00',
    changes: [
      listing('GW-2022-AZV-001', '2022-08-10T00:00:00+08:00', {
        product: '阿兹夫定片',
        productType: 'drug',
        specification: '1mg×35片/瓶',
        manufacturer: '河南真实生物科技有限公司',
        registrationNumber: '示例-国药准字H0000000',
        listedPriceFen: 27000,
        firm: '河南真实生物科技有限公司',
        greenChannel: true,
        offlinePurchaseAllowed: true,
        note: `挂网价270元/瓶（2022年8月，据媒体报道）；注册证号为示例。${ILLUSTRATIVE}`,
      }),
      listing('GW-2022-AG-001', '2022-08-10T00:00:00+08:00', {
        product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（胶体金法）',
        productType: 'reagent',
        specification: '1人份/盒',
        manufacturer: '示例生物科技有限公司',
        registrationNumber: '示例-国械注准20220000000',
        listedPriceFen: 350,
        firm: '示例生物科技有限公司',
        greenChannel: true,
        offlinePurchaseAllowed: false,
        note: ILLUSTRATIVE,
      }),
    ],
  },
  {
    id: 'seed-temporary-class-a-extension-2023',
    title: '新冠诊疗方案用药临时支付政策执行至2023年3月31日（此前未设截止日期）',
    author: seedAuthor,
    approver: seedApprover,
    publishedAt: '2023-01-06T10:00:00+08:00',
    changes: [
      // The end is new in this release: until then the inclusion was open-ended (2020 No.2 §2(4)3 set none).
      { kind: 'measures', code: '220000-temporary-class-a-covid', op: 'end', at: '2023-04-01T00:00:00+08:00' },
    ],
  },
];
