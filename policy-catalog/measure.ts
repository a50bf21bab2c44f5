import { addCodedIssue, type CodedMessage, reissue } from './problem-codes.ts';
import * as z from 'zod';
import { clauses } from './clauses.ts';
import { WorkingCalendar } from './applications/calendar.ts';
import { DeadlineConfig } from './applications/deadlines.ts';
import { DrugCode } from './drug-entry.ts';
import { ListingCode } from './listing.ts';
import { PriceItemCode } from './price-item.ts';
import { Instant, toChinaIso, toEpochMs } from './time.ts';

/**
 * Policy measures (政策措施/参数): typed parameters that downstream systems apply, each scoped to
 * a pooling area (统筹区, a 6-digit administrative division code: 220000 is the whole province,
 * 220100 Changchun) and to a period, which is the measure's timeline period [validFrom, validTo).
 * Bounds that involve the period are checked on the change (`measurePeriodIssues`), the rest here.
 */
export const MeasureCode = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,59}$/, 'must be 1–60 letters, digits, ".", "_" or "-"')
  .meta({ id: 'MeasureCode', example: '220100-contribution-halving-2022' });

export const PoolingArea = z
  .string()
  .regex(/^\d{6}$/, 'must be a 6-digit area code, e.g. 220100')
  .meta({ id: 'PoolingArea', example: '220100' });
export const PROVINCE = '220000';

const Percent = z.number().int('must be a whole percent').min(0).max(100);
const base = { poolingArea: PoolingArea, title: z.string().trim().min(1).max(200).optional(), note: z.string().max(500).optional() };

export const AssistanceCategory = z.enum(['extremely-poor', 'subsistence', 'marginal', 'at-risk']).meta({
  description: 'extremely-poor: 特困人员; subsistence: 低保对象; marginal: 低保边缘家庭; at-risk: 农村易返贫致贫人口',
});
export type AssistanceCategory = z.infer<typeof AssistanceCategory>;

/** 2022 No.13 §10: the floors of the medical-assistance ratio, by category. */
export function assistanceFloor(category: AssistanceCategory, reducedFloor: boolean): number {
  switch (category) {
    case 'extremely-poor':
      return 100;
    case 'subsistence':
      return 70;
    case 'marginal':
    case 'at-risk':
      return reducedFloor ? 40 : 60;
  }
}

/** 2022 No.13 §5: 承担新冠肺炎救治任务的定点医疗机构 / 其他定点服务机构. */
export const PrepaymentInstitutions = z.enum(['covid-treatment', 'other']).meta({
  description:
    '"covid-treatment": designated hospitals treating COVID-19 patients (承担新冠肺炎救治任务的定点医疗机构); "other": other designated institutions (其他定点服务机构)',
});
export type PrepaymentInstitutions = z.infer<typeof PrepaymentInstitutions>;
/** 2022 No.13 §5: 「可依其申请预付不超过3个月的预付金」. */
export const OTHER_PREPAYMENT_MAX_MONTHS = 3;
const PREPAYMENT_SANITY_MONTHS = 24;

/** 单位缴费部分 / 个人缴费部分. */
export const ContributionPayer = z.enum(['employer', 'individual']).meta({ description: 'employer: 单位缴费部分; individual: 个人缴费部分' });
export type ContributionPayer = z.infer<typeof ContributionPayer>;

export const DeadlineKind = z.enum(['reimbursement-window', 'contribution-payment', 'settlement-statement', 'base-declaration']).meta({
  description:
    'reimbursement-window: 2019 window reimbursement (2020 No.2 §2(3)1); contribution-payment: paying basic medical insurance contributions (§2(3)2); settlement-statement: designated institutions’ monthly statements (§2(3)3); base-declaration: employers’ contribution base declaration and assessment (2022 No.13 §12)',
});
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const OutOfAreaReason = z.enum(['lockdown-stranded', 'covid-confirmed', 'covid-suspected', 'filed-referral', 'none']);
export type OutOfAreaReason = z.infer<typeof OutOfAreaReason>;

/** A measure that embeds another schema's fields keeps that schema's own checks (spreading `.shape` drops them). */
function checkedBy(schema: z.ZodType, fields: readonly string[]) {
  return (measure: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const result = schema.safeParse(Object.fromEntries(fields.map((field) => [field, measure[field]])));
    for (const issue of result.error?.issues ?? []) reissue(ctx, issue);
  };
}

