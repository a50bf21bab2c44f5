import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { OutOfAreaReason, PoolingArea, PROVINCE, type MeasureAttributes } from '../measure.ts';
import { Instant } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, basisOf, type EntryFact, type Reason } from './decision.ts';

export const OutOfAreaRequest = z
  .strictObject({
    insuredArea: PoolingArea,
    institutionGrade: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    reason: OutOfAreaReason,
    at: Instant.optional().meta({ description: 'When the care was given (default: now); picks the measure in force' }),
  })
  .meta({ id: 'OutOfAreaRequest' });
export type OutOfAreaRequest = z.infer<typeof OutOfAreaRequest>;

const RatioRule = z
  .object({
    rule: z.enum(['same-grade-in-insured-area', 'out-of-area-policy']),
    institutionGrade: z.number().int(),
    ratioPercent: z.number().int().optional().meta({ description: "The insured area's ratio for a same-grade institution, where configured" }),
  })
  .meta({ id: 'RatioRule' });

export const OutOfAreaAnswer = answerSchema(z.enum(['insured-area-ratio', 'out-of-area-ratio']), {
  filingRequired: z.boolean(),
  ratioRule: RatioRule,
}).meta({ id: 'OutOfAreaAnswer' });
export type OutOfAreaAnswer = z.infer<typeof OutOfAreaAnswer>;

/**
 * Out-of-area care. Patients stranded by lockdown (2022 No.13 §11) and confirmed or suspected
 * COVID-19 patients (2020 No.2 §2(4)1) are reimbursed at the ratio of a same-grade institution in
 * their insured area, with no referral or filing, while a measure for that is in force. Everyone
 * else follows the ordinary out-of-area policy, which needs filing.
 */
export function decideOutOfArea(
  request: OutOfAreaRequest & { at: string },
  facts: { measures: EntryFact<MeasureAttributes>[]; asOfRelease: number },
): OutOfAreaAnswer {
  const grade = request.institutionGrade;
  const ordinary = (reason: Reason): OutOfAreaAnswer => ({
    decision: 'out-of-area-ratio',
    filingRequired: true,
    ratioRule: { rule: 'out-of-area-policy', institutionGrade: grade },
    reasons: [reason],
    basis: [],
    asOfRelease: facts.asOfRelease,
  });
  if (request.reason === 'filed-referral') {
    return ordinary({ clause: clauses.outOfAreaLockdown, text: '已办理转诊转院备案，按异地就医政策执行' });
  }
  if (request.reason === 'none') {
    return ordinary({
      clause: clauses.outOfAreaLockdown,
      text: '未办理转诊转院或异地就医备案，且不属于封控滞留或新冠确诊、疑似患者：需备案，按异地就医政策执行',
    });
  }
  const clause = request.reason === 'lockdown-stranded' ? clauses.outOfAreaLockdown : clauses.outOfAreaCovid;
  const found = [request.insuredArea, PROVINCE]
    .map((area) =>
      facts.measures
        .map((fact) => ({ fact, period: resolve(fact.timeline, request.at) }))
        .find(
          ({ period }) =>
            period?.attributes.type === 'out-of-area' &&
            period.attributes.poolingArea === area &&
            (period.attributes.reasons as readonly string[]).includes(request.reason),
        ),
    )
    .find((match) => match !== undefined);
  const attributes = found?.period?.attributes;
  if (!found || attributes?.type !== 'out-of-area') {
    return ordinary({ clause, text: `参保地 ${request.insuredArea} 在该时点没有有效的相关措施，按异地就医政策执行` });
  }
  const who = { 'lockdown-stranded': '因封控无法返回参保地就医的患者', 'covid-confirmed': '新冠肺炎确诊患者', 'covid-suspected': '新冠肺炎疑似患者' }[
    request.reason
  ];
  return {
    decision: 'insured-area-ratio',
    filingRequired: false,
    ratioRule: {
      rule: 'same-grade-in-insured-area',
      institutionGrade: grade,
      ratioPercent: attributes.sameGradeRatioPercent[String(grade) as '1' | '2' | '3'],
    },
    reasons: [{ clause, text: `${who}：无需办理转诊转院或备案，报销比例不调减，按参保地同级（${grade}级）医疗机构支付比例执行` }],
    basis: [basisOf(found.fact)],
    asOfRelease: facts.asOfRelease,
  };
}
