import { createDeflateRaw, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INFLATED_BYTES } from '../../functions/http/spreadsheet.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

/**
 * Hostile XLSX files are refused with a 4xx problem before they cost memory: a zip bomb at the
 * unpacked-size limit, a million rows at the row limit, a sheet as wide as Excel allows at the
 * column limit, and bytes that are not UTF-8 naming their cell. Each file is built here, part by
 * part, with zlib: ExcelJS could not write them without holding them whole.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;
let t: TestApp;
let officer: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.tokenFor('pricing-staff', '王芳');
});

describe('a zip bomb', () => {
  it('of 1 MB is refused with 413 once its parts unpack past the limit, without holding what it unpacked', async () => {
    // 1 GB of XML whitespace after the header row; the declared size lies (1 KB).
    const bomb = await xlsx({ sheet: repeated(' ', 1024 * MB), declaredSize: 1024 });
    expect(bomb.byteLength).toBeLessThan(1.1 * MB);

    const { response, rssGrowth } = await measured(() => upload(bomb));
    expect(response.status).toBe(413);
    expect(response.body.type).toBe('/problems/payload-too-large');
    expect(response.body.detail).toContain(`more than ${MAX_INFLATED_BYTES / MB} MB`);
    expect(rssGrowth).toBeLessThan(300 * MB);
  }, 120_000);

  it.each([
    ['a million empty rows', { sheet: repeated('<row r="2"><c r="A2"/><c r="B2"/><c r="C2"/><c r="D2"/></row>', 128 * MB) }],
    ['one cell’s text', { sheet: ['<row r="2"><c r="A2" t="inlineStr"><is><t>', repeated('x', 128 * MB), '</t></is></c></row>'] }],
    [
      'the shared strings, read before the sheet',
      {
        sheet: [],
        sharedStrings: ['<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', repeated('<si><t>a</t></si>', 128 * MB), '</sst>'],
      },
    ],
  ])(
    'is refused the same way when the bomb is %s',
    async (_, parts) => {
      const { response, rssGrowth } = await measured(async () => upload(await xlsx(parts)));
      expect(response.status).toBe(413);
      expect(response.body.type).toBe('/problems/payload-too-large');
      expect(rssGrowth).toBeLessThan(300 * MB);
    },
    120_000,
  );
});

describe('a million rows', () => {
  it('is refused at row 20,002 with the import’s own limit, without reading the rest', async () => {
    const rows = (async function* () {
      for (let start = 2; start < 1_000_002; start += 10_000) {
        let chunk = '';
        for (let row = start; row < start + 10_000; row++) chunk += `<row r="${row}">${inline('A', row, `M-${row}`)}${inline('B', row, '2027-01-01')}</row>`;
        yield chunk;
      }
    })();
    const file = await xlsx({ sheet: rows });
    expect(file.byteLength).toBeLessThan(20 * MB);

    const { response, rssGrowth } = await measured(() => upload(file));
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/problems/import-rejected');
    expect(response.body.rows).toEqual([
      { row: 20_002, column: '', code: 'too_many_rows', params: { limit: 20_000 }, message: 'at most 20000 rows in one file' },
    ]);
    expect(rssGrowth).toBeLessThan(300 * MB);
  }, 120_000);
});

describe('other limits of an XLSX', () => {
  it('refuses a header wider than 100 columns, whatever column a cell claims', async () => {
    const file = await xlsx({ sheet: [], header: `${inline('A', 1, '编码')}${inline('XFD', 1, '备注')}` });
    const response = await upload(file);
    expect(response.status).toBe(422);
    expect(response.body.rows).toEqual([
      { row: 1, column: 'CV', code: 'too_big', params: { limit: 100, unit: 'columns', inclusive: 1 }, message: 'at most 100 columns' },
    ]);
  });

  it('ignores data cells past the header, even in the last column Excel has', async () => {
    const data = Array.from(
      { length: 200 },
      (_, index) => `<row r="${index + 2}">${inline('A', index + 2, `W-${index}`)}${inline('XFD', index + 2, 'far')}</row>`,
    );
    const response = await upload(await xlsx({ sheet: data }));
    // the rows reach the domain (which wants more columns than a code), not a memory blow-up
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/problems/import-rejected');
    expect(response.body.rows[0]).toMatchObject({ row: 2 });
  });

  it('refuses a file over 20 MB with 413', async () => {
    const response = await upload(new Uint8Array(20 * MB + 1));
    expect(response.status).toBe(413);
    expect(response.body.type).toBe('/problems/payload-too-large');
  });

  it('still reads dates, numbers and shared strings as Excel saves them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('price-items');
    sheet.addRow(['编码', '生效时间', '项目名称', '计价单位', '类别', '最高限价（元）']);
    sheet.addRow(['X-1', new Date('2027-01-01T08:30:00Z'), '检测'.repeat(20), '次', '检验', 12.5]);
    sheet.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
    const id = await draft();
    const response = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), { id, kind: 'price-items' });
    expect(response.status).toBe(201);
    const changeSet = await t.call('GET', `/v1/change-sets/${id}`, { token: officer });
    expect(changeSet.body.changes[0].change).toMatchObject({
      validFrom: '2027-01-01T08:30:00+08:00',
      attributes: { name: '检测'.repeat(20), priceFen: 1250 },
    });
  });
});

describe('bytes that are not UTF-8 in an XLSX', () => {
  it('are refused naming the row and column, in an inline string and in a shared string, and nothing is added', async () => {
    const broken = Buffer.from([0xe7, 0x89]); // the first two of the three bytes of 片
    const id = await draft();
    const response = await upload(
      await xlsx({
        sheet: [
          `<row r="2">${inline('A', 2, 'E-1')}${inline('B', 2, '2027-01-01')}<c r="C2" t="inlineStr"><is><t>药`,
          broken,
          `</t></is></c>${inline('D', 2, '片剂')}${inline('E', 2, 'A')}</row>`,
          `<row r="3">${inline('A', 3, 'E-2')}${inline('B', 3, '2027-01-01')}${inline('C', 3, '药品')}<c r="D3" t="s"><v>0</v></c>${inline('E', 3, 'B')}</row>`,
        ],
        sharedStrings: ['<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>片', broken, '</t></si></sst>'],
      }),
      { id },
    );
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('/problems/invalid-encoding');
    expect(response.body.rows).toEqual([
      { row: 2, column: '通用名', code: 'invalid_encoding', message: expect.stringContaining('U+FFFD') },
      { row: 3, column: '剂型', code: 'invalid_encoding', message: expect.stringContaining('not UTF-8') },
    ]);
    expect((await t.call('GET', `/v1/change-sets/${id}`, { token: officer })).body.changeCount).toBe(0);
  });

  it('keeps Chinese text whole where a character falls between two unpacked chunks', async () => {
    // 70,000 three-byte characters: the 16 KB chunks of inflate split some of them.
    const name = '药'.repeat(70_000);
    const sheet = `<row r="2">${inline('A', 2, 'E-3')}${inline('B', 2, '2027-01-01')}${inline('C', 2, name)}${inline('D', 2, '片剂')}${inline('E', 2, 'A')}</row>`;
    const response = await upload(await xlsx({ sheet }));
    // the name is too long for the domain (200 characters): the answer is about its length, not its bytes
    expect(response.status).toBe(422);
    expect(response.body.rows).toEqual([
      { row: 2, column: '通用名', code: 'too_big', params: { limit: 200, unit: 'characters', inclusive: 1 }, message: expect.stringContaining('200') },
    ]);
  });
});

// --- helpers ---------------------------------------------------------------------------------

/** A new draft, at version 1 (its ETag "v1"). */
async function draft(): Promise<string> {
  return (await t.call('POST', '/v1/change-sets', { token: officer, body: { title: '导入上限' } })).body.id;
}

