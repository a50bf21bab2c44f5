import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalFileStore } from '../../functions/local/local-file-store.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 11 §1: large files go from the browser to storage through a signed form, the import runs
// outside the request with its progress readable, and exports are written once per release.
// Storage here is the local stand-in for S3 (the same signed-URL contract); the S3 path is tested
// in s3-file-store.test.ts.
const header = '编码,操作,生效时间,失效时间,项目名称,计价单位,类别,最高限价（元）,组成（名称:限价元;…）';
const csv = (rows: string[]) => [header, ...rows].join('\n');
const goodRows = (count: number) =>
  Array.from({ length: count }, (_, i) => `BIG-${String(i).padStart(5, '0')},设置,2027-01-01,,大批量项目 ${i},次,检验,${(10 + (i % 90)).toFixed(2)},`);

let t: TestApp;
let officer: string;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'gc-files-'));
  t = await startTestApp({ seed: true, files: new LocalFileStore(directory, 'http://localhost:3000') });
  officer = await t.tokenFor('pricing-staff', '王芳');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function draft(): Promise<{ id: string; etag: string }> {
  const created = await t.call('POST', '/v1/change-sets', { token: officer, body: { title: '大文件导入' } });
  return { id: created.body.id, etag: created.headers.get('etag') as string };
}

async function requestImport(id: string, etag: string, file: { text: string; contentType?: string }) {
  return t.call('POST', `/v1/change-sets/${id}/imports`, {
    token: officer,
    headers: { 'If-Match': etag },
    body: { kind: 'price-items', filename: '价格.csv', contentType: file.contentType ?? 'text/csv', size: Buffer.byteLength(file.text) },
  });
}

/** The browser's upload: the signed form fields, then the file, to the URL the API gave. */
async function uploadTo(upload: { url: string; fields: Record<string, string> }, body: string | Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...fields })) form.append(name, value);
  form.append('file', new Blob([body as BlobPart]), 'upload.csv');
  const response = await t.app.request(new URL(upload.url).pathname, { method: 'POST', body: form });
  return response.status;
}

