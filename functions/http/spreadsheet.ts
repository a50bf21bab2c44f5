import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell, Column, NumberedRow, Row } from '#catalog/exchange.ts';
import { ProblemError } from './problem.ts';

/** File formats for import and export: CSV (UTF-8, or GB18030 as Excel in China often saves it) and XLSX. */
import { CSV_TYPE, XLSX_TYPE } from './spreadsheet-types.ts';

export async function readSheet(body: ArrayBuffer, contentType: string): Promise<{ header: string[]; rows: { row: number; cells: Cell[] }[] }> {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === XLSX_TYPE) return readXlsx(body);
  if (mediaType === CSV_TYPE || mediaType === 'application/csv' || mediaType === 'text/plain') return readCsv(body);
  throw new ProblemError('unsupported-media-type', `send the file as ${CSV_TYPE} or ${XLSX_TYPE}, not ${mediaType || 'no Content-Type'}`);
}

function readCsv(body: ArrayBuffer): { header: string[]; rows: { row: number; cells: Cell[] }[] } {
  const text = decodeText(new Uint8Array(body));
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new ProblemError('unreadable-file', `the CSV file cannot be read: ${(error as Error).message}`, undefined, { cause: error });
  }
  const [header = [], ...data] = records;
  return {
    header,
    rows: data.map((cells, index) => ({ row: index + 2, cells })).filter(({ cells }) => cells.some((cell) => cell.trim() !== '')),
  };
}

/** UTF-8 if it decodes as such, else GB18030 (what "CSV" means when saved by Excel on a Chinese Windows). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function readXlsx(body: ArrayBuffer): Promise<{ header: string[]; rows: { row: number; cells: Cell[] }[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body);
  } catch (error) {
    throw new ProblemError('unreadable-file', 'the XLSX file cannot be read; save it again from Excel or WPS as .xlsx', undefined, { cause: error });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ProblemError('unreadable-file', 'the XLSX file has no worksheet');
  let header: string[] = [];
  const rows: { row: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    if (rowNumber === 1) header = values.map((value) => (value === undefined || value === null ? '' : String(value)));
    else if (values.some((value) => value !== undefined && value !== null && String(value).trim() !== '')) rows.push({ row: rowNumber, cells: values });
  });
  return { header, rows };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return String(value);
}

/** Rows keyed by column key → cells in header order. */
export function keyedRows(keys: (string | undefined)[], rows: { row: number; cells: Cell[] }[]): NumberedRow[] {
  return rows.map(({ row, cells }) => {
    const keyed: Row = {};
    keys.forEach((key, index) => {
      if (key !== undefined) keyed[key] = cells[index];
    });
    return { row, cells: keyed };
  });
}

export function writeCsv(columns: Column[], rows: Row[]): string {
  // A BOM, so that Excel opens UTF-8 Chinese text correctly.
  return `\uFEFF${stringify([columns.map((column) => column.zh), ...rows.map((row) => columns.map((column) => String(row[column.key] ?? '')))])}`;
}

export async function writeXlsx(sheetName: string, columns: Column[], rows: Row[]): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((column) => ({ header: column.zh, key: column.key, width: Math.max(12, column.zh.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((column) => [column.key, row[column.key] ?? ''])));
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
