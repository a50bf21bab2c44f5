import { type CodedMessage, codeOfIssue, type FieldErrorCode, type FieldErrorParams } from './problem-codes.ts';
import { Change } from './change.ts';
import type { DrugEntryAttributes } from './drug-entry.ts';
import type { EntryKind } from './kinds.ts';
import type { ListingAttributes } from './listing.ts';
import type { MeasureAttributes } from './measure.ts';
import { fenToYuan } from './money.ts';
import { booleanCell, type CellFail, cellText, componentsCell, instantCell, opOf, paymentClassCell, productTypeCell, yuanCell } from './exchange-cells.ts';
import type { PriceItemAttributes } from './price-item.ts';
import type { Period } from './timeline.ts';

/**
 * Spreadsheet layouts for importing and exporting catalog entries, one kind per file: a header
 * row (Chinese or English column names), then one row per change. Export writes each period of
 * each entry's timeline as a `set` row, so an exported file imports back to the same timelines.
 * Money columns are in yuan with at most two decimals (staff work in yuan); times are ISO 8601
 * with offset, or `YYYY-MM-DD[ HH:mm[:ss]]` meaning China time.
 */
export interface Column {
  key: string;
  zh: string;
  en: string;
  /** The change fields this column fills, for turning a failing field path back into a column. */
  paths: string[];
  required?: boolean;
  /** Amounts (yuan) and times are written by the layout, not typed by people; other columns are text. */
  format?: 'money' | 'time';
}

export type Cell = string | number | boolean | Date | null | undefined;
export type Row = Record<string, Cell>;

/** A data row and its 1-based row number in the file. */
export interface NumberedRow {
  row: number;
  cells: Row;
}

export interface RowError extends CodedMessage {
  /** 1-based spreadsheet row; the header is row 1. */
  row: number;
  column: string;
}

const common: Column[] = [
  { key: 'code', zh: '编码', en: 'code', paths: ['code'], required: true },
  { key: 'op', zh: '操作', en: 'op', paths: ['op'] },
  { key: 'validFrom', format: 'time', zh: '生效时间', en: 'validFrom', paths: ['validFrom'] },
  { key: 'validTo', format: 'time', zh: '失效时间', en: 'validTo', paths: ['validTo'] },
  { key: 'at', format: 'time', zh: '终止时间', en: 'at', paths: ['at'] },
];

const kindColumns: Record<EntryKind, Column[]> = {
  'price-items': [
    { key: 'name', zh: '项目名称', en: 'name', paths: ['attributes.name'] },
    { key: 'unit', zh: '计价单位', en: 'unit', paths: ['attributes.unit'] },
    { key: 'category', zh: '类别', en: 'category', paths: ['attributes.category'] },
    { key: 'price', format: 'money', zh: '最高限价（元）', en: 'priceYuan', paths: ['attributes.priceFen'] },
    { key: 'price3', format: 'money', zh: '三级医院限价（元）', en: 'grade3PriceYuan', paths: ['attributes.gradePriceFen.3'] },
    { key: 'price2', format: 'money', zh: '二级医院限价（元）', en: 'grade2PriceYuan', paths: ['attributes.gradePriceFen.2'] },
    { key: 'price1', format: 'money', zh: '一级医院限价（元）', en: 'grade1PriceYuan', paths: ['attributes.gradePriceFen.1'] },
    { key: 'components', zh: '组成（名称:限价元;…）', en: 'components', paths: ['attributes.components'] },
    { key: 'note', zh: '备注', en: 'note', paths: ['attributes.note'] },
  ],
  'drug-entries': [
    { key: 'genericName', zh: '通用名', en: 'genericName', paths: ['attributes.genericName'] },
    { key: 'dosageForm', zh: '剂型', en: 'dosageForm', paths: ['attributes.dosageForm'] },
    { key: 'paymentClass', zh: '支付类别', en: 'paymentClass', paths: ['attributes.paymentClass'] },
    { key: 'batch', zh: '批次', en: 'batch', paths: ['attributes.batch'] },
    { key: 'note', zh: '备注', en: 'note', paths: ['attributes.note'] },
  ],
  listings: [
    { key: 'product', zh: '产品名称', en: 'product', paths: ['attributes.product'] },
    { key: 'productType', zh: '产品类型', en: 'productType', paths: ['attributes.productType'] },
    { key: 'specification', zh: '规格', en: 'specification', paths: ['attributes.specification'] },
    { key: 'manufacturer', zh: '生产企业', en: 'manufacturer', paths: ['attributes.manufacturer'] },
    { key: 'registrationNumber', zh: '注册证号', en: 'registrationNumber', paths: ['attributes.registrationNumber'] },
    { key: 'listedPrice', format: 'money', zh: '挂网价（元）', en: 'listedPriceYuan', paths: ['attributes.listedPriceFen'] },
    { key: 'firm', zh: '申报企业', en: 'firm', paths: ['attributes.firm'] },
    { key: 'greenChannel', zh: '绿色通道', en: 'greenChannel', paths: ['attributes.greenChannel'] },
    { key: 'offlinePurchaseAllowed', zh: '允许线下采购', en: 'offlinePurchaseAllowed', paths: ['attributes.offlinePurchaseAllowed'] },
    { key: 'note', zh: '备注', en: 'note', paths: ['attributes.note'] },
  ],
  measures: [
    { key: 'type', zh: '措施类型', en: 'type', paths: ['attributes.type'] },
    { key: 'poolingArea', zh: '统筹区', en: 'poolingArea', paths: ['attributes.poolingArea'] },
    { key: 'title', zh: '措施名称', en: 'title', paths: ['attributes.title'] },
    { key: 'parameters', zh: '参数（JSON）', en: 'parametersJson', paths: ['attributes'] },
    { key: 'note', zh: '备注', en: 'note', paths: ['attributes.note'] },
  ],
};

