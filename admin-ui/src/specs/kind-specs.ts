import type { EntryKind } from '../api/api.ts';
import { drugEntrySpec } from './drug-entry-spec.ts';
import type { AnyKindSpec } from './kind-spec.ts';
import { listingSpec } from './listing-spec.ts';
import { measureSpec } from './measure-spec.ts';
import { priceItemSpec } from './price-item-spec.ts';

const specs: Record<EntryKind, AnyKindSpec> = {
  'price-items': priceItemSpec,
  'drug-entries': drugEntrySpec,
  listings: listingSpec,
  measures: measureSpec,
};

/** The console's knowledge of a kind (columns, facts, fields). */
export function specOf(kind: EntryKind): AnyKindSpec {
  return specs[kind];
}
