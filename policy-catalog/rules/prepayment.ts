import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { type MeasureAttributes, OTHER_PREPAYMENT_MAX_MONTHS, PoolingArea, PrepaymentInstitutions, PROVINCE } from '../measure.ts';
import { chinaEndLabel, Instant } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, basisOf, type EntryFact, type Reason } from './decision.ts';
import { instantParam, type ReasonParams } from './reason-codes.ts';

export const PrepaymentRequest = z
  .strictObject({
    poolingArea: PoolingArea.meta({ description: 'The pooling area (统筹区) whose fund prepays' }),
    institution: PrepaymentInstitutions,
    applied: z.boolean().meta({
      description:
        'The institution has applied for prepayment (依申请). Other designated institutions get it only on application; hospitals treating COVID-19 patients need not apply',
    }),
    months: z.number().int().min(1).max(120).meta({ description: 'How many months of prepayment are asked for' }),
    at: Instant.optional().meta({ description: 'When the prepayment is made (default: now); picks the measure in force' }),
  })
  .meta({ id: 'PrepaymentRequest' });
export type PrepaymentRequest = z.infer<typeof PrepaymentRequest>;

export const PrepaymentAnswer = answerSchema(z.enum(['allowed', 'not-allowed', 'no-measure']), {
  maxMonths: z.number().int().nullable().meta({
    description: 'Months of prepayment at most; null where no cap is set (hospitals treating COVID-19 patients, unless the area set its own figure)',
  }),
  onApplication: z.boolean().meta({ description: 'Prepaid only on the institution’s application (依申请): other designated institutions' }),
  covidCostsOutsideTotalBudget: z.boolean().meta({
    description: 'COVID-19 treatment costs are budgeted separately and not limited by the total budget (单列预算、不受总额控制)',
  }),
  settlement: z.literal('after-epidemic').meta({ description: 'Prepayment is settled after the epidemic ends (疫情结束后清算)' }),
  periodEnds: Instant.nullable().meta({ description: 'The end of the epidemic period the measure sets (exclusive); null while it is open' }),
}).meta({
  id: 'PrepaymentAnswer',
  description:
    '"allowed": the months asked for may be prepaid. "not-allowed": a measure is in force, but the notice or the measure refuses this case (no application, more months than allowed). "no-measure": no prepayment measure for this kind of institution is in force for the area at that time',
});
export type PrepaymentAnswer = z.infer<typeof PrepaymentAnswer>;

/**
 * 2022 No.13 §5: 「加大对承担新冠肺炎救治任务的定点医疗机构医保基金预付力度，对新冠肺炎疫情救治费用单列预算、不受总额控制限制。对其他定点服务机构，
 * 可依其申请预付不超过3个月的预付金。预付金待疫情结束后清算」; §7 and 2020 No.2 §2(1)1: prepay the designated treatment
 * hospitals. The measure in force for the area (or the province) and this kind of institution sets
 * the epidemic period; the notice sets the cap, the application and the settlement.
 */
