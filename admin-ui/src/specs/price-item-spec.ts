import { html } from 'lit';
import type { AttributesOf } from '../api/api.ts';
import { formatYuan } from '../format/format.ts';
import { t } from '../i18n/i18n.ts';
import type { KindSpec } from './kind-spec.ts';

type PriceItemAttributes = AttributesOf<'price-items'>;

const grades = ['3', '2', '1'] as const;

/** Medical service price items: a ceiling price in yuan, by hospital grade where it differs, with component caps. */
export const priceItemSpec: KindSpec<'price-items'> = {
  kind: 'price-items',
  nameOf: (attributes) => attributes.name,
  category: { label: 'field.category' },
  listColumns: [
    { key: 'name', label: 'field.name', cell: (attributes) => attributes.name },
    { key: 'unit', label: 'field.unit', cell: (attributes) => attributes.unit },
    { key: 'category', label: 'field.category', cell: (attributes) => attributes.category },
    { key: 'priceFen', label: 'field.priceYuan', numeric: true, cell: (attributes) => formatYuan(attributes.priceFen) },
  ],
  periodColumns: [
    { key: 'priceFen', label: 'field.priceYuan', numeric: true, cell: (attributes) => formatYuan(attributes.priceFen) },
    { key: 'gradePriceFen', label: 'field.gradePrices', cell: gradePricesText },
    { key: 'components', label: 'field.components', cell: componentsText },
    { key: 'unit', label: 'field.unit', cell: (attributes) => attributes.unit },
    { key: 'note', label: 'field.note', cell: (attributes) => html`<span class="note">${attributes.note ?? ''}</span>` },
  ],
  facts: (attributes) => [
    {
      key: 'priceFen',
      label: 'item.ceiling',
      big: true,
      value: html`${formatYuan(attributes.priceFen)}<small>${t('item.yuanPer', { unit: attributes.unit })}</small>`,
    },
    ...(attributes.gradePriceFen ? [{ key: 'gradePriceFen', label: 'field.gradePrices' as const, value: gradePricesText(attributes) }] : []),
    ...(attributes.components?.length ? [{ key: 'components', label: 'field.components' as const, value: componentsText(attributes) }] : []),
    { key: 'category', label: 'field.category', value: attributes.category },
  ],
  endLabel: 'field.validTo',
  endedLabel: 'timeline.ended',
  fieldGroups: () => [
    {
      legend: 'changeForm.attributes',
      fields: [
        { path: 'name', type: 'text', label: 'field.name', required: true, span: 2 },
        { path: 'unit', type: 'text', label: 'field.unit', required: true, placeholder: '次' },
        { path: 'category', type: 'text', label: 'field.category', required: true, placeholder: '核酸检测' },
        { path: 'priceFen', type: 'yuan', label: 'field.priceYuan', required: true, hint: 'changeForm.ceilingHint' },
        ...grades.map((grade) => ({ path: `gradePriceFen.${grade}`, type: 'yuan' as const, label: `field.gradePrice.${grade}` as const })),
      ],
    },
    { legend: 'field.components', fields: [{ path: 'components', type: 'components', label: 'changeForm.componentsHint' }] },
    { legend: 'field.note', fields: [{ path: 'note', type: 'textarea', label: 'field.note', span: 4 }] },
  ],
  codePlaceholder: '250403100010000',
};

/** "三级 16.00 · 二级 15.00", or a dash when the item has one price for every grade. */
function gradePricesText(attributes: PriceItemAttributes): string {
  const parts = grades.flatMap((grade) => {
    const fen = attributes.gradePriceFen?.[grade];
    return fen === undefined ? [] : [`${t(`grade.${grade}`)} ${formatYuan(fen)}`];
  });
  return parts.length ? parts.join(' · ') : '—';
}

/** "检测服务 ≤ 1.00 · 检测试剂 ≤ 3.50", or a dash. */
function componentsText(attributes: PriceItemAttributes): string {
  return attributes.components?.length
    ? attributes.components.map((component) => t('price.componentCap', { name: component.name, cap: formatYuan(component.capFen) })).join(' · ')
    : '—';
}
