import { fieldErrorCodes } from './problem-codes.ts';
import * as z from 'zod';
import { Identity } from './identity.ts';
import { EntryKind } from './kinds.ts';
import { Instant } from './time.ts';

/** Files larger than a request may carry go to storage first; this is the most one import takes. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * An import of a large file into a draft (issue 11 §1), in the steps it goes through:
 * `awaiting-upload` (the browser puts the file in storage) → `queued` (the upload is confirmed)
 * → `running` → `done` (every row became a change, all at once) | `rejected` (bad rows; nothing
 * was added) | `failed` (the change set changed meanwhile, or the file could not be read).
 */
export const ImportState = z.enum(['awaiting-upload', 'queued', 'running', 'done', 'rejected', 'failed']).meta({ id: 'ImportState' });
export type ImportState = z.infer<typeof ImportState>;

export const ImportRowError = z
  .strictObject({
    row: z.number().int(),
    column: z.string(),
    code: z.enum(fieldErrorCodes).optional().meta({ description: 'What is wrong, stable (absent on imports rejected before codes existed)' }),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    message: z.string().meta({ description: 'In English' }),
  })
  .meta({ id: 'ImportRowError' });

export const ImportJob = z
  .strictObject({
    importId: z.string(),
    changeSetId: z.string(),
    kind: EntryKind,
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    /** The change set's version when the import was asked for: the changes are added only if it is still that. */
    expectedVersion: z.number().int(),
    state: ImportState,
    rowsRead: z.number().int().meta({ description: 'Data rows read from the file so far' }),
    rowsValid: z.number().int().meta({ description: 'Rows checked and found good so far' }),
    errorCount: z.number().int().meta({ description: 'Bad rows found so far' }),
    errors: z.array(ImportRowError).meta({ description: 'The first 1,000 row problems, when rejected' }),
    imported: z.number().int().optional().meta({ description: 'Changes added, when done' }),
    changeSetVersion: z.number().int().optional().meta({ description: 'The change set’s version after the import, when done' }),
    failure: z.string().optional().meta({ description: 'Why it failed, when failed' }),
    by: Identity.meta({ description: 'Who asked for the import; the changes are added as theirs' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'ImportJob' });
export type ImportJob = z.infer<typeof ImportJob>;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const RequestImport = z
  .strictObject({
    kind: EntryKind,
    filename: z.string().trim().min(1).max(200).meta({ example: '核酸检测价格.xlsx' }),
    contentType: z.enum(['text/csv', XLSX_TYPE]).meta({ description: 'The file’s type: CSV (UTF-8 or GB18030) or XLSX' }),
    size: z
      .number()
      .int()
      .min(1)
      .max(MAX_UPLOAD_BYTES, `a file of at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split a larger one`)
      .meta({ description: 'Bytes; the upload is refused by storage if it is larger' }),
  })
  .meta({ id: 'RequestImport' });
export type RequestImport = z.infer<typeof RequestImport>;

/** Whether an import has ended (nothing more will change it). */
export function importEnded(state: ImportState): boolean {
  return state === 'done' || state === 'rejected' || state === 'failed';
}
