import { html } from 'lit';
import type { AttributesOf } from '../api/api.ts';
import { t } from '../i18n/i18n.ts';
import type { KindSpec } from './kind-spec.ts';

type DrugEntryAttributes = AttributesOf<'drug-entries'>;

const paymentClasses = [
  { value: 'A', label: 'paymentClass.A' },
  { value: 'B', label: 'paymentClass.B' },
  { value: 'provincial', label: 'paymentClass.provincial' },
] as const;

/** Drug list entries: a period of the list is the time the drug is in the payment scope; its end is when it leaves. */
export const drugEntrySpec: KindSpec<'drug-entries'> = {
  kind: 'drug-entries',
  nameOf: (attributes) => attributes.genericName,
  category: { label: 'field.paymentClass', options: paymentClasses },
  listColumns: [
    { key: 'genericName', label: 'field.genericName', cell: (attributes) => attributes.genericName },
    { key: 'dosageForm', label: 'field.dosageForm', cell: (attributes) => attributes.dosageForm },
    { key: 'paymentClass', label: 'field.paymentClass', cell: paymentClassBadge },
    { key: 'batch', label: 'field.batch', cell: (attributes) => attributes.batch ?? '—' },
  ],
  periodColumns: [
    { key: 'paymentClass', label: 'field.paymentClass', cell: paymentClassBadge },
    { key: 'genericName', label: 'field.genericName', cell: (attributes) => attributes.genericName },
    { key: 'dosageForm', label: 'field.dosageForm', cell: (attributes) => attributes.dosageForm },
    { key: 'batch', label: 'field.batch', cell: (attributes) => attributes.batch ?? '—' },
    { key: 'note', label: 'field.note', cell: (attributes) => html`<span class="note">${attributes.note ?? ''}</span>` },
  ],
  facts: (attributes) => [
    { key: 'paymentClass', label: 'field.paymentClass', value: paymentClassBadge(attributes), big: true },
    { key: 'dosageForm', label: 'field.dosageForm', value: attributes.dosageForm },
    ...(attributes.batch ? [{ key: 'batch', label: 'field.batch' as const, value: attributes.batch }] : []),
  ],
  endLabel: 'drug.leavesScope',
  endedLabel: 'drug.leftScope',
  fieldGroups: () => [
    {
      legend: 'changeForm.drug',
      fields: [
        { path: 'genericName', type: 'text', label: 'field.genericName', required: true, span: 2, placeholder: '丹参通络注射液' },
        { path: 'dosageForm', type: 'text', label: 'field.dosageForm', required: true, placeholder: '注射剂' },
        { path: 'paymentClass', type: 'select', label: 'field.paymentClass', required: true, options: paymentClasses },
        { path: 'batch', type: 'text', label: 'field.batch', span: 2, placeholder: '第三批省增药品', hint: 'changeForm.batchHint' },
        { path: 'note', type: 'textarea', label: 'field.note', span: 4 },
      ],
    },
  ],
  codePlaceholder: 'XJ01DHT062A001010104054',
};

/** 甲类 / 乙类 / 省增 as a tag; provincially added drugs stand out, since they are the ones phased out. */
function paymentClassBadge(attributes: DrugEntryAttributes) {
  const tone = attributes.paymentClass === 'provincial' ? 'warn' : attributes.paymentClass === 'A' ? 'ok' : '';
  return html`<span class="tag ${tone}" data-payment-class=${attributes.paymentClass}>${t(`paymentClass.${attributes.paymentClass}`)}</span>`;
}
