import * as z from 'zod';
import { DrugCode, DrugEntryAttributes } from './drug-entry.ts';
import { ListingAttributes, ListingCode } from './listing.ts';
import { MeasureAttributes, MeasureCode } from './measure.ts';
import { PriceItemAttributes, PriceItemCode } from './price-item.ts';

/**
 * The kinds of catalog entry, as they appear in paths (`/v1/catalog/{kind}`) and in changes.
 * Each kind has a code schema and an attributes schema; the engine (timelines, change sets,
 * releases) is the same for all of them.
 */
export const entryKinds = {
  'price-items': { code: PriceItemCode, attributes: PriceItemAttributes, label: '医疗服务价格项目' },
  'drug-entries': { code: DrugCode, attributes: DrugEntryAttributes, label: '医保药品目录' },
  listings: { code: ListingCode, attributes: ListingAttributes, label: '阳光挂网' },
  measures: { code: MeasureCode, attributes: MeasureAttributes, label: '政策措施' },
} as const;

export const EntryKind = z.enum(Object.keys(entryKinds) as [keyof typeof entryKinds, ...(keyof typeof entryKinds)[]]).meta({ id: 'EntryKind' });
export type EntryKind = z.infer<typeof EntryKind>;

export type AttributesOf<K extends EntryKind> = z.infer<(typeof entryKinds)[K]['attributes']>;

/**
 * The category an entry is filtered by, per kind: a price item's category, a drug's payment
 * class, a listing's product type, a measure's type. Taken from the entry's latest period.
 */
export function categoryOf(kind: EntryKind, attributes: unknown): string {
  const value = attributes as Record<string, unknown>;
  switch (kind) {
    case 'price-items':
      return String(value.category);
    case 'drug-entries':
      return String(value.paymentClass);
    case 'listings':
      return String(value.productType);
    case 'measures':
      return String(value.type);
  }
}
