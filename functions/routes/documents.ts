import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { visibleTo } from '#catalog/applications/access.ts';
import {
  ApplicationDocument,
  checkUploadedFile,
  type DocumentRefusal,
  documentsOpen,
  MAX_DOCUMENT_BYTES,
  RequestDocumentUpload,
  uploadRefusal,
} from '#catalog/applications/documents.ts';
import type { Application } from '#catalog/applications/application.ts';
import { ApplicationType, DocumentId } from '#catalog/applications/materials.ts';
import type { Identity } from '#catalog/identity.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { type DocumentScanner, noScanner, sniffContentType } from '../http/document-scanner.ts';
import { type FileStore, PRESIGNED_SECONDS } from '../http/file-store.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError, type ProblemType } from '../http/problem.ts';
import { Upload } from './imports.ts';

/** Document routes, made for the app by whoever serves them (see `applicationDocuments`). */
export type DocumentRoutes = (deps: { store: Store; clock: Clock }) => OpenAPIHono<AppEnv>;

/** A download link is a secret for this long: enough to open the file, too short to pass around. */
export const DOCUMENT_URL_SECONDS = 5 * 60;

/** Where an application's files are kept: uploads land apart and expire; checked files are kept for good. */
export const documentKeys = {
  upload: (document: ApplicationDocument) => `uploads/${document.applicationType}/${document.applicationId}/${document.id}`,
  stored: (document: ApplicationDocument) => `documents/${document.applicationType}/${document.applicationId}/${document.id}`,
};

/**
 * The files of green-channel applications (issue 14 §2), with the storage, the content sniffing
 * and the virus-scan hook. Given to the app by the exchange function and the local server, never
 * imported by the app itself, so that none of it is in the API function's bundle.
 */
export function applicationDocuments({ files, scanner = noScanner }: { files: FileStore; scanner?: DocumentScanner }): DocumentRoutes {
  return ({ store, clock }) => {
    const app = new OpenAPIHono<AppEnv>();
    for (const type of ApplicationType.options) app.route(`/${type}-applications`, documentRoutes({ store, clock, files, scanner, type }));
    return app;
  };
}

const Params = z.strictObject({ id: z.string().min(1).max(40) });
const DocumentParams = Params.extend({ documentId: DocumentId });

