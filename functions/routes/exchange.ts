import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import * as z from 'zod';
import { ChangeSet, transition } from '#catalog/change-set.ts';
import type { Change } from '#catalog/change.ts';
import { entriesToRows, exportColumnsOf, MAX_IMPORT_ROWS, matchHeader, type NumberedRow, rowsToChanges, type RowError } from '#catalog/exchange.ts';
import { EntryKind } from '#catalog/kinds.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv } from '../http/openapi.ts';
import { checkIfMatch, IfMatchHeader } from '../http/etag.ts';
import { ProblemError } from '../http/problem.ts';
import { type FileStore, PRESIGNED_SECONDS } from '../http/file-store.ts';
import { inScope } from './change-set-steps.ts';
import { CSV_TYPE, XLSX_TYPE, type Spreadsheets } from '../http/spreadsheet-types.ts';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

const StoredExport = z
  .object({ url: z.string(), filename: z.string(), release: z.number().int(), format: z.enum(['csv', 'xlsx', 'ndjson']) })
  .meta({ id: 'StoredExport' });
const NDJSON_TYPE = 'application/x-ndjson';
const contentTypes = { csv: `${CSV_TYPE}; charset=utf-8`, xlsx: XLSX_TYPE, ndjson: NDJSON_TYPE } as const;

/**
 * Import a CSV or XLSX file into a draft change set; export the current view of a kind. The
 * spreadsheet code (ExcelJS and its dependencies, several hundred KB) is passed in, so that on
 * AWS these routes run in a function of their own and the API function stays small.
 */
