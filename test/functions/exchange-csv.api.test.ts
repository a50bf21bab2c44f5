import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportColumnsOf } from '../../policy-catalog/exchange.ts';
import { neutraliseFormula, restoreFormula, writeCsv } from '../../functions/http/spreadsheet.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

/**
 * CSV import and export as an attacker and Excel see them: formulas planted in text are
 * neutralised on export and come back unchanged on import; a million rows stop at the row
 * limit; bytes that are neither UTF-8 nor GB18030 are refused naming their cell.
 */
const MB = 1024 * 1024;
let t: TestApp;
let officerA: string;
let officerB: string;

beforeAll(async () => {
  t = await startTestApp();
  officerA = await t.tokenFor('pricing-staff', '王芳');
  officerB = await t.tokenFor('pricing-staff', '李强');
});

describe('formulas in CSV export (OWASP CSV injection)', () => {
  const planted = ['=HYPERLINK("http://x")', '@SUM(1)', '-abc', '+1', "'=already quoted", '=1+1'];

  it('are exported behind a single quote, and import back to exactly the text that was published', async () => {
    // Published through the JSON API, as an application's item name reaches the catalog.
    const changes = planted.map((name, index) => ({
      kind: 'price-items',
      code: `FX-${index}`,
      op: 'set',
      validFrom: '2027-01-01T00:00:00+08:00',
      attributes: { name, unit: '次', category: '检验', priceFen: 100, note: `${name} 备注` },
    }));
    const id = await draft();
    const added = await t.call('POST', `/v1/change-sets/${id}/changes`, { token: officerA, body: { changes }, headers: { 'If-Match': await etagOf(id) } });
    expect(added.status).toBe(201);
    await publish(id);

    const exported = await (await t.app.request('/v1/catalog/price-items/export?format=csv', { headers: { Authorization: `Bearer ${officerA}` } })).text();
    const lines = exported.split('\n').filter((line) => line.startsWith('FX-'));
    expect(lines).toEqual([
      `FX-0,set,2027-01-01T00:00:00+08:00,,"'=HYPERLINK(""http://x"")",次,检验,1.00,,,,,"'=HYPERLINK(""http://x"") 备注"`,
      `FX-1,set,2027-01-01T00:00:00+08:00,,'@SUM(1),次,检验,1.00,,,,,'@SUM(1) 备注`,
      `FX-2,set,2027-01-01T00:00:00+08:00,,'-abc,次,检验,1.00,,,,,'-abc 备注`,
      `FX-3,set,2027-01-01T00:00:00+08:00,,'+1,次,检验,1.00,,,,,'+1 备注`,
      `FX-4,set,2027-01-01T00:00:00+08:00,,''=already quoted,次,检验,1.00,,,,,''=already quoted 备注`,
      `FX-5,set,2027-01-01T00:00:00+08:00,,'=1+1,次,检验,1.00,,,,,'=1+1 备注`,
    ]);

    const again = await draft();
    expect((await upload(again, 'price-items', exported)).status).toBe(201);
    const reimported = (await t.call('GET', `/v1/change-sets/${again}`, { token: officerA })).body.changes;
    const names = reimported
      .filter(({ change }: any) => change.code.startsWith('FX-'))
      .map(({ change }: any) => [change.attributes.name, change.attributes.note]);
    expect(names).toEqual(planted.map((name) => [name, `${name} 备注`]));
  });

  it('leaves amounts and times alone, even a negative number, and neutralises only text', () => {
    const columns = exportColumnsOf('price-items');
    const csv = writeCsv(columns, [{ code: '-X', validFrom: '-5', price: -5, price3: '-5', name: '-5', note: '\tTab', unit: '\rCR', category: '@x' }]);
    expect(csv.split('\n')[1]).toBe(`'-X,,-5,,'-5,"'\rCR",'@x,-5,-5,,,,'\tTab`);
  });

  it('round-trips every text: import undoes exactly what export did', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(restoreFormula(neutraliseFormula(text))).toBe(text);
        expect(neutraliseFormula(text)).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a'), fc.nat(3), fc.string(), (first, quotes, rest) => {
        const text = `${"'".repeat(quotes)}${first}${rest}`;
        expect(restoreFormula(neutraliseFormula(text))).toBe(text);
      }),
    );
  });
});

describe('a CSV of a million rows', () => {
  it('is refused at row 20,002 with the import’s own limit, without reading the rest', async () => {
    const file = Buffer.from(`编码\n${Array.from({ length: 1_000_000 }, (_, index) => `M${index}`).join('\n')}\n`);
    expect(file.byteLength).toBeLessThan(20 * MB);
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const response = await upload(await draft(), 'price-items', file);
    clearInterval(sampler);
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/problems/import-rejected');
    expect(response.body.rows).toEqual([
      { row: 20_002, column: '', code: 'too_many_rows', params: { limit: 20_000 }, message: 'at most 20000 rows in one file' },
    ]);
    expect(Math.max(peak, process.memoryUsage().rss) - before).toBeLessThan(300 * MB);
  });
});

