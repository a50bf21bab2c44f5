import * as z from 'zod';
import { clauses } from '../clauses.ts';
import type { MeasureAttributes } from '../measure.ts';
import { PriceItemCode, type PriceItemAttributes } from '../price-item.ts';
import { Instant } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, basisOf, type Basis, type EntryFact, type Reason } from './decision.ts';

export const ServiceCoverageRequest = z
  .strictObject({
    serviceCode: PriceItemCode.meta({ description: 'The medical service item used, as its price item code (医疗服务价格项目编码)' }),
    usedAt: Instant.meta({ description: 'When the service was given; the price list and measures in force then apply' }),
    covidStatus: z.enum(['confirmed', 'suspected', 'none']).meta({
      description: 'As confirmed by the health authority (卫生健康部门确认的确诊、疑似患者); only confirmed and suspected patients get temporary Class A',
    }),
  })
  .meta({ id: 'ServiceCoverageRequest' });
export type ServiceCoverageRequest = z.infer<typeof ServiceCoverageRequest>;

export const ServiceCoverageAnswer = answerSchema(z.enum(['class-a', 'ordinary', 'not-priced']), {
  paymentClass: z.literal('A').nullable().meta({ description: '"A" when the item is paid as Class A under the temporary inclusion; otherwise null' }),
}).meta({
  id: 'ServiceCoverageAnswer',
  description:
    '"class-a": the fund pays the item as Class A, including the part it would not pay otherwise (2020 No.2 §2(4)3). "ordinary": the temporary inclusion does not apply; the area’s ordinary payment rules for the item do. "not-priced": the item is not in the price list at usedAt, so it cannot be billed',
});
export type ServiceCoverageAnswer = z.infer<typeof ServiceCoverageAnswer>;

export interface ServiceCoverageFacts {
  service: EntryFact<PriceItemAttributes> | undefined;
  /** The catalog's measures; the rule reads the temporary Class A inclusion (2020 No.2 §2(4)3). */
  measures: EntryFact<MeasureAttributes>[];
  asOfRelease: number;
}

/**
 * 2020 No.2 §2(4)3: 「对卫生健康部门确认的确诊及疑似患者使用的药品和医疗服务项目（符合……诊疗方案的），……将原医保基金不予支付部分
 * 临时纳入基金甲类支付范围」. A medical service item of the plan, used for a confirmed or suspected
 * patient while a temporary-class-a measure naming it is in force, is paid as Class A. The item
 * must be in the price list at the time, or it cannot be billed at all.
 */
export function decideServiceCoverage(request: ServiceCoverageRequest, facts: ServiceCoverageFacts): ServiceCoverageAnswer {
  const clause = clauses.temporaryClassA;
  const reasons: Reason[] = [];
  const basis: Basis[] = [];
  const answer = (decision: ServiceCoverageAnswer['decision']): ServiceCoverageAnswer => ({
    decision,
    paymentClass: decision === 'class-a' ? 'A' : null,
    reasons,
    basis,
    asOfRelease: facts.asOfRelease,
  });

  const priced = facts.service ? resolve(facts.service.timeline, request.usedAt) : undefined;
  if (!facts.service || !priced) {
    reasons.push({
      clause: clauses.priceList,
      code: 'service_not_priced',
      params: { serviceCode: request.serviceCode },
      text: `医疗服务项目 ${request.serviceCode} 在使用时点不在医疗服务价格项目目录中，不能收费`,
    });
    return answer('not-priced');
  }
  basis.push(basisOf(facts.service));
  const name = priced.attributes.name;
  const service = { serviceCode: request.serviceCode, serviceName: name };
  reasons.push({ clause: clauses.priceList, code: 'service_priced', params: service, text: `${name} 在使用时点属于医疗服务价格项目` });

  if (request.covidStatus === 'none') {
    reasons.push({
      clause,
      code: 'temporary_class_a_patients_only',
      text: '临时甲类支付仅适用于卫生健康部门确认的新冠肺炎确诊及疑似患者；按本统筹区该项目的一般支付规定',
    });
    return answer('ordinary');
  }
  const inclusion = facts.measures.find((measure) => {
    const attributes = resolve(measure.timeline, request.usedAt)?.attributes;
    return attributes?.type === 'temporary-class-a' && (attributes.serviceCodes ?? []).includes(request.serviceCode);
  });
  if (!inclusion) {
    reasons.push({
      clause,
      code: 'temporary_class_a_service_not_in_plan',
      params: service,
      text: `${name} 不在使用时点有效的新冠诊疗方案临时甲类支付项目范围内；按本统筹区该项目的一般支付规定`,
    });
    return answer('ordinary');
  }
  basis.push(basisOf(inclusion));
  reasons.push({
    clause,
    code: 'temporary_class_a_service',
    params: { covidStatus: request.covidStatus },
    text: `新冠肺炎${request.covidStatus === 'confirmed' ? '确诊' : '疑似'}患者按诊疗方案使用的医疗服务项目，原医保基金不予支付部分临时纳入甲类支付范围`,
  });
  return answer('class-a');
}
