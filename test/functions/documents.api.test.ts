import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../policy-catalog/applications/documents.ts';
import { DOCUMENT_URL_SECONDS } from '../../functions/routes/documents.ts';
import { documentClient, sample, testFileStore } from '../support/documents.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 14 §2: the files of applications, uploaded through the local signed URLs (the same
// contract as S3's presigned POST and GET), checked by their bytes, kept per application with who
// uploaded what when, and opened only by the applying organisation and the bureau.
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let storage: ReturnType<typeof testFileStore>;
let docs: ReturnType<typeof documentClient>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  storage = testFileStore();
  t = await startTestApp({ files: storage.files });
  docs = documentClient(t);
  tokens.hospital = await t.tokenFor('hospital', '张敏', 'hosp-a');
  tokens.colleague = await t.tokenFor('hospital', '李娜', 'hosp-a');
  tokens.otherHospital = await t.tokenFor('hospital', '刘洋', 'hosp-b');
  tokens.firm = await t.tokenFor('firm', '陈静', 'firm-a');
  tokens.reviewer = await t.tokenFor('reviewer', '赵敏');
  tokens.downstream = await t.tokenFor('downstream', '医院HIS');
});
afterAll(() => rmSync(storage.directory, { recursive: true, force: true }));

describe('uploading a material’s file', () => {
  it('keeps a PDF uploaded through the signed form, with who uploaded it when, and lets the draft name it', async () => {
    const id = await docs.draft(tokens.hospital as string);
    const asked = await docs.ask(id, tokens.hospital as string, { size: sample.pdf.byteLength });
    expect(asked.status).toBe(201);
    expect(asked.body.document).toMatchObject({ state: 'awaiting-upload', materialKey: 'cost-calculation', filename: '项目成本测算表.pdf' });
    expect(asked.body.upload).toMatchObject({ method: 'POST', url: 'http://localhost:3000/files/upload', maxBytes: MAX_DOCUMENT_BYTES });
    const documentId = asked.body.document.id as string;

    expect((await docs.confirm(id, documentId, tokens.hospital as string)).status).toBe(409);
    expect(await docs.upload(asked.body.upload, sample.pdf)).toBe(204);
    // Anyone of the hospital confirms; the record keeps who asked for the upload.
    const confirmed = await docs.confirm(id, documentId, tokens.colleague as string);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.document).toMatchObject({
      state: 'stored',
      size: sample.pdf.byteLength,
      sniffedType: 'application/pdf',
      uploadedBy: { name: '张敏', role: 'hospital' },
      requestedAt: '2026-11-23T10:00:00+08:00',
      storedAt: '2026-11-23T10:00:00+08:00',
      scan: { scanner: 'none', verdict: 'clean' },
    });
    expect((await docs.confirm(id, documentId, tokens.hospital as string)).status).toBe(404);
    expect(await storage.files.exists(`uploads/service/${id}/${documentId}`)).toBe(false);

    const listed = await t.call('GET', `/v1/service-applications/${id}/documents`, { token: tokens.hospital as string });
    expect(listed.body.items.map((document: { id: string }) => document.id)).toEqual([documentId]);
    const materials = (await t.call('GET', `/v1/service-applications/${id}`, { token: tokens.hospital as string })).body.application.materials.map(
      (material: { key: string }) => (material.key === 'cost-calculation' ? { ...material, documents: [documentId] } : material),
    );
    const edited = await docs.act(id, 'edit', tokens.hospital as string, { materials });
    expect(edited.status).toBe(200);
    expect(edited.body.application.materials.find((material: { key: string }) => material.key === 'cost-calculation')).toEqual({
      key: 'cost-calculation',
      status: 'provided',
      documents: [documentId],
    });
  });

  it('opens the file in the browser for the applicant and for reviewers, by a short-lived link', async () => {
    const id = await docs.draft(tokens.hospital as string);
    const documentId = (await docs.put(id, tokens.hospital as string, sample.pdf)).body.document.id as string;
    for (const who of ['hospital', 'reviewer'] as const) {
      const opened = await docs.open(id, documentId, tokens[who] as string);
      expect(opened.status, who).toBe(200);
      expect(opened.headers.get('cache-control')).toBe('no-store');
      expect(Date.parse(opened.body.urlExpiresAt) - t.clock.now().getTime()).toBe(DOCUMENT_URL_SECONDS * 1000);
      const file = await docs.fetchUrl(opened.body.url);
      expect(file.status).toBe(200);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(sample.pdf);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-disposition')).toBe(`inline; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('项目成本测算表.pdf')}`);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('takes a picture and an Office file by their bytes', async () => {
    const id = await docs.draft(tokens.hospital as string);
    const png = await docs.put(id, tokens.hospital as string, sample.png, {
      filename: '申报表扫描件.png',
      contentType: 'image/png',
      materialKey: 'application-form',
    });
    expect(png.body.document).toMatchObject({ state: 'stored', sniffedType: 'image/png', contentType: 'image/png' });
    const book = new ExcelJS.Workbook();
    book.addWorksheet('成本测算').addRow(['设备折旧', 1200]);
    const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
    const sheet = await docs.put(id, tokens.hospital as string, xlsx, { filename: '项目成本测算表.xlsx', contentType: XLSX });
    expect(sheet.body.document).toMatchObject({ state: 'stored', sniffedType: XLSX, contentType: XLSX });
  });
});

