import { addCodedIssue } from '../problem-codes.ts';
import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { areaHalvingMonths, HALVING_FIRST_MONTH, HALVING_LAST_MONTH, HALVING_MAX_MONTHS } from '../halving-limit.ts';
import { ContributionPayer, type MeasureAttributes, PoolingArea } from '../measure.ts';
import { chinaEndLabel, Instant } from '../time.ts';
import { baseDeclaration, DeadlineRelief, inForceDuring, latePayment, ReliefStatus } from './contribution-deadlines.ts';
import { answerSchema, basisOf, type Basis, type EntryFact, type Reason } from './decision.ts';
import { instantParam, type ReasonCode, type ReasonParams } from './reason-codes.ts';

/** 2022 No.13 §2: deferral 「缓缴时间可自2022年3月起，最晚截至6月底」. */
const DEFERRAL_FIRST_MONTH = '2022-03';
const DEFERRAL_LAST_MONTH = '2022-06';
/** 「减半征收」: half of the employer part is due. */
const HALVED_PAYABLE_PERCENT = 50;

export const ContributionReliefRequest = z
  .strictObject({
    poolingArea: PoolingArea.meta({ description: 'The pooling area (统筹区) that collects the contribution' }),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM')
      .meta({ description: 'The contribution month (费款所属期), YYYY-MM, China time' }),
    scheme: z.enum(['employee', 'resident']).meta({ description: 'employee: 职工基本医疗保险; resident: 城乡居民基本医疗保险' }),
    payer: ContributionPayer,
    closedManagement: z.boolean().meta({ description: 'The area (市州、县市) was under epidemic closed management in 2022; a condition of halving' }),
    fundMonthsCovered: z.number().min(0).max(1200).meta({
      description: 'How many months of payments the employee pooling fund balance covers (职工统筹基金结存可支付月数); below 6, no halving in principle',
    }),
  })
  .superRefine((request, ctx) => {
    if (request.scheme === 'resident' && request.payer === 'employer') {
      addCodedIssue(ctx, ['payer'], { code: 'individual_payer_only', message: 'resident insurance has no employer part: payer must be "individual"' });
    }
  })
  .meta({ id: 'ContributionReliefRequest' });
export type ContributionReliefRequest = z.infer<typeof ContributionReliefRequest>;

const Relief = z.object({
  status: ReliefStatus,
  allowed: z.boolean(),
  until: Instant.optional().meta({ description: 'The end of the relief (exclusive)' }),
});

export const ContributionReliefAnswer = answerSchema(z.enum(['allowed', 'not-allowed', 'no-measure']), {
  halving: Relief.extend({
    payablePercent: z.number().int().meta({
      description: 'Percent of this payer part still due: 50 when halved (the employer part of employee insurance only), otherwise 100',
    }),
  }),
  deferral: Relief.extend({
    makeUpBy: Instant.optional().meta({ description: 'When the deferred contributions are due (exclusive): the end of the deferral' }),
    benefitsContinue: z.boolean().meta({ description: 'Benefits continue while payment is deferred' }),
  }),
  latePayment: DeadlineRelief.meta({ description: '2020 No.2 §2(3)2: the extended payment deadline; payment may be made up after the epidemic' }),
  baseDeclaration: DeadlineRelief.meta({ description: '2022 No.13 §12: employers’ extended deadline for base declaration and contribution assessment' }),
}).meta({
  id: 'ContributionReliefAnswer',
  description:
    'From halving, deferral and late payment (base declaration is reported beside them). "allowed": at least one applies. "not-allowed": a measure is in force, or the notice speaks to the case, and refuses it. "no-measure": the notice would allow relief, but no measure is in force for the area in that month',
});
export type ContributionReliefAnswer = z.infer<typeof ContributionReliefAnswer>;

type Facts = { measures: EntryFact<MeasureAttributes>[]; asOfRelease: number };

/**
 * Contribution relief for one contribution month, scheme and payer part: halving and deferral
 * (2022 No.13 §2), the extended payment deadline with benefits unaffected (2020 No.2 §2(3)2), and
 * employers' extended base declaration (2022 No.13 §12), each from the measures in force for the
 * area (or the province) and the notice's own bounds.
 */