describe('the encoding of a CSV', () => {
  const header = Buffer.from('编码,生效时间,通用名,剂型,支付类别\n');
  const gb18030 = (text: string) => Buffer.from(gb18030Hex[text] as string, 'hex');
  // GB18030 bytes, as Excel on a Chinese Windows saves them
  const gb18030Hex: Record<string, string> = {
    示例药品: 'cabec0fdd2a9c6b7',
    片剂: 'c6acbcc1',
    编码: 'b1e0c2eb',
    生效时间: 'c9fad0a7cab1bce4',
    通用名: 'cda8d3c3c3fb',
    剂型: 'bcc1d0cd',
    支付类别: 'd6a7b8b6c0e0b1f0',
  };
  const gbHeader = Buffer.concat([
    gb18030('编码'),
    Buffer.from(','),
    gb18030('生效时间'),
    Buffer.from(','),
    gb18030('通用名'),
    Buffer.from(','),
    gb18030('剂型'),
    Buffer.from(','),
    gb18030('支付类别'),
    Buffer.from('\n'),
  ]);
  const gbRow = (code: string) =>
    Buffer.concat([Buffer.from(`${code},2027-01-01,`), gb18030('示例药品'), Buffer.from(','), gb18030('片剂'), Buffer.from(',A\n')]);

  it('is GB18030 when the whole file is, headers and all', async () => {
    const id = await draft();
    const response = await upload(id, 'drug-entries', Buffer.concat([gbHeader, gbRow('GB-1'), gbRow('GB-2')]));
    expect(response.status).toBe(201);
    const changes = (await t.call('GET', `/v1/change-sets/${id}`, { token: officerA })).body.changes;
    expect(changes.map(({ change }: any) => change.attributes.genericName)).toEqual(['示例药品', '示例药品']);
  });

  it('refuses a UTF-8 file (BOM) with a broken character, naming its row and column, and adds nothing', async () => {
    const id = await draft();
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      header,
      Buffer.from('U-1,2027-01-01,示例药品,片剂,A\nU-2,2027-01-01,示例药品,'),
      Buffer.from([0xe7, 0x89]),
      Buffer.from(',A\n'),
    ]);
    const response = await upload(id, 'drug-entries', file);
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('/problems/invalid-encoding');
    expect(response.body.rows).toEqual([{ row: 3, column: '剂型', code: 'invalid_encoding', message: expect.stringContaining('not UTF-8') }]);
    expect(response.body.detail).toContain('row 3, column 剂型');
    expect((await t.call('GET', `/v1/change-sets/${id}`, { token: officerA })).body.changeCount).toBe(0);
  });

  it('refuses a GB18030 file with bytes GB18030 does not have, naming their row and column', async () => {
    const file = Buffer.concat([gbHeader, gbRow('GB-3'), gbRow('GB-4'), Buffer.from('GB-5,2027-01-01,'), Buffer.from([0xff, 0xfe]), Buffer.from(',x,A\n')]);
    const response = await upload(await draft(), 'drug-entries', file);
    expect(response.status).toBe(400);
    expect(response.body.rows).toEqual([{ row: 4, column: '通用名', code: 'invalid_encoding', message: expect.stringContaining('not GB18030') }]);
  });

  it('refuses a file that is neither, naming the cell where UTF-8 breaks when UTF-8 reads further', async () => {
    // 片 alone (3 UTF-8 bytes) is not GB18030; 0xFF is neither
    const file = Buffer.concat([header, Buffer.from('N-1,2027-01-01,药品,片,A\nN-2,2027-01-01,'), Buffer.from([0xff]), Buffer.from(',片,A\n')]);
    const response = await upload(await draft(), 'drug-entries', file);
    expect(response.status).toBe(400);
    expect(response.body.rows).toEqual([{ row: 3, column: '通用名', code: 'invalid_encoding', message: expect.stringContaining('neither UTF-8 nor GB18030') }]);
  });

  it('refuses text that already holds U+FFFD, never storing it', async () => {
    const response = await upload(await draft(), 'drug-entries', Buffer.concat([header, Buffer.from('R-1,2027-01-01,药\uFFFD品,片剂,A\n')]));
    expect(response.status).toBe(400);
    expect(response.body.rows).toEqual([{ row: 2, column: '通用名', code: 'invalid_encoding', message: expect.stringContaining('U+FFFD') }]);
  });
});

// --- helpers ---------------------------------------------------------------------------------

async function draft(): Promise<string> {
  return (await t.call('POST', '/v1/change-sets', { token: officerA, body: { title: 'CSV 导入' } })).body.id;
}

async function upload(id: string, kind: string, body: BodyInit) {
  const response = await t.app.request(`/v1/change-sets/${id}/import?kind=${kind}`, {
    method: 'POST',
    body,
    headers: { Authorization: `Bearer ${officerA}`, 'Content-Type': 'text/csv', 'If-Match': await etagOf(id) },
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function etagOf(id: string): Promise<string> {
  return (await t.call('GET', `/v1/change-sets/${id}`, { token: officerA })).headers.get('etag') as string;
}

async function publish(id: string): Promise<void> {
  for (const [action, token] of [
    ['submit', officerA],
    ['approve', officerB],
    ['publish', officerB],
  ] as const) {
    const answer = await t.call('POST', `/v1/change-sets/${id}/${action}`, { token, headers: { 'If-Match': await etagOf(id) } });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  }
}
