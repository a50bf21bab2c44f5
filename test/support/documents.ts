import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalFileStore } from '../../functions/local/local-file-store.ts';
import { providedMaterials, servicePayload } from './applications.ts';
import type { TestApp } from './fixtures.ts';

/** Bytes that sniff as what their names say (issue 14 §2 tests). */
export const sample = {
  pdf: new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  /** A Windows program's first bytes (MZ header): what an .exe renamed .pdf looks like inside. */
  exe: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, ...new Array(240).fill(0)]),
};

/**
 * Local storage for a test, on a clock of its own: `skew` moves it (a signed URL expires when
 * the store's clock passes its time).
 */
export function testFileStore(): { files: LocalFileStore; directory: string; skew: (ms: number) => void } {
  const directory = mkdtempSync(path.join(tmpdir(), 'gc-docs-'));
  let offset = 0;
  const files = new LocalFileStore(directory, 'http://localhost:3000', undefined, () => Date.now() + offset);
  return { files, directory, skew: (ms) => (offset = ms) };
}

/** The application steps and file calls a test makes, through HTTP as the console does. */
export function documentClient(t: TestApp) {
  const base = (id: string) => `/v1/service-applications/${id}`;
  const client = {
    async draft(token: string, itemCode = '250403100090001'): Promise<string> {
      const created = await t.call('POST', '/v1/service-applications', {
        token,
        body: { payload: servicePayload({ itemCode }), materials: providedMaterials('service', false) },
      });
      if (created.status !== 201) throw new Error(`draft: ${JSON.stringify(created.body)}`);
      return created.body.application.id as string;
    },

    ask(id: string, token: string, file: { materialKey?: string; filename?: string; contentType?: string; size: number }) {
      return t.call('POST', `${base(id)}/documents`, {
        token,
        body: { materialKey: 'cost-calculation', filename: '项目成本测算表.pdf', contentType: 'application/pdf', ...file },
      });
    },

    /** The browser's part: the signed form's fields, then the file, to the URL the API gave. */
    async upload(upload: { url: string; fields: Record<string, string> }, bytes: Uint8Array, filename = 'upload.pdf'): Promise<number> {
      const form = new FormData();
      for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
      form.append('file', new Blob([bytes as BlobPart]), filename);
      return (await t.app.request(new URL(upload.url).pathname, { method: 'POST', body: form })).status;
    },

    confirm(id: string, documentId: string, token: string) {
      return t.call('POST', `${base(id)}/documents/${documentId}/confirm`, { token });
    },

    /** Ask, upload and confirm: the stored file's record (or the refusal's answer). */
    async put(id: string, token: string, bytes: Uint8Array, file: { materialKey?: string; filename?: string; contentType?: string } = {}) {
      const asked = await client.ask(id, token, { ...file, size: bytes.byteLength });
      if (asked.status !== 201) throw new Error(`ask: ${JSON.stringify(asked.body)}`);
      const uploaded = await client.upload(asked.body.upload, bytes);
      if (uploaded !== 204) throw new Error(`upload: ${uploaded}`);
      return client.confirm(id, asked.body.document.id, token);
    },

    open(id: string, documentId: string, token: string) {
      return t.call('GET', `${base(id)}/documents/${documentId}`, { token });
    },

    /** GET a signed URL the way a browser follows a link: no token. */
    fetchUrl(url: string) {
      const { pathname, search } = new URL(url);
      return t.app.request(pathname + search);
    },

    /** An application step with the ETag just read. */
    async act(id: string, action: string, token: string, body: unknown = {}) {
      const etag = (await t.call('GET', base(id), { token })).headers.get('etag') ?? '';
      return t.call('POST', `${base(id)}/${action}`, { token, body, headers: { 'If-Match': etag } });
    },
  };
  return client;
}
