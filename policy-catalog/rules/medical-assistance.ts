import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { Fen, fenToYuan } from '../money.ts';
import { ASSISTANCE_NOTICE_DATE, AssistanceCategory, assistanceFloor, PoolingArea, PROVINCE, type MeasureAttributes } from '../measure.ts';
import { Instant, toEpochMs } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, basisOf, type EntryFact, type Reason } from './decision.ts';
import { instantParam, yuanParam } from './reason-codes.ts';

export const MedicalAssistanceRequest = z
  .strictObject({
    poolingArea: PoolingArea.meta({ description: 'The pooling area (统筹区) whose assistance ratios apply' }),
    category: AssistanceCategory,
    outOfPocketFen: Fen.meta({ description: 'In-policy out-of-pocket cost (政策范围内个人自付), in fen' }),
    deductibleFen: Fen.meta({ description: 'The assistance deductible (起付标准), in fen; only the cost above it is assisted' }),
    annualCapFen: Fen.meta({ description: 'The annual assistance cap (年度救助限额), in fen' }),
    paidThisYearFen: Fen.meta({ description: 'Assistance already paid to this person this year, in fen; counts against the cap' }),
    at: Instant.optional().meta({ description: 'When the cost arose (default: now); picks the measure in force' }),
  })
  .meta({ id: 'MedicalAssistanceRequest' });
export type MedicalAssistanceRequest = z.infer<typeof MedicalAssistanceRequest>;

export const MedicalAssistanceAnswer = answerSchema(z.enum(['pay', 'not-eligible', 'no-measure']), {
  amountFen: Fen.meta({ description: 'What assistance pays; 0 unless the decision is "pay"' }),
  ratio: z.number().min(0).max(1).nullable().meta({ description: 'The assistance ratio as a fraction, e.g. 0.7; null unless the decision is "pay"' }),
  ratioPercent: z.number().int().nullable(),
}).meta({
  id: 'MedicalAssistanceAnswer',
  description:
    '"pay": the ratio and amount. "not-eligible": the category is not an assistance recipient at that date (marginal and at-risk people only from 2022-04-28). "no-measure": before 2022-04-28 the catalog holds no ratio for the area and the notice\'s floors do not apply yet',
});
export type MedicalAssistanceAnswer = z.infer<typeof MedicalAssistanceAnswer>;

const categoryLabel = { 'extremely-poor': '特困人员', subsistence: '低保对象', marginal: '低保边缘家庭成员', 'at-risk': '农村易返贫致贫人口' } as const;
const NOTICE = '吉医保发〔2022〕13号（2022年4月28日）';

/**
 * 2022 No.13 §10: within the annual cap, assistance pays a ratio of the in-policy out-of-pocket
 * cost above the deductible. The ratio is the area's configured one; without one, the notice's
 * floor, but only on and after the notice's date (2022-04-28 00:00 China time, the date it is
 * signed with), since the floors come with it. The extension to marginal families and rural
 * people at risk starts with the notice too: before that date they are not eligible, whatever a
 * measure says. Amounts are rounded down to the fen.
 */
export function decideMedicalAssistance(
  request: MedicalAssistanceRequest & { at: string },
  facts: { measures: EntryFact<MeasureAttributes>[]; asOfRelease: number },
): MedicalAssistanceAnswer {
  const clause = clauses.medicalAssistance;
  const label = categoryLabel[request.category];
  const beforeNotice = toEpochMs(request.at) < toEpochMs(ASSISTANCE_NOTICE_DATE);
  const without = (decision: 'not-eligible' | 'no-measure', reason: Omit<Reason, 'clause'>): MedicalAssistanceAnswer => ({
    decision,
    amountFen: 0,
    ratio: null,
    ratioPercent: null,
    reasons: [{ clause, ...reason }],
    basis: [],
    asOfRelease: facts.asOfRelease,
  });
  if (beforeNotice && (request.category === 'marginal' || request.category === 'at-risk')) {
    return without('not-eligible', {
      code: 'assistance_not_yet_eligible',
      params: { noticeDate: ASSISTANCE_NOTICE_DATE, at: instantParam(request.at), category: request.category },
      text: `医疗救助对象自${NOTICE}起才拓展至低保边缘家庭及农村易返贫致贫人口；费用发生于 ${request.at}，早于该日，${label}不属于救助对象`,
    });
  }
  const configured = [request.poolingArea, PROVINCE]
    .map((area) =>
      facts.measures
        .map((fact) => ({ fact, period: resolve(fact.timeline, request.at) }))
        .find(({ period }) => period?.attributes.type === 'assistance-ratios' && period.attributes.poolingArea === area),
    )
    .find((found) => found !== undefined);
  const attributes = configured?.period?.attributes;
  if (attributes?.type !== 'assistance-ratios' && beforeNotice) {
    return without('no-measure', {
      code: 'assistance_no_measure',
      params: { poolingArea: request.poolingArea, at: instantParam(request.at), noticeDate: ASSISTANCE_NOTICE_DATE },
      text: `统筹区 ${request.poolingArea} 在 ${request.at} 没有有效的救助比例措施；通知规定的比例底线自${NOTICE}起适用，此前不按底线推定`,
    });
  }
  const percent = attributes?.type === 'assistance-ratios' ? attributes.percent[request.category] : assistanceFloor(request.category, false);

  const above = Math.max(0, request.outOfPocketFen - request.deductibleFen);
  const room = Math.max(0, request.annualCapFen - request.paidThisYearFen);
  const computed = Math.floor((above * percent) / 100);
  const amountFen = Math.min(computed, room);
  const reasons: Reason[] = [
    configured
      ? {
          clause,
          code: 'assistance_area_ratio',
          params: { category: request.category, poolingArea: attributes?.poolingArea ?? request.poolingArea, percent },
          text: `${label}：统筹区 ${attributes?.poolingArea} 救助比例 ${percent}%`,
        }
      : {
          clause,
          code: 'assistance_floor_ratio',
          params: { category: request.category, noticeDate: ASSISTANCE_NOTICE_DATE, percent },
          text: `${label}：未配置本统筹区救助比例，自${NOTICE}起按通知底线 ${percent}%`,
        },
    {
      clause,
      code: 'assistance_amount',
      params: { aboveYuan: yuanParam(above), percent, computedYuan: yuanParam(computed) },
      text: `起付标准以上部分 ${fenToYuan(above)} 元 × ${percent}% = ${fenToYuan(computed)} 元`,
    },
  ];
  if (computed > room) {
    reasons.push({
      clause,
      code: 'assistance_capped',
      params: { roomYuan: yuanParam(room) },
      text: `受年度救助限额约束：本年度剩余额度 ${fenToYuan(room)} 元`,
    });
  }
  return {
    decision: 'pay',
    amountFen,
    ratio: percent / 100,
    ratioPercent: percent,
    reasons,
    basis: configured ? [basisOf(configured.fact)] : [],
    asOfRelease: facts.asOfRelease,
  };
}
