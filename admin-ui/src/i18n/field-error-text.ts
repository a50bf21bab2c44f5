import type { FieldErrorCode, FieldErrorParams } from '../../../policy-catalog/problem-codes.ts';
import { formatChinaEnd, formatChinaTime } from '../format/format.ts';
import { isMessageKey, type MessageKey, t } from './i18n.ts';

/** A field error or an import row's error as the API sends it: a stable code, its parameters, English words. */
export interface CodedError {
  code?: FieldErrorCode;
  params?: FieldErrorParams;
  message: string;
}

/** Attribute names whose label has another name in the console (money in fen is shown in yuan). */
const labelKeys: Record<string, string> = {
  priceFen: 'field.priceYuan',
  capFen: 'field.componentCap',
  listedPriceFen: 'field.listedPriceYuan',
  gradePriceFen: 'field.gradePrices',
  type: 'field.measureType',
  title: 'field.measureTitle',
  at: 'field.endAt',
};

/** A field's label in the console's language, from its API name (`priceFen` → 价格（元）); the name when it has none. */
export function fieldLabel(name: string): string {
  const key = labelKeys[name] ?? `field.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

/** The label of the field a dotted API path ends at (`changes.0.attributes.gradePriceFen.3` → 三级医院价格). */
export function pathLabel(path: string): string {
  const parts = path.split('.');
  const last = parts.at(-1) ?? path;
  if (/^[123]$/.test(last) && parts.at(-2) === 'gradePriceFen') return t(`field.gradePrice.${last as '1' | '2' | '3'}`);
  const named = parts.findLast((part) => !/^\d+$/.test(part));
  return named === undefined ? path : fieldLabel(named);
}

/**
 * What is wrong, in the console's language, said from the code and its parameters: limits in
 * yuan where money, other fields by their labels, instants in China time ("24:00" for ends).
 * Errors stored before codes existed keep their English words.
 */
export function fieldErrorText({ code, params = {}, message }: CodedError): string {
  if (code === undefined) return message;
  const filled: Record<string, string | number> = { ...params };
  for (const name of ['field', 'other'] as const) {
    const value = params[name];
    if (typeof value === 'string') filled[name] = `“${fieldLabel(value)}”`;
  }
  const limit = params.limit;
  if (code === 'starts_too_early' && typeof limit === 'string') filled.limit = formatChinaTime(limit);
  if (code === 'ends_too_late' && typeof limit === 'string') filled.limit = formatChinaEnd(limit);
  const category = `fieldError.assistance.${params.category}`;
  if (code === 'ratio_at_least' && isMessageKey(category)) filled.category = t(category);
  return t(messageKeyOf(code, params), filled);
}

function messageKeyOf(code: FieldErrorCode, params: FieldErrorParams): MessageKey {
  if (code === 'too_big' || code === 'too_small') {
    const byUnit = `fieldError.${code}.${params.inclusive === 0 && params.unit === 'number' ? 'exclusive' : params.unit}`;
    return isMessageKey(byUnit) ? byUnit : (`fieldError.${code}.number` as const);
  }
  if (code === 'invalid_format') {
    const byFormat = `fieldError.invalid_format.${params.format}`;
    return isMessageKey(byFormat) ? byFormat : 'fieldError.invalid_format';
  }
  const key = `fieldError.${code}`;
  return isMessageKey(key) ? key : 'fieldError.invalid';
}