const measureTypes = [
  z
    .strictObject({
      type: z.literal('contribution-halving'),
      ...base,
      lowReserveException: z.boolean().optional().meta({
        description:
          '2022 No.13 §2 「原则上不实行减征」: the area halves although its employee pooling fund covers fewer than 6 months of payments, as the exception the words "in principle" leave',
      }),
    })
    .meta({
      description:
        '2022 No.13 §2: the employer part of employee basic medical insurance contributions halved; from May 2022 at the earliest, at most 3 months, whole months',
    }),
  z
    .strictObject({
      type: z.literal('contribution-deferral'),
      ...base,
      payers: z.array(ContributionPayer).min(1).max(2).optional().meta({
        description:
          'Whose part of the employee contribution is deferred: the area continues its own earlier deferral (「前期已经实行的……缓缴政策可继续执行」); absent means the employer part only',
      }),
    })
    .meta({
      description:
        '2022 No.13 §2: employee basic medical insurance contributions deferred; at most 4 months, from March 2022 at the earliest, to the end of June 2022 at the latest',
    }),
  z
    .strictObject({
      type: z.literal('prepayment'),
      ...base,
      institutions: PrepaymentInstitutions,
      maxMonths: z
        .number()
        .int()
        .min(1)
        .max(PREPAYMENT_SANITY_MONTHS)
        .optional()
        .meta({
          description: `Months of prepayment at most. "other": required, at most 3 (2022 No.13 §5). "covid-treatment": the area's own figure, optional; the notice sets no cap (at most ${PREPAYMENT_SANITY_MONTHS} here, a sanity bound)`,
        }),
    })
    .superRefine((measure, ctx) => {
      if (measure.institutions !== 'other') return;
      if (measure.maxMonths === undefined) {
        addCodedIssue(ctx, ['maxMonths'], {
          code: 'months_required',
          params: { limit: OTHER_PREPAYMENT_MAX_MONTHS },
          message: `${clauses.prepayment}: a prepayment to other designated institutions needs its months (at most 3)`,
        });
      } else if (measure.maxMonths > OTHER_PREPAYMENT_MAX_MONTHS) {
        addCodedIssue(ctx, ['maxMonths'], {
          code: 'at_most_months',
          params: { limit: OTHER_PREPAYMENT_MAX_MONTHS },
          message: `${clauses.prepayment}: a prepayment to other designated institutions covers at most 3 months`,
        });
      }
    })
    .meta({
      description:
        '2022 No.13 §5, §7; 2020 No.2 §2(1)1: prepayment during the epidemic. Hospitals treating COVID-19 get more, with no 3-month cap, and their COVID-19 treatment costs are budgeted outside the total budget; other designated institutions at most 3 months, on their application; all settled after the epidemic. The period is the epidemic period the prepayment runs in',
    }),
  z
    .strictObject({
      type: z.literal('assistance-ratios'),
      ...base,
      reducedFloor: z.boolean().meta({ description: 'The area cannot yet afford 60% for marginal and at-risk people: the floor is 40%' }),
      percent: z.strictObject({ 'extremely-poor': Percent, subsistence: Percent, marginal: Percent, 'at-risk': Percent }),
    })
    .superRefine((measure, ctx) => {
      for (const category of AssistanceCategory.options) {
        const floor = assistanceFloor(category, measure.reducedFloor);
        if (measure.percent[category] < floor) {
          addCodedIssue(ctx, ['percent', category], {
            code: 'ratio_at_least',
            params: { category, limit: floor },
            message: `${clauses.medicalAssistance}: the ratio for ${category} is at least ${floor}%`,
          });
        }
      }
    }),
  z
    .strictObject({
      type: z.literal('out-of-area'),
      ...base,
      reasons: z.array(z.enum(['lockdown-stranded', 'covid-confirmed', 'covid-suspected'])).min(1),
    })
    .meta({
      description:
        '2022 No.13 §11, 2020 No.2 §2(4)1: who keeps the insured area’s same-grade ratio out of area, without referral or filing; the period is the epidemic period, and eligibility ends with it. The ratios are the insured area’s own (same-grade-ratios)',
    }),
  z
    .strictObject({
      type: z.literal('same-grade-ratios'),
      ...base,
      ratioPercent: z.strictObject({ '1': Percent, '2': Percent, '3': Percent }).meta({
        description: "The pooling area's own reimbursement ratio at a grade 1, 2 and 3 institution (参保地同级医疗机构支付比例)",
      }),
    })
    .refine((measure) => measure.poolingArea !== PROVINCE, {
      path: ['poolingArea'],
      params: { code: 'not_province_wide' },
      message: `${clauses.outOfAreaLockdown}, ${clauses.outOfAreaCovid}: the ratio is the insured pooling area's own, not a province-wide figure`,
    })
    .meta({ description: "A pooling area's reimbursement ratios by institution grade, which its insured keep out of area (2022 No.13 §11; 2020 No.2 §2(4)1)" }),
  z
    .strictObject({
      type: z.literal('deadline-extension'),
      ...base,
      deadline: DeadlineKind,
      extendedTo: Instant.meta({ description: 'The extended deadline; the measure’s period is when the extension applies' }),
    })
    .meta({
      description:
        '2020 No.2 §2(3)1 reimbursement window, §2(3)2 contribution payment (made up after the epidemic, benefits unaffected), §2(3)3 settlement statements; 2022 No.13 §12 employers’ late base declaration and contribution assessment',
    }),
  z
    .strictObject({ type: z.literal('working-calendar'), ...base, ...WorkingCalendar.shape })
    .superRefine(checkedBy(WorkingCalendar, ['holidays', 'makeUpWorkdays']))
    .meta({
      description: 'Public holidays and make-up working days (国务院办公厅 arrangement) that application deadlines are counted in',
    }),
  z
    .strictObject({
      type: z.literal('agreement-termination'),
      ...base,
      orgId: z.string().min(1).max(100).meta({ description: 'The designated institution whose service agreement ends' }),
      institution: z.enum(['medical-institution', 'retail-pharmacy']).meta({
        description: '定点医疗机构 / 定点零售药店: only designated institutions hold a service agreement (2020 No.2 §3); firms do not',
      }),
      reason: z.string().trim().min(1).max(500),
    })
    .meta({
      description:
        '2020 No.2 §3: a designated institution’s service agreement ends at validFrom; from then on it may not take the green channel (README: agreement termination)',
    }),
  z
    .strictObject({ type: z.literal('application-deadlines'), ...base, ...DeadlineConfig.shape })
    .superRefine(checkedBy(DeadlineConfig, Object.keys(DeadlineConfig.shape)))
    .meta({
      description: 'Review deadlines in working days; the green channel is faster (2022 No.13 §3, §6)',
    }),
  z
    .strictObject({
      type: z.literal('inpatient-grace'),
      ...base,
      batch: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .meta({ description: 'The batch of provincially-added drugs, as the drug entries’ `batch` reads', example: '第三批省增药品' }),
      cutoff: Instant.meta({
        description: 'When the batch leaves the payment scope; the grace covers only drugs of the batch whose listing ends exactly then',
        example: '2023-01-01T00:00:00+08:00',
      }),
    })
    .meta({
      description:
        '2022 No.13 §1: inpatients admitted before the cutoff (not outpatient chronic or special diseases) who used a drug of the batch during that stay keep it until the stay ends',
    }),
  z
    .strictObject({
      type: z.literal('temporary-class-a'),
      ...base,
      drugCodes: z.array(DrugCode).max(2000).meta({ description: 'Drugs of the diagnosis and treatment plan (诊疗方案用药), as drug codes' }),
      serviceCodes: z
        .array(PriceItemCode)
        .max(2000)
        .optional()
        .meta({ description: 'Medical service items of the plan (诊疗方案医疗服务项目), as price item codes' }),
    })
    .refine((measure) => measure.drugCodes.length + (measure.serviceCodes?.length ?? 0) > 0, {
      path: ['drugCodes'],
      params: { code: 'name_drug_or_service' },
      message: `${clauses.temporaryClassA}: name at least one drug or medical service item`,
    })
    .meta({
      description:
        '2020 No.2 §2(4)3: plan drugs and medical service items the fund would not pay are paid as Class A for confirmed and suspected COVID-19 patients',
    }),
  z
    .strictObject({
      type: z.literal('offline-purchase'),
      ...base,
      listingCodes: z
        .array(ListingCode)
        .max(2000)
        .optional()
        .meta({ description: 'Listings (阳光挂网) of COVID-19 treatment drugs hospitals may buy offline' }),
      drugCodes: z.array(DrugCode).max(2000).optional().meta({ description: 'Drug list entries of COVID-19 treatment drugs hospitals may buy offline' }),
    })
    .refine((measure) => (measure.listingCodes?.length ?? 0) + (measure.drugCodes?.length ?? 0) > 0, {
      path: ['listingCodes'],
      params: { code: 'name_listing_or_drug' },
      message: `${clauses.procurementGreenChannel}: name at least one listing or drug`,
    })
    .meta({
      description:
        '2022 No.13 §6: 「允许医疗机构线下采购新冠肺炎治疗药物」: the COVID-19 treatment drugs, named by listing or drug code, that medical institutions may buy offline while the measure is in force',
    }),
] as const;

