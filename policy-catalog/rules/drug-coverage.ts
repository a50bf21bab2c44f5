import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { DrugCode, PaymentClass, type DrugEntryAttributes } from '../drug-entry.ts';
import type { MeasureAttributes } from '../measure.ts';
import { chinaEndLabel, Instant, toEpochMs } from '../time.ts';
import { resolve, type Period } from '../timeline.ts';
import { answerSchema, basisOf, type Basis, type EntryFact, type Reason } from './decision.ts';

export const DrugCoverageRequest = z
  .strictObject({
    drugCode: DrugCode,
    setting: z.enum(['inpatient', 'outpatient', 'outpatient-chronic', 'outpatient-special']),
    admittedAt: Instant.optional(),
    dischargedAt: Instant.optional(),
    firstUsedAt: Instant.optional(),
    usedAt: Instant,
    covidStatus: z.enum(['confirmed', 'suspected', 'none']),
  })
  .superRefine((request, ctx) => {
    const before = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && toEpochMs(a) > toEpochMs(b);
    if (before(request.firstUsedAt, request.usedAt)) ctx.addIssue({ code: 'custom', path: ['firstUsedAt'], message: 'must not be after usedAt' });
    if (before(request.admittedAt, request.dischargedAt)) ctx.addIssue({ code: 'custom', path: ['dischargedAt'], message: 'must not be before admittedAt' });
    if (request.setting !== 'inpatient' && (request.admittedAt !== undefined || request.dischargedAt !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['admittedAt'], message: 'admission and discharge are for inpatients only' });
    }
  })
  .meta({ id: 'DrugCoverageRequest' });
export type DrugCoverageRequest = z.infer<typeof DrugCoverageRequest>;

export const DrugCoverageAnswer = answerSchema(z.enum(['covered', 'not-covered']), { paymentClass: PaymentClass.nullable() }).meta({
  id: 'DrugCoverageAnswer',
});
export type DrugCoverageAnswer = z.infer<typeof DrugCoverageAnswer>;

export interface DrugCoverageFacts {
  drug: EntryFact<DrugEntryAttributes> | undefined;
  temporaryClassA: EntryFact<MeasureAttributes>[];
  asOfRelease: number;
}

/**
 * Is this drug reimbursable for this use? The drug list first; then, for a provincially-added
 * drug that has left the list, the inpatient grace of 2022 No.13 §1; then, for confirmed and
 * suspected COVID-19 patients, the temporary Class A inclusion of 2020 No.2 §2(4)3.
 */
export function decideDrugCoverage(request: DrugCoverageRequest, facts: DrugCoverageFacts): DrugCoverageAnswer {
  const reasons: Reason[] = [];
  const basis: Basis[] = [];
  const { drug } = facts;
  let paymentClass: PaymentClass | null = null;

  if (!drug) {
    reasons.push({ clause: clauses.drugList, text: `药品 ${request.drugCode} 不在医保药品目录中` });
  } else {
    basis.push(basisOf(drug));
    const listed = resolve(drug.timeline, request.usedAt);
    if (listed) {
      paymentClass = listed.attributes.paymentClass;
      reasons.push({ clause: clauses.drugList, text: `${listed.attributes.genericName} 在使用时点属于${classLabel(paymentClass)}，在医保支付范围内` });
    } else {
      const grace = provincialGrace(request, drug);
      reasons.push(grace.reason);
      if (grace.period) paymentClass = 'provincial';
    }
  }

  const covid = request.covidStatus !== 'none';
  if (paymentClass !== 'A' && covid) {
    const inclusion = facts.temporaryClassA.find((measure) => {
      const period = resolve(measure.timeline, request.usedAt);
      return period?.attributes.type === 'temporary-class-a' && period.attributes.drugCodes.includes(request.drugCode);
    });
    if (inclusion) {
      basis.push(basisOf(inclusion));
      reasons.push({
        clause: clauses.temporaryClassA,
        text: `新冠肺炎${request.covidStatus === 'confirmed' ? '确诊' : '疑似'}患者按诊疗方案使用的药品，原医保基金不予支付部分临时纳入甲类支付范围`,
      });
      paymentClass = 'A';
    } else {
      reasons.push({ clause: clauses.temporaryClassA, text: '该药品不在使用时点有效的新冠诊疗方案临时甲类支付范围内' });
    }
  }

  return { decision: paymentClass === null ? 'not-covered' : 'covered', paymentClass, reasons, basis, asOfRelease: facts.asOfRelease };
}

/** 2022 No.13 §1: admitted before the cutoff and already using the drug: covered until that stay ends. */
function provincialGrace(request: DrugCoverageRequest, drug: EntryFact<DrugEntryAttributes>): { reason: Reason; period?: Period<DrugEntryAttributes> } {
  const clause = clauses.provincialDrugPhaseOut;
  const used = toEpochMs(request.usedAt);
  const ended = drug.timeline.filter((period) => period.validTo !== null && toEpochMs(period.validTo) <= used).at(-1);
  if (ended?.attributes.paymentClass !== 'provincial') {
    return { reason: { clause: clauses.drugList, text: `${drug.code} 在使用时点不在医保支付范围内` } };
  }
  const cutoff = toEpochMs(ended.validTo as string);
  const name = ended.attributes.genericName;
  const refuse = (text: string) => ({ reason: { clause, text: `${name}（省增药品）已于 ${chinaEndLabel(ended.validTo as string)} 调出支付范围；${text}` } });
  if (request.setting === 'outpatient-chronic' || request.setting === 'outpatient-special') {
    return refuse('延续报销不适用于门诊慢病及特病');
  }
  if (request.setting !== 'inpatient') return refuse('延续报销仅适用于调出前已住院的患者');
  if (request.admittedAt === undefined || toEpochMs(request.admittedAt) >= cutoff) return refuse('患者并非在调出时点前住院');
  if (request.firstUsedAt === undefined || toEpochMs(request.firstUsedAt) >= cutoff) return refuse('患者在调出时点前未使用该药品');
  if (request.dischargedAt !== undefined && used > toEpochMs(request.dischargedAt)) return refuse('使用时点已在当次住院结束之后');
  return {
    period: ended,
    reason: { clause, text: `${name}（省增药品）调出前已住院且已使用，报销延至当次住院治疗结束` },
  };
}

function classLabel(paymentClass: PaymentClass): string {
  return { A: '甲类', B: '乙类', provincial: '省增' }[paymentClass];
}
