import type * as spreadsheet from './spreadsheet.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';

/** The spreadsheet codec (functions/http/spreadsheet.ts), passed to the app where import and export run. */
export type Spreadsheets = Pick<typeof spreadsheet, 'readSheet' | 'keyedRows' | 'writeCsv' | 'writeXlsx'>;
