/**
 * Where files too large for a request live (issue 11 §1): uploads for imports, exports written
 * once per release, kind and format, and the files of applications (issue 14 §2). S3 on AWS; a
 * directory of the data directory locally, behind the same signed-URL contract.
 */
export interface FileStore {
  /**
   * Where the browser uploads one file: a form POST of `fields` and then the file (field `file`),
   * as S3's presigned POST takes it. Storage refuses a file over `maxBytes` or of another type.
   */
  presignUpload(key: string, options: { maxBytes: number; contentType: string; expiresInSeconds: number }): Promise<PresignedUpload>;
  /**
   * A URL anyone holding it may GET the file from until it expires, named `filename`: downloaded
   * (`attachment`, the default) or shown by the browser (`inline`).
   */
  presignDownload(key: string, options: { filename: string; contentType: string; expiresInSeconds: number; disposition?: Disposition }): Promise<string>;
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Gone, if it was there. */
  delete(key: string): Promise<void>;
}

export type Disposition = 'attachment' | 'inline';

export interface PresignedUpload {
  method: 'POST';
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
}

/** How long an upload or download URL is good for. */
export const PRESIGNED_SECONDS = 15 * 60;

/** The file name of a download, for Content-Disposition: ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(filename: string, disposition: Disposition = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
