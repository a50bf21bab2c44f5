import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { addMonths, type ContributionPayer, type DeadlineKind, type MeasureAttributes, PROVINCE } from '../measure.ts';
import { chinaEndLabel, Instant, toEpochMs } from '../time.ts';
import type { Period } from '../timeline.ts';
import type { EntryFact, Reason } from './decision.ts';
import { instantParam } from './reason-codes.ts';

/** How a part of contribution relief answers: the notice excludes the case, no measure is in force, or the measure's answer. */
export const ReliefStatus = z.enum(['allowed', 'not-allowed', 'no-measure', 'not-applicable']).meta({
  id: 'ReliefStatus',
  description:
    '"allowed": a measure in force grants it; "not-allowed": a measure is in force but the notice or its conditions refuse it; "no-measure": no such measure is in force for the area in that month; "not-applicable": the clause does not cover this scheme or payer part',
});
export type ReliefStatus = z.infer<typeof ReliefStatus>;

export const DeadlineRelief = z.object({
  status: ReliefStatus,
  allowed: z.boolean(),
  extendedTo: Instant.optional().meta({ description: 'The extended deadline (exclusive), where a measure extends it' }),
  benefitsContinue: z.boolean().meta({ description: 'Benefits continue meanwhile (不影响参保人员享受待遇 / 待遇不断档)' }),
});
export type DeadlineRelief = z.infer<typeof DeadlineRelief>;

export interface ContributionCase {
  poolingArea: string;
  month: string;
  scheme: 'employee' | 'resident';
  payer: ContributionPayer;
}

export interface MeasureInForce {
  fact: EntryFact<MeasureAttributes>;
  period: Period<MeasureAttributes>;
}

/**
 * The measure of `type` (and, for deadline extensions, of `deadline`) in force for the area or
 * the province at any time during the month, the area's own first. Contributions are monthly, so
 * a measure that covers part of the month applies to it.
 */
export function inForceDuring(
  month: string,
  poolingArea: string,
  measures: readonly EntryFact<MeasureAttributes>[],
  matches: (attributes: MeasureAttributes) => boolean,
): MeasureInForce | undefined {
  const start = toEpochMs(`${month}-01T00:00:00+08:00`);
  const end = toEpochMs(addMonths(`${month}-01T00:00:00+08:00`, 1));
  for (const area of [poolingArea, PROVINCE]) {
    for (const fact of measures) {
      const period = fact.timeline.find(
        (candidate) =>
          candidate.attributes.poolingArea === area &&
          matches(candidate.attributes) &&
          toEpochMs(candidate.validFrom) < end &&
          (candidate.validTo === null || toEpochMs(candidate.validTo) > start),
      );
      if (period) return { fact, period };
    }
  }
  return undefined;
}

const isDeadline = (deadline: DeadlineKind) => (attributes: MeasureAttributes) => attributes.type === 'deadline-extension' && attributes.deadline === deadline;

/**
 * 2020 No.2 §2(3)2: 「对因受疫情影响无法按时缴纳基本医疗保险费用的，……合理延长缴纳时限，允许疫情结束后补办补缴，不影响参保人员享受待遇」.
 * Basic medical insurance of both schemes, either part: a contribution-payment extension in force
 * in the month extends the deadline, and benefits continue meanwhile.
 */
export function latePayment(request: ContributionCase, measures: readonly EntryFact<MeasureAttributes>[], reasons: Reason[]) {
  const clause = clauses.latePayment;
  const found = inForceDuring(request.month, request.poolingArea, measures, isDeadline('contribution-payment'));
  if (found?.period.attributes.type !== 'deadline-extension') {
    reasons.push({
      clause,
      code: 'late_payment_no_measure',
      params: { poolingArea: request.poolingArea, month: request.month },
      text: `统筹区 ${request.poolingArea} 在 ${request.month} 没有有效的延长缴费时限措施`,
    });
    return { relief: { status: 'no-measure', allowed: false, benefitsContinue: false } satisfies DeadlineRelief, found };
  }
  const extendedTo = found.period.attributes.extendedTo;
  reasons.push({
    clause,
    code: 'late_payment_extended',
    params: { extendedTo: instantParam(extendedTo) },
    text: `因疫情无法按时缴纳基本医疗保险费的，缴纳时限延长至 ${chinaEndLabel(extendedTo)}，允许疫情结束后补办补缴，不影响参保人员享受待遇`,
  });
  return { relief: { status: 'allowed', allowed: true, extendedTo, benefitsContinue: true } satisfies DeadlineRelief, found };
}

/**
 * 2022 No.13 §12: 「对因受疫情影响用人单位逾期办理职工基数申报、核定缴费等业务的，按有关规定延长办理期限，确保企业职工享受医保待遇不断档」.
 * Employers of employee insurance only.
 */
export function baseDeclaration(request: ContributionCase, measures: readonly EntryFact<MeasureAttributes>[], reasons: Reason[]) {
  const clause = clauses.baseDeclarationExtension;
  if (request.scheme !== 'employee' || request.payer !== 'employer') {
    reasons.push({ clause, code: 'base_declaration_not_applicable', text: '延长职工缴费基数申报、核定缴费办理期限仅适用于职工医保的用人单位' });
    return { relief: { status: 'not-applicable', allowed: false, benefitsContinue: false } satisfies DeadlineRelief, found: undefined };
  }
  const found = inForceDuring(request.month, request.poolingArea, measures, isDeadline('base-declaration'));
  if (found?.period.attributes.type !== 'deadline-extension') {
    reasons.push({
      clause,
      code: 'base_declaration_no_measure',
      params: { poolingArea: request.poolingArea, month: request.month },
      text: `统筹区 ${request.poolingArea} 在 ${request.month} 没有有效的延长基数申报、核定缴费期限措施`,
    });
    return { relief: { status: 'no-measure', allowed: false, benefitsContinue: false } satisfies DeadlineRelief, found };
  }
  const extendedTo = found.period.attributes.extendedTo;
  reasons.push({
    clause,
    code: 'base_declaration_extended',
    params: { extendedTo: instantParam(extendedTo) },
    text: `用人单位逾期办理职工基数申报、核定缴费的，办理期限延长至 ${chinaEndLabel(extendedTo)}，职工医保待遇不断档`,
  });
  return { relief: { status: 'allowed', allowed: true, extendedTo, benefitsContinue: true } satisfies DeadlineRelief, found };
}