export function decidePrepayment(
  request: PrepaymentRequest & { at: string },
  facts: { measures: EntryFact<MeasureAttributes>[]; asOfRelease: number },
): PrepaymentAnswer {
  const treating = request.institution === 'covid-treatment';
  const found = [request.poolingArea, PROVINCE]
    .map((area) =>
      facts.measures
        .map((fact) => ({ fact, period: resolve(fact.timeline, request.at) }))
        .find(
          ({ period }) =>
            period?.attributes.type === 'prepayment' && period.attributes.poolingArea === area && period.attributes.institutions === request.institution,
        ),
    )
    .find((match) => match !== undefined);
  const attributes = found?.period?.attributes;
  const measureMonths = attributes?.type === 'prepayment' ? attributes.maxMonths : undefined;
  const maxMonths = treating ? (measureMonths ?? null) : Math.min(measureMonths ?? OTHER_PREPAYMENT_MAX_MONTHS, OTHER_PREPAYMENT_MAX_MONTHS);
  const reasons: Reason[] = [];
  const answer = (decision: PrepaymentAnswer['decision']): PrepaymentAnswer => ({
    decision,
    maxMonths: decision === 'no-measure' ? (treating ? null : OTHER_PREPAYMENT_MAX_MONTHS) : maxMonths,
    onApplication: !treating,
    covidCostsOutsideTotalBudget: treating,
    settlement: 'after-epidemic',
    periodEnds: found?.period?.validTo ?? null,
    reasons,
    basis: found ? [basisOf(found.fact)] : [],
    asOfRelease: facts.asOfRelease,
  });

  if (!found) {
    reasons.push({
      clause: clauses.prepayment,
      code: 'prepayment_no_measure',
      params: { poolingArea: request.poolingArea, at: instantParam(request.at), institution: request.institution },
      text: `统筹区 ${request.poolingArea} 在 ${request.at} 没有有效的${treating ? '新冠救治定点医疗机构' : '其他定点服务机构'}预付措施（疫情期间）`,
    });
    return answer('no-measure');
  }
  const period = found.period?.validTo ? `疫情期间预付措施至 ${chinaEndLabel(found.period.validTo)}` : '疫情期间预付措施，结束时间未定';
  // periodEnds only when the measure sets an end
  const periodParams: ReasonParams = found.period?.validTo ? { periodEnds: instantParam(found.period.validTo) } : {};

  if (treating) {
    reasons.push(
      {
        clause: clauses.prepayment,
        code: 'prepayment_treating_hospital',
        params: { otherMaxMonths: OTHER_PREPAYMENT_MAX_MONTHS, ...periodParams },
        text: `承担新冠肺炎救治任务的定点医疗机构：加大医保基金预付力度，不受3个月上限限制；${period}`,
      },
      {
        clause: clauses.treatmentPrepayment,
        code: 'prepayment_treatment_hospitals_funded',
        text: '向救治定点医疗机构预拨医保基金，确保不因支付政策影响收治医院救治',
      },
      {
        clause: clauses.prepaymentFund,
        code: 'prepayment_covid_patients_advanced',
        text: '落实医保费用先行预付，保障确诊和疑似患者（含异地就医患者）的医疗费用',
      },
      { clause: clauses.prepayment, code: 'prepayment_outside_total_budget', text: '新冠肺炎疫情救治费用单列预算、不受总额控制限制' },
      { clause: clauses.crossProvinceAdvance, code: 'cross_province_advance', text: '跨省异地就医患者费用先行垫付、记账，疫情结束后按国家规定统一清算' },
    );
  } else {
    reasons.push({
      clause: clauses.prepayment,
      code: 'prepayment_other_institution',
      params: { maxMonths: OTHER_PREPAYMENT_MAX_MONTHS, ...periodParams },
      text: `其他定点服务机构：可依其申请预付不超过3个月的预付金；${period}`,
    });
  }
  const settlement: Reason = { clause: clauses.prepayment, code: 'prepayment_settled_after_epidemic', text: '预付金待疫情结束后清算' };

  if (!treating && !request.applied) {
    reasons.push({ clause: clauses.prepayment, code: 'prepayment_not_applied', text: '其他定点服务机构的预付金依其申请拨付；该机构未提出申请' }, settlement);
    return answer('not-allowed');
  }
  if (maxMonths !== null && request.months > maxMonths) {
    const source = treating ? `统筹区措施规定的 ${maxMonths} 个月` : `${maxMonths} 个月`;
    reasons.push(
      {
        clause: clauses.prepayment,
        code: treating ? 'prepayment_over_area_cap' : 'prepayment_over_cap',
        params: { months: request.months, maxMonths },
        text: `申请预付 ${request.months} 个月，超过 ${source}`,
      },
      settlement,
    );
    return answer('not-allowed');
  }
  reasons.push(
    { clause: clauses.prepayment, code: 'prepayment_allowed', params: { months: request.months }, text: `可预付 ${request.months} 个月` },
    settlement,
  );
  return answer('allowed');
}
