import type { EntryKind } from '../kinds.ts';
import type { ListingAttributes } from '../listing.ts';
import type { PriceItemAttributes } from '../price-item.ts';
import type { EntryFact } from '../rules/decision.ts';
import type { Application } from './application.ts';
import type { Refusal } from './refusal.ts';

/** An entry of the visible catalog that an application would duplicate. */
export interface ExistingEntry {
  kind: EntryKind;
  code: string;
  name: string;
}

/**
 * 2022 No.13 §3 (新增医疗服务价格项目): the green channel is for new items. An application whose
 * item code the catalog already holds is not asking for a new item — a hospital that wants a
 * different price for an existing one asks the pricing office — so it is refused at submission
 * (and again at approval, in case the item was published meanwhile). A listing application for a
 * product already listed (same registration certificate and specification) likewise.
 */
export function existingEntryRefusal(application: Application, existing: ExistingEntry | undefined): Refusal | undefined {
  if (!existing || application.type === 'designation') return undefined;
  const message =
    application.type === 'service'
      ? `目录中已有编码为 ${existing.code} 的医疗服务价格项目“${existing.name}”。新增项目申报只适用于目录中没有的项目；如需调整该项目的价格，请向医保局价格管理部门提出。`
      : `已有同一注册证号和规格的挂网产品“${existing.name}”（挂网编码 ${existing.code}），不能重复申请挂网。`;
  return { code: 'existing-entry', entry: existing, message };
}

/** The visible catalog, as far as duplicates go. */
export interface DuplicateLookup {
  priceItem(code: string): EntryFact<PriceItemAttributes> | undefined;
  listings(): readonly EntryFact<ListingAttributes>[];
}

/** The entry an application would duplicate: the same price item code, or a listing of the same product (certificate and specification). */
export function findExistingEntry(application: Application, catalog: DuplicateLookup): ExistingEntry | undefined {
  // A designation makes no catalog entry, so there is nothing to duplicate.
  if (application.type === 'designation') return undefined;
  if (application.type === 'service') {
    const item = catalog.priceItem(application.payload.itemCode);
    const latest = item?.timeline.at(-1);
    return item && latest ? { kind: 'price-items', code: item.code, name: latest.attributes.name } : undefined;
  }
  const { registrationNumber, specification } = application.payload;
  for (const listing of catalog.listings()) {
    const same = listing.timeline.find(
      (period) => period.attributes.registrationNumber === registrationNumber && period.attributes.specification === specification,
    );
    if (same) return { kind: 'listings', code: listing.code, name: same.attributes.product };
  }
  return undefined;
}
