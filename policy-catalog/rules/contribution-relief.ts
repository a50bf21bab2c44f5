import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { areaHalvingMonths, HALVING_FIRST_MONTH, HALVING_LAST_MONTH, HALVING_MAX_MONTHS } from '../halving-limit.ts';
import { PoolingArea, PROVINCE, type MeasureAttributes } from '../measure.ts';
import { Instant } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, basisOf, type Basis, type EntryFact, type Reason } from './decision.ts';

export const ContributionReliefRequest = z
  .strictObject({
    poolingArea: PoolingArea,
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM'),
    closedManagement: z.boolean().meta({ description: 'The area was under epidemic closed management in 2022' }),
    fundMonthsCovered: z.number().min(0).max(1200).meta({ description: 'How many months of payments the employee pooling fund balance covers' }),
  })
  .meta({ id: 'ContributionReliefRequest' });
export type ContributionReliefRequest = z.infer<typeof ContributionReliefRequest>;

const Relief = z.object({ allowed: z.boolean(), until: Instant.optional().meta({ description: 'The end of the relief (exclusive)' }) });

export const ContributionReliefAnswer = answerSchema(z.enum(['allowed', 'not-allowed']), { halving: Relief, deferral: Relief }).meta({
  id: 'ContributionReliefAnswer',
});
export type ContributionReliefAnswer = z.infer<typeof ContributionReliefAnswer>;

/**
 * 2022 No.13 §2: may this area halve (or defer) employer contributions for employee basic medical
 * insurance in this month? From the measures configured for the area (or the whole province),
 * the notice's own bounds on halving (May–July 2022, 3 months per area in total), and the
 * conditions on the area.
 */
export function decideContributionRelief(
  request: ContributionReliefRequest,
  facts: { measures: EntryFact<MeasureAttributes>[]; asOfRelease: number },
): ContributionReliefAnswer {
  const clause = clauses.contributionRelief;
  const monthStart = `${request.month}-01T00:00:00+08:00`;
  const reasons: Reason[] = [];
  const basis: Basis[] = [];
  const inForce = (type: MeasureAttributes['type']) =>
    facts.measures
      .map((fact) => ({ fact, period: resolve(fact.timeline, monthStart) }))
      .find(({ period }) => period?.attributes.type === type && [request.poolingArea, PROVINCE].includes(period.attributes.poolingArea));

  const halvingMeasure = inForce('contribution-halving');
  let halvingAllowed = false;
  if (!halvingMeasure) {
    reasons.push({ clause, text: `统筹区 ${request.poolingArea} 在 ${request.month} 没有有效的减半征收措施（自2022年5月起，不超过3个月）` });
  } else {
    basis.push(basisOf(halvingMeasure.fact));
    const limit = halvingLimitRefusal(request, facts.measures);
    if (limit) {
      reasons.push({ clause, text: limit });
    } else if (!request.closedManagement) {
      reasons.push({ clause, text: '减半征收仅适用于2022年因疫情实施封闭管理的市（州）、县（市）' });
    } else if (request.fundMonthsCovered < 6) {
      reasons.push({ clause, text: `职工统筹基金结存可支付月数为 ${request.fundMonthsCovered}，小于6个月，原则上不实行减征` });
    } else {
      halvingAllowed = true;
      reasons.push({ clause, text: `${request.month} 职工医保单位缴费部分可减半征收` });
    }
  }

  const deferralMeasure = inForce('contribution-deferral');
  if (!deferralMeasure) {
    reasons.push({ clause, text: `统筹区 ${request.poolingArea} 在 ${request.month} 没有有效的缓缴措施（自2022年3月起，最晚至6月底，不超过4个月）` });
  } else {
    basis.push(basisOf(deferralMeasure.fact));
    reasons.push({ clause, text: `${request.month} 可缓缴职工医保费${halvingAllowed ? '，减征和缓缴可同步实施' : ''}` });
  }

  const halving = halvingAllowed && halvingMeasure ? { allowed: true, ...until(halvingMeasure.period?.validTo) } : { allowed: false };
  const deferral = deferralMeasure ? { allowed: true, ...until(deferralMeasure.period?.validTo) } : { allowed: false };
  return {
    decision: halving.allowed || deferral.allowed ? 'allowed' : 'not-allowed',
    halving,
    deferral,
    reasons,
    basis,
    asOfRelease: facts.asOfRelease,
  };
}

/**
 * 2022 No.13 §2: 「减征时间自2022年5月起，减征时限不超过3个月」, whatever the measures say: the month lies in
 * May–July 2022 and is among the area's first 3 halving months, counting its own and the
 * province's measures together.
 */
function halvingLimitRefusal(request: ContributionReliefRequest, measures: readonly EntryFact<MeasureAttributes>[]): string | undefined {
  if (request.month < HALVING_FIRST_MONTH || request.month > HALVING_LAST_MONTH) {
    return `减征时间自2022年5月起、不超过3个月（${HALVING_FIRST_MONTH} 至 ${HALVING_LAST_MONTH}），${request.month} 不在其内`;
  }
  const months = areaHalvingMonths(request.poolingArea, measures).map(({ month }) => month);
  const index = months.indexOf(request.month);
  if (index >= HALVING_MAX_MONTHS) {
    return `统筹区 ${request.poolingArea} 的减半征收已满3个月（${months.slice(0, HALVING_MAX_MONTHS).join('、')}），${request.month} 超出减征时限`;
  }
  return undefined;
}

function until(validTo: string | null | undefined): { until?: string } {
  return validTo ? { until: validTo } : {};
}
