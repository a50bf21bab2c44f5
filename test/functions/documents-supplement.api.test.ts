import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient, sample, testFileStore } from '../support/documents.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 14 §2: a supplement request is answered only by uploading or by a written 容缺
// declaration; a deferred material supplied later (容缺后补) is provided by its uploaded files.
let t: TestApp;
let storage: ReturnType<typeof testFileStore>;
let docs: ReturnType<typeof documentClient>;
let hospital: string;
let reviewer: string;

beforeAll(async () => {
  storage = testFileStore();
  t = await startTestApp({ files: storage.files });
  docs = documentClient(t);
  hospital = await t.tokenFor('hospital', '张敏', 'hosp-a');
  reviewer = await t.tokenFor('reviewer', '赵敏');
});
afterAll(() => rmSync(storage.directory, { recursive: true, force: true }));

const materialOf = (application: { materials: { key: string }[] }, key: string) => application.materials.find((material) => material.key === key);

describe('answering a supplement request', () => {
  let id: string;
  let firstFile: string;
  beforeAll(async () => {
    id = await docs.draft(hospital);
    firstFile = (await docs.put(id, hospital, sample.pdf)).body.document.id;
    const draft = (await t.call('GET', `/v1/service-applications/${id}`, { token: hospital })).body.application;
    const materials = draft.materials.map((material: { key: string }) =>
      material.key === 'cost-calculation' ? { ...material, documents: [firstFile] } : material,
    );
    expect((await docs.act(id, 'edit', hospital, { materials })).status).toBe(200);
    expect((await docs.act(id, 'submit', hospital)).status).toBe(200);
    t.clock.set('2026-11-24T09:00:00+08:00');
    const requested = await docs.act(id, 'request-supplement', reviewer, {
      reason: '成本测算表缺少设备折旧；请补充外省同类项目价格',
      materials: ['cost-calculation', 'regional-price-reference'],
    });
    expect(requested.body.application.state).toBe('supplement-requested');
    t.clock.set('2026-11-25T10:00:00+08:00');
  });

  it('refuses "supplied" with nothing new: no answer, or the file the reviewer already had', async () => {
    const nothing = await docs.act(id, 'supply-supplement', hospital, { reason: '已补充' });
    expect(nothing.status).toBe(422);
    expect(nothing.body.refusal).toEqual({ code: 'supplement-not-answered', material: 'cost-calculation', name: '项目成本测算表' });
    const sameFile = await docs.act(id, 'supply-supplement', hospital, {
      materials: [{ key: 'cost-calculation', status: 'provided', documents: [firstFile] }],
    });
    expect(sameFile.body.refusal).toMatchObject({ code: 'supplement-not-answered', material: 'cost-calculation' });
  });

  it('refuses a file that is not this application’s', async () => {
    const elsewhere = await docs.draft(hospital, '250403100090003');
    const foreign = (await docs.put(elsewhere, hospital, sample.pdf)).body.document.id;
    const answered = await docs.act(id, 'supply-supplement', hospital, { materials: [{ key: 'cost-calculation', status: 'provided', documents: [foreign] }] });
    expect(answered.status).toBe(422);
    expect(answered.body.refusal).toMatchObject({ code: 'unknown-document', material: 'cost-calculation', document: foreign });
  });

  it('wants every material asked for answered: a new file for one, a written 容缺 declaration for the other', async () => {
    const newFile = (await docs.put(id, hospital, sample.pdf, { filename: '项目成本测算表（补正）.pdf' })).body.document;
    expect(newFile.storedAt).toBe('2026-11-25T10:00:00+08:00');
    const uploadOnly = await docs.act(id, 'supply-supplement', hospital, {
      materials: [{ key: 'cost-calculation', status: 'provided', documents: [newFile.id] }],
    });
    expect(uploadOnly.body.refusal).toMatchObject({ code: 'supplement-not-answered', material: 'regional-price-reference' });
    const withoutText = await docs.act(id, 'supply-supplement', hospital, {
      materials: [
        { key: 'cost-calculation', status: 'provided', documents: [newFile.id] },
        { key: 'regional-price-reference', status: 'unavailable', explanation: ' ', consentToReviewOnMaterialsAtHand: true },
      ],
    });
    expect(withoutText.status).toBe(400);

    const answered = await docs.act(id, 'supply-supplement', hospital, {
      reason: '已补充成本测算，外省价格无法取得',
      materials: [
        { key: 'cost-calculation', status: 'provided', documents: [newFile.id] },
        { key: 'regional-price-reference', status: 'unavailable', explanation: '外省尚未开展同类项目，无价格可参考', consentToReviewOnMaterialsAtHand: true },
      ],
    });
    expect(answered.status).toBe(200);
    expect(answered.body.application.state).toBe('submitted');
    expect(materialOf(answered.body.application, 'cost-calculation')).toEqual({ key: 'cost-calculation', status: 'provided', documents: [newFile.id] });
    expect(answered.body.event).toMatchObject({ action: 'supply-supplement', materials: ['cost-calculation', 'regional-price-reference'] });
    // Both files stay on record; the reviewer opens the new one.
    const listed = await t.call('GET', `/v1/service-applications/${id}/documents`, { token: reviewer });
    expect(listed.body.items.map((document: { id: string }) => document.id)).toEqual([firstFile, newFile.id]);
    expect((await docs.open(id, newFile.id, reviewer)).status).toBe(200);
  });
});

describe('supplying a deferred material later (容缺后补)', () => {
  it('takes a file for the deferred material after submission and provides the material with it', async () => {
    t.clock.set('2026-11-23T10:00:00+08:00');
    const id = await docs.draft(hospital, '250403100090004');
    const draft = (await t.call('GET', `/v1/service-applications/${id}`, { token: hospital })).body.application;
    const materials = draft.materials.map((material: { key: string }) =>
      material.key === 'regional-price-reference'
        ? { key: material.key, status: 'deferred', commitment: '承诺12月1日前补交', dueDate: '2026-12-01' }
        : material,
    );
    await docs.act(id, 'edit', hospital, { materials });
    expect((await docs.act(id, 'submit', hospital)).status).toBe(200);
    // A provided material is closed; the deferred one takes files.
    expect((await docs.ask(id, hospital, { size: 100 })).status).toBe(409);
    const file = (await docs.put(id, hospital, sample.pdf, { materialKey: 'regional-price-reference', filename: '外省价格参考.pdf' })).body.document;
    const supplied = await docs.act(id, 'supply-material', hospital, { materials: ['regional-price-reference'] });
    expect(supplied.status).toBe(200);
    expect(materialOf(supplied.body.application, 'regional-price-reference')).toEqual({
      key: 'regional-price-reference',
      status: 'provided',
      suppliedAt: '2026-11-23T10:00:00+08:00',
      documents: [file.id],
    });
  });
});