export function exchangeRoutes({ store, clock, spreadsheets, files }: { store: Store; clock: Clock; spreadsheets: Spreadsheets; files?: FileStore }) {
  const { keyedRows, readSheet, writeCsv, writeXlsx } = spreadsheets;
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/change-sets/{id}/import',
      tags: ['Change sets'],
      security: bearerSecurity,
      summary: 'Import a CSV or XLSX file of one kind into a draft, as changes',
      description:
        'The body is the file itself, with Content-Type text/csv or the XLSX type. The first row names the columns, in Chinese or English (see GET /v1/catalog/{kind}/export for the layout); each further row is one change. Money is in yuan (two decimals at most); times are ISO 8601 with offset or "2022-05-01 08:00" in China time. All or nothing: if any row is bad, nothing is added and the answer lists every bad row with its row number and column. A text cell exported with a leading \' before =, +, -, @, tab or carriage return (CSV formula neutralisation) imports without that \'. Limits: 20 MB of file (413), 20,000 rows (422), 100 MB unpacked from an XLSX (413); a CSV is UTF-8 or GB18030, and undecodable bytes are refused naming their row and column (400 invalid-encoding).',
      request: {
        params: z.strictObject({ id: z.string().min(1).max(100) }),
        query: z.strictObject({ kind: EntryKind }),
        headers: IfMatchHeader,
      },
      responses: {
        201: json(z.object({ changeSet: ChangeSet, imported: z.number().int() }), 'Every row became a change'),
        ...problems(
          'validation-failed',
          'unauthenticated',
          'forbidden',
          'not-author',
          'not-found',
          'invalid-state',
          'conflict',
          'precondition-failed',
          'precondition-required',
          'out-of-scope',
          'import-rejected',
          'unreadable-file',
          'invalid-encoding',
          'payload-too-large',
          'unsupported-media-type',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:edit');
      const { id } = c.req.valid('param');
      const { kind } = c.req.valid('query');
      const current = await store.changeSets.get(id);
      if (!current) throw new ProblemError('not-found', `no change set ${id}`);
      checkIfMatch(c, current);
      const now = clock.now();
      const edited = transition({ changeSet: current, action: 'edit', actor, now: toChinaIso(now.getTime()) });
      if (!edited.ok) throw new ProblemError(edited.refusal.code === 'not-author' ? 'not-author' : 'invalid-state', edited.refusal.message);
      inScope(current, { op: 'import' });

      const body = await c.req.arrayBuffer();
      if (body.byteLength === 0) throw new ProblemError('unreadable-file', 'the request has no file in its body');
      // The app's request limits (http/limits.ts) have already stopped reading a body much larger than this.
      if (body.byteLength > MAX_FILE_BYTES)
        throw new ProblemError('payload-too-large', `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it into smaller files`);
      // One row more than allowed is read, so that rowsToChanges names the row past the limit.
      const sheet = await readSheet(body, c.req.header('Content-Type') ?? '', { maxRows: MAX_IMPORT_ROWS + 1 });
      const header = matchHeader(kind, sheet.header);
      if (header.errors.length > 0) throw rejected(header.errors);
      const { changes, errors } = await rowsToChangesInTurns(kind, keyedRows(header.keys, sheet.rows));
      if (errors.length > 0) throw rejected(errors);
      if (changes.length === 0) throw new ProblemError('unreadable-file', 'the file has a header but no rows');

      const { changeSet } = await store.changeSets.addChanges(edited.changeSet, current.version, changes, now.getTime());
      c.header('ETag', `"v${changeSet.version}"`);
      return c.json({ changeSet, imported: changes.length }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/catalog/{kind}/export',
      tags: ['Catalog'],
      security: bearerSecurity,
      summary: 'The current view of a kind as CSV, XLSX or NDJSON',
      description:
        'csv and xlsx: one row per period of each entry’s timeline, in the import layout with Chinese column names; the file imports back unchanged. ndjson: one entry (as in GET /v1/catalog/{kind}/{code}) per line. Where the service keeps files (S3 on AWS), the file is written once per release, kind and format, and the answer points to it: 303 to a signed URL, or with `Accept: application/json` a JSON body with that URL (valid 15 minutes). Otherwise the file is the body (ndjson streamed as it is read).',
      request: { params: z.strictObject({ kind: EntryKind }), query: z.strictObject({ format: z.enum(['csv', 'xlsx', 'ndjson']).default('csv') }) },
      responses: {
        303: { description: 'The stored file: follow Location (a signed URL)' },
        200: {
          description: 'The file, or (with Accept: application/json, where files are kept) where it is',
          content: {
            'application/json': { schema: StoredExport },
            [CSV_TYPE]: { schema: z.string() },
            [XLSX_TYPE]: { schema: z.string().meta({ format: 'binary' }) },
            [NDJSON_TYPE]: { schema: z.string() },
          },
        },
        ...problems('validation-failed', 'unauthenticated'),
      },
    }),
    async (c) => {
      authorize(c, 'catalog:read');
      const { kind } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const release = await store.releases.visibleRelease();
      const filename = `${kind}-release-${release}.${format}`;
      if (files) {
        // The catalog as of a release never changes: its file is written once and then only handed out.
        const key = `exports/${kind}/release-${release}.${format}`;
        const contentType = contentTypes[format];
        if (!(await files.exists(key))) await files.write(key, await exportFile(kind, format, release), contentType);
        const url = await files.presignDownload(key, { filename, contentType, expiresInSeconds: PRESIGNED_SECONDS });
        c.header('Cache-Control', 'no-store');
        if ((c.req.header('Accept') ?? '').includes('application/json')) return c.json({ url, filename, release, format }, 200);
        return c.redirect(url, 303) as never;
      }
      c.header('Content-Disposition', `attachment; filename="${filename}"`);
      c.header('ETag', `"r${release}-${format}"`);
      if (format === 'ndjson') {
        c.header('Content-Type', NDJSON_TYPE);
        // Page by page from the table, a line an entry: the body is never held whole.
        return stream(c, async (output) => {
          for await (const lines of ndjsonPages(kind, release)) await output.write(lines);
        }) as never;
      }
      const body = await exportFile(kind, format, release);
      return c.body(body as never, 200, { 'Content-Type': contentTypes[format] });
    },
  );

  async function* ndjsonPages(kind: EntryKind, release: number): AsyncGenerator<string> {
    let cursor: string | undefined;
    do {
      const page = await store.releases.listView(kind, { asOf: release, limit: 500, ...(cursor === undefined ? {} : { cursor }) });
      if (page.items.length > 0) yield page.items.map((entry) => `${JSON.stringify({ ...entry, asOfRelease: release })}\n`).join('');
      cursor = page.cursor;
    } while (cursor !== undefined);
  }

  async function exportFile(kind: EntryKind, format: 'csv' | 'xlsx' | 'ndjson', release: number): Promise<Uint8Array | string> {
    if (format === 'ndjson') {
      let text = '';
      for await (const lines of ndjsonPages(kind, release)) text += lines;
      return text;
    }
    const rows = entriesToRows(kind, await store.releases.allEntries(kind, release));
    if (format === 'csv') return writeCsv(exportColumnsOf(kind), rows);
    return new Uint8Array(await writeXlsx(kind, exportColumnsOf(kind), rows));
  }

  return app;
}

/** rowsToChanges a thousand rows at a time (20,000 rows take about 0.4 s), letting other requests run between. */
async function rowsToChangesInTurns(kind: EntryKind, rows: NumberedRow[]): Promise<{ changes: Change[]; errors: RowError[] }> {
  if (rows.length > MAX_IMPORT_ROWS) return rowsToChanges(kind, rows);
  const changes: Change[] = [];
  const errors: RowError[] = [];
  for (let start = 0; start < rows.length; start += 1_000) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = rowsToChanges(kind, rows.slice(start, start + 1_000));
    changes.push(...slice.changes);
    errors.push(...slice.errors);
  }
  return { changes: errors.length > 0 ? [] : changes, errors };
}

function rejected(errors: RowError[]): ProblemError {
  return new ProblemError(
    'import-rejected',
    `${new Set(errors.map((error) => error.row)).size} bad row(s); nothing was imported`,
    errors.slice(0, 1000).map(({ row, column, ...coded }) => ({ path: `rows.${row}.${column}`, in: 'body' as const, ...coded })),
    { extensions: { rows: errors.slice(0, 1000) } },
  );
}
