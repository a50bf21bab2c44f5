import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../admin-ui/src/i18n/en/index.ts';
import { zhCN } from '../../admin-ui/src/i18n/zh-CN/index.ts';
import { fieldErrorText } from '../../admin-ui/src/i18n/field-error-text.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 14 §1: every field error carries a stable code and parameters, and the console has words
// for every code in both languages; in zh-CN nothing the API says in English reaches the officer.
let t: TestApp;
let officer: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  officer = await t.tokenFor('pricing-staff', '王芳');
});

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);
const units = ['yuan', 'characters', 'items', 'number', 'exclusive', 'columns'];

describe('problem codes', () => {
  it('every code in the OpenAPI document has Chinese and English text', async () => {
    const document = (await t.call('GET', '/openapi.json')).body;
    const codes: string[] = document.components.schemas.FieldError.properties.code.enum;
    expect(codes.length).toBeGreaterThan(40);
    for (const code of codes) {
      const keys = code === 'too_big' || code === 'too_small' ? units.map((unit) => `fieldError.${code}.${unit}`) : [`fieldError.${code}`];
      for (const key of keys) {
        expect(zhCN, key).toHaveProperty(key);
        expect(en, key).toHaveProperty(key);
        expect(hasChinese((zhCN as Record<string, string>)[key] as string), key).toBe(true);
      }
    }
  });

  it('a change whose grade price exceeds the ceiling is refused with must_not_exceed and the ceiling in yuan', async () => {
    const created = await t.call('POST', '/v1/change-sets', { token: officer, body: { title: '代码测试' } });
    const changes = [
      {
        kind: 'price-items',
        code: '250403100099999',
        op: 'set',
        validFrom: '2026-12-01T00:00:00+08:00',
        validTo: '2026-11-01T00:00:00+08:00',
        attributes: { name: '测试', unit: '次', category: '检验', priceFen: 1000, gradePriceFen: { '3': 1200 }, note: 'x'.repeat(501) },
      },
    ];
    const answer = await t.call('POST', `/v1/change-sets/${created.body.id}/changes`, {
      token: officer,
      body: { changes },
      headers: { 'If-Match': created.headers.get('etag') as string },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toContainEqual(expect.objectContaining({ path: 'changes.0.validTo', code: 'after_valid_from' }));
    const byPath = Object.fromEntries(answer.body.errors.map((error: { path: string }) => [error.path, error]));
    expect(byPath['changes.0.attributes.note']).toMatchObject({ code: 'too_big', params: { limit: 500, unit: 'characters' } });
    const said = answer.body.errors.map(fieldErrorText);
    for (const text of said) expect(hasChinese(text), text).toBe(true);

    const fixed = [{ ...changes[0], validTo: '2027-01-01T00:00:00+08:00', attributes: { ...changes[0]?.attributes, note: '备注' } }];
    const again = await t.call('POST', `/v1/change-sets/${created.body.id}/changes`, {
      token: officer,
      body: { changes: fixed },
      headers: { 'If-Match': created.headers.get('etag') as string },
    });
    expect(again.body.errors).toEqual([
      expect.objectContaining({
        path: 'changes.0.attributes.gradePriceFen.3',
        code: 'must_not_exceed',
        params: { other: 'priceFen', limit: '10.00', unit: 'yuan' },
      }),
    ]);
    expect(fieldErrorText(again.body.errors[0])).toBe('不得超过“最高限价（元）”（10.00 元）');
  });

  it('bad rule questions are coded (dates named by their labels, not in English)', async () => {
    const answer = await t.call('POST', '/v1/rules/drug-coverage', {
      token: officer,
      body: { drugCode: 'XJ01', setting: 'outpatient', usedAt: '2022-05-10T10:00:00+08:00', firstUsedAt: '2022-05-11T10:00:00+08:00', covidStatus: 'none' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toContainEqual(expect.objectContaining({ path: 'firstUsedAt', code: 'not_after', params: { other: 'usedAt' } }));
    for (const error of answer.body.errors) expect(hasChinese(fieldErrorText(error)), error.message).toBe(true);
  });
});

describe('change-set refusals', () => {
  it('carry a stable code and parameters, and the console has words for each', async () => {
    const created = await t.call('POST', '/v1/change-sets', { token: officer, body: { title: '拒绝代码测试' } });
    const approveDraft = await t.call('POST', `/v1/change-sets/${created.body.id}/approve`, {
      token: await t.tokenFor('pricing-staff', '李强'),
      body: {},
      headers: { 'If-Match': created.headers.get('etag') as string },
    });
    expect(approveDraft.status).toBe(409);
    expect(approveDraft.body).toMatchObject({ code: 'change-set.invalid-state', params: { action: 'approve', state: 'draft' } });
    const emptySubmit = await t.call('POST', `/v1/change-sets/${created.body.id}/submit`, {
      token: officer,
      body: {},
      headers: { 'If-Match': created.headers.get('etag') as string },
    });
    expect(emptySubmit.body).toMatchObject({ code: 'change-set.empty' });
    for (const code of ['invalid-state', 'not-author', 'own-change-set', 'empty']) {
      expect(zhCN).toHaveProperty(`problemDetail.change-set.${code}`);
      expect(en).toHaveProperty(`problemDetail.change-set.${code}`);
    }
  });
});
