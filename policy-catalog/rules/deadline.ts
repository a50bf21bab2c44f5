import { addCodedIssue } from '../problem-codes.ts';
import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { DeadlineKind, type MeasureAttributes, PoolingArea, PROVINCE } from '../measure.ts';
import { chinaEndLabel, Instant, toEpochMs } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, basisOf, type EntryFact, type Reason } from './decision.ts';
import { instantParam } from './reason-codes.ts';

/** 2020 No.2 §2(3)1: 「适当延长2019年度医药费用窗口报销时限」: the window of 2019's costs only. */
const REIMBURSEMENT_WINDOW_YEAR = 2019;

export const DeadlineRequest = z
  .strictObject({
    deadline: DeadlineKind,
    poolingArea: PoolingArea.meta({ description: 'The pooling area whose agency (经办机构) the deadline is owed to' }),
    dueAt: Instant.meta({ description: 'The ordinary deadline (exclusive), before any extension' }),
    submittedAt: Instant.meta({ description: 'When the claim, payment, statement or declaration was (or will be) made' }),
    costsOfYear: z
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .meta({ description: 'reimbursement-window only: the year the medical costs arose in; the clause extends the window for 2019’s costs' }),
  })
  .superRefine((request, ctx) => {
    if (request.deadline === 'reimbursement-window' && request.costsOfYear === undefined) {
      addCodedIssue(ctx, ['costsOfYear'], { code: 'required_for_window', message: 'required for the reimbursement window' });
    }
  })
  .meta({ id: 'DeadlineRequest' });
export type DeadlineRequest = z.infer<typeof DeadlineRequest>;

export const DeadlineAnswer = answerSchema(z.enum(['on-time', 'late']), {
  deadline: Instant.meta({ description: 'The deadline that applies (exclusive): the extended one where a measure extends it, else dueAt' }),
  extended: z.boolean(),
}).meta({ id: 'DeadlineAnswer' });
export type DeadlineAnswer = z.infer<typeof DeadlineAnswer>;

const clauseOf = {
  'reimbursement-window': clauses.reimbursementWindow,
  'contribution-payment': clauses.latePayment,
  'settlement-statement': clauses.settlementStatement,
  'base-declaration': clauses.baseDeclarationExtension,
} as const;

const consequence: Record<DeadlineKind, string> = {
  'reimbursement-window': '2019年度医药费用窗口报销时限延长，减少疫情期间人员流动',
  'contribution-payment': '允许疫情结束后补办补缴，不影响参保人员享受待遇',
  'settlement-statement': '定点医药机构月度结算单报送时限延长；经办机构可根据系统数据先行结算拨付',
  'base-declaration': '用人单位逾期办理职工基数申报、核定缴费的，延长办理期限，职工医保待遇不断档',
};

/**
 * Is this on time, counting the extensions the notices allow (2020 No.2 §2(3)1–3; 2022 No.13 §12)?
 * A deadline-extension measure of the same kind, for the area or the province, that is in force at
 * the ordinary deadline moves it to the measure's extendedTo (never earlier). The reimbursement
 * window is extended for 2019's costs only, as the clause says.
 */
export function decideDeadline(request: DeadlineRequest, facts: { measures: EntryFact<MeasureAttributes>[]; asOfRelease: number }): DeadlineAnswer {
  const clause = clauseOf[request.deadline];
  const reasons: Reason[] = [];
  const answer = (deadline: string, extended: boolean, fact?: EntryFact<MeasureAttributes>): DeadlineAnswer => {
    const onTime = toEpochMs(request.submittedAt) < toEpochMs(deadline);
    reasons.push({
      clause,
      code: onTime ? 'deadline_met' : 'deadline_missed',
      params: { deadline: instantParam(deadline) },
      text: `${onTime ? '在' : '已超过'}时限（${chinaEndLabel(deadline)}）${onTime ? '内' : ''}`,
    });
    return { decision: onTime ? 'on-time' : 'late', deadline, extended, reasons, basis: fact ? [basisOf(fact)] : [], asOfRelease: facts.asOfRelease };
  };
  if (request.deadline === 'reimbursement-window' && request.costsOfYear !== REIMBURSEMENT_WINDOW_YEAR) {
    reasons.push({
      clause,
      code: 'window_other_year',
      params: { windowYear: REIMBURSEMENT_WINDOW_YEAR, ...(request.costsOfYear === undefined ? {} : { costsOfYear: request.costsOfYear }) },
      text: `延长的是2019年度医药费用的窗口报销时限；${request.costsOfYear}年度费用按原时限`,
    });
    return answer(request.dueAt, false);
  }
  const found = [request.poolingArea, PROVINCE]
    .map((area) =>
      facts.measures
        .map((fact) => ({ fact, attributes: resolve(fact.timeline, request.dueAt)?.attributes }))
        .find(({ attributes }) => attributes?.type === 'deadline-extension' && attributes.deadline === request.deadline && attributes.poolingArea === area),
    )
    .find((match) => match !== undefined);
  if (found?.attributes?.type !== 'deadline-extension' || toEpochMs(found.attributes.extendedTo) <= toEpochMs(request.dueAt)) {
    reasons.push({
      clause,
      code: 'deadline_no_extension',
      params: { poolingArea: request.poolingArea, dueAt: instantParam(request.dueAt) },
      text: `统筹区 ${request.poolingArea} 在原时限（${chinaEndLabel(request.dueAt)}）没有有效的延长措施，按原时限`,
    });
    return answer(request.dueAt, false);
  }
  reasons.push({
    clause,
    code: 'deadline_extended',
    params: { kind: request.deadline, extendedTo: instantParam(found.attributes.extendedTo) },
    text: `${consequence[request.deadline]}：延长至 ${chinaEndLabel(found.attributes.extendedTo)}`,
  });
  return answer(found.attributes.extendedTo, true, found.fact);
}
