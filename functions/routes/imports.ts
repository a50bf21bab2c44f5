import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ImportJob, MAX_UPLOAD_BYTES, RequestImport } from '#catalog/import-job.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { checkIfMatch, IfMatchHeader } from '../http/etag.ts';
import { type FileStore, PRESIGNED_SECONDS } from '../http/file-store.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';
import { importKeys } from '../jobs/run-import.ts';
import { decide, inScope, load } from './change-set-steps.ts';

const tags = ['Change sets'];
const ids = z.strictObject({ id: z.string().min(1).max(100), importId: z.uuid() });

/** The signed form a browser uploads a file with (imports, application documents). */
export const Upload = z
  .object({
    method: z.literal('POST'),
    url: z.string(),
    fields: z.record(z.string(), z.string()).meta({ description: 'Send these form fields first, then the file as the field `file`' }),
    maxBytes: z.number().int(),
  })
  .meta({ id: 'PresignedUpload' });

/**
 * Imports of large files (issue 11 §1): the file goes straight from the browser to storage (S3,
 * or its local stand-in) through a signed form, the import runs outside any request (the
 * importer function on AWS, in-process locally), and its progress is read here. The changes are
 * added all at once, and only if the change set is still as it was when the import was asked for.
 */
export function importRoutes({
  store,
  clock,
  files,
  startImport,
}: {
  store: Store;
  clock: Clock;
  files: FileStore;
  /** Hands a queued import to its runner. */
  startImport: (changeSetId: string, importId: string) => Promise<void>;
}) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/change-sets/{id}/imports',
      tags,
      security: bearerSecurity,
      summary: 'Ask to import a large file into a draft: where to upload it',
      description: `Answers an import id and a signed form to upload the file to (at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, valid ${PRESIGNED_SECONDS / 60} minutes). Upload it, then POST …/imports/{importId}/start. The import adds its changes only if the change set is still at the version given in If-Match.`,
      request: { params: z.strictObject({ id: z.string().min(1).max(100) }), headers: IfMatchHeader, body: jsonBody(RequestImport) },
      responses: {
        201: json(z.object({ import: ImportJob, upload: Upload }), 'Upload the file with the form'),
        ...problems(
          'validation-failed',
          'malformed-json',
          'unauthenticated',
          'forbidden',
          'not-author',
          'not-found',
          'invalid-state',
          'precondition-failed',
          'precondition-required',
          'out-of-scope',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:edit');
      const { id } = c.req.valid('param');
      const request = c.req.valid('json');
      const current = await load(store, id);
      checkIfMatch(c, current);
      const at = toChinaIso(clock.now().getTime());
      // Only a change set its caller may edit now: the import is an edit, made later.
      decide(current, 'edit', actor, clock.now());
      inScope(current, { op: 'import' });
      const job: ImportJob = {
        importId: crypto.randomUUID(),
        changeSetId: id,
        ...request,
        expectedVersion: current.version,
        state: 'awaiting-upload',
        rowsRead: 0,
        rowsValid: 0,
        errorCount: 0,
        errors: [],
        by: actor,
        createdAt: at,
        updatedAt: at,
      };
      await store.imports.create(job);
      const upload = await files.presignUpload(importKeys.upload(job), {
        maxBytes: MAX_UPLOAD_BYTES,
        contentType: request.contentType,
        expiresInSeconds: PRESIGNED_SECONDS,
      });
      c.header('Location', `/v1/change-sets/${id}/imports/${job.importId}`);
      return c.json({ import: job, upload }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/change-sets/{id}/imports/{importId}/start',
      tags,
      security: bearerSecurity,
      summary: 'The file is uploaded: run the import',
      request: { params: ids },
      responses: {
        202: json(z.object({ import: ImportJob }), 'Queued; follow it at GET …/imports/{importId}'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found', 'invalid-state'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:edit');
      const { id, importId } = c.req.valid('param');
      const job = await store.imports.get(id, importId);
      if (!job || job.by.sub !== actor.sub) throw new ProblemError('not-found', `no import ${importId} of yours in change set ${id}`);
      if (job.state !== 'awaiting-upload') throw new ProblemError('invalid-state', `the import is ${job.state} already`);
      if (!(await files.exists(importKeys.upload(job))))
        throw new ProblemError('invalid-state', 'the file has not been uploaded yet; upload it with the form first');
      const queued: ImportJob = { ...job, state: 'queued', updatedAt: toChinaIso(clock.now().getTime()) };
      if (!(await store.imports.move(queued, 'awaiting-upload'))) throw new ProblemError('invalid-state', 'the import was started already');
      await startImport(id, importId);
      return c.json({ import: queued }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/change-sets/{id}/imports/{importId}',
      tags,
      security: bearerSecurity,
      summary: 'An import’s state and progress; when rejected, the bad rows and a workbook of them',
      request: { params: ids },
      responses: {
        200: json(
          z.object({
            import: ImportJob,
            errorWorkbookUrl: z.string().optional().meta({ description: 'Every bad row, as XLSX; a signed URL valid 15 minutes' }),
          }),
          'The import',
        ),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found'),
      },
    }),
    async (c) => {
      authorize(c, 'change-set:read');
      const { id, importId } = c.req.valid('param');
      const job = await store.imports.get(id, importId);
      if (!job) throw new ProblemError('not-found', `no import ${importId} in change set ${id}`);
      c.header('Cache-Control', 'no-store');
      if (job.state !== 'rejected') return c.json({ import: job }, 200);
      const errorWorkbookUrl = await files.presignDownload(importKeys.errors(job), {
        filename: `${job.filename.replace(/\.[^.]+$/, '')}-错误.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        expiresInSeconds: PRESIGNED_SECONDS,
      });
      return c.json({ import: job, errorWorkbookUrl }, 200);
    },
  );

  return app;
}
