import { addCodedIssue } from '../problem-codes.ts';
import * as z from 'zod';
import { type Identity, Role } from '../identity.ts';
import { Instant, toEpochMs } from '../time.ts';
import { applicantRole, visibleTo } from './access.ts';
import type { Application } from './application.ts';
import { applicationLimits } from './limits.ts';
import { ApplicationType, DocumentId, MaterialKey, materialSpec } from './materials.ts';
import { nextState } from './transitions.ts';

/**
 * The files that carry an application's materials (issue 14 §2). The applicant asks where to
 * upload one (a presigned form, straight to storage), uploads it, and confirms it: the server then
 * reads the file, sniffs its real type from its bytes, refuses a type other than the declared one
 * or a file over 20 MB, runs the virus scan, and keeps it with who uploaded what when. A provided
 * material's declaration names its files; reviewers open them in the browser.
 */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** How long a request to upload stays open (the upload URL itself is shorter-lived). */
export const UPLOAD_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * What may be uploaded: PDF, pictures and Office files, each with the type its bytes must sniff as
 * and the file name endings it goes by. The old Office formats are all one container (MS-CFB), so
 * their bytes say "an Office file" and the declared type says which. Macro-enabled Office files
 * (docm, xlsm) sniff as their own types and are refused.
 */
export const documentTypes = {
  'application/pdf': { sniffed: 'application/pdf', extensions: ['pdf'] },
  'image/jpeg': { sniffed: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  'image/png': { sniffed: 'image/png', extensions: ['png'] },
  'image/gif': { sniffed: 'image/gif', extensions: ['gif'] },
  'image/webp': { sniffed: 'image/webp', extensions: ['webp'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    sniffed: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    sniffed: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    sniffed: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  'application/msword': { sniffed: 'application/x-cfb', extensions: ['doc'] },
  'application/vnd.ms-excel': { sniffed: 'application/x-cfb', extensions: ['xls'] },
  'application/vnd.ms-powerpoint': { sniffed: 'application/x-cfb', extensions: ['ppt'] },
} as const satisfies Record<string, { sniffed: string; extensions: readonly string[] }>;

export type DocumentContentType = keyof typeof documentTypes;
export const DocumentContentType = z
  .enum(Object.keys(documentTypes) as [DocumentContentType, ...DocumentContentType[]])
  .meta({ id: 'DocumentContentType', description: 'PDF, JPEG, PNG, GIF, WebP, Word, Excel or PowerPoint (97–2003 or 2007 and later)' });

/** Every file name ending that may be uploaded, for a file picker's `accept`. */
export const documentExtensions: readonly string[] = Object.values(documentTypes).flatMap((type) => type.extensions);

/** The declared type of a file name's ending, if it may be uploaded. */
export function contentTypeOfFilename(filename: string): DocumentContentType | undefined {
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (Object.keys(documentTypes) as DocumentContentType[]).find((type) => (documentTypes[type].extensions as readonly string[]).includes(extension ?? ''));
}

export const RequestDocumentUpload = z
  .strictObject({
    materialKey: MaterialKey,
    filename: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^/\\\p{Cc}]+$/u, 'a file name, without folders or control characters')
      .meta({ example: '项目成本测算表.pdf' }),
    contentType: DocumentContentType,
    size: z
      .number()
      .int()
      .min(1)
      .max(MAX_DOCUMENT_BYTES, `a file of at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`)
      .meta({ description: 'Bytes; storage refuses a larger upload, and the server checks the file again' }),
  })
  .superRefine((request, ctx) => {
    if (contentTypeOfFilename(request.filename) !== request.contentType) {
      const endings = documentTypes[request.contentType].extensions.map((extension) => `.${extension}`).join(' or ');
      addCodedIssue(ctx, ['filename'], {
        code: 'filename_not_of_type',
        params: { endings: documentTypes[request.contentType].extensions.map((extension) => `.${extension}`).join(' ') },
        message: `a file of type ${request.contentType} is named …${endings}`,
      });
    }
  })
  .meta({ id: 'RequestDocumentUpload' });
export type RequestDocumentUpload = z.infer<typeof RequestDocumentUpload>;

export const DocumentState = z.enum(['awaiting-upload', 'stored', 'refused']).meta({ id: 'DocumentState' });

export const DocumentRefusalCode = z
  .enum(['document-empty', 'document-too-large', 'document-type-not-allowed', 'document-type-mismatch', 'document-infected', 'documents-closed'])
  .meta({ id: 'DocumentRefusalCode' });
export type DocumentRefusalCode = z.infer<typeof DocumentRefusalCode>;

export const ScanResult = z
  .strictObject({
    scanner: z.string().meta({ description: 'Which scanner ran ("none": no scanner is configured; every file passes)' }),
    verdict: z.enum(['clean', 'infected']),
    threat: z.string().optional().meta({ description: 'What the scanner found, when infected' }),
    at: Instant,
  })
  .meta({ id: 'DocumentScan' });
export type ScanResult = z.infer<typeof ScanResult>;

export const ApplicationDocument = z
  .strictObject({
    id: DocumentId,
    applicationType: ApplicationType,
    applicationId: z.string(),
    orgId: z.string(),
    materialKey: MaterialKey,
    filename: z.string().meta({ description: 'As uploaded; the download carries it' }),
    contentType: DocumentContentType.meta({ description: 'As declared, and checked against the bytes once uploaded' }),
    declaredSize: z.number().int(),
    state: DocumentState.meta({ description: 'awaiting-upload → stored (checked and scanned) | refused (deleted)' }),
    uploadedBy: z.strictObject({ sub: z.string(), name: z.string(), role: Role }),
    requestedAt: Instant,
    storedAt: Instant.optional(),
    size: z.number().int().optional().meta({ description: 'Bytes as stored' }),
    sniffedType: z.string().optional().meta({ description: 'The type the bytes say they are (application/x-cfb for Office 97–2003)' }),
    scan: ScanResult.optional(),
    refusal: z.strictObject({ code: DocumentRefusalCode, message: z.string() }).optional(),
  })
  .meta({ id: 'ApplicationDocument' });
export type ApplicationDocument = z.infer<typeof ApplicationDocument>;

export type DocumentRefusal =
  | { code: 'not-visible'; message: string }
  | { code: 'forbidden'; message: string }
  | { code: 'unknown-material'; material: string; message: string }
  | { code: 'documents-closed'; state: Application['state']; material: string; message: string }
  | { code: 'document-limit'; max: number; message: string };

/**
 * Whether `actor` may add a file to `materialKey` of `application` now. Only the applying
 * organisation uploads (anyone else who may not see the application is told it does not exist);
 * and only while the workflow lets it change that material: in a draft, while answering a
 * supplement request, and for a material deferred or declared unavailable while it may still be
 * supplied (容缺后补, 2020 No.2 §2(7)). A submitted provided material stays as the reviewer saw it.
 */
export function uploadRefusal(
  application: Application,
  actor: Identity,
  materialKey: string,
  documents: readonly ApplicationDocument[],
  now: string,
): DocumentRefusal | undefined {
  if (!visibleTo(application, actor)) return { code: 'not-visible', message: 'no such application' };
  if (actor.role !== applicantRole(application.type)) return { code: 'forbidden', message: 'only the applying organisation uploads its materials' };
  if (materialSpec(application.type, materialKey) === undefined)
    return { code: 'unknown-material', material: materialKey, message: `material ${materialKey} is not on the checklist of a ${application.type} application` };
  if (!documentsOpen(application, materialKey))
    return {
      code: 'documents-closed',
      state: application.state,
      material: materialKey,
      message: `files of ${materialKey} cannot be added to a ${application.state} application`,
    };
  const open = documents.filter((document) => counts(document, now));
  const ofMaterial = open.filter((document) => document.materialKey === materialKey && document.state === 'stored').length;
  if (ofMaterial >= applicationLimits.documentsPerMaterial)
    return {
      code: 'document-limit',
      max: applicationLimits.documentsPerMaterial,
      message: `a material holds at most ${applicationLimits.documentsPerMaterial} files`,
    };
  if (open.length >= applicationLimits.documentRecordsPerApplication)
    return {
      code: 'document-limit',
      max: applicationLimits.documentRecordsPerApplication,
      message: `an application holds at most ${applicationLimits.documentRecordsPerApplication} files and uploads in progress`,
    };
  return undefined;
}

/** Whether the workflow lets the applicant change this material's files in the application's state. */
export function documentsOpen(application: Application, materialKey: string): boolean {
  const allows = (action: 'edit' | 'supply-supplement' | 'supply-material') => nextState(application.type, application.state, action) !== undefined;
  if (allows('edit') || allows('supply-supplement')) return true;
  const declared = application.materials.find((material) => material.key === materialKey);
  return allows('supply-material') && declared !== undefined && declared.status !== 'provided';
}

export type UploadedFileCheck = { ok: true } | { ok: false; refusal: { code: DocumentRefusalCode; message: string } };

/**
 * The uploaded bytes against what was declared: not empty, at most 20 MB, of an allowed type
 * according to its bytes (not its name), the declared one; and, once scanned, clean.
 */
export function checkUploadedFile(
  declared: DocumentContentType,
  file: { size: number; sniffedType: string | undefined },
  scan?: Pick<ScanResult, 'verdict' | 'threat'>,
): UploadedFileCheck {
  const refuse = (code: DocumentRefusalCode, message: string): UploadedFileCheck => ({ ok: false, refusal: { code, message } });
  if (file.size === 0) return refuse('document-empty', 'the file is empty');
  if (file.size > MAX_DOCUMENT_BYTES)
    return refuse('document-too-large', `the file is ${file.size} bytes, more than the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB allowed`);
  const allowed = Object.values(documentTypes).some((type) => type.sniffed === file.sniffedType);
  if (!allowed)
    return refuse(
      'document-type-not-allowed',
      `the file's content is ${file.sniffedType ?? 'of no known type'}: only PDF, pictures and Office files are taken`,
    );
  if (documentTypes[declared].sniffed !== file.sniffedType)
    return refuse('document-type-mismatch', `the file was declared ${declared} but its content is ${file.sniffedType}`);
  if (scan?.verdict === 'infected') return refuse('document-infected', `the virus scan found ${scan.threat ?? 'a threat'}`);
  return { ok: true };
}

/** A stored file as the workflow sees it: which material, since when. */
export interface DocumentFact {
  id: string;
  materialKey: string;
  storedAt: string;
}

export function documentFacts(documents: readonly ApplicationDocument[]): DocumentFact[] {
  return documents.flatMap((document) =>
    document.state === 'stored' && document.storedAt !== undefined ? [{ id: document.id, materialKey: document.materialKey, storedAt: document.storedAt }] : [],
  );
}

/** Stored files count for good; an upload asked for counts while it may still arrive; refused ones not at all. */
function counts(document: ApplicationDocument, now: string): boolean {
  if (document.state === 'stored') return true;
  return document.state === 'awaiting-upload' && toEpochMs(now) - toEpochMs(document.requestedAt) < UPLOAD_WINDOW_MS;
}
