import { Readable } from 'node:stream';
import { parse as csvParser } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { type Cell, type Column, MAX_IMPORT_ROWS, type NumberedRow, type Row, type RowError } from '#catalog/exchange.ts';
import { ProblemError } from './problem.ts';
import { CSV_TYPE, XLSX_TYPE } from './spreadsheet-types.ts';
import { inflatedText, slices, zipEntries } from './zip-entries.ts';

/**
 * File formats for import and export: CSV (UTF-8, or GB18030 as Excel in China often saves it)
 * and XLSX. Imports are read as streams and stop at their limits before the rest of the file
 * costs memory or time: at `maxRows` data rows, at `maxInflatedBytes` unpacked from an XLSX
 * (zip bombs), and they let other requests run every thousand rows.
 */
export interface ReadLimits {
  /** Data rows read at most; a caller that accepts n rows asks for n + 1 to see that there were more. */
  maxRows: number;
  /** Bytes an XLSX may unpack to, all its zip entries together. */
  maxInflatedBytes: number;
}

export interface Sheet {
  header: string[];
  rows: { row: number; cells: Cell[] }[];
}

/** A 20,000-row file of the widest kind unpacks to about 13 MB (more as Excel writes it); a zip bomb to gigabytes. */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
/** No layout has more than 14 columns; wider rows are not kept, whatever column an XLSX cell claims. */
export const MAX_COLUMNS = 100;
const ROWS_PER_TURN = 1_000;

export async function readSheet(body: ArrayBuffer | Uint8Array, contentType: string, limits: Partial<ReadLimits> = {}): Promise<Sheet> {
  const { maxRows = MAX_IMPORT_ROWS + 1, maxInflatedBytes = MAX_INFLATED_BYTES } = limits;
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === XLSX_TYPE) return readXlsx(bytes, { maxRows, maxInflatedBytes });
  if (mediaType === CSV_TYPE || mediaType === 'application/csv' || mediaType === 'text/plain') return readCsv(bytes, { maxRows, maxInflatedBytes });
  throw new ProblemError('unsupported-media-type', `send the file as ${CSV_TYPE} or ${XLSX_TYPE}, not ${mediaType || 'no Content-Type'}`);
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
  const line = (row: Row) => columns.map((column) => csvCell(column, row[column.key]));
  // A BOM, so that Excel opens UTF-8 Chinese text correctly.
  return `\uFEFF${stringify([columns.map((column) => column.zh), ...rows.map(line)])}`;
}

