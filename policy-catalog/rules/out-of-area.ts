import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { type MeasureAttributes, OutOfAreaReason, PoolingArea, PROVINCE } from '../measure.ts';
import { chinaEndLabel, Instant } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, type Basis, basisOf, type EntryFact, type Reason } from './decision.ts';
import { instantParam } from './reason-codes.ts';

export const OutOfAreaRequest = z
  .strictObject({
    insuredArea: PoolingArea.meta({ description: 'The pooling area the patient is insured in (参保地统筹区); its own same-grade ratio applies' }),
    institutionGrade: z
      .union([z.literal(1), z.literal(2), z.literal(3)])
      .meta({ description: 'The grade of the institution that treated the patient (一级/二级/三级); the insured area’s ratio for that grade applies' }),
    reason: OutOfAreaReason.meta({
      description:
        'lockdown-stranded: could not return to the insured area because of lockdown, no referral or long-term filing (2022 No.13 §11); covid-confirmed / covid-suspected: a confirmed or suspected COVID-19 patient (2020 No.2 §2(4)1); filed-referral: referral or out-of-area care filed; none: none of these',
    }),
    at: Instant.optional().meta({ description: 'When the care was given (default: now); picks the measures in force' }),
  })
  .meta({ id: 'OutOfAreaRequest' });
export type OutOfAreaRequest = z.infer<typeof OutOfAreaRequest>;

const RatioRule = z
  .object({
    rule: z.enum(['same-grade-in-insured-area', 'out-of-area-policy']),
    institutionGrade: z.number().int(),
    ratioPercent: z.number().int().optional().meta({
      description: "The insured area's own ratio for a same-grade institution, from its same-grade-ratios measure; absent where the catalog holds none",
    }),
  })
  .meta({ id: 'RatioRule' });

export const OutOfAreaAnswer = answerSchema(z.enum(['insured-area-ratio', 'out-of-area-ratio']), {
  filingRequired: z.boolean(),
  ratioRule: RatioRule,
  treatFirstSettleAtDischarge: z.boolean().meta({
    description: 'Treated first and settled directly at discharge (先救治出院后直接结算): confirmed and suspected COVID-19 patients (2020 No.2 §2(4)1)',
  }),
  eligibleUntil: Instant.nullable().meta({
    description: 'The end of the epidemic period the measure sets (exclusive), when this treatment ends; null while open or when not eligible',
  }),
}).meta({ id: 'OutOfAreaAnswer' });
export type OutOfAreaAnswer = z.infer<typeof OutOfAreaAnswer>;

type Facts = { measures: EntryFact<MeasureAttributes>[]; asOfRelease: number };

/**
 * Out-of-area care. Patients stranded by lockdown (2022 No.13 §11) and confirmed or suspected
 * COVID-19 patients (2020 No.2 §2(4)1) are reimbursed at the ratio of a same-grade institution in
 * their insured area, with no referral or filing, while an out-of-area measure (the area's or the
 * province's) is in force: its period is the epidemic period. The ratio is the insured area's own
 * (its same-grade-ratios measure), never a province-wide figure. COVID-19 patients are treated
 * first and settled at discharge. Everyone else follows the ordinary out-of-area policy, which
 * needs filing.
 */