describe('files refused by their content', () => {
  it.each([
    ['a program renamed .pdf', sample.exe, 'document-type-not-allowed', 'application/x-msdownload'],
    ['plain text renamed .pdf', new TextEncoder().encode('这不是PDF文件'), 'document-type-not-allowed', undefined],
    ['a PNG named .pdf', sample.png, 'document-type-mismatch', 'image/png'],
  ])('refuses %s and deletes it', async (_label, bytes, code, sniffedType) => {
    const id = await docs.draft(tokens.hospital as string);
    const asked = await docs.ask(id, tokens.hospital as string, { size: bytes.byteLength });
    expect(await docs.upload(asked.body.upload, bytes)).toBe(204);
    const documentId = asked.body.document.id as string;
    const refused = await docs.confirm(id, documentId, tokens.hospital as string);
    expect(refused.status).toBe(422);
    expect(refused.body.refusal).toEqual({ code, size: bytes.byteLength, declaredType: 'application/pdf', ...(sniffedType ? { sniffedType } : {}) });
    expect(await storage.files.exists(`uploads/service/${id}/${documentId}`)).toBe(false);
    expect(await storage.files.exists(`documents/service/${id}/${documentId}`)).toBe(false);
    expect((await t.call('GET', `/v1/service-applications/${id}/documents`, { token: tokens.hospital as string })).body.items).toEqual([]);
    expect((await docs.open(id, documentId, tokens.hospital as string)).status).toBe(404);
    expect((await docs.confirm(id, documentId, tokens.hospital as string)).status).toBe(404);
    // The refusal is on record, for a month.
    expect(await t.store.documents.get('service', id, documentId)).toMatchObject({ state: 'refused', refusal: { code }, uploadedBy: { name: '张敏' } });
  });

  it('refuses a file over 20 MB: when asked, at the storage, and when storage let one through', async () => {
    const id = await docs.draft(tokens.hospital as string);
    const tooBig = await docs.ask(id, tokens.hospital as string, { size: MAX_DOCUMENT_BYTES + 1 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors.map((error: { path: string }) => error.path)).toEqual(['size']);

    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(sample.pdf);
    const asked = await docs.ask(id, tokens.hospital as string, { size: 1024 });
    expect(await docs.upload(asked.body.upload, big)).toBe(413);
    // As if storage had not enforced its limit: the server checks the file itself.
    await storage.files.write(`uploads/service/${id}/${asked.body.document.id}`, big);
    const refused = await docs.confirm(id, asked.body.document.id, tokens.hospital as string);
    expect(refused.status).toBe(422);
    expect(refused.body.refusal).toMatchObject({ code: 'document-too-large', size: MAX_DOCUMENT_BYTES + 1 });
    expect(await storage.files.exists(`uploads/service/${id}/${asked.body.document.id}`)).toBe(false);
  });

  it('refuses a declared type that is not a document, or a name that says another type', async () => {
    const id = await docs.draft(tokens.hospital as string);
    const exe = await docs.ask(id, tokens.hospital as string, { filename: 'setup.exe', contentType: 'application/x-msdownload', size: 100 });
    expect(exe.status).toBe(400);
    const renamed = await docs.ask(id, tokens.hospital as string, { filename: '测算表.docx', size: 100 });
    expect(renamed.body.errors.map((error: { path: string }) => error.path)).toEqual(['filename']);
    expect(renamed.body.errors[0]).toMatchObject({ code: 'filename_not_of_type', params: { endings: '.pdf' } });
  });
});

describe('who may upload and open an application’s files', () => {
  let id: string;
  let documentId: string;
  beforeAll(async () => {
    id = await docs.draft(tokens.hospital as string, '250403100090002');
    documentId = (await docs.put(id, tokens.hospital as string, sample.pdf)).body.document.id as string;
  });

  it('answers another organisation’s request for a file 404, exactly as for a file that does not exist', async () => {
    const missing = await docs.open(id, crypto.randomUUID(), tokens.hospital as string);
    expect(missing.status).toBe(404);
    for (const who of ['otherHospital', 'firm'] as const) {
      const opened = await docs.open(id, documentId, tokens[who] as string);
      expect(opened.status, who).toBe(404);
      expect(JSON.stringify(opened.body), who).not.toContain('项目成本测算表');
      expect(opened.body.title).toBe(missing.body.title);
      const listed = await t.call('GET', `/v1/service-applications/${id}/documents`, { token: tokens[who] as string });
      expect(listed.status, who).toBe(404);
    }
    // Systems read the catalog, never applications: their role is refused outright.
    expect((await docs.open(id, documentId, tokens.downstream as string)).status).toBe(403);
  });

  it('lets no hospital upload to another’s application, nor confirm an upload there', async () => {
    const asked = await docs.ask(id, tokens.otherHospital as string, { size: sample.pdf.byteLength });
    expect(asked.status).toBe(404);
    const own = await docs.ask(id, tokens.hospital as string, { size: sample.pdf.byteLength });
    await docs.upload(own.body.upload, sample.pdf);
    expect((await docs.confirm(id, own.body.document.id, tokens.otherHospital as string)).status).toBe(404);
    expect((await docs.ask(id, tokens.reviewer as string, { size: 100 })).status).toBe(403);
  });

  it('refuses and deletes an upload asked for in the draft but confirmed after submission', async () => {
    const draft = await docs.draft(tokens.hospital as string, '250403100090005');
    const asked = await docs.ask(draft, tokens.hospital as string, { size: sample.pdf.byteLength });
    await docs.upload(asked.body.upload, sample.pdf);
    expect((await docs.act(draft, 'submit', tokens.hospital as string)).status).toBe(200);
    const late = await docs.confirm(draft, asked.body.document.id, tokens.hospital as string);
    expect(late.status).toBe(409);
    expect(late.body.refusal).toMatchObject({ code: 'documents-closed', state: 'submitted' });
    expect(await storage.files.exists(`uploads/service/${draft}/${asked.body.document.id}`)).toBe(false);
    expect(await t.store.documents.get('service', draft, asked.body.document.id)).toMatchObject({ state: 'refused', refusal: { code: 'documents-closed' } });
  });

  it('closes a submitted material to new files', async () => {
    const submitted = await docs.act(id, 'submit', tokens.hospital as string);
    expect(submitted.status).toBe(200);
    const asked = await docs.ask(id, tokens.hospital as string, { size: sample.pdf.byteLength });
    expect(asked.status).toBe(409);
    expect(asked.body.refusal).toMatchObject({ code: 'documents-closed', state: 'submitted', material: 'cost-calculation' });
  });
});

describe('the API document', () => {
  it('describes the document routes of every application type', async () => {
    const { paths } = (await t.call('GET', '/openapi.json')).body;
    for (const type of ['service', 'listing', 'designation']) {
      expect(paths[`/v1/${type}-applications/{id}/documents`], type).toHaveProperty('post');
      expect(paths[`/v1/${type}-applications/{id}/documents/{documentId}`], type).toHaveProperty('get');
      expect(paths[`/v1/${type}-applications/{id}/documents/{documentId}/confirm`], type).toHaveProperty('post');
    }
  });
});

describe('signed URLs', () => {
  it('refuses a download link once it has expired, and a tampered one', async () => {
    const id = await docs.draft(tokens.hospital as string);
    const documentId = (await docs.put(id, tokens.hospital as string, sample.pdf)).body.document.id as string;
    const { url } = (await docs.open(id, documentId, tokens.reviewer as string)).body;
    storage.skew((DOCUMENT_URL_SECONDS - 1) * 1000);
    expect((await docs.fetchUrl(url)).status).toBe(200);
    storage.skew((DOCUMENT_URL_SECONDS + 1) * 1000);
    const expired = await docs.fetchUrl(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('expired');
    storage.skew(0);
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Date.now() + 3_600_000));
    expect((await docs.fetchUrl(tampered.href)).status).toBe(403);
    const elsewhere = new URL(url);
    elsewhere.searchParams.set('key', `documents/service/${id}/${crypto.randomUUID()}`);
    expect((await docs.fetchUrl(elsewhere.href)).status).toBe(403);
  });

  it('refuses an upload form once it has expired', async () => {
    const id = await docs.draft(tokens.hospital as string);
    const asked = await docs.ask(id, tokens.hospital as string, { size: sample.pdf.byteLength });
    storage.skew(16 * 60 * 1000);
    expect(await docs.upload(asked.body.upload, sample.pdf)).toBe(403);
    storage.skew(0);
    expect((await docs.confirm(id, asked.body.document.id, tokens.hospital as string)).status).toBe(409);
  });
});