export const MeasureAttributes = z.discriminatedUnion('type', measureTypes).meta({ id: 'MeasureAttributes' });
export type MeasureAttributes = z.infer<typeof MeasureAttributes>;
export type MeasureType = MeasureAttributes['type'];

/** 2022 No.13 §2: 「减征时间自2022年5月起，减征时限不超过3个月」: the halving months lie in May–July 2022 (see halving-limit.ts). */
export const HALVING_EARLIEST = '2022-05-01T00:00:00+08:00';
export const HALVING_LATEST_END = '2022-08-01T00:00:00+08:00'; // the end of July 2022
/** 2022 No.13 is dated 2022-04-28 (落款「2022年4月28日」): its assistance floors and the extension to two more groups start that day, China time. */
export const ASSISTANCE_NOTICE_DATE = '2022-04-28T00:00:00+08:00';
const DEFERRAL_EARLIEST = '2022-03-01T00:00:00+08:00';
const DEFERRAL_LATEST_END = '2022-07-01T00:00:00+08:00'; // the end of June 2022

export interface PeriodIssue extends CodedMessage {
  path: 'validFrom' | 'validTo';
}

/** The bounds of 2022 No.13 §2 and §10 on a measure's period. Empty when the period is allowed. */
export function measurePeriodIssues(attributes: MeasureAttributes, validFrom: string, validTo: string | undefined): PeriodIssue[] {
  const clause = clauses.contributionRelief;
  if (attributes.type === 'contribution-halving') {
    return [
      ...wholeMonths(validFrom, validTo),
      ...(toEpochMs(validFrom) < toEpochMs(HALVING_EARLIEST) ? [earliest(HALVING_EARLIEST, `${clause}: a halving starts in May 2022 at the earliest`)] : []),
      ...(validTo !== undefined && toEpochMs(validTo) > toEpochMs(HALVING_LATEST_END)
        ? [
            latest(
              HALVING_LATEST_END,
              `${clause}: a halving runs from May 2022 for at most 3 months, so it ends by the end of July 2022 (2022-08-01T00:00:00+08:00) at the latest`,
            ),
          ]
        : []),
    ];
  }
  if (attributes.type === 'contribution-deferral') {
    return [
      ...wholeMonths(validFrom, validTo),
      ...(toEpochMs(validFrom) < toEpochMs(DEFERRAL_EARLIEST)
        ? [earliest(DEFERRAL_EARLIEST, `${clause}: a deferral starts in March 2022 at the earliest`)]
        : []),
      ...(validTo !== undefined && toEpochMs(validTo) > toEpochMs(DEFERRAL_LATEST_END)
        ? [latest(DEFERRAL_LATEST_END, `${clause}: a deferral ends by the end of June 2022 (2022-07-01T00:00:00+08:00) at the latest`)]
        : []),
      ...maxMonths(validFrom, validTo, 4, `${clause}: a deferral lasts at most 4 months`),
    ];
  }
  if (attributes.type === 'assistance-ratios' && toEpochMs(validFrom) < toEpochMs(ASSISTANCE_NOTICE_DATE)) {
    return [
      earliest(
        ASSISTANCE_NOTICE_DATE,
        `${clauses.medicalAssistance}: these ratios and the extension to marginal and at-risk people start with the notice, on 2022-04-28, not before`,
      ),
    ];
  }
  return [];
}

