import type { ApplicationType } from '../../../policy-catalog/applications/materials.ts';
import { ApiError, HttpClient } from './api-http.ts';
import type { components } from './openapi.d.ts';

/** A kept file of an application, as the API's schema says. */
export type ApplicationDocument = components['schemas']['ApplicationDocument'];
export type DocumentContentType = ApplicationDocument['contentType'];

/** Where an upload is: sending the bytes (with the share sent), or the server checking them. */
export type UploadProgress = { phase: 'sending'; percent: number } | { phase: 'checking' };

/**
 * The application documents' endpoints (issue 14 §2): ask where to upload a material's file,
 * send it straight to storage with the signed form (S3 on AWS, the local store in `npm start`),
 * have the server check and keep it; list an application's files; and get a short-lived link
 * that opens one in the browser.
 */
export class DocumentsClient extends HttpClient {
  /** The files kept for an application, oldest first. */
  async list(type: ApplicationType, id: string, signal?: AbortSignal): Promise<ApplicationDocument[]> {
    const page = await this.request<{ items: ApplicationDocument[] }>(pathOf(type, id), signal ? { signal } : {});
    return page.items;
  }

  /** A link to the file, valid a few minutes, issued only to the applicant and the bureau. */
  link(type: ApplicationType, id: string, documentId: string): Promise<{ document: ApplicationDocument; url: string; urlExpiresAt: string }> {
    return this.request([...pathOf(type, id), documentId]);
  }

  /**
   * Upload one file for a material: ask, send (telling `onProgress` the share sent), confirm.
   * A file the server refuses (its content is not what its name says, too large, infected) is an
   * ApiError whose problem's `refusal.code` says why.
   */
  async upload(
    type: ApplicationType,
    id: string,
    material: { materialKey: string; file: File; contentType: DocumentContentType },
    onProgress: (progress: UploadProgress) => void,
  ): Promise<ApplicationDocument> {
    const { materialKey, file, contentType } = material;
    const asked = await this.request<{ document: ApplicationDocument; upload: { url: string; fields: Record<string, string> } }>(pathOf(type, id), {
      method: 'POST',
      body: { materialKey, filename: file.name, contentType, size: file.size },
    });
    onProgress({ phase: 'sending', percent: 0 });
    await sendForm(asked.upload, file, (percent) => onProgress({ phase: 'sending', percent }));
    onProgress({ phase: 'checking' });
    const confirmed = await this.request<{ document: ApplicationDocument }>([...pathOf(type, id), asked.document.id, 'confirm'], { method: 'POST' });
    return confirmed.document;
  }
}

/** The one documents client of the console; main.ts points it at the API with the other. */
export const documentsApi = new DocumentsClient();

function pathOf(type: ApplicationType, id: string): string[] {
  return ['v1', `${type}-applications`, id, 'documents'];
}

/**
 * The signed form and the file, to storage. XMLHttpRequest rather than fetch: only it reports
 * how much of the body has been sent. Storage answers a refusal in its own words (S3 in XML),
 * so a failure is told by its status: 403 for an expired or altered form, 413 for a file too large.
 */
function sendForm(upload: { url: string; fields: Record<string, string> }, file: File, onPercent: (percent: number) => void): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onPercent(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else reject(new ApiError({ type: 'upload-refused', title: 'upload refused', status: request.status, detail: request.responseText.slice(0, 300) }));
    });
    request.addEventListener('error', () => reject(new ApiError({ type: 'network', title: 'network', status: 0 })));
    request.send(form);
  });
}
