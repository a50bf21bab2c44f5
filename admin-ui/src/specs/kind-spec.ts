import type { AttributesOf, EntryKind } from '../api/api.ts';
import type { FieldOption, FieldSpec, FieldValues } from '../forms/fields.ts';
import type { MessageKey } from '../i18n/i18n.ts';

/**
 * What the console knows about one kind of catalog entry: how to name an entry, which columns
 * show a period, which facts to show large, and which fields edit it. The list, entry page,
 * changes table and change form are the same for every kind; they ask the kind's spec.
 */
export interface KindSpec<K extends EntryKind> {
  kind: K;
  /** The entry's name in headings and lists. */
  nameOf(attributes: AttributesOf<K>): string;
  /** The list's filter by the API's `category`; free text when there are no options. */
  category: { label: MessageKey; options?: readonly FieldOption[] };
  /** Columns of the list, for the period shown now. */
  listColumns: readonly Column<AttributesOf<K>>[];
  /** Columns of one period, in timelines and change tables. */
  periodColumns: readonly Column<AttributesOf<K>>[];
  /** The facts of a period shown large on the entry page and in the date look-up. */
  facts(attributes: AttributesOf<K>): Fact[];
  /** How a period's end is called ("调出支付范围" for drugs), and an entry past its end ("已调出"). */
  endLabel: MessageKey;
  endedLabel: MessageKey;
  /** The change form's fields, in groups; they may depend on what is entered (a measure's type). */
  fieldGroups(values: FieldValues): FieldGroup[];
  codePlaceholder: string;
}

export interface Column<A> {
  /** Also `data-column` on the cells, for tests. */
  key: string;
  label: MessageKey;
  numeric?: boolean;
  cell(attributes: A): unknown;
}

export interface Fact {
  key: string;
  label: MessageKey;
  value: unknown;
  /** The one headline figure (a price). */
  big?: boolean;
}

export interface FieldGroup {
  legend: MessageKey;
  fields: FieldSpec[];
}

export type AnyKindSpec = KindSpec<EntryKind>;
