import type { PriceItemAttributes } from './api.ts';
import { formatYuan } from './format.ts';
import { t } from './i18n.ts';

const grades = ['3', '2', '1'] as const;

/** "三级 16.00 · 二级 15.00", or a dash when the item has one price for every grade. */
export function gradePricesText(attributes: PriceItemAttributes): string {
  const parts = grades.flatMap((grade) => {
    const fen = attributes.gradePriceFen?.[grade];
    return fen === undefined ? [] : [`${t(`grade.${grade}`)} ${formatYuan(fen)}`];
  });
  return parts.length ? parts.join(' · ') : '—';
}

/** "检测服务 ≤ 1.00 · 检测试剂 ≤ 3.50", or a dash. */
export function componentsText(attributes: PriceItemAttributes): string {
  return attributes.components?.length
    ? attributes.components.map((component) => t('price.componentCap', { name: component.name, cap: formatYuan(component.capFen) })).join(' · ')
    : '—';
}
