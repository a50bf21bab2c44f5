import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_ACKNOWLEDGEMENTS, startTestApp, type TestApp } from '../support/fixtures.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let officerA: string;
let officerB: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  officerA = await t.tokenFor('pricing-staff', '王芳');
  officerB = await t.tokenFor('pricing-staff', '李强');
});

async function draft(): Promise<string> {
  return (await t.call('POST', '/v1/change-sets', { token: officerA, body: { title: '批量导入' } })).body.id;
}

async function etagOf(id: string): Promise<string> {
  return (await t.call('GET', `/v1/change-sets/${id}`, { token: officerA })).headers.get('etag') as string;
}

async function upload(id: string, kind: string, body: BodyInit, contentType: string) {
  const response = await t.app.request(`/v1/change-sets/${id}/import?kind=${kind}`, {
    method: 'POST',
    body,
    headers: { Authorization: `Bearer ${officerA}`, 'Content-Type': contentType, 'If-Match': await etagOf(id) },
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function publish(id: string) {
  await t.call('POST', `/v1/change-sets/${id}/submit`, { token: officerA, headers: { 'If-Match': await etagOf(id) } });
  await t.call('POST', `/v1/change-sets/${id}/approve`, {
    token: officerB,
    body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
    headers: { 'If-Match': await etagOf(id) },
  });
  const published = await t.call('POST', `/v1/change-sets/${id}/publish`, {
    token: officerB,
    body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
    headers: { 'If-Match': await etagOf(id) },
  });
  // 202 when the projection outlasts the publish's wait (a 15,000-entry release on a busy
  // machine): committed, and visible all at once soon after.
  expect([200, 202]).toContain(published.status);
  const number = published.body.release.number as number;
  while ((await t.store.releases.visibleRelease()) < number) await new Promise((resolve) => setTimeout(resolve, 100));
  return number;
}

const priceCsv = [
  '编码,操作,生效时间,失效时间,项目名称,计价单位,类别,最高限价（元）,组成（名称:限价元;…）',
  'IMP-0001,设置,2027-01-01,,新增检测项目一,次,检验,12.50,',
  'IMP-0002,,2027-01-01 08:00,2027-07-01,新增检测项目二,次,检验,6.00,检测服务:1.00;检测试剂:5.00',
].join('\n');

describe('importing a CSV file', () => {
  it('adds every row as a change, reading yuan as fen and plain times as China time', async () => {
    const id = await draft();
    const response = await upload(id, 'price-items', priceCsv, 'text/csv');
    expect(response.status).toBe(201);
    expect(response.body.imported).toBe(2);
    const changeSet = await t.call('GET', `/v1/change-sets/${id}`, { token: officerA });
    expect(changeSet.body.changes[1].change).toEqual({
      kind: 'price-items',
      code: 'IMP-0002',
      op: 'set',
      validFrom: '2027-01-01T08:00:00+08:00',
      validTo: '2027-07-01T00:00:00+08:00',
      attributes: {
        name: '新增检测项目二',
        unit: '次',
        category: '检验',
        priceFen: 600,
        components: [
          { name: '检测服务', capFen: 100 },
          { name: '检测试剂', capFen: 500 },
        ],
      },
    });
  });

  it('reads English headers and a CSV saved as GB18030 by Excel on Chinese Windows', async () => {
    const csv = 'code,genericName,dosageForm,paymentClass,validFrom\nIMP-D-1,示例药品,片剂,乙类,2027-01-01\n';
    // "示例药品,片剂,甲类" as GB18030 bytes
    const chinese = Buffer.from('cabec0fdd2a9c6b7' + '2c' + 'c6acbcc1' + '2c' + 'bcd7c0e0', 'hex');
    const body = Buffer.concat([Buffer.from('code,genericName,dosageForm,paymentClass,validFrom\nIMP-D-2,'), chinese, Buffer.from(',2027-01-01\n')]);
    const id = await draft();
    expect((await upload(id, 'drug-entries', csv, 'text/csv')).status).toBe(201);
    const response = await upload(id, 'drug-entries', body, 'text/csv');
    expect(response.status).toBe(201);
    const changeSet = await t.call('GET', `/v1/change-sets/${id}`, { token: officerA });
    expect(changeSet.body.changes.map((numbered: { change: { attributes: unknown } }) => numbered.change.attributes)).toEqual([
      { genericName: '示例药品', dosageForm: '片剂', paymentClass: 'B' },
      { genericName: '示例药品', dosageForm: '片剂', paymentClass: 'A' },
    ]);
  });

  it('reports every bad row with its number and column, and adds nothing', async () => {
    const id = await draft();
    const csv = [
      '编码,生效时间,项目名称,计价单位,类别,最高限价（元）',
      'OK-1,2027-01-01,好的行,次,检验,1.00',
      'BAD-1,2027-01-01,价格有三位小数,次,检验,1.005',
      'BAD-2,明天,时间不对,次,检验,1.00',
      'BAD 3,2027-01-01,,次,检验,-2',
    ].join('\n');
    const response = await upload(id, 'price-items', csv, 'text/csv');
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/problems/import-rejected');
    expect(response.body.rows).toEqual(
      expect.arrayContaining([
        { row: 3, column: '最高限价（元）', code: 'invalid_yuan', message: expect.stringContaining('two decimals') },
        { row: 4, column: '生效时间', code: expect.any(String), message: expect.any(String) },
        { row: 5, column: '最高限价（元）', code: expect.any(String), message: expect.any(String) },
      ]),
    );
    const changeSet = await t.call('GET', `/v1/change-sets/${id}`, { token: officerA });
    expect(changeSet.body.changes).toEqual([]);
  });

  it('names an unknown column and a missing required one', async () => {
    const response = await upload(await draft(), 'price-items', '名称,价格\nx,1', 'text/csv');
    expect(response.status).toBe(422);
    expect(response.body.rows.map((row: { row: number; column: string }) => `${row.row}:${row.column}`)).toEqual(['1:名称', '1:价格', '1:编码']);
  });

  it('refuses a body that is not CSV or XLSX, and a file that is not a workbook', async () => {
    expect((await upload(await draft(), 'price-items', '{}', 'application/json')).status).toBe(415);
    const broken = await upload(await draft(), 'price-items', 'not a zip', XLSX);
    expect(broken.status).toBe(400);
    expect(broken.body.type).toBe('/problems/unreadable-file');
  });

  it('checks a rule’s bound in an imported measure, with the clause', async () => {
    const csv = '编码,生效时间,失效时间,措施类型,统筹区\n220300-halving,2022-05-01,2022-10-01,contribution-halving,220300\n';
    const response = await upload(await draft(), 'measures', csv, 'text/csv');
    expect(response.body.rows).toEqual([
      {
        row: 2,
        column: '失效时间',
        code: 'ends_too_late',
        params: { limit: '2022-08-01T00:00:00+08:00' },
        message:
          '2022 No.13 §2: a halving runs from May 2022 for at most 3 months, so it ends by the end of July 2022 (2022-08-01T00:00:00+08:00) at the latest',
      },
    ]);
  });

  it('lets only the author import into their draft', async () => {
    const id = await draft();
    const response = await t.app.request(`/v1/change-sets/${id}/import?kind=price-items`, {
      method: 'POST',
      body: priceCsv,
      headers: { Authorization: `Bearer ${officerB}`, 'Content-Type': 'text/csv', 'If-Match': await etagOf(id) },
    });
    expect(response.status).toBe(403);
  });
});

describe('a 15,000-row XLSX', () => {
  it('imports into one change set, publishes as one release, and exports back to the same rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('drug-entries');
    sheet.addRow(['编码', '操作', '生效时间', '失效时间', '通用名', '剂型', '支付类别', '批次', '备注']);
    const expected: string[][] = [];
    for (let i = 0; i < 15_000; i++) {
      const code = `NAT-${String(i).padStart(5, '0')}`;
      const paymentClass = i % 3 === 0 ? 'A' : 'B';
      const validTo = i % 2 === 0 ? '2027-01-01T00:00:00+08:00' : '';
      sheet.addRow([code, 'set', '2023-03-01T00:00:00+08:00', validTo, `药品${i}`, '片剂', paymentClass, '', '']);
      expected.push([code, 'set', '2023-03-01T00:00:00+08:00', validTo, `药品${i}`, '片剂', paymentClass, '', '']);
    }
    const file = (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
    const id = await draft();
    const imported = await upload(id, 'drug-entries', file, XLSX);
    expect(imported.status).toBe(201);
    expect(imported.body.imported).toBe(15_000);
    const release = await publish(id);
    expect((await t.call('GET', `/v1/releases/${release}`, { token: officerA })).body.changeCount).toBe(15_000);

    const exported = await t.app.request('/v1/catalog/drug-entries/export?format=xlsx', { headers: { Authorization: `Bearer ${officerA}` } });
    expect(exported.headers.get('content-type')).toBe(XLSX);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await exported.arrayBuffer());
    const rows: string[][] = [];
    back.worksheets[0]?.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Array.from({ length: 9 }, (_, index) => String(values[index] ?? '')));
    });
    expect(rows.filter((row) => row[0]?.startsWith('NAT-'))).toEqual(expected);
  }, 240_000);
});

