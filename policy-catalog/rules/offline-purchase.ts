import { addCodedIssue } from '../problem-codes.ts';
import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { DrugCode, type DrugEntryAttributes } from '../drug-entry.ts';
import { type ListingAttributes, ListingCode } from '../listing.ts';
import type { MeasureAttributes } from '../measure.ts';
import { Instant } from '../time.ts';
import { resolve } from '../timeline.ts';
import { answerSchema, type Basis, basisOf, type EntryFact, type Reason } from './decision.ts';

export const OfflinePurchaseRequest = z
  .strictObject({
    listingCode: ListingCode.optional().meta({ description: 'The listing (挂网编码) a hospital wants to buy offline; give this or drugCode' }),
    drugCode: DrugCode.optional().meta({ description: 'The drug list entry (药品编码) a hospital wants to buy offline; give this or listingCode' }),
    at: Instant.optional().meta({ description: 'When the purchase is made (default: now); picks the listing and measures in force' }),
  })
  .superRefine((request, ctx) => {
    if ((request.listingCode === undefined) === (request.drugCode === undefined)) {
      addCodedIssue(ctx, ['listingCode'], {
        code: 'exactly_one_of',
        params: { field: 'listingCode', other: 'drugCode' },
        message: 'give exactly one of listingCode and drugCode',
      });
    }
  })
  .meta({ id: 'OfflinePurchaseRequest' });
export type OfflinePurchaseRequest = z.infer<typeof OfflinePurchaseRequest>;

export const OfflinePurchaseAnswer = answerSchema(z.enum(['allowed', 'not-allowed']), {
  source: z.enum(['listing', 'measure']).nullable().meta({
    description: 'What allows it: the listing’s own flag (offlinePurchaseAllowed) or an offline-purchase measure; null when not allowed',
  }),
}).meta({
  id: 'OfflinePurchaseAnswer',
  description: '2022 No.13 §6: may medical institutions buy this COVID-19 treatment drug offline (线下采购), outside the procurement platform?',
});
export type OfflinePurchaseAnswer = z.infer<typeof OfflinePurchaseAnswer>;

export interface OfflinePurchaseFacts {
  listing?: EntryFact<ListingAttributes> | undefined;
  drug?: EntryFact<DrugEntryAttributes> | undefined;
  measures: EntryFact<MeasureAttributes>[];
  asOfRelease: number;
}

/**
 * 2022 No.13 §6: 「允许医疗机构线下采购新冠肺炎治疗药物」. The permission is for treatment drugs: test
 * reagents take the green channel onto the platform but are not bought offline. It is set by the
 * listing itself (its offlinePurchaseAllowed flag) or by an offline-purchase measure in force that
 * names the listing or the drug.
 */
export function decideOfflinePurchase(request: OfflinePurchaseRequest & { at: string }, facts: OfflinePurchaseFacts): OfflinePurchaseAnswer {
  const clause = clauses.procurementGreenChannel;
  const reasons: Reason[] = [];
  const basis: Basis[] = [];
  const answer = (decision: 'allowed' | 'not-allowed', source: 'listing' | 'measure' | null = null): OfflinePurchaseAnswer => ({
    decision,
    source,
    reasons,
    basis,
    asOfRelease: facts.asOfRelease,
  });
  const byMeasure = (matches: (attributes: Extract<MeasureAttributes, { type: 'offline-purchase' }>) => boolean) =>
    facts.measures.find((measure) => {
      const attributes = resolve(measure.timeline, request.at)?.attributes;
      return attributes?.type === 'offline-purchase' && matches(attributes);
    });

  if (request.listingCode !== undefined) {
    const listed = facts.listing ? resolve(facts.listing.timeline, request.at) : undefined;
    if (!facts.listing || !listed) {
      reasons.push({
        clause,
        code: 'listing_not_listed',
        params: { listingCode: request.listingCode },
        text: `挂网编码 ${request.listingCode} 在该时点未挂网`,
      });
      return answer('not-allowed');
    }
    basis.push(basisOf(facts.listing));
    const { product, productType } = listed.attributes;
    const params = { listingCode: request.listingCode, product };
    if (productType !== 'drug') {
      reasons.push({
        clause,
        code: 'listing_not_a_drug',
        params,
        text: `${product} 不是药品：允许线下采购的是新冠肺炎治疗药物；检测试剂等走阳光挂网绿色采购通道`,
      });
      return answer('not-allowed');
    }
    if (listed.attributes.offlinePurchaseAllowed) {
      reasons.push({ clause, code: 'offline_allowed_by_listing', params, text: `${product} 挂网时标明允许医疗机构线下采购（新冠肺炎治疗药物）` });
      return answer('allowed', 'listing');
    }
    const code = request.listingCode;
    const measure = byMeasure((attributes) => (attributes.listingCodes ?? []).includes(code));
    if (measure) {
      basis.push(basisOf(measure));
      reasons.push({ clause, code: 'offline_listing_in_measure', params, text: `${product} 列入允许线下采购的新冠肺炎治疗药物措施` });
      return answer('allowed', 'measure');
    }
    reasons.push({ clause, code: 'offline_listing_not_allowed', params, text: `${product} 未标明允许线下采购，也不在该时点有效的线下采购措施中` });
    return answer('not-allowed');
  }

  const code = request.drugCode as string;
  const name = facts.drug ? (resolve(facts.drug.timeline, request.at)?.attributes.genericName ?? code) : code;
  if (facts.drug) basis.push(basisOf(facts.drug));
  const measure = byMeasure((attributes) => (attributes.drugCodes ?? []).includes(code));
  if (measure) {
    basis.push(basisOf(measure));
    reasons.push({
      clause,
      code: 'offline_drug_in_measure',
      params: { drugCode: code, drugName: name },
      text: `${name} 列入允许医疗机构线下采购的新冠肺炎治疗药物`,
    });
    return answer('allowed', 'measure');
  }
  reasons.push({ clause, code: 'offline_drug_not_allowed', params: { drugCode: code, drugName: name }, text: `${name} 不在该时点有效的线下采购措施中` });
  return answer('not-allowed');
}