async function untilEnded(id: string, importId: string) {
  const seen: { rowsRead: number; rowsValid: number; state: string }[] = [];
  for (;;) {
    const { body } = await t.call('GET', `/v1/change-sets/${id}/imports/${importId}`, { token: officer });
    seen.push(body.import);
    if (['done', 'rejected', 'failed'].includes(body.import.state)) return { last: body, seen };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('importing a large file through storage', () => {
  it('takes 20,000 rows uploaded with the signed form, reports progress, and adds them all at once', async () => {
    const { id, etag } = await draft();
    const text = csv(goodRows(20_000));
    const asked = await requestImport(id, etag, { text });
    expect(asked.status).toBe(201);
    expect(asked.body.import).toMatchObject({ state: 'awaiting-upload', expectedVersion: 1, rowsRead: 0 });
    expect(asked.body.upload).toMatchObject({ method: 'POST', maxBytes: 20 * 1024 * 1024 });
    const importId = asked.body.import.importId as string;

    const early = await t.call('POST', `/v1/change-sets/${id}/imports/${importId}/start`, { token: officer });
    expect(early.status).toBe(409);
    expect(await uploadTo(asked.body.upload, text)).toBe(204);
    const started = await t.call('POST', `/v1/change-sets/${id}/imports/${importId}/start`, { token: officer });
    expect(started.status).toBe(202);
    expect((await t.call('POST', `/v1/change-sets/${id}/imports/${importId}/start`, { token: officer })).status).toBe(409);

    const { last, seen } = await untilEnded(id, importId);
    expect(last.import).toMatchObject({ state: 'done', imported: 20_000, rowsRead: 20_000, rowsValid: 20_000, errorCount: 0, changeSetVersion: 2 });
    // Progress was visible on the way: some reads saw it running, part-checked.
    expect(seen.some((job) => job.state === 'running' && job.rowsValid > 0 && job.rowsValid < 20_000)).toBe(true);
    const changeSet = await t.call('GET', `/v1/change-sets/${id}`, { token: officer });
    expect(changeSet.body.changeCount).toBe(20_000);
  }, 120_000);

  it('rejects a file with bad rows as a whole, listing them and offering them as a workbook', async () => {
    const { id, etag } = await draft();
    const text = csv([...goodRows(3), 'BAD-1,设置,2027-01-01,,坏价格,次,检验,-5,', 'BAD-2,设置,不是日期,,坏日期,次,检验,1.00,']);
    const asked = await requestImport(id, etag, { text });
    await uploadTo(asked.body.upload, text);
    await t.call('POST', `/v1/change-sets/${id}/imports/${asked.body.import.importId}/start`, { token: officer });
    const { last } = await untilEnded(id, asked.body.import.importId);
    expect(last.import).toMatchObject({ state: 'rejected', errorCount: 2, rowsRead: 5 });
    expect(last.import.errors.map((error: { row: number }) => error.row)).toEqual([5, 6]);
    const workbook = await t.app.request(new URL(last.errorWorkbookUrl).pathname + new URL(last.errorWorkbookUrl).search);
    expect(workbook.status).toBe(200);
    expect(workbook.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await workbook.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '问题']);
    expect(sheet.getRow(2).getCell(1).value).toBe(5);
    expect((await t.call('GET', `/v1/change-sets/${id}`, { token: officer })).body.changeCount).toBe(0);
  });

  it('adds nothing when the change set changed after the import was asked for', async () => {
    const { id, etag } = await draft();
    const text = csv(goodRows(2));
    const asked = await requestImport(id, etag, { text });
    await uploadTo(asked.body.upload, text);
    const added = await t.call('POST', `/v1/change-sets/${id}/changes`, {
      token: officer,
      headers: { 'If-Match': etag },
      body: {
        changes: [
          {
            kind: 'price-items',
            code: 'MEANWHILE',
            op: 'set',
            validFrom: '2027-01-01T00:00:00+08:00',
            attributes: { name: '期间新增', unit: '次', category: '检验', priceFen: 100 },
          },
        ],
      },
    });
    expect(added.status).toBe(201);
    await t.call('POST', `/v1/change-sets/${id}/imports/${asked.body.import.importId}/start`, { token: officer });
    const { last } = await untilEnded(id, asked.body.import.importId);
    expect(last.import.state).toBe('failed');
    expect(last.import.failure).toContain('changed');
  });

  it('refuses an upload that is tampered with, expired, too large or of another type, and a stale If-Match', async () => {
    const { id, etag } = await draft();
    const text = csv(goodRows(1));
    const asked = await requestImport(id, etag, { text });
    expect(await uploadTo(asked.body.upload, text, { key: `imports/${id}/someone-else` })).toBe(403);
    expect(await uploadTo(asked.body.upload, text, { max: String(100 * 1024 * 1024) })).toBe(403);
    expect(await uploadTo(asked.body.upload, text, { expires: String(Date.now() - 1) })).toBe(403);
    expect(await uploadTo(asked.body.upload, 'x'.repeat(21 * 1024 * 1024))).toBe(413);
    const tooBig = await t.call('POST', `/v1/change-sets/${id}/imports`, {
      token: officer,
      headers: { 'If-Match': etag },
      body: { kind: 'price-items', filename: 'big.csv', contentType: 'text/csv', size: 21 * 1024 * 1024 },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors[0]).toMatchObject({ path: 'size', in: 'body' });
    const pdf = await requestImport(id, etag, { text, contentType: 'application/pdf' });
    expect(pdf.body.errors[0]).toMatchObject({ path: 'contentType' });
    expect((await requestImport(id, '"v999"', { text })).status).toBe(412);
    const reviewer = await t.tokenFor('reviewer', '赵敏');
    // Only who asked for it starts it.
    expect((await t.call('POST', `/v1/change-sets/${id}/imports/${asked.body.import.importId}/start`, { token: reviewer })).status).toBe(404);
  });
});

describe('exporting through storage', () => {
  it('writes the file once per release, kind and format, and hands out the stored file after that', async () => {
    const allEntries = vi.spyOn(t.store.releases, 'allEntries');
    const first = await t.call('GET', '/v1/catalog/price-items/export?format=xlsx', { token: officer, headers: { Accept: 'application/json' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ format: 'xlsx', filename: expect.stringMatching(/^price-items-release-\d+\.xlsx$/) });
    expect(allEntries).toHaveBeenCalledTimes(1);
    const second = await t.call('GET', '/v1/catalog/price-items/export?format=xlsx', { token: officer });
    expect(second.status).toBe(303);
    expect(allEntries).toHaveBeenCalledTimes(1);
    const location = new URL(second.headers.get('location') as string);
    const file = await t.app.request(location.pathname + location.search);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    expect(book.worksheets[0]!.rowCount).toBeGreaterThan(1);
    const forged = new URL(location);
    forged.searchParams.set('key', 'exports/drug-entries/release-1.xlsx');
    expect((await t.app.request(forged.pathname + forged.search)).status).toBe(403);
    allEntries.mockRestore();
  });
});