export function columnsOf(kind: EntryKind): Column[] {
  return [...common, ...kindColumns[kind]];
}

/** The export layout: the import layout without `at`, which only `end` rows use. */
export function exportColumnsOf(kind: EntryKind): Column[] {
  return columnsOf(kind).filter((column) => column.key !== 'at');
}

export const MAX_IMPORT_ROWS = 20_000;

/** Map a header row to column keys; unknown or repeated headers are errors (row 1). */
export function matchHeader(kind: EntryKind, header: readonly string[]): { keys: (string | undefined)[]; errors: RowError[] } {
  const columns = columnsOf(kind);
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const keys = header.map((raw) => {
    const name = raw.trim();
    if (name === '') return undefined;
    const column = columns.find((candidate) => candidate.zh === name || candidate.en.toLowerCase() === name.toLowerCase());
    if (!column) {
      errors.push({
        row: 1,
        column: name,
        code: 'unknown_column',
        params: { kind, expected: columns.map((c) => c.zh).join('、') },
        message: `unknown column for ${kind}; expected one of: ${columns.map((c) => `${c.zh} / ${c.en}`).join(', ')}`,
      });
      return undefined;
    }
    if (seen.has(column.key)) errors.push({ row: 1, column: name, code: 'duplicate_column', message: 'this column appears twice' });
    seen.add(column.key);
    return column.key;
  });
  for (const column of columns.filter((candidate) => candidate.required && !seen.has(candidate.key))) {
    errors.push({ row: 1, column: column.zh, code: 'missing_column', message: `the required column ${column.zh} / ${column.en} is missing` });
  }
  return { keys, errors };
}

/**
 * Turn rows into changes. All or nothing: either every row becomes a change, or the answer
 * lists every bad row with its row number, column and reason.
 */
export function rowsToChanges(kind: EntryKind, rows: readonly NumberedRow[]): { changes: Change[]; errors: RowError[] } {
  const columns = columnsOf(kind);
  const changes: Change[] = [];
  const errors: RowError[] = [];
  if (rows.length > MAX_IMPORT_ROWS) {
    const row = (rows[MAX_IMPORT_ROWS] as NumberedRow).row;
    return {
      changes: [],
      errors: [{ row, column: '', code: 'too_many_rows', params: { limit: MAX_IMPORT_ROWS }, message: `at most ${MAX_IMPORT_ROWS} rows in one file` }],
    };
  }
  rows.forEach(({ row: rowNumber, cells: row }) => {
    const cellErrors: RowError[] = [];
    const fail = (key: string) => (message: string, code: FieldErrorCode, params?: FieldErrorParams) => {
      cellErrors.push({ row: rowNumber, column: label(columns, key), code, ...(params ? { params } : {}), message });
      return undefined;
    };
    const candidate = rowToCandidate(kind, row, fail);
    if (cellErrors.length > 0) {
      errors.push(...cellErrors);
      return;
    }
    const parsed = Change.safeParse(candidate);
    if (parsed.success) {
      changes.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.join('.')];
      for (const path of paths) errors.push({ row: rowNumber, column: columnForPath(columns, path), ...codeOfIssue(issue), message: issue.message });
    }
  });
  return { changes: errors.length > 0 ? [] : changes, errors };
}

/** The rows that describe these entries' timelines: one `set` row per period. */
export function entriesToRows(kind: EntryKind, entries: readonly { code: string; timeline: readonly Period[] }[]): Row[] {
  return entries.flatMap(({ code, timeline }) =>
    timeline.map((period) => ({
      code,
      op: 'set',
      validFrom: period.validFrom,
      validTo: period.validTo ?? '',
      ...attributesToCells(kind, period.attributes),
    })),
  );
}

type Fail = (key: string) => CellFail;

function rowToCandidate(kind: EntryKind, row: Row, fail: Fail): unknown {
  const text = (key: string) => cellText(row[key]);
  const op = opOf(text('op'), fail('op'));
  const code = text('code');
  if (op === 'end')
    return { kind, code, op, at: cellText(row.at) === undefined ? fail('at')('required for an end row', 'required') : instantCell(row.at, fail('at')) };
  const validTo = row.validTo === undefined || cellText(row.validTo) === undefined ? undefined : instantCell(row.validTo, fail('validTo'));
  return {
    kind,
    code,
    op,
    validFrom: cellText(row.validFrom) === undefined ? fail('validFrom')('required for a set row', 'required') : instantCell(row.validFrom, fail('validFrom')),
    ...(validTo === undefined ? {} : { validTo }),
    attributes: attributesFromRow(kind, row, fail),
  };
}

