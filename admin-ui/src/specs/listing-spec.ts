import { html } from 'lit';
import type { AttributesOf } from '../api/api.ts';
import { formatYuan } from '../format/format.ts';
import { t } from '../i18n/i18n.ts';
import type { KindSpec } from './kind-spec.ts';

type ListingAttributes = AttributesOf<'listings'>;

const productTypes = [
  { value: 'drug', label: 'productType.drug' },
  { value: 'reagent', label: 'productType.reagent' },
  { value: 'consumable', label: 'productType.consumable' },
] as const;

/** Procurement listings (阳光挂网): a product, its listed price in yuan, and the green-channel and offline-purchase flags. */
export const listingSpec: KindSpec<'listings'> = {
  kind: 'listings',
  nameOf: (attributes) => attributes.product,
  category: { label: 'field.productType', options: productTypes },
  listColumns: [
    { key: 'product', label: 'field.product', cell: (attributes) => attributes.product },
    { key: 'productType', label: 'field.productType', cell: (attributes) => t(`productType.${attributes.productType}`) },
    { key: 'specification', label: 'field.specification', cell: (attributes) => attributes.specification },
    { key: 'manufacturer', label: 'field.manufacturer', cell: (attributes) => attributes.manufacturer },
    { key: 'listedPriceFen', label: 'field.listedPriceYuan', numeric: true, cell: (attributes) => formatYuan(attributes.listedPriceFen) },
    { key: 'flags', label: 'field.flags', cell: flagBadges },
  ],
  periodColumns: [
    { key: 'listedPriceFen', label: 'field.listedPriceYuan', numeric: true, cell: (attributes) => formatYuan(attributes.listedPriceFen) },
    { key: 'product', label: 'field.product', cell: (attributes) => attributes.product },
    { key: 'specification', label: 'field.specification', cell: (attributes) => attributes.specification },
    { key: 'manufacturer', label: 'field.manufacturer', cell: (attributes) => attributes.manufacturer },
    { key: 'registrationNumber', label: 'field.registrationNumber', cell: (attributes) => html`<span class="mono">${attributes.registrationNumber}</span>` },
    { key: 'firm', label: 'field.firm', cell: (attributes) => attributes.firm },
    { key: 'flags', label: 'field.flags', cell: flagBadges },
  ],
  facts: (attributes) => [
    { key: 'listedPriceFen', label: 'field.listedPrice', big: true, value: html`${formatYuan(attributes.listedPriceFen)}<small>${t('field.yuan')}</small>` },
    { key: 'flags', label: 'field.flags', value: flagBadges(attributes) },
    { key: 'productType', label: 'field.productType', value: t(`productType.${attributes.productType}`) },
    { key: 'specification', label: 'field.specification', value: attributes.specification },
    { key: 'manufacturer', label: 'field.manufacturer', value: attributes.manufacturer },
    { key: 'registrationNumber', label: 'field.registrationNumber', value: html`<span class="mono">${attributes.registrationNumber}</span>` },
    { key: 'firm', label: 'field.firm', value: attributes.firm },
    ...(attributes.note ? [{ key: 'note', label: 'field.note' as const, value: attributes.note }] : []),
  ],
  endLabel: 'field.validTo',
  endedLabel: 'timeline.ended',
  fieldGroups: () => [
    {
      legend: 'changeForm.listing',
      fields: [
        { path: 'product', type: 'text', label: 'field.product', required: true, span: 2, placeholder: '阿兹夫定片' },
        { path: 'productType', type: 'select', label: 'field.productType', required: true, options: productTypes },
        { path: 'specification', type: 'text', label: 'field.specification', required: true, placeholder: '1mg×35片/瓶' },
        { path: 'manufacturer', type: 'text', label: 'field.manufacturer', required: true, span: 2 },
        { path: 'firm', type: 'text', label: 'field.firm', required: true, span: 2 },
        { path: 'registrationNumber', type: 'text', label: 'field.registrationNumber', required: true, span: 2, mono: true, placeholder: '国药准字H20210000' },
        { path: 'listedPriceFen', type: 'yuan', label: 'field.listedPrice', required: true },
        { path: 'greenChannel', type: 'checkbox', label: 'field.greenChannel', span: 2, hint: 'changeForm.greenChannelHint' },
        { path: 'offlinePurchaseAllowed', type: 'checkbox', label: 'field.offlinePurchaseAllowed', span: 2, hint: 'changeForm.offlineHint' },
        { path: 'note', type: 'textarea', label: 'field.note', span: 4 },
      ],
    },
  ],
  codePlaceholder: 'GW-2022-000123',
};

/** 绿色通道 and 允许线下采购 as tags, a dash when neither applies. */
function flagBadges(attributes: ListingAttributes) {
  if (!attributes.greenChannel && !attributes.offlinePurchaseAllowed) return '—';
  return html`<span class="flags">
    ${attributes.greenChannel ? html`<span class="tag ok" data-flag="green-channel">${t('field.greenChannel')}</span>` : null}
    ${attributes.offlinePurchaseAllowed ? html`<span class="tag" data-flag="offline-purchase">${t('field.offlinePurchaseAllowed')}</span>` : null}
  </span>`;
}
