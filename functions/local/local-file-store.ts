import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { contentDisposition, type Disposition, type FileStore } from '../http/file-store.ts';
import { ProblemError } from '../http/problem.ts';

/**
 * The local stand-in for S3 (issue 11 §1): files in a directory under the data directory, and
 * the same signed-URL contract the console uses on AWS — an upload is a form POST of the signed
 * fields and the file, refused when expired, tampered with, too large or of another type; a
 * download is a GET of a signed URL. Written here rather than run as an S3-compatible server
 * from npm: the maintained ones are large Java or Go programs, the small npm ones are
 * unmaintained, and the app needs only these two signed operations, which the S3 path covers
 * with the AWS SDK's own presigners. Expiry is checked against `now` (the system clock unless a
 * test gives another).
 */
export class LocalFileStore implements FileStore {
  private readonly secret: Buffer;

  constructor(
    private readonly directory: string,
    /** The app's own origin: the URLs point at its `/files` routes. */
    private readonly origin: string,
    secret?: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    mkdirSync(directory, { recursive: true });
    this.secret = secret ?? randomBytes(32);
  }

  async presignUpload(key: string, { maxBytes, contentType, expiresInSeconds }: { maxBytes: number; contentType: string; expiresInSeconds: number }) {
    const fields = { key, 'Content-Type': contentType, expires: String(this.now() + expiresInSeconds * 1000), max: String(maxBytes) };
    return {
      method: 'POST' as const,
      url: `${this.origin}/files/upload`,
      fields: { ...fields, signature: this.sign(['upload', ...Object.values(fields)]) },
      maxBytes,
    };
  }

  async presignDownload(
    key: string,
    {
      filename,
      contentType,
      expiresInSeconds,
      disposition = 'attachment',
    }: { filename: string; contentType: string; expiresInSeconds: number; disposition?: Disposition },
  ) {
    const query = { key, filename, type: contentType, disposition, expires: String(this.now() + expiresInSeconds * 1000) };
    const signature = this.sign(['download', ...Object.values(query)]);
    return `${this.origin}/files/download?${new URLSearchParams({ ...query, signature })}`;
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const file = this.pathOf(key);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
  }

  async write(key: string, body: Uint8Array | string): Promise<void> {
    const file = this.pathOf(key);
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, body);
    renameSync(partial, file);
  }

  async exists(key: string): Promise<boolean> {
    return existsSync(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    rmSync(this.pathOf(key), { force: true });
  }

  /** `/files/upload` and `/files/download`, mounted at the app's root by the local server. */
  routes(): Hono {
    const app = new Hono();
    app.post('/files/upload', async (c) => {
      const form = await c.req.formData().catch(() => undefined);
      const field = (name: string) => {
        const value = form?.get(name);
        return typeof value === 'string' ? value : '';
      };
      const fields = [field('key'), field('Content-Type'), field('expires'), field('max')];
      if (!this.verify(['upload', ...fields], field('signature'))) throw new ProblemError('forbidden', 'the upload is not signed by this server');
      if (Number(field('expires')) < this.now()) throw new ProblemError('forbidden', 'the upload URL has expired; ask for a new one');
      const file = form?.get('file');
      if (!(file instanceof File))
        throw new ProblemError('validation-failed', 'the form has no file', [{ path: 'file', in: 'body', code: 'required', message: 'required' }]);
      if (file.size > Number(field('max'))) throw new ProblemError('payload-too-large', `the file is larger than the ${field('max')} bytes the upload allows`);
      await this.write(field('key'), new Uint8Array(await file.arrayBuffer()));
      return c.body(null, 204);
    });
    app.get('/files/download', async (c) => {
      const signed = ['key', 'filename', 'type', 'disposition', 'expires'].map((name) => c.req.query(name) ?? '');
      const [key = '', filename = '', type = '', disposition = '', expires = ''] = signed;
      if (!this.verify(['download', ...signed], c.req.query('signature') ?? ''))
        throw new ProblemError('forbidden', 'the download is not signed by this server');
      if (Number(expires) < this.now()) throw new ProblemError('forbidden', 'the download URL has expired; ask for a new one');
      const body = await this.read(key);
      if (!body) throw new ProblemError('not-found', 'no such file');
      return c.body(body as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': type || 'application/octet-stream',
        'Content-Disposition': contentDisposition(filename || 'file', disposition === 'inline' ? 'inline' : 'attachment'),
        // A signed URL is a secret for a few minutes: no cache keeps the file beyond it.
        'Cache-Control': 'private, no-store',
      });
    });
    return app;
  }

  private pathOf(key: string): string {
    // Keys are the app's own (imports/…, exports/…); anything that would leave the directory is refused.
    if (!/^[A-Za-z0-9][A-Za-z0-9/._-]*$/.test(key) || key.includes('..')) throw new ProblemError('validation-failed', `not a file key: ${key}`);
    return path.join(this.directory, key);
  }

  private sign(parts: string[]): string {
    return createHmac('sha256', this.secret).update(parts.join('\n')).digest('base64url');
  }

  private verify(parts: string[], signature: string): boolean {
    const expected = Buffer.from(this.sign(parts));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
