import { transition } from '#catalog/change-set.ts';
import type { Change } from '#catalog/change.ts';
import { type Column, MAX_IMPORT_ROWS, matchHeader, rowsToChanges, type RowError } from '#catalog/exchange.ts';
import type { ImportJob } from '#catalog/import-job.ts';
import { toChinaIso } from '#catalog/time.ts';
import { ConflictError } from '#store/errors.ts';
import type { Store } from '#store/store.ts';
import type { FileStore } from '../http/file-store.ts';
import { ProblemError } from '../http/problem.ts';
import type { Spreadsheets } from '../http/spreadsheet-types.ts';

/** Rows checked between two progress notes. */
const PROGRESS_ROWS = 1_000;
/** Row problems kept on the job (the error workbook has them all). */
const MAX_KEPT_ERRORS = 1_000;

export interface ImportRunner {
  store: Store;
  files: FileStore;
  spreadsheets: Spreadsheets;
  now: () => Date;
}

/** Where an import's file is, and its error workbook. */
export const importKeys = {
  upload: (job: Pick<ImportJob, 'changeSetId' | 'importId'>) => `imports/${job.changeSetId}/${job.importId}`,
  errors: (job: Pick<ImportJob, 'changeSetId' | 'importId'>) => `imports/${job.changeSetId}/${job.importId}-errors.xlsx`,
};

const errorColumns: Column[] = [
  { key: 'row', zh: '行号', en: 'Row', paths: [] },
  { key: 'column', zh: '列', en: 'Column', paths: [] },
  { key: 'message', zh: '问题', en: 'Problem', paths: [] },
];

/**
 * Runs a queued import (issue 11 §1): reads the uploaded file, checks every row (noting progress
 * as it goes), and adds all the changes at once if every row is good and the change set is still
 * at the version the import was asked for. Taking the job is conditional, so a redelivered
 * message or a second runner does nothing. Never throws for a bad file or a conflict: the job
 * says what happened.
 */
export async function runImport({ store, files, spreadsheets, now }: ImportRunner, changeSetId: string, importId: string): Promise<ImportJob | undefined> {
  const queued = await store.imports.get(changeSetId, importId);
  if (queued?.state !== 'queued') return queued;
  let job: ImportJob = { ...queued, state: 'running', updatedAt: toChinaIso(now().getTime()) };
  if (!(await store.imports.move(job, 'queued'))) return store.imports.get(changeSetId, importId);
  const save = async (next: Partial<ImportJob>) => {
    job = { ...job, ...next, updatedAt: toChinaIso(now().getTime()) };
    await store.imports.move(job, 'running');
    return job;
  };

  try {
    const body = await files.read(importKeys.upload(job));
    if (!body) return save({ state: 'failed', failure: 'the file was not found in storage; upload it again' });
    const sheet = await spreadsheets.readSheet(body, job.contentType, { maxRows: MAX_IMPORT_ROWS + 1 });
    await save({ rowsRead: sheet.rows.length });
    const header = matchHeader(job.kind, sheet.header);
    if (header.errors.length > 0) return reject(header.errors);
    const rows = spreadsheets.keyedRows(header.keys, sheet.rows);
    if (rows.length === 0) return save({ state: 'failed', failure: 'the file has a header but no rows' });
    if (rows.length > MAX_IMPORT_ROWS) return reject(rowsToChanges(job.kind, rows).errors);

    const changes: Change[] = [];
    const errors: RowError[] = [];
    for (let start = 0; start < rows.length; start += PROGRESS_ROWS) {
      const slice = rows.slice(start, start + PROGRESS_ROWS);
      const checked = rowsToChanges(job.kind, slice);
      changes.push(...checked.changes);
      errors.push(...checked.errors);
      const bad = new Set(errors.map((error) => error.row)).size;
      await save({ rowsValid: start + slice.length - bad, errorCount: bad });
    }
    if (errors.length > 0) return reject(errors);

    const current = await store.changeSets.get(changeSetId);
    if (!current || current.version !== job.expectedVersion) {
      return save({ state: 'failed', failure: 'the change set was changed after the import was asked for; nothing was added — import again' });
    }
    const edited = transition({ changeSet: current, action: 'edit', actor: job.by, now: toChinaIso(now().getTime()) });
    if (!edited.ok) return save({ state: 'failed', failure: edited.refusal.message });
    const { changeSet } = await store.changeSets.addChanges(edited.changeSet, job.expectedVersion, changes, now().getTime());
    return save({ state: 'done', imported: changes.length, changeSetVersion: changeSet.version });
  } catch (error) {
    if (error instanceof ConflictError) return save({ state: 'failed', failure: 'the change set was changed meanwhile; nothing was added — import again' });
    if (error instanceof ProblemError) return save({ state: 'failed', failure: error.detail ?? error.message });
    await save({ state: 'failed', failure: 'the import could not be completed; nothing was added — try again' });
    throw error;
  }

  async function reject(errors: RowError[]): Promise<ImportJob> {
    const rows = [...errors].sort((a, b) => a.row - b.row);
    const workbook = await spreadsheets.writeXlsx(
      '错误',
      errorColumns,
      rows.map(({ row, column, message }) => ({ row, column, message })),
    );
    await files.write(importKeys.errors(job), new Uint8Array(workbook), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return save({ state: 'rejected', errorCount: new Set(rows.map((error) => error.row)).size, errors: rows.slice(0, MAX_KEPT_ERRORS) });
  }
}

/**
 * Locally (and in tests), an import runs in this process after the request that started it has
 * answered, as the importer function runs it on AWS.
 */
export function inProcessImports(runner: ImportRunner, onError: (error: unknown) => void = console.error) {
  return async (changeSetId: string, importId: string): Promise<void> => {
    void runImport(runner, changeSetId, importId).catch(onError);
  };
}
