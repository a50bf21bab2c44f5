import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../functions/local/seed.ts';
import { seedApprover, seedAuthor } from '../../policy-catalog/seed/covid-test-prices.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

let t: TestApp;
let author: string;
let approver: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  author = await t.tokenFor('pricing-staff', '王芳');
  approver = await t.tokenFor('pricing-staff', '李强');
  // Published before the bounds were checked: Jilin City (220200) halves April–June 2022.
  await loadSeed(t.store, [
    {
      id: 'old-halving-220200',
      title: '吉林市职工医保单位缴费减半征收（旧数据）',
      author: seedAuthor,
      approver: seedApprover,
      publishedAt: '2024-01-01T10:00:00+08:00',
      changes: [
        {
          kind: 'measures',
          code: '220200-contribution-halving-old',
          op: 'set',
          validFrom: '2022-04-01T00:00:00+08:00',
          validTo: '2022-07-01T00:00:00+08:00',
          attributes: { type: 'contribution-halving', poolingArea: '220200' },
        },
      ],
    },
  ]);
});

async function draft(code: string, poolingArea: string, validFrom: string, validTo: string) {
  const created = await t.call('POST', '/v1/change-sets', { token: author, body: { title: `减半征收 ${poolingArea}` } });
  const added = await t.call('POST', `/v1/change-sets/${created.body.id}/changes`, {
    token: author,
    body: { changes: [{ kind: 'measures', code, op: 'set', validFrom, validTo, attributes: { type: 'contribution-halving', poolingArea } }] },
    headers: { 'If-Match': created.headers.get('ETag') ?? '' },
  });
  expect(added.status).toBe(201);
  return { id: created.body.id as string, etag: added.headers.get('ETag') ?? '' };
}

describe('a change set’s halving against the area’s other measures (2022 No.13 §2: 3 months per area)', () => {
  it('2022 No.13 §2: refuses to submit a second halving that takes the area to 4 months, naming area, months and measures', async () => {
    const { id, etag } = await draft('220200-contribution-halving-july', '220200', '2022-07-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00');
    const submitted = await t.call('POST', `/v1/change-sets/${id}/submit`, { token: author, headers: { 'If-Match': etag } });
    expect(submitted.status).toBe(422);
    expect(submitted.body.type).toBe('/problems/unprocessable');
    expect(submitted.body.measureIssues).toContainEqual(
      expect.objectContaining({
        code: 'halving-over-limit',
        poolingArea: '220200',
        months: ['2022-04', '2022-05', '2022-06', '2022-07'],
        measures: ['220200-contribution-halving-july', '220200-contribution-halving-old'],
      }),
    );
    expect(submitted.body.detail).toContain('2022 No.13 §2');
  });

  it('2022 No.13 §2: submits, approves and publishes a halving that keeps another area within May–July', async () => {
    const { id, etag } = await draft('220300-contribution-halving-2022', '220300', '2022-05-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00');
    const submitted = await t.call('POST', `/v1/change-sets/${id}/submit`, { token: author, headers: { 'If-Match': etag } });
    expect(submitted.status).toBe(200);
    const approved = await t.call('POST', `/v1/change-sets/${id}/approve`, {
      token: approver,
      body: { acknowledge: ['retroactive'] },
      headers: { 'If-Match': submitted.headers.get('ETag') ?? '' },
    });
    expect(approved.status).toBe(200);
  });
});
