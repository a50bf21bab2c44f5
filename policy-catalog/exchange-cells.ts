import * as z from 'zod';
import type { PaymentClass } from './drug-entry.ts';
import type { Cell } from './exchange.ts';
import type { ListingAttributes } from './listing.ts';
import { yuanToFen } from './money.ts';
import type { FieldErrorCode, FieldErrorParams } from './problem-codes.ts';

/** Reading one spreadsheet cell of an import: what it holds, or a coded error through `fail`. */
export type CellFail = (message: string, code: FieldErrorCode, params?: FieldErrorParams) => undefined;

/** A cell as trimmed text; empty cells are undefined. */
export function cellText(cell: Cell): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date) return chinaWallTime(cell);
  const text = String(cell).trim();
  return text === '' ? undefined : text;
}

export function opOf(text: string | undefined, fail: CellFail): 'set' | 'end' | undefined {
  if (text === undefined || ['set', '设置', '新增', '修改'].includes(text.toLowerCase())) return 'set';
  if (['end', '终止', '停止'].includes(text.toLowerCase())) return 'end';
  return fail('must be set (设置) or end (终止)', 'invalid_op');
}

/** Spreadsheet dates carry no zone: a date cell's wall time is China time. */
function chinaWallTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+08:00`;
}

export function instantCell(cell: Cell, fail: CellFail): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? fail('not a date', 'invalid_instant') : chinaWallTime(cell);
  const text = cellText(cell);
  if (text === undefined) return undefined;
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (local) return `${local[1]}T${local[2] ?? '00'}:${local[3] ?? '00'}:${local[4] ?? '00'}+08:00`;
  if (z.iso.datetime({ offset: true }).safeParse(text).success) return text;
  return fail('must be a time: 2022-05-01, 2022-05-01 08:00, or ISO 8601 with offset', 'invalid_instant');
}

export function yuanCell(cell: Cell, fail: CellFail): number | undefined {
  if (typeof cell === 'number') {
    const fen = Math.round(cell * 100);
    if (cell < 0 || Math.abs(fen - cell * 100) > 1e-6) return fail('must be yuan with at most two decimals, not negative', 'invalid_yuan');
    return fen;
  }
  const text = cellText(cell);
  if (text === undefined) return fail('required: an amount in yuan, e.g. 16.00', 'required');
  return yuanToFen(text) ?? fail('must be yuan with at most two decimals, not negative', 'invalid_yuan');
}

export function componentsCell(text: string, fail: CellFail): { name: string; capFen: number }[] | undefined {
  const parts = text
    .split(/[;；]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const components: { name: string; capFen: number }[] = [];
  for (const part of parts) {
    const match = /^(.+?)[:：]\s*(.+)$/.exec(part);
    const capFen = match ? yuanToFen(match[2] as string) : undefined;
    if (!match || capFen === undefined) return fail('write components as 名称:限价元;名称:限价元, e.g. 检测服务:1.00;检测试剂:5.00', 'invalid_components');
    components.push({ name: (match[1] as string).trim(), capFen });
  }
  return components;
}

export function booleanCell(cell: Cell, fail: CellFail): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell)?.toLowerCase();
  if (text !== undefined && ['true', 'yes', 'y', '1', '是'].includes(text)) return true;
  if (text !== undefined && ['false', 'no', 'n', '0', '否'].includes(text)) return false;
  return fail('must be 是 or 否 (true or false)', 'invalid_boolean');
}

export function paymentClassCell(text: string | undefined, fail: CellFail): PaymentClass | undefined {
  const classes: Record<string, PaymentClass> = { a: 'A', 甲: 'A', 甲类: 'A', b: 'B', 乙: 'B', 乙类: 'B', provincial: 'provincial', 省增: 'provincial' };
  const value = text === undefined ? undefined : classes[text.toLowerCase()];
  return value ?? fail('must be A (甲类), B (乙类) or provincial (省增)', 'invalid_value', { values: '甲类、乙类、省增' });
}

export function productTypeCell(text: string | undefined, fail: CellFail): ListingAttributes['productType'] | undefined {
  const types: Record<string, ListingAttributes['productType']> = {
    drug: 'drug',
    药品: 'drug',
    reagent: 'reagent',
    试剂: 'reagent',
    检测试剂: 'reagent',
    consumable: 'consumable',
    耗材: 'consumable',
  };
  const value = text === undefined ? undefined : types[text.toLowerCase()];
  return value ?? fail('must be drug (药品), reagent (试剂) or consumable (耗材)', 'invalid_value', { values: '药品、试剂、耗材' });
}