function documentRoutes({
  store,
  clock,
  files,
  scanner,
  type,
}: {
  store: Store;
  clock: Clock;
  files: FileStore;
  scanner: DocumentScanner;
  type: ApplicationType;
}) {
  const app = new OpenAPIHono<AppEnv>();
  const tags = ['Application documents'];
  const now = () => toChinaIso(clock.now().getTime());
  /** The application, or 404 for anyone who may not know it exists. */
  const load = async (id: string, actor: Identity): Promise<Application> => {
    const application = await store.applications.get(type, id);
    if (!application || !visibleTo(application, actor)) throw new ProblemError('not-found', `no ${type} application ${id}`);
    return application;
  };
  /** One of its files; another application's, or one never stored, answers as a missing one. */
  const documentOf = async (application: Application, documentId: string, state: ApplicationDocument['state']): Promise<ApplicationDocument> => {
    const document = await store.documents.get(type, application.id, documentId);
    if (!document || document.state !== state) throw new ProblemError('not-found', `no file ${documentId} in ${type} application ${application.id}`);
    return document;
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/documents',
      tags,
      security: bearerSecurity,
      summary: 'Ask to upload a file for a material: where to upload it',
      description: `The applying organisation only, while the workflow lets it change that material (a draft; answering a supplement request; a deferred or unavailable material before the decision). PDF, pictures or Office files of at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB. Answers the file's record and a signed form valid ${PRESIGNED_SECONDS / 60} minutes: POST its fields and then the file (field \`file\`) to its URL, then POST …/documents/{documentId}/confirm. Nothing is kept until confirmed.`,
      request: { params: Params, body: jsonBody(RequestDocumentUpload) },
      responses: {
        201: json(z.object({ document: ApplicationDocument, upload: Upload }), 'Upload the file with the form, then confirm'),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden', 'not-found', 'invalid-state', 'unprocessable', 'limit-reached'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'application-document:upload');
      const request = c.req.valid('json');
      const application = await load(c.req.valid('param').id, actor);
      const at = now();
      const refusal = uploadRefusal(application, actor, request.materialKey, await store.documents.list(type, application.id), at);
      if (refusal) throw refusalProblem(refusal);
      const document: ApplicationDocument = {
        id: crypto.randomUUID(),
        applicationType: type,
        applicationId: application.id,
        orgId: application.orgId,
        materialKey: request.materialKey,
        filename: request.filename,
        contentType: request.contentType,
        declaredSize: request.size,
        state: 'awaiting-upload',
        uploadedBy: { sub: actor.sub, name: actor.name, role: actor.role },
        requestedAt: at,
      };
      await store.documents.create(document);
      const upload = await files.presignUpload(documentKeys.upload(document), {
        maxBytes: MAX_DOCUMENT_BYTES,
        contentType: request.contentType,
        expiresInSeconds: PRESIGNED_SECONDS,
      });
      c.header('Location', `/v1/${type}-applications/${application.id}/documents/${document.id}`);
      return c.json({ document, upload }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/documents/{documentId}/confirm',
      tags,
      security: bearerSecurity,
      summary: 'The file is uploaded: check it, scan it and keep it',
      description:
        'Reads the uploaded file, finds its type from its bytes (not its name), and refuses — deleting it — an empty file, one over 20 MB, one whose content is not PDF, a picture or an Office file, one whose content is not the type declared (an .exe renamed .pdf), or one the virus scan finds infected (422 with `refusal.code`). Otherwise the file is kept with who uploaded it and when. Name it in the material’s declaration (`documents`) to provide the material.',
      request: { params: DocumentParams },
      responses: {
        200: json(z.object({ document: ApplicationDocument }), 'Kept'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found', 'invalid-state', 'unprocessable'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'application-document:upload');
      const { id, documentId } = c.req.valid('param');
      const application = await load(id, actor);
      const document = await documentOf(application, documentId, 'awaiting-upload');
      const uploaded = documentKeys.upload(document);
      if (!documentsOpen(application, document.materialKey)) {
        await refuse(document, { code: 'documents-closed', message: `files of ${document.materialKey} cannot be added to a ${application.state} application` });
        throw new ProblemError(
          'invalid-state',
          `the application is ${application.state} now: files of ${document.materialKey} can no longer be added`,
          undefined,
          {
            extensions: { refusal: { code: 'documents-closed', state: application.state, material: document.materialKey } },
          },
        );
      }
      const bytes = await files.read(uploaded);
      if (!bytes) throw new ProblemError('invalid-state', 'the file has not been uploaded yet; upload it with the form first');
      const sniffedType = await sniffContentType(bytes);
      const inspected = { size: bytes.byteLength, ...(sniffedType === undefined ? {} : { sniffedType }) };
      let decided = checkUploadedFile(document.contentType, { size: bytes.byteLength, sniffedType });
      let scan: ApplicationDocument['scan'];
      if (decided.ok) {
        const verdict = await scanner.scan({ bytes, filename: document.filename, contentType: document.contentType }).catch((error: unknown) => {
          throw new ProblemError('service-unavailable', 'the virus scan could not run; confirm the upload again shortly', undefined, { cause: error });
        });
        scan = { scanner: scanner.name, ...verdict, at: now() };
        decided = checkUploadedFile(document.contentType, { size: bytes.byteLength, sniffedType }, verdict);
      }
      if (!decided.ok) {
        await refuse({ ...document, ...inspected, ...(scan ? { scan } : {}) }, decided.refusal);
        throw new ProblemError('unprocessable', `the file was refused and deleted: ${decided.refusal.message}`, undefined, {
          extensions: { refusal: { code: decided.refusal.code, ...inspected, declaredType: document.contentType } },
        });
      }
      await files.write(documentKeys.stored(document), bytes, document.contentType);
      const kept: ApplicationDocument & { state: 'stored' } = { ...document, ...inspected, state: 'stored', storedAt: now(), ...(scan ? { scan } : {}) };
      if (!(await store.documents.settle(kept))) throw new ProblemError('invalid-state', 'the file was confirmed already');
      await files.delete(uploaded);
      return c.json({ document: kept }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/documents',
      tags,
      security: bearerSecurity,
      summary: 'The files kept for an application: which material, who uploaded what when',
      description: 'The applying organisation and the bureau. At most 10 per material (see the checklist), oldest first; no paging.',
      request: { params: Params },
      responses: {
        200: json(z.object({ items: z.array(ApplicationDocument) }), 'The stored files'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'application-document:read');
      const application = await load(c.req.valid('param').id, actor);
      const items = (await store.documents.list(type, application.id)).filter((document) => document.state === 'stored');
      c.header('Cache-Control', 'no-store');
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/documents/{documentId}',
      tags,
      security: bearerSecurity,
      summary: 'One stored file, with a short-lived link that opens it in the browser',
      description: `The applying organisation and the bureau; anyone else is answered 404, as for a file that does not exist. The link is signed for ${DOCUMENT_URL_SECONDS / 60} minutes and refused after that: ask again for a new one.`,
      request: { params: DocumentParams },
      responses: {
        200: json(
          z.object({
            document: ApplicationDocument,
            url: z.string().meta({ description: 'GET it (no token) to open the file inline, under its own name' }),
            urlExpiresAt: z.string().meta({ description: 'When the link stops working' }),
          }),
          'The file and its link',
        ),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'application-document:read');
      const { id, documentId } = c.req.valid('param');
      const document = await documentOf(await load(id, actor), documentId, 'stored');
      const url = await files.presignDownload(documentKeys.stored(document), {
        filename: document.filename,
        contentType: document.contentType,
        expiresInSeconds: DOCUMENT_URL_SECONDS,
        disposition: 'inline',
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ document, url, urlExpiresAt: toChinaIso(clock.now().getTime() + DOCUMENT_URL_SECONDS * 1000) }, 200);
    },
  );

  /** A refused upload: the file is deleted, the record says why. */
  async function refuse(document: ApplicationDocument, refusal: NonNullable<ApplicationDocument['refusal']>): Promise<void> {
    await files.delete(documentKeys.upload(document));
    await store.documents.settle({ ...document, state: 'refused', refusal });
  }

  return app;
}

const refusalTypes: Record<DocumentRefusal['code'], ProblemType> = {
  'not-visible': 'not-found',
  forbidden: 'forbidden',
  'unknown-material': 'unprocessable',
  'documents-closed': 'invalid-state',
  'document-limit': 'limit-reached',
};

function refusalProblem(refusal: DocumentRefusal): ProblemError {
  const { message, ...details } = refusal;
  return new ProblemError(refusalTypes[refusal.code], message, undefined, { extensions: { refusal: details } });
}