export function decideContributionRelief(request: ContributionReliefRequest, facts: Facts): ContributionReliefAnswer {
  const reasons: Reason[] = [];
  const basis: Basis[] = [];
  const halving = decideHalving(request, facts.measures, reasons, basis);
  const deferral = decideDeferral(request, facts.measures, reasons, basis, halving.allowed);
  const late = latePayment(request, facts.measures, reasons);
  const base = baseDeclaration(request, facts.measures, reasons);
  for (const { found } of [late, base]) if (found) basis.push(basisOf(found.fact));
  // The decision is about paying less or later; more time to declare the base is an administrative deadline beside it.
  const statuses: ReliefStatus[] = [halving.status, deferral.status, late.relief.status];
  const decision = statuses.includes('allowed')
    ? 'allowed'
    : statuses.includes('not-allowed') || !statuses.includes('no-measure')
      ? 'not-allowed'
      : 'no-measure';
  return { decision, halving, deferral, latePayment: late.relief, baseDeclaration: base.relief, reasons, basis, asOfRelease: facts.asOfRelease };
}

/** 2022 No.13 §2: 「对……职工基本医疗保险单位缴费部分实行减半征收。减征时间自2022年5月起，减征时限不超过3个月。职工统筹基金结存可支付月数小于6个月的原则上不实行减征」. */
function decideHalving(request: ContributionReliefRequest, measures: readonly EntryFact<MeasureAttributes>[], reasons: Reason[], basis: Basis[]) {
  const clause = clauses.contributionRelief;
  const refuse = (status: ReliefStatus, code: ReasonCode, text: string, params?: ReasonParams) => {
    reasons.push({ clause, code, ...(params ? { params } : {}), text });
    return { status, allowed: false, payablePercent: 100 };
  };
  if (request.scheme !== 'employee' || request.payer !== 'employer') {
    return refuse('not-applicable', 'halving_not_applicable', '减半征收仅适用于职工基本医疗保险的单位缴费部分；个人缴费部分和居民医保不减征');
  }
  if (request.month < HALVING_FIRST_MONTH || request.month > HALVING_LAST_MONTH) {
    return refuse(
      'not-allowed',
      'halving_month_outside',
      `减征时间自2022年5月起、不超过3个月（${HALVING_FIRST_MONTH} 至 ${HALVING_LAST_MONTH}），${request.month} 不在其内`,
      { firstMonth: HALVING_FIRST_MONTH, lastMonth: HALVING_LAST_MONTH, month: request.month },
    );
  }
  const found = inForceDuring(request.month, request.poolingArea, measures, (attributes) => attributes.type === 'contribution-halving');
  if (found?.period.attributes.type !== 'contribution-halving') {
    return refuse(
      'no-measure',
      'halving_no_measure',
      `统筹区 ${request.poolingArea} 在 ${request.month} 没有有效的减半征收措施（自2022年5月起，不超过3个月）`,
      {
        poolingArea: request.poolingArea,
        month: request.month,
      },
    );
  }
  basis.push(basisOf(found.fact));
  const months = areaHalvingMonths(request.poolingArea, measures).map(({ month }) => month);
  if (months.indexOf(request.month) >= HALVING_MAX_MONTHS) {
    const used = months.slice(0, HALVING_MAX_MONTHS);
    return refuse(
      'not-allowed',
      'halving_months_used',
      `统筹区 ${request.poolingArea} 的减半征收已满3个月（${used.join('、')}），${request.month} 超出减征时限`,
      {
        poolingArea: request.poolingArea,
        maxMonths: HALVING_MAX_MONTHS,
        // the months already halved, comma-separated
        months: used.join(','),
        month: request.month,
      },
    );
  }
  if (!request.closedManagement) return refuse('not-allowed', 'halving_not_closed_management', '减半征收仅适用于2022年因疫情实施封闭管理的市（州）、县（市）');
  if (request.fundMonthsCovered < 6) {
    if (!found.period.attributes.lowReserveException) {
      return refuse('not-allowed', 'halving_low_reserve', `职工统筹基金结存可支付月数为 ${request.fundMonthsCovered}，小于6个月，原则上不实行减征`, {
        fundMonthsCovered: request.fundMonthsCovered,
      });
    }
    reasons.push({
      clause,
      code: 'halving_low_reserve_exception',
      params: { fundMonthsCovered: request.fundMonthsCovered },
      text: `职工统筹基金结存可支付月数为 ${request.fundMonthsCovered}，小于6个月，原则上不实行减征；该统筹区措施作为例外仍实行减征`,
    });
  }
  reasons.push({
    clause,
    code: 'halving_allowed',
    params: { month: request.month, payablePercent: HALVED_PAYABLE_PERCENT },
    text: `${request.month} 职工医保单位缴费部分减半征收：按应缴额的 ${HALVED_PAYABLE_PERCENT}% 缴纳`,
  });
  return { status: 'allowed' as const, allowed: true, payablePercent: HALVED_PAYABLE_PERCENT, ...until(found.period.validTo) };
}