function attributesFromRow(kind: EntryKind, row: Row, fail: Fail): unknown {
  const text = (key: string) => cellText(row[key]);
  const optional = (key: string) => (text(key) === undefined ? {} : { [key]: text(key) });
  switch (kind) {
    case 'price-items': {
      const grades = Object.fromEntries(
        (['3', '2', '1'] as const).flatMap((grade) => {
          const fen =
            row[`price${grade}`] === undefined || text(`price${grade}`) === undefined ? undefined : yuanCell(row[`price${grade}`], fail(`price${grade}`));
          return fen === undefined ? [] : [[grade, fen]];
        }),
      );
      const components = text('components') === undefined ? undefined : componentsCell(text('components') as string, fail('components'));
      return {
        name: text('name'),
        unit: text('unit'),
        category: text('category'),
        priceFen: yuanCell(row.price, fail('price')),
        ...(Object.keys(grades).length > 0 ? { gradePriceFen: grades } : {}),
        ...(components === undefined ? {} : { components }),
        ...optional('note'),
      };
    }
    case 'drug-entries':
      return {
        genericName: text('genericName'),
        dosageForm: text('dosageForm'),
        paymentClass: paymentClassCell(text('paymentClass'), fail('paymentClass')),
        ...optional('batch'),
        ...optional('note'),
      };
    case 'listings':
      return {
        product: text('product'),
        productType: productTypeCell(text('productType'), fail('productType')),
        specification: text('specification'),
        manufacturer: text('manufacturer'),
        registrationNumber: text('registrationNumber'),
        listedPriceFen: yuanCell(row.listedPrice, fail('listedPrice')),
        firm: text('firm'),
        greenChannel: booleanCell(row.greenChannel, fail('greenChannel')),
        offlinePurchaseAllowed: booleanCell(row.offlinePurchaseAllowed, fail('offlinePurchaseAllowed')),
        ...optional('note'),
      };
    case 'measures': {
      let parameters: unknown = {};
      const json = text('parameters');
      if (json !== undefined) {
        try {
          parameters = JSON.parse(json);
        } catch {
          return fail('parameters')('not valid JSON', 'invalid_format', { format: 'json' });
        }
        if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))
          return fail('parameters')('must be a JSON object', 'invalid_type', { expected: 'object' });
      }
      return { ...(parameters as object), type: text('type'), poolingArea: text('poolingArea'), ...optional('title'), ...optional('note') };
    }
  }
}

function attributesToCells(kind: EntryKind, attributes: unknown): Row {
  switch (kind) {
    case 'price-items': {
      const item = attributes as PriceItemAttributes;
      return {
        name: item.name,
        unit: item.unit,
        category: item.category,
        price: fenToYuan(item.priceFen),
        price3: yuanOrEmpty(item.gradePriceFen?.['3']),
        price2: yuanOrEmpty(item.gradePriceFen?.['2']),
        price1: yuanOrEmpty(item.gradePriceFen?.['1']),
        components: item.components?.map((component) => `${component.name}:${fenToYuan(component.capFen)}`).join(';') ?? '',
        note: item.note ?? '',
      };
    }
    case 'drug-entries': {
      const drug = attributes as DrugEntryAttributes;
      return { genericName: drug.genericName, dosageForm: drug.dosageForm, paymentClass: drug.paymentClass, batch: drug.batch ?? '', note: drug.note ?? '' };
    }
    case 'listings': {
      const listing = attributes as ListingAttributes;
      return {
        product: listing.product,
        productType: listing.productType,
        specification: listing.specification,
        manufacturer: listing.manufacturer,
        registrationNumber: listing.registrationNumber,
        listedPrice: fenToYuan(listing.listedPriceFen),
        firm: listing.firm,
        greenChannel: listing.greenChannel ? 'true' : 'false',
        offlinePurchaseAllowed: listing.offlinePurchaseAllowed ? 'true' : 'false',
        note: listing.note ?? '',
      };
    }
    case 'measures': {
      const { type, poolingArea, title, note, ...parameters } = attributes as MeasureAttributes;
      return { type, poolingArea, title: title ?? '', parameters: Object.keys(parameters).length > 0 ? JSON.stringify(parameters) : '', note: note ?? '' };
    }
  }
}

function yuanOrEmpty(fen: number | undefined): string {
  return fen === undefined ? '' : fenToYuan(fen);
}

function label(columns: Column[], key: string): string {
  return columns.find((column) => column.key === key)?.zh ?? key;
}

function columnForPath(columns: Column[], path: string): string {
  const match = columns
    .flatMap((column) => column.paths.map((prefix) => ({ column, prefix })))
    .filter(({ prefix }) => path === prefix || path.startsWith(`${prefix}.`))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return match?.column.zh ?? path;
}
