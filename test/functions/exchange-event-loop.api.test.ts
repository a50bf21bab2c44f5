import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileExchange } from '../../functions/routes/file-exchange.ts';
import { createApp } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import * as spreadsheets from '../../functions/http/spreadsheet.ts';
import type { Spreadsheets } from '../../functions/http/spreadsheet-types.ts';
import { createTestStore, fixedClock } from '../support/fixtures.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

/**
 * A big import shares the process: while a file is being read, other requests are answered.
 * The health request is sent from a macrotask scheduled as reading starts, so it can only run
 * if reading gives the event loop back; a reader that held it to the end would answer the
 * import's parse first.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROWS = 20_000;
let app: ReturnType<typeof createApp>;
let token: string;
const events: string[] = [];

beforeAll(async () => {
  const store = await createTestStore();
  const observed: Spreadsheets = {
    ...spreadsheets,
    readSheet: async (...args) => {
      setImmediate(() => {
        events.push('health sent');
        void Promise.resolve(app.request('/health')).then((response) => events.push(`health answered ${response.status}`));
      });
      const sheet = await spreadsheets.readSheet(...args);
      events.push('file read');
      return sheet;
    },
  };
  const signer = await testSigner();
  const auth = oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: signer.keys, claimNames: TEST_CLAIM_NAMES });
  app = createApp({ store, clock: fixedClock(), auth, exchange: fileExchange({ spreadsheets: observed }) });
  token = await signer.tokenFor('pricing-staff', '王芳');
});

describe('a 20,000-row import', () => {
  it.each([
    ['CSV', 'text/csv', csvFile],
    ['XLSX', XLSX, xlsxFile],
  ])(
    'in %s lets a concurrent GET /health answer while the file is being read',
    async (_, contentType, file) => {
      events.length = 0;
      const created = await app.request('/v1/change-sets', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: '大批量导入' }),
      });
      const { id } = (await created.json()) as { id: string };
      const imported = await app.request(`/v1/change-sets/${id}/import?kind=drug-entries`, {
        method: 'POST',
        body: await file(),
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType, 'If-Match': created.headers.get('etag') ?? '*' },
      });
      events.push(`import answered ${imported.status}`);
      expect(((await imported.json()) as { imported: number }).imported).toBe(ROWS);
      expect(events).toEqual(['health sent', 'health answered 200', 'file read', 'import answered 201']);
    },
    120_000,
  );
});

const header = ['编码', '生效时间', '通用名', '剂型', '支付类别'];
const row = (index: number) => [`EL-${index}`, '2027-01-01', `药品${index}`, '片剂', index % 2 === 0 ? 'A' : 'B'];

async function csvFile(): Promise<string> {
  return [header, ...Array.from({ length: ROWS }, (_, index) => row(index))].map((cells) => cells.join(',')).join('\n');
}

async function xlsxFile(): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('drug-entries');
  sheet.addRow(header);
  for (let index = 0; index < ROWS; index++) sheet.addRow(row(index));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