export async function writeXlsx(sheetName: string, columns: Column[], rows: Row[]): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((column) => ({ header: column.zh, key: column.key, width: Math.max(12, column.zh.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((column) => [column.key, row[column.key] ?? ''])));
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

// OWASP CSV injection: Excel and WPS run a cell that starts with one of these as a formula.
// Export puts a `'` before such text (and before text that already starts with `'`s and one of
// these, so that import, which takes one `'` off, gives back exactly what was exported).
const FORMULA_TRIGGER = /^'*[=+\-@\t\r]/;
const NEUTRALISED_FORMULA = /^'+[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/**
 * The inverse of `neutraliseFormula`, for every text cell imported, CSV or XLSX: a CSV export
 * opened in Excel and saved as XLSX keeps the `'` as text, and must import as exported.
 */
export function restoreFormula(text: string): string {
  return NEUTRALISED_FORMULA.test(text) ? text.slice(1) : text;
}

function csvCell(column: Column, cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  // Amounts and times are written by the layout, never typed by a person: left as they are (−5 stays −5).
  if (typeof cell !== 'string' || column.format !== undefined) return String(cell);
  return neutraliseFormula(cell);
}

// --- CSV -------------------------------------------------------------------------------------

interface RawRecord {
  row: number;
  fields: Uint8Array[];
}

/**
 * CSV is split into fields as bytes (`,`, `"` and line ends never occur inside a UTF-8 or
 * GB18030 character), so the encoding is decided on the whole file and a cell that does not
 * decode is named by row and column.
 */
async function readCsv(bytes: Uint8Array, { maxRows }: ReadLimits): Promise<Sheet> {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const records: RawRecord[] = [];
  let header: Uint8Array[] = [];
  let recordNumber = 0;
  const parser = Readable.from(slices(hasBom ? bytes.subarray(3) : bytes)).pipe(
    csvParser({ bom: false, encoding: null, relax_column_count: true, skip_empty_lines: false }),
  );
  try {
    for await (const fields of parser as AsyncIterable<Uint8Array[]>) {
      recordNumber += 1;
      if (recordNumber % ROWS_PER_TURN === 0) await nextTurn();
      if (recordNumber === 1) {
        header = fields;
        if (fields.slice(MAX_COLUMNS).some((field) => !isBlank(field))) throw tooManyColumns();
      } else if (!fields.every(isBlank)) {
        records.push({ row: recordNumber, fields: fields.slice(0, Math.max(header.length, 1)) });
        if (records.length >= maxRows) break;
      }
    }
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    throw new ProblemError('unreadable-file', `the CSV file cannot be read: ${(error as Error).message}`, undefined, { cause: error });
  } finally {
    parser.destroy();
  }
  const decoded = await decodeRecords({ row: 1, fields: header }, records, hasBom);
  return {
    header: decoded.header,
    rows: decoded.rows.filter(({ cells }) => cells.some((cell) => cell.trim() !== '')),
  };
}

type Encoding = 'utf-8' | 'gb18030';

/**
 * UTF-8 if every cell decodes as such (always so after a UTF-8 BOM), else GB18030 if every cell
 * does (what "CSV" means when saved by Excel on a Chinese Windows). Otherwise the cells that fail
 * in the likelier encoding (the one that decodes further into the file) are named.
 */
async function decodeRecords(
  header: RawRecord,
  records: RawRecord[],
  hasBom: boolean,
): Promise<{ header: string[]; rows: { row: number; cells: string[] }[] }> {
  const all = [header, ...records];
  const utf8 = await decodeAll(all, 'utf-8');
  let chosen = utf8;
  if (utf8.errors.length > 0 && !hasBom) {
    const gb18030 = await decodeAll(all, 'gb18030');
    const firstFailure = (attempt: typeof utf8) => attempt.errors[0]?.index ?? Number.POSITIVE_INFINITY;
    if (gb18030.errors.length === 0 || firstFailure(gb18030) > firstFailure(utf8)) chosen = gb18030;
  }
  const [decodedHeader = [], ...rows] = chosen.records;
  const errors = [
    ...chosen.errors.map((error) => ({ ...error, message: undecodable(chosen.encoding, hasBom) })),
    ...replacementCharacters(all, chosen.records),
  ];
  if (errors.length > 0) throw invalidEncoding(errors, decodedHeader);
  return {
    header: decodedHeader,
    rows: rows.map((cells, index) => ({ row: (records[index] as RawRecord).row, cells: cells.map(restoreFormula) })),
  };
}

interface EncodingError {
  /** Index of the record in the file's records, header first: orders failures by place in the file. */
  index: number;
  row: number;
  columnIndex: number;
  message?: string;
}

async function decodeAll(records: RawRecord[], encoding: Encoding): Promise<{ encoding: Encoding; records: string[][]; errors: EncodingError[] }> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const errors: EncodingError[] = [];
  const decoded: string[][] = [];
  for (const [index, { row, fields }] of records.entries()) {
    if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn();
    decoded.push(
      fields.map((field, columnIndex) => {
        try {
          return decoder.decode(field);
        } catch {
          errors.push({ index, row, columnIndex });
          return '';
        }
      }),
    );
  }
  return { encoding, records: decoded, errors };
}

function undecodable(encoding: Encoding, hasBom: boolean): string {
  if (hasBom) return 'has bytes that are not UTF-8, though the file starts as UTF-8 (with a BOM); save it again as CSV UTF-8';
  return encoding === 'utf-8'
    ? 'has bytes that are neither UTF-8 nor GB18030; save the file again as CSV UTF-8'
    : 'has bytes that are not GB18030 (the rest of the file is GB18030, not UTF-8); save the file again as CSV UTF-8';
}

/** Text that already holds U+FFFD was broken before it was saved: refused, never stored. */
function replacementCharacters(records: RawRecord[], decoded: string[][]): EncodingError[] {
  return decoded.flatMap((cells, index) =>
    cells.flatMap((cell, columnIndex) =>
      cell.includes('\uFFFD') ? [{ index, row: (records[index] as RawRecord).row, columnIndex, message: REPLACEMENT_MESSAGE }] : [],
    ),
  );
}

const REPLACEMENT_MESSAGE = 'holds U+FFFD (�), the mark left where text was already undecodable when the file was saved; type the text again';

function isBlank(field: Uint8Array): boolean {
  return field.every((byte) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d));
}

// --- XLSX ------------------------------------------------------------------------------------

/**
 * The zip is read from its central directory, and each part is inflated as a stream counted
 * against `maxInflatedBytes`, in the order the sheet needs them (shared strings before the
 * sheet: no temporary files). ExcelJS's streaming reader parses the XML parts into cells.
 */
