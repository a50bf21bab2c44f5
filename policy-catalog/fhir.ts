import type { DrugEntryAttributes } from './drug-entry.ts';
import type { PriceItemAttributes } from './price-item.ts';
import type { Period, Timeline } from './timeline.ts';

/**
 * FHIR R4 views of the catalog, for systems that speak FHIR: price items as
 * ChargeItemDefinition (one resource per period of the timeline, since a definition has one
 * effective period) and drug entries as MedicationKnowledge (one per drug, its listing periods
 * and payment classes in an extension, since R4 has no element for them). meta.versionId is
 * the release. Money is CNY, in yuan as FHIR's decimal.
 */
export const FHIR_BASE = 'urn:green-channel';
const PRICE_CODE_SYSTEM = `${FHIR_BASE}:price-item-code`;
const DRUG_CODE_SYSTEM = `${FHIR_BASE}:drug-code`;
const REIMBURSEMENT_EXTENSION = `${FHIR_BASE}:fhir:StructureDefinition/reimbursement`;

interface FhirEntry<A> {
  code: string;
  release: number;
  timeline: Timeline<A>;
}

export function chargeItemDefinitions(entry: FhirEntry<PriceItemAttributes>) {
  return entry.timeline.map((period, index) => {
    const item = period.attributes;
    const informational = (text: string, fen: number) => ({ type: 'informational', code: { text }, amount: money(fen) });
    return {
      resourceType: 'ChargeItemDefinition',
      id: fhirId(`${entry.code}-p${index + 1}`),
      meta: { versionId: String(entry.release) },
      url: `${FHIR_BASE}:price-items:${entry.code}`,
      identifier: [{ system: PRICE_CODE_SYSTEM, value: entry.code }],
      version: String(entry.release),
      title: item.name,
      status: 'active',
      description: `${item.category}；计价单位：${item.unit}；最高指导价格，不得上浮，下浮不限${item.note ? `。${item.note}` : ''}`,
      code: { coding: [{ system: PRICE_CODE_SYSTEM, code: entry.code, display: item.name }], text: item.name },
      effectivePeriod: fhirPeriod(period),
      propertyGroup: [
        {
          priceComponent: [
            { type: 'base', code: { text: '最高限价' }, amount: money(item.priceFen) },
            ...Object.entries(item.gradePriceFen ?? {}).flatMap(([grade, fen]) => (fen === undefined ? [] : [informational(`${grade}级医院最高限价`, fen)])),
            ...(item.components ?? []).map((component) => informational(`${component.name}最高限价`, component.capFen)),
          ],
        },
      ],
    };
  });
}

export function medicationKnowledge(entry: FhirEntry<DrugEntryAttributes>) {
  const latest = entry.timeline.at(-1)?.attributes;
  return {
    resourceType: 'MedicationKnowledge',
    id: fhirId(entry.code),
    meta: { versionId: String(entry.release) },
    code: { coding: [{ system: DRUG_CODE_SYSTEM, code: entry.code, display: latest?.genericName }], text: latest?.genericName },
    status: 'active',
    ...(latest ? { doseForm: { text: latest.dosageForm } } : {}),
    extension: entry.timeline.map((period) => ({
      url: REIMBURSEMENT_EXTENSION,
      extension: [
        { url: 'paymentClass', valueCode: period.attributes.paymentClass },
        { url: 'period', valuePeriod: fhirPeriod(period) },
        ...(period.attributes.batch ? [{ url: 'batch', valueString: period.attributes.batch }] : []),
      ],
    })),
  };
}

export function searchsetBundle(resources: object[], { release, selfUrl, nextUrl }: { release: number; selfUrl: string; nextUrl?: string }) {
  return {
    resourceType: 'Bundle',
    meta: { versionId: String(release) },
    type: 'searchset',
    link: [{ relation: 'self', url: selfUrl }, ...(nextUrl ? [{ relation: 'next', url: nextUrl }] : [])],
    entry: resources.map((resource) => ({
      fullUrl: `${FHIR_BASE}:${(resource as { resourceType: string }).resourceType}/${(resource as { id: string }).id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

function fhirPeriod(period: Period<unknown>) {
  return { start: period.validFrom, ...(period.validTo ? { end: period.validTo } : {}) };
}

function money(fen: number) {
  return { value: fen / 100, currency: 'CNY' };
}

/** FHIR ids are [A-Za-z0-9-.]{1,64}. */
function fhirId(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
}