describe('exporting CSV', () => {
  it('writes the current view with Chinese headers, yuan amounts and a BOM for Excel', async () => {
    const response = await t.app.request('/v1/catalog/price-items/export?format=csv', { headers: { Authorization: `Bearer ${officerA}` } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\n')[0]).toContain('最高限价（元）');
    expect(text).toContain('250403100010000,set,2022-05-01T00:00:00+08:00,2022-11-20T00:00:00+08:00,新型冠状病毒核酸检测（单样本）,人次,核酸检测,16.00');
  });

  it('imports its own export unchanged', async () => {
    const exported = await (await t.app.request('/v1/catalog/listings/export?format=csv', { headers: { Authorization: `Bearer ${officerA}` } })).text();
    const id = await draft();
    const response = await upload(id, 'listings', exported, 'text/csv');
    expect(response.status).toBe(201);
    const changeSet = await t.call('GET', `/v1/change-sets/${id}`, { token: officerA });
    const current = await t.call('GET', '/v1/catalog/listings/GW-2022-AZV-001', { token: officerA });
    const azvudine = changeSet.body.changes.find((numbered: { change: { code: string } }) => numbered.change.code === 'GW-2022-AZV-001');
    expect(azvudine.change.attributes).toEqual(current.body.timeline[0].attributes);
  });
});

describe('optimistic concurrency on import', () => {
  it('refuses an import into a change set that changed since it was read (412), adding nothing', async () => {
    const id = await draft();
    const response = await t.app.request(`/v1/change-sets/${id}/import?kind=price-items`, {
      method: 'POST',
      body: priceCsv,
      headers: { Authorization: `Bearer ${officerA}`, 'Content-Type': 'text/csv', 'If-Match': '"v7"' },
    });
    expect(response.status).toBe(412);
    expect((await t.call('GET', `/v1/change-sets/${id}`, { token: officerA })).body.changeCount).toBe(0);
  });
});
