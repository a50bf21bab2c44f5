import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { Fen, fenToYuan } from '../money.ts';
import { AssistanceCategory, assistanceFloor, PoolingArea, PROVINCE, type MeasureAttributes } from '../measure.ts';
import { Instant } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, basisOf, type EntryFact } from './decision.ts';

export const MedicalAssistanceRequest = z
  .strictObject({
    poolingArea: PoolingArea,
    category: AssistanceCategory,
    outOfPocketFen: Fen.meta({ description: 'In-policy out-of-pocket cost (政策范围内个人自付)' }),
    deductibleFen: Fen,
    annualCapFen: Fen,
    paidThisYearFen: Fen,
    at: Instant.optional().meta({ description: 'When the cost arose (default: now); picks the measure in force' }),
  })
  .meta({ id: 'MedicalAssistanceRequest' });
export type MedicalAssistanceRequest = z.infer<typeof MedicalAssistanceRequest>;

export const MedicalAssistanceAnswer = answerSchema(z.literal('pay'), {
  amountFen: Fen,
  ratio: z.number().min(0).max(1).meta({ description: 'The assistance ratio as a fraction, e.g. 0.7' }),
  ratioPercent: z.number().int(),
}).meta({ id: 'MedicalAssistanceAnswer' });
export type MedicalAssistanceAnswer = z.infer<typeof MedicalAssistanceAnswer>;

const categoryLabel = { 'extremely-poor': '特困人员', subsistence: '低保对象', marginal: '低保边缘家庭成员', 'at-risk': '农村易返贫致贫人口' } as const;

/**
 * 2022 No.13 §10: within the annual cap, assistance pays a ratio of the in-policy out-of-pocket
 * cost above the deductible. The ratio is the area's configured one, or the notice's floor where
 * the area has none. Amounts are rounded down to the fen.
 */
export function decideMedicalAssistance(
  request: MedicalAssistanceRequest & { at: string },
  facts: { measures: EntryFact<MeasureAttributes>[]; asOfRelease: number },
): MedicalAssistanceAnswer {
  const clause = clauses.medicalAssistance;
  const configured = [request.poolingArea, PROVINCE]
    .map((area) =>
      facts.measures
        .map((fact) => ({ fact, period: resolve(fact.timeline, request.at) }))
        .find(({ period }) => period?.attributes.type === 'assistance-ratios' && period.attributes.poolingArea === area),
    )
    .find((found) => found !== undefined);
  const attributes = configured?.period?.attributes;
  const percent = attributes?.type === 'assistance-ratios' ? attributes.percent[request.category] : assistanceFloor(request.category, false);

  const above = Math.max(0, request.outOfPocketFen - request.deductibleFen);
  const room = Math.max(0, request.annualCapFen - request.paidThisYearFen);
  const computed = Math.floor((above * percent) / 100);
  const amountFen = Math.min(computed, room);
  const reasons = [
    {
      clause,
      text: configured
        ? `${categoryLabel[request.category]}：统筹区 ${attributes?.poolingArea} 救助比例 ${percent}%`
        : `${categoryLabel[request.category]}：未配置本统筹区救助比例，按通知底线 ${percent}%`,
    },
    { clause, text: `起付标准以上部分 ${fenToYuan(above)} 元 × ${percent}% = ${fenToYuan(computed)} 元` },
  ];
  if (computed > room) reasons.push({ clause, text: `受年度救助限额约束：本年度剩余额度 ${fenToYuan(room)} 元` });
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