/** 2022 No.13 §2: 「各地因疫情原因前期已经实行的职工基本医疗保险缓缴政策可继续执行，缓缴时限不超过4个月。缓缴时间可自2022年3月起，最晚截至6月底。减征和缓缴政策可同步实施」. */
function decideDeferral(
  request: ContributionReliefRequest,
  measures: readonly EntryFact<MeasureAttributes>[],
  reasons: Reason[],
  basis: Basis[],
  halved: boolean,
) {
  const clause = clauses.contributionRelief;
  const refuse = (status: ReliefStatus, code: ReasonCode, text: string, params?: ReasonParams) => {
    reasons.push({ clause, code, ...(params ? { params } : {}), text });
    return { status, allowed: false, benefitsContinue: false };
  };
  if (request.scheme !== 'employee') return refuse('not-applicable', 'deferral_not_applicable', '缓缴政策仅适用于职工基本医疗保险');
  if (request.month < DEFERRAL_FIRST_MONTH || request.month > DEFERRAL_LAST_MONTH) {
    return refuse(
      'not-allowed',
      'deferral_month_outside',
      `缓缴时间自2022年3月起、最晚截至6月底（${DEFERRAL_FIRST_MONTH} 至 ${DEFERRAL_LAST_MONTH}），${request.month} 不在其内`,
      { firstMonth: DEFERRAL_FIRST_MONTH, lastMonth: DEFERRAL_LAST_MONTH, month: request.month },
    );
  }
  const found = inForceDuring(request.month, request.poolingArea, measures, (attributes) => attributes.type === 'contribution-deferral');
  if (found?.period.attributes.type !== 'contribution-deferral') {
    return refuse(
      'no-measure',
      'deferral_no_measure',
      `统筹区 ${request.poolingArea} 在 ${request.month} 没有有效的缓缴措施（自2022年3月起，最晚至6月底，不超过4个月）`,
      {
        poolingArea: request.poolingArea,
        month: request.month,
      },
    );
  }
  basis.push(basisOf(found.fact));
  const payers = found.period.attributes.payers ?? ['employer'];
  if (!payers.includes(request.payer)) {
    const covered = payers.includes('employer') ? 'employer' : 'individual';
    return refuse('not-allowed', 'deferral_payer_not_covered', `该统筹区的缓缴措施仅适用于${covered === 'employer' ? '单位' : '个人'}缴费部分`, {
      payer: covered,
    });
  }
  const end = found.period.validTo;
  reasons.push({
    clause,
    code: 'deferral_allowed',
    // makeUpBy only when the measure ends; alsoHalved 1 when halving applies to the same month
    params: { month: request.month, payer: request.payer, ...(end ? { makeUpBy: instantParam(end) } : {}), alsoHalved: halved ? 1 : 0 },
    text: `${request.month} 职工医保${request.payer === 'employer' ? '单位' : '个人'}缴费部分可缓缴${end ? `，至 ${chinaEndLabel(end)} 前补缴` : ''}；缓缴期间参保人员待遇不受影响${halved ? '；减征和缓缴可同步实施' : ''}`,
  });
  return { status: 'allowed' as const, allowed: true, benefitsContinue: true, ...until(end), ...(end ? { makeUpBy: end } : {}) };
}

function until(validTo: string | null | undefined): { until?: string } {
  return validTo ? { until: validTo } : {};
}