async function upload(file: BodyInit, { id, kind = 'drug-entries' }: { id?: string; kind?: string } = {}) {
  const response = await t.app.request(`/v1/change-sets/${id ?? (await draft())}/import?kind=${kind}`, {
    method: 'POST',
    body: file,
    headers: { Authorization: `Bearer ${officer}`, 'Content-Type': XLSX, 'If-Match': '"v1"' },
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** The answer and the largest growth of the resident set while it was worked out. */
async function measured<T>(request: () => Promise<T>): Promise<{ response: T; rssGrowth: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const response = await request();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { response, rssGrowth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

function inline(column: string, row: number, text: string): string {
  return `<c r="${column}${row}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** `text` repeated to about `bytes`, a megabyte at a time. */
async function* repeated(text: string, bytes: number): AsyncGenerator<string> {
  const block = text.repeat(Math.max(1, Math.floor(MB / text.length)));
  for (let written = 0; written < bytes; written += block.length) yield block;
}

type Text = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * A one-sheet workbook whose sheet rows (after a drug-entries header) and shared strings are
 * streamed through deflate, so that neither is ever held whole.
 */
async function xlsx({
  sheet,
  sharedStrings,
  header = ['编码', '生效时间', '通用名', '剂型', '支付类别'].map((name, index) => inline('ABCDE'[index] as string, 1, name)).join(''),
  declaredSize,
}: {
  sheet: Text | Text[];
  sharedStrings?: Text[];
  header?: string;
  declaredSize?: number;
}): Promise<Uint8Array<ArrayBuffer>> {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const parts: { name: string; text: Text[] }[] = [
    {
      name: '[Content_Types].xml',
      text: [
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
      ],
    },
    {
      name: 'xl/workbook.xml',
      text: [
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`,
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: [
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>',
        '</Relationships>',
      ],
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      text: [
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData><row r="1">${header}</row>`,
        ...[sheet].flat(),
        '</sheetData></worksheet>',
      ],
    },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', text: sharedStrings }] : []),
  ];
  const entries = [];
  for (const part of parts) entries.push({ name: part.name, ...(await deflated(part.text)) });
  return zip(entries.map((entry) => (declaredSize === undefined ? entry : { ...entry, size: declaredSize })));
}

async function deflated(texts: Text[]): Promise<{ data: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  let size = 0;
  let crc = 0;
  for (const text of texts) {
    for await (const piece of typeof text === 'string' || text instanceof Uint8Array ? [text] : text) {
      const bytes = Buffer.from(piece);
      size += bytes.length;
      crc = crc32(bytes, crc);
      if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
    }
  }
  const ended = new Promise((resolve) => deflate.once('end', resolve));
  deflate.end();
  await ended;
  return { data: Buffer.concat(out), size, crc };
}

/** A zip of deflated entries: local headers, data, central directory, end record. */
function zip(entries: { name: string; data: Buffer; size: number; crc: number }[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data, size, crc } of entries) {
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    directory.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...directory, end]));
}
