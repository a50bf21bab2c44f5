import { fileTypeFromBuffer } from 'file-type';

/**
 * Where a virus scanner plugs in (issue 14 §2). Every uploaded file of an application is scanned
 * after its type is checked and before it is kept; an infected one is refused and deleted, and
 * the verdict is recorded on the file either way.
 *
 * The default, `noScanner`, passes every file and records its name as "none", so a deployment
 * without a scanner says so on every file. A real one implements `scan` — for instance a ClamAV
 * daemon reached over its INSTREAM command (clamd, `zINSTREAM`), or a cloud service — and is handed
 * to `applicationDocuments({ scanner })` by the exchange function (functions/handlers/exchange.ts)
 * and the local server. On AWS, GuardDuty Malware Protection for S3 can scan the bucket as well;
 * it tags objects after the fact and does not replace this synchronous check.
 */
export interface DocumentScanner {
  /** Recorded on every file it scanned. */
  readonly name: string;
  /** Throwing means "could not scan now": the upload stays unconfirmed and may be confirmed again. */
  scan(file: { bytes: Uint8Array; filename: string; contentType: string }): Promise<ScanVerdict>;
}

export type ScanVerdict = { verdict: 'clean' } | { verdict: 'infected'; threat: string };

export const noScanner: DocumentScanner = {
  name: 'none',
  scan: async () => ({ verdict: 'clean' }),
};

/**
 * The type a file's bytes say it is (its magic numbers and, for Office files, its parts), never
 * its name or the type the browser sent: `file-type`, which knows PDF, pictures, the Office
 * formats, executables and archives. Undefined for text and anything it does not know.
 */
export async function sniffContentType(bytes: Uint8Array): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes))?.mime;
}
