import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { s3FileStore } from '../../functions/handlers/s3-file-store.ts';
import type { FileStore } from '../../functions/http/file-store.ts';
import * as spreadsheets from '../../functions/http/spreadsheet.ts';
import { importKeys } from '../../functions/jobs/run-import.ts';
import { createTestStore } from '../support/fixtures.ts';

// S3 cannot be reached here. The presigners run for real (they sign locally, with the fixed test
// credentials below); the object calls go to the SDK's client mock. The local stand-in for S3 is
// tested end to end in imports.api.test.ts, with the same runner this file drives.
const s3 = mockClient(S3Client);
const client = new S3Client({ region: 'ap-northeast-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
const files = s3FileStore({ bucket: 'gc-files', client });

afterAll(() => s3.restore());

describe('files in S3', () => {
  it('presigns an upload whose policy fixes the key and type and caps the size', async () => {
    const upload = await files.presignUpload('imports/cs-1/i-1', { maxBytes: 20 * 1024 * 1024, contentType: 'text/csv', expiresInSeconds: 900 });
    expect(upload.url).toBe('https://gc-files.s3.ap-northeast-1.amazonaws.com/');
    expect(upload.fields).toMatchObject({ key: 'imports/cs-1/i-1', 'Content-Type': 'text/csv', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' });
    const policy = JSON.parse(Buffer.from(upload.fields.Policy ?? '', 'base64').toString()) as { conditions: unknown[]; expiration: string };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 20 * 1024 * 1024],
        ['eq', '$Content-Type', 'text/csv'],
        { key: 'imports/cs-1/i-1' },
        { bucket: 'gc-files' },
      ]),
    );
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it('presigns a download that names the file in Chinese for the browser', async () => {
    const url = new URL(
      await files.presignDownload('exports/price-items/release-3.xlsx', { filename: '价格项目.xlsx', contentType: 'application/x', expiresInSeconds: 900 }),
    );
    expect(url.hostname).toBe('gc-files.s3.ap-northeast-1.amazonaws.com');
    expect(url.pathname).toBe('/exports/price-items/release-3.xlsx');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="____.xlsx"; filename*=UTF-8''${encodeURIComponent('价格项目.xlsx')}`,
    );
  });

  it('presigns a short-lived link that opens an application’s file in the browser (issue 14 §2)', async () => {
    const url = new URL(
      await files.presignDownload('documents/service/a-1/d-1', {
        filename: '测算表.pdf',
        contentType: 'application/pdf',
        expiresInSeconds: 300,
        disposition: 'inline',
      }),
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('response-content-disposition')).toBe(`inline; filename="___.pdf"; filename*=UTF-8''${encodeURIComponent('测算表.pdf')}`);
  });

  it('deletes an object (a refused upload)', async () => {
    s3.on(DeleteObjectCommand).resolves({});
    await files.delete('uploads/service/a-1/d-1');
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'gc-files', Key: 'uploads/service/a-1/d-1' });
  });

  it('reads, writes and asks for objects, a missing one being absent rather than an error', async () => {
    s3.on(HeadObjectCommand, { Key: 'exports/a' }).resolves({});
    s3.on(HeadObjectCommand, { Key: 'exports/b' }).rejects(new NotFound({ message: 'Not Found', $metadata: {} }));
    s3.on(GetObjectCommand, { Key: 'imports/missing' }).rejects(new NoSuchKey({ message: 'no', $metadata: {} }));
    s3.on(PutObjectCommand).resolves({});
    expect(await files.exists('exports/a')).toBe(true);
    expect(await files.exists('exports/b')).toBe(false);
    expect(await files.read('imports/missing')).toBeUndefined();
    await files.write('exports/c.csv', 'a,b', 'text/csv');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'gc-files', Key: 'exports/c.csv', Body: 'a,b', ContentType: 'text/csv' });
  });
});

describe('the importer function', () => {
  let importAll: typeof import('../../functions/handlers/importer.ts').importAll;
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unused-by-this-test');
    vi.stubEnv('FILES_BUCKET', 'gc-files');
    ({ importAll } = await import('../../functions/handlers/importer.ts'));
  });
  afterAll(() => vi.unstubAllEnvs());

  it('runs the queued import its message names, from the file in S3, and does nothing for a redelivered message', async () => {
    const store = await createTestStore();
    const at = '2026-11-30T10:00:00+08:00';
    const actor = { sub: 'officer-a', name: '王芳', role: 'pricing-staff' as const };
    await store.changeSets.create({ id: 'cs-1', title: '导入', state: 'draft', author: actor, createdAt: at, updatedAt: at, changeCount: 0, version: 1 });
    const job = {
      importId: '6f1c1c1e-7a39-4d7e-9d1c-0c7e1d2b3a4f',
      changeSetId: 'cs-1',
      kind: 'price-items' as const,
      filename: '价格.csv',
      contentType: 'text/csv',
      size: 10,
      expectedVersion: 1,
      state: 'queued' as const,
      rowsRead: 0,
      rowsValid: 0,
      errorCount: 0,
      errors: [],
      by: actor,
      createdAt: at,
      updatedAt: at,
    };
    await store.imports.create(job);
    const csv = '编码,操作,生效时间,失效时间,项目名称,计价单位,类别,最高限价（元）,组成（名称:限价元;…）\nS3-1,设置,2027-01-01,,云端导入,次,检验,8.00,';
    // The SDK's body stream, as far as the store uses it.
    const body = { transformToByteArray: async () => new Uint8Array(Buffer.from(csv)) };
    s3.on(GetObjectCommand, { Key: importKeys.upload(job) }).resolves({ Body: body as never });
    const runner = { store, files: files as FileStore, spreadsheets, now: () => new Date('2026-11-30T02:05:00Z') };
    const event = { Records: [{ messageId: 'm', body: JSON.stringify({ changeSetId: 'cs-1', importId: job.importId }) }] } as SQSEvent;
    expect(await importAll(event, runner)).toEqual({ ended: [{ importId: job.importId, state: 'done' }] });
    expect((await store.changeSets.get('cs-1'))?.changeCount).toBe(1);
    expect(await importAll(event, runner)).toEqual({ ended: [{ importId: job.importId, state: 'done' }] });
    expect((await store.changeSets.get('cs-1'))?.changeCount).toBe(1);
  });
});