async function readXlsx(bytes: Uint8Array, { maxRows, maxInflatedBytes }: ReadLimits): Promise<Sheet> {
  try {
    const zip = zipEntries(bytes);
    const budget = { left: maxInflatedBytes, limit: maxInflatedBytes };
    const part = (name: string) => {
      const entry = zip.get(name.toLowerCase());
      return entry && inflatedText(bytes, entry, budget);
    };
    const stream = (text: AsyncIterable<string>) => Readable.from(text);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as WorkbookReaderParts;

    const rels = part('xl/_rels/workbook.xml.rels');
    const workbookXml = part('xl/workbook.xml');
    if (!rels || !workbookXml) throw new ProblemError('unreadable-file', 'the file is a zip but not a workbook; save it again from Excel or WPS as .xlsx');
    await reader._parseRels(stream(rels));
    await reader._parseWorkbook(stream(workbookXml));
    const styles = part('xl/styles.xml');
    if (styles) await reader._parseStyles(stream(styles));
    const sharedStrings = part('xl/sharedStrings.xml');
    if (sharedStrings) {
      for await (const _ of reader._parseSharedStrings(stream(sharedStrings))) {
        // 'cache': the reader keeps the strings itself and yields nothing
      }
    }
    reader.sharedStrings ??= [];

    const first = reader.model.sheets?.[0];
    const target = first && reader.workbookRels?.find((rel) => rel.Id === first.rId)?.Target;
    const path = target && (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    const sheetXml = path && part(path);
    if (!sheetXml) throw new ProblemError('unreadable-file', 'the XLSX file has no worksheet');
    const [opened] = reader._parseWorksheet(sheetXml, /sheet(\d+)\.xml$/i.exec(path)?.[1] ?? '1');
    if (!opened) throw new ProblemError('unreadable-file', 'the XLSX file has no worksheet');
    return await readRows(opened.value, maxRows);
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    throw new ProblemError('unreadable-file', 'the XLSX file cannot be read; save it again from Excel or WPS as .xlsx', undefined, { cause: error });
  }
}

async function readRows(worksheet: AsyncIterable<ExcelJS.Row>, maxRows: number): Promise<Sheet> {
  let header: string[] = [];
  const rows: { row: number; cells: Cell[] }[] = [];
  const encodingErrors: EncodingError[] = [];
  let seen = 0;
  let previous = 0;
  for await (const row of worksheet) {
    seen += 1;
    if (seen % ROWS_PER_TURN === 0) await nextTurn();
    const rowNumber = Number.isFinite(row.number) ? row.number : previous + 1;
    previous = rowNumber;
    const cells: Cell[] = [];
    let wide = false;
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      if (columnNumber > MAX_COLUMNS) {
        wide ||= !isEmpty(cellValue(cell.value));
        return;
      }
      const value = cellValue(cell.value);
      if (typeof value === 'string' && value.includes('\uFFFD')) {
        encodingErrors.push({
          index: seen,
          row: rowNumber,
          columnIndex: columnNumber - 1,
          message: `${REPLACEMENT_MESSAGE} (or bytes in the file that are not UTF-8)`,
        });
      }
      cells[columnNumber - 1] = typeof value === 'string' && rowNumber !== 1 ? restoreFormula(value) : value;
    });
    if (rowNumber === 1) {
      if (wide) throw tooManyColumns();
      header = Array.from(cells, (value) => (isEmpty(value) ? '' : String(value)));
    } else if (cells.some((value) => !isEmpty(value) && String(value).trim() !== '')) {
      rows.push({ row: rowNumber, cells: cells.slice(0, Math.max(header.length, 1)) });
      if (rows.length >= maxRows) break;
    }
  }
  if (encodingErrors.length > 0) throw invalidEncoding(encodingErrors, header);
  return { header, rows };
}

function isEmpty(value: Cell): value is null | undefined {
  return value === null || value === undefined;
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

/** The parts of ExcelJS's streaming WorkbookReader that parse one zip entry each (exceljs 4.4, not in its typings). */
interface WorkbookReaderParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(text: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
  sharedStrings?: unknown[];
  workbookRels?: { Id: string; Target: string }[];
  model: { sheets?: { rId: string }[] };
}

// --- shared ----------------------------------------------------------------------------------

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function tooManyColumns(): ProblemError {
  const errors: RowError[] = [
    {
      row: 1,
      column: columnLetter(MAX_COLUMNS),
      code: 'too_big',
      params: { limit: MAX_COLUMNS, unit: 'columns', inclusive: 1 },
      message: `at most ${MAX_COLUMNS} columns`,
    },
  ];
  return new ProblemError('import-rejected', `the header has more than ${MAX_COLUMNS} columns; nothing was imported`, undefined, {
    extensions: { rows: errors },
  });
}

function invalidEncoding(errors: EncodingError[], header: readonly string[]): ProblemError {
  const rows: RowError[] = errors.slice(0, 1000).map(({ row, columnIndex, message }) => ({
    row,
    column: header[columnIndex]?.trim() || columnLetter(columnIndex + 1),
    code: 'invalid_encoding' as const,
    message: message ?? 'has bytes that cannot be decoded',
  }));
  const first = rows[0] as RowError;
  return new ProblemError(
    'invalid-encoding',
    `row ${first.row}, column ${first.column} ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more cell(s))` : ''}; nothing was imported`,
    rows.map(({ row, column, ...coded }) => ({ path: `rows.${row}.${column}`, in: 'body' as const, ...coded })),
    { extensions: { rows } },
  );
}

/** 1 → A, 27 → AA: how Excel names a column when its header cell is no help. */
function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}