/** The first instant of the month `months` after the month that `instant` starts, in China time. */
export function addMonths(instant: string, months: number): string {
  const [year, month] = toChinaIso(toEpochMs(instant)).split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  const next = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`;
  return next;
}

function isMonthStart(instant: string): boolean {
  return /^\d{4}-\d{2}-01T00:00:00\+08:00$/.test(toChinaIso(toEpochMs(instant)));
}

/** A period that starts before `instant` (given in China time in the parameters). */
function earliest(instant: string, message: string): PeriodIssue {
  return { path: 'validFrom', code: 'starts_too_early', params: { limit: toChinaIso(toEpochMs(instant)) }, message };
}

/** A period that ends after `instant`. */
function latest(instant: string, message: string): PeriodIssue {
  return { path: 'validTo', code: 'ends_too_late', params: { limit: toChinaIso(toEpochMs(instant)) }, message };
}

function wholeMonths(validFrom: string, validTo: string | undefined): PeriodIssue[] {
  const issues: PeriodIssue[] = [];
  if (!isMonthStart(validFrom))
    issues.push({ path: 'validFrom', code: 'month_start', message: 'contributions are monthly: start at 00:00 on the 1st of a month, China time' });
  if (validTo === undefined) issues.push({ path: 'validTo', code: 'required', message: 'a contribution measure needs an end: validTo is required' });
  else if (!isMonthStart(validTo))
    issues.push({ path: 'validTo', code: 'month_start', message: 'contributions are monthly: end at 00:00 on the 1st of a month, China time' });
  return issues;
}

function maxMonths(validFrom: string, validTo: string | undefined, months: number, message: string): PeriodIssue[] {
  if (validTo === undefined) return [];
  return toEpochMs(validTo) > toEpochMs(addMonths(validFrom, months)) ? [{ path: 'validTo', code: 'at_most_months', params: { limit: months }, message }] : [];
}
