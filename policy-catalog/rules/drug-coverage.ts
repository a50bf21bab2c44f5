import { addCodedIssue } from '../problem-codes.ts';
import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { DrugCode, PaymentClass, type DrugEntryAttributes } from '../drug-entry.ts';
import { type MeasureAttributes, PROVINCE } from '../measure.ts';
import { chinaEndLabel, Instant, toEpochMs } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, basisOf, type Basis, type EntryFact, type Reason } from './decision.ts';
import { instantParam, type ReasonCode } from './reason-codes.ts';

export const DrugCoverageRequest = z
  .strictObject({
    drugCode: DrugCode.meta({ description: 'The drug used, as its drug list code (医保药品编码)' }),
    setting: z.enum(['inpatient', 'outpatient', 'outpatient-chronic', 'outpatient-special']).meta({
      description:
        'inpatient: 住院; outpatient: 普通门诊; outpatient-chronic / outpatient-special: 门诊慢病 / 门诊特病, which the inpatient grace of 2022 No.13 §1 excludes',
    }),
    admittedAt: Instant.optional().meta({ description: 'Inpatients: when this stay began (入院时间)' }),
    dischargedAt: Instant.optional().meta({ description: 'Inpatients: when this stay ended (出院时间); omitted while still in hospital' }),
    firstUsedAt: Instant.optional().meta({
      description:
        'The first use of this drug during this inpatient stay, on or after admittedAt (当次住院期间首次使用时间). A use before the admission (outpatient, an earlier stay) does not count for the grace of 2022 No.13 §1',
    }),
    usedAt: Instant.meta({ description: 'The use being settled; the drug list and measures in force then apply' }),
    covidStatus: z.enum(['confirmed', 'suspected', 'none']).meta({
      description: 'As confirmed by the health authority; confirmed and suspected COVID-19 patients get temporary Class A for plan drugs (2020 No.2 §2(4)3)',
    }),
  })
  .superRefine((request, ctx) => {
    const before = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && toEpochMs(a) > toEpochMs(b);
    if (before(request.firstUsedAt, request.usedAt))
      addCodedIssue(ctx, ['firstUsedAt'], { code: 'not_after', params: { other: 'usedAt' }, message: 'must not be after usedAt' });
    if (before(request.admittedAt, request.dischargedAt))
      addCodedIssue(ctx, ['dischargedAt'], { code: 'not_before', params: { other: 'admittedAt' }, message: 'must not be before admittedAt' });
    if (before(request.admittedAt, request.usedAt))
      addCodedIssue(ctx, ['usedAt'], { code: 'not_before', params: { other: 'admittedAt' }, message: 'an inpatient use must not be before admittedAt' });
    if (request.setting !== 'inpatient' && (request.admittedAt !== undefined || request.dischargedAt !== undefined)) {
      addCodedIssue(ctx, ['admittedAt'], { code: 'inpatient_only', message: 'admission and discharge are for inpatients only' });
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
  /** The catalog's measures; the rule reads the inpatient grace (2022 No.13 §1) and temporary Class A (2020 No.2 §2(4)3). */
  measures: EntryFact<MeasureAttributes>[];
  asOfRelease: number;
}

/**
 * Is this drug reimbursable for this use? The drug list first; then, for a provincially-added
 * drug that has left the list, the inpatient grace of 2022 No.13 §1 as a measure sets it; then, for confirmed and
 * suspected COVID-19 patients, the temporary Class A inclusion of 2020 No.2 §2(4)3.
 */
export function decideDrugCoverage(request: DrugCoverageRequest, facts: DrugCoverageFacts): DrugCoverageAnswer {
  const reasons: Reason[] = [];
  const basis: Basis[] = [];
  const { drug } = facts;
  let paymentClass: PaymentClass | null = null;

  if (!drug) {
    reasons.push({
      clause: clauses.drugList,
      code: 'drug_not_listed',
      params: { drugCode: request.drugCode },
      text: `药品 ${request.drugCode} 不在医保药品目录中`,
    });
  } else {
    basis.push(basisOf(drug));
    const listed = resolve(drug.timeline, request.usedAt);
    if (listed) {
      paymentClass = listed.attributes.paymentClass;
      reasons.push({
        clause: clauses.drugList,
        code: 'drug_listed',
        params: { drugCode: drug.code, drugName: listed.attributes.genericName, paymentClass },
        text: `${listed.attributes.genericName} 在使用时点属于${classLabel(paymentClass)}，在医保支付范围内`,
      });
    } else {
      const grace = provincialGrace(request, drug, facts.measures);
      reasons.push(grace.reason);
      if (grace.measure) {
        basis.push(basisOf(grace.measure));
        paymentClass = 'provincial';
      }
    }
  }

  const covid = request.covidStatus !== 'none';
  if (paymentClass !== 'A' && covid) {
    const inclusion = facts.measures.find((measure) => {
      const period = resolve(measure.timeline, request.usedAt);
      return period?.attributes.type === 'temporary-class-a' && period.attributes.drugCodes.includes(request.drugCode);
    });
    if (inclusion) {
      basis.push(basisOf(inclusion));
      reasons.push({
        clause: clauses.temporaryClassA,
        code: 'temporary_class_a_drug',
        params: { covidStatus: request.covidStatus },
        text: `新冠肺炎${request.covidStatus === 'confirmed' ? '确诊' : '疑似'}患者按诊疗方案使用的药品，原医保基金不予支付部分临时纳入甲类支付范围`,
      });
      paymentClass = 'A';
    } else {
      reasons.push({
        clause: clauses.temporaryClassA,
        code: 'temporary_class_a_drug_not_in_plan',
        params: { drugCode: request.drugCode },
        text: '该药品不在使用时点有效的新冠诊疗方案临时甲类支付范围内',
      });
    }
  }

  return { decision: paymentClass === null ? 'not-covered' : 'covered', paymentClass, reasons, basis, asOfRelease: facts.asOfRelease };
}

/**
 * 2022 No.13 §1: 「对2022年12月31日24时前已住院（不包括门诊慢病及特病）且已使用上述90个药品的，报销时间可延至当次
 * 住院治疗结束」. Only for a drug of the batch an inpatient-grace measure names, whose listing ended at
 * exactly that measure's cutoff; for a patient admitted before the cutoff who used the drug during
 * that stay (on or after admission) and before the cutoff; until the stay ends.
 */
function provincialGrace(
  request: DrugCoverageRequest,
  drug: EntryFact<DrugEntryAttributes>,
  measures: readonly EntryFact<MeasureAttributes>[],
): { reason: Reason; measure?: EntryFact<MeasureAttributes> } {
  const clause = clauses.provincialDrugPhaseOut;
  const used = toEpochMs(request.usedAt);
  const ended = drug.timeline.filter((period) => period.validTo !== null && toEpochMs(period.validTo) <= used).at(-1);
  if (ended?.attributes.paymentClass !== 'provincial') {
    return {
      reason: { clause: clauses.drugList, code: 'drug_not_payable', params: { drugCode: drug.code }, text: `${drug.code} 在使用时点不在医保支付范围内` },
    };
  }
  const endedAt = ended.validTo as string;
  const name = ended.attributes.genericName;
  const batch = ended.attributes.batch;
  const left = `${name}（${batch ?? '省增药品'}）已于 ${chinaEndLabel(endedAt)} 调出支付范围`;
  const params = { drugCode: drug.code, drugName: name, ...(batch === undefined ? {} : { batch }), endedAt: instantParam(endedAt) };
  const refuse = (code: ReasonCode, text: string) => ({ reason: { clause, code, params, text: `${left}；${text}` } });
  const grace = graceMeasureFor(batch, endedAt, request.usedAt, measures);
  if (!grace) return refuse('grace_no_measure', '目录中没有对该批次在该时点调出的住院延续报销措施');
  const cutoff = toEpochMs(endedAt);
  if (request.setting === 'outpatient-chronic' || request.setting === 'outpatient-special') {
    return refuse('grace_not_for_chronic_or_special', '延续报销不适用于门诊慢病及特病');
  }
  if (request.setting !== 'inpatient') return refuse('grace_inpatients_only', '延续报销仅适用于调出前已住院的患者');
  if (request.admittedAt === undefined || toEpochMs(request.admittedAt) >= cutoff) return refuse('grace_admitted_after_cutoff', '患者并非在调出时点前住院');
  if (request.firstUsedAt === undefined) return refuse('grace_first_use_missing', '未提供当次住院期间首次使用该药品的时间');
  if (toEpochMs(request.firstUsedAt) < toEpochMs(request.admittedAt))
    return refuse('grace_first_use_before_admission', '首次使用在入院之前，不属于当次住院期间已使用；请提供当次住院期间的首次使用时间');
  if (toEpochMs(request.firstUsedAt) >= cutoff) return refuse('grace_not_used_before_cutoff', '患者在调出时点前未在当次住院期间使用该药品');
  if (request.dischargedAt !== undefined && used > toEpochMs(request.dischargedAt)) return refuse('grace_used_after_discharge', '使用时点已在当次住院结束之后');
  return { measure: grace, ...refuse('grace_applies', '调出前已住院且当次住院期间已使用，报销延至当次住院治疗结束') };
}

/** The province's inpatient-grace measure, in force at `usedAt`, for this batch and this cutoff. */
function graceMeasureFor(
  batch: string | undefined,
  endedAt: string,
  usedAt: string,
  measures: readonly EntryFact<MeasureAttributes>[],
): EntryFact<MeasureAttributes> | undefined {
  if (batch === undefined) return undefined;
  return measures.find((measure) => {
    const attributes = resolve(measure.timeline, usedAt)?.attributes;
    return (
      attributes?.type === 'inpatient-grace' &&
      attributes.poolingArea === PROVINCE &&
      attributes.batch === batch &&
      toEpochMs(attributes.cutoff) === toEpochMs(endedAt)
    );
  });
}

function classLabel(paymentClass: PaymentClass): string {
  return { A: '甲类', B: '乙类', provincial: '省增' }[paymentClass];
}
