import { contentTypeOfFilename, type DocumentContentType, documentTypes, MAX_DOCUMENT_BYTES } from '../../../policy-catalog/applications/documents.ts';
import type { ApplicationType } from '../../../policy-catalog/applications/materials.ts';
import { ApiError } from '../api/api-http.ts';
import { documentsApi } from '../api/documents-api.ts';
import { isMessageKey, t } from '../i18n/i18n.ts';

/** The file picker's `accept`: the endings the server takes. */
export const acceptedFiles = Object.values(documentTypes)
  .flatMap((type) => type.extensions.map((extension) => `.${extension}`))
  .join(',');

/** A size as people read it: bytes, KB or MB (one decimal). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return t('document.bytes', { count: bytes });
  if (bytes < 1024 * 1024) return t('document.kb', { count: (bytes / 1024).toFixed(1) });
  return t('document.mb', { count: (bytes / 1024 / 1024).toFixed(1) });
}

/**
 * What is wrong with a chosen file before anything is sent: a type the server does not take, an
 * empty file, more than 20 MB. The server checks again, by the file's bytes.
 */
export function chosenFileProblem(file: File): { message: string } | { contentType: DocumentContentType } {
  const contentType = contentTypeOfFilename(file.name);
  if (contentType === undefined) return { message: t('document.error.unsupported', { name: file.name }) };
  if (file.size === 0) return { message: t('document.error.empty', { name: file.name }) };
  if (file.size > MAX_DOCUMENT_BYTES) return { message: t('document.error.tooLarge', { name: file.name, size: fileSize(file.size) }) };
  return { contentType };
}

/** An upload's failure in words, or undefined for a problem `<gc-problem>` says better (no access, bad fields). */
export function uploadErrorText(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const { problem } = error;
  if (problem.type === 'network') return t('document.error.network');
  if (problem.type === 'upload-refused') return problem.status === 403 ? t('document.error.expired') : t('document.error.storage', { status: problem.status });
  if (problem.type === '/problems/service-unavailable') return t('document.error.scanUnavailable');
  const refusal = problem.refusal as { code?: string; max?: number; declaredType?: string; sniffedType?: string } | undefined;
  const key = `document.error.${refusal?.code}`;
  if (refusal === undefined || !isMessageKey(key)) return undefined;
  return t(key, { max: refusal.max ?? '', declared: typeName(refusal.declaredType), sniffed: typeName(refusal.sniffedType) });
}

/**
 * Opens a stored file in a new tab: the tab is opened at once (a browser lets a click open one,
 * not a promise that settles later), then sent to the short-lived link the API issues.
 */
export async function openDocument(type: ApplicationType, applicationId: string, documentId: string): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const { url } = await documentsApi.link(type, applicationId, documentId);
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
    } else {
      window.location.assign(url);
    }
  } catch (error) {
    tab?.close();
    throw error;
  }
}

/** A MIME type as its usual name (PDF, PNG, Word…); the type itself when it has none. */
function typeName(mime: string | undefined): string {
  if (mime === undefined) return '—';
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'image/jpeg': 'JPEG',
    'image/png': 'PNG',
    'image/gif': 'GIF',
    'image/webp': 'WebP',
    'application/x-cfb': 'Office 97–2003',
    'application/msword': 'Word 97–2003',
    'application/vnd.ms-excel': 'Excel 97–2003',
    'application/vnd.ms-powerpoint': 'PowerPoint 97–2003',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
    'application/x-msdownload': 'EXE',
    'application/zip': 'ZIP',
  };
  return known[mime] ?? mime;
}