export function decideOutOfArea(request: OutOfAreaRequest & { at: string }, facts: Facts): OutOfAreaAnswer {
  const grade = request.institutionGrade;
  const ordinary = (reason: Reason): OutOfAreaAnswer => ({
    decision: 'out-of-area-ratio',
    filingRequired: true,
    ratioRule: { rule: 'out-of-area-policy', institutionGrade: grade },
    treatFirstSettleAtDischarge: false,
    eligibleUntil: null,
    reasons: [reason],
    basis: [],
    asOfRelease: facts.asOfRelease,
  });
  if (request.reason === 'filed-referral') {
    return ordinary({ clause: clauses.outOfAreaLockdown, code: 'out_of_area_filed', text: '已办理转诊转院备案，按异地就医政策执行' });
  }
  if (request.reason === 'none') {
    return ordinary({
      clause: clauses.outOfAreaLockdown,
      code: 'out_of_area_not_filed',
      text: '未办理转诊转院或异地就医备案，且不属于封控滞留或新冠确诊、疑似患者：需备案，按异地就医政策执行',
    });
  }
  const covid = request.reason !== 'lockdown-stranded';
  const clause = covid ? clauses.outOfAreaCovid : clauses.outOfAreaLockdown;
  const inForce = (area: string, matches: (attributes: MeasureAttributes) => boolean) =>
    facts.measures
      .map((fact) => ({ fact, period: resolve(fact.timeline, request.at) }))
      .find(({ period }) => period !== undefined && period.attributes.poolingArea === area && matches(period.attributes));
  const eligibility = [request.insuredArea, PROVINCE]
    .map((area) => inForce(area, (attributes) => attributes.type === 'out-of-area' && (attributes.reasons as readonly string[]).includes(request.reason)))
    .find((match) => match !== undefined);
  if (!eligibility?.period) {
    return ordinary({
      clause,
      code: 'out_of_area_no_measure',
      params: { insuredArea: request.insuredArea, reason: request.reason },
      text: `参保地 ${request.insuredArea} 在该时点没有有效的相关措施（疫情防控期间），按异地就医政策执行`,
    });
  }
  const who = { 'lockdown-stranded': '因封控无法返回参保地就医的患者', 'covid-confirmed': '新冠肺炎确诊患者', 'covid-suspected': '新冠肺炎疑似患者' }[
    request.reason
  ];
  const eligibleUntil = eligibility.period.validTo;
  const reasons: Reason[] = [
    {
      clause,
      code: 'out_of_area_eligible',
      // periodEnds only when the measure sets an end
      params: { reason: request.reason, grade, ...(eligibleUntil ? { periodEnds: instantParam(eligibleUntil) } : {}) },
      text: `${who}：无需办理转诊转院或备案，报销比例不调减，按参保地同级（${grade}级）医疗机构支付比例执行；${
        eligibleUntil ? `疫情防控期间措施至 ${chinaEndLabel(eligibleUntil)}` : '疫情防控期间，措施结束时间未定'
      }`,
    },
  ];
  const basis: Basis[] = [basisOf(eligibility.fact)];
  const ratios = inForce(request.insuredArea, (attributes) => attributes.type === 'same-grade-ratios');
  const ratioAttributes = ratios?.period?.attributes;
  let ratioPercent: number | undefined;
  if (ratios && ratioAttributes?.type === 'same-grade-ratios') {
    ratioPercent = ratioAttributes.ratioPercent[String(grade) as '1' | '2' | '3'];
    basis.push(basisOf(ratios.fact));
    reasons.push({
      clause,
      code: 'out_of_area_area_ratio',
      params: { insuredArea: request.insuredArea, grade, percent: ratioPercent },
      text: `参保地 ${request.insuredArea} ${grade}级医疗机构支付比例 ${ratioPercent}%`,
    });
  } else {
    reasons.push({
      clause,
      code: 'out_of_area_no_area_ratio',
      params: { insuredArea: request.insuredArea, grade },
      text: `目录中没有参保地 ${request.insuredArea} 在该时点的同级支付比例；由参保地按本地${grade}级医疗机构支付比例执行，不采用全省统一比例`,
    });
  }
  if (covid) reasons.push({ clause, code: 'treat_first_settle_at_discharge', text: '先救治，出院后直接结算' });
  return {
    decision: 'insured-area-ratio',
    filingRequired: false,
    ratioRule: { rule: 'same-grade-in-insured-area', institutionGrade: grade, ...(ratioPercent === undefined ? {} : { ratioPercent }) },
    treatFirstSettleAtDischarge: covid,
    eligibleUntil,
    reasons,
    basis,
    asOfRelease: facts.asOfRelease,
  };
}
