import { beforeAll, describe, expect, it } from 'vitest';
import { servicePayload as serviceApplication } from '../support/applications.ts';
import { applicationLimits } from '../../policy-catalog/applications/limits.ts';
import { checklists, requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

const MAX_DRAFTS = applicationLimits.openDraftsPerOrganisation;

let t: TestApp;
const tokens: Record<string, string> = {};

const servicePayload = (name: string) => serviceApplication({ itemName: name });
const provided = () => requiredMaterials('service', false).map((material) => ({ key: material.key, status: 'provided' }));
/** The most an applicant may declare: every key of the checklist once, each statement as long as allowed. */
const largest = () =>
  checklists.service.map((material) =>
    material.critical
      ? { key: material.key, status: 'provided' }
      : { key: material.key, status: 'deferred', commitment: '补'.repeat(applicationLimits.materialTextLength), dueDate: '2027-01-10' },
  );

const create = (token: string, name: string, materials: unknown = provided()) =>
  t.call('POST', '/v1/service-applications', { token, body: { payload: servicePayload(name), materials } });

/** A step with the ETag just read, as the console sends it. */
async function act(token: string, id: string, action: string, body: unknown = {}) {
  const read = await t.call('GET', `/v1/service-applications/${id}`, { token });
  return t.call('POST', `/v1/service-applications/${id}/${action}`, { token, body, headers: { 'If-Match': read.headers.get('etag') as string } });
}

const draftsOf = async (token: string) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.call('GET', `/v1/service-applications?state=draft&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token });
    ids.push(...page.body.items.map((item: { application: { id: string } }) => item.application.id));
    cursor = page.body.cursor;
  } while (cursor);
  return ids;
};

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  tokens.flooder = await t.tokenFor('hospital', '刷单医院', 'hosp-flood');
  tokens.neighbour = await t.tokenFor('hospital', '邻院', 'hosp-neighbour');
  tokens.racer = await t.tokenFor('hospital', '并发医院', 'hosp-race');
  tokens.reviewer = await t.tokenFor('reviewer', '审核员');
});

describe('an organisation flooding the bureau with drafts (the 37 MB inbox)', () => {
  const created: string[] = [];

  it(`takes ${MAX_DRAFTS} open drafts of the largest allowed size, refuses the next with 422 limit-reached, and leaves other organisations alone`, async () => {
    for (let n = 0; n < MAX_DRAFTS; n++) {
      const response = await create(tokens.flooder as string, `刷单项目${n}`, n === 0 ? provided() : largest());
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      created.push(response.body.application.id);
    }
    const refused = await create(tokens.flooder as string, '第21个草稿', largest());
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: '/problems/limit-reached', limit: 'open-drafts', max: MAX_DRAFTS });
    expect(await draftsOf(tokens.flooder as string)).toHaveLength(MAX_DRAFTS);
    expect(await t.store.applications.openDrafts('service', 'hosp-flood')).toBe(MAX_DRAFTS);
    expect((await create(tokens.neighbour as string, '邻院项目')).status).toBe(201);
  });

  it('frees a place when a draft is submitted or withdrawn, and only then', async () => {
    const [submittable, withdrawable] = created as [string, string];
    expect((await act(tokens.flooder as string, submittable, 'submit')).status).toBe(200);
    expect((await create(tokens.flooder as string, '提交后的新草稿')).status).toBe(201);
    expect((await create(tokens.flooder as string, '又一个')).status).toBe(422);
    expect((await act(tokens.flooder as string, withdrawable, 'withdraw')).status).toBe(200);
    expect((await create(tokens.flooder as string, '撤回后的新草稿')).status).toBe(201);
    expect((await create(tokens.flooder as string, '再一个')).status).toBe(422);
    // An edit keeps a draft a draft: it neither frees nor takes a place.
    expect((await act(tokens.flooder as string, created[2] as string, 'edit', { payload: servicePayload('改名') })).status).toBe(200);
    expect(await t.store.applications.openDrafts('service', 'hosp-flood')).toBe(MAX_DRAFTS);
  });

  it("keeps the drafts out of the reviewer's inbox, and bounds any page by its limit", async () => {
    const inbox = await t.call('GET', '/v1/service-applications', { token: tokens.reviewer });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((item: { application: { state: string } }) => item.application.state)).not.toContain('draft');
    const drafts = await t.call('GET', '/v1/service-applications?state=draft&limit=5', { token: tokens.reviewer });
    expect(drafts.body.items).toHaveLength(5);
    expect(drafts.body.cursor).toEqual(expect.any(String));
    // Each application is bounded (payload, at most one declaration per checklist key, 500-character statements).
    const bytes = Buffer.byteLength(JSON.stringify(drafts.body));
    expect(bytes).toBeLessThan(5 * 20_000);
    const page = await t.call('GET', '/v1/service-applications?state=draft&limit=200', { token: tokens.reviewer });
    expect(page.body.items.length).toBeLessThanOrEqual(200);
  });

  it('counts drafts created at the same moment exactly: never more than the limit', async () => {
    for (let n = 0; n < MAX_DRAFTS - 2; n++) expect((await create(tokens.racer as string, `并发${n}`)).status).toBe(201);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => create(tokens.racer as string, `同时${n}`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(2);
    expect(statuses.filter((status) => status !== 201).every((status) => status === 422 || status === 409)).toBe(true);
    expect(await draftsOf(tokens.racer as string)).toHaveLength(MAX_DRAFTS);
    expect(await t.store.applications.openDrafts('service', 'hosp-race')).toBe(MAX_DRAFTS);
  });
});

describe('materials bounded by the checklist', () => {
  it('refuses made-up material keys, naming each declaration, and stores nothing', async () => {
    const before = (await draftsOf(tokens.neighbour as string)).length;
    const response = await create(tokens.neighbour as string, '编造材料', [
      { key: 'application-form', status: 'provided' },
      { key: 'made-up-1', status: 'provided' },
      { key: 'cost-calculation', status: 'provided' },
      { key: 'made-up-2', status: 'unavailable', explanation: '无', consentToReviewOnMaterialsAtHand: true },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('/problems/validation-failed');
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['materials.1.key', 'materials.3.key']);
    expect((await draftsOf(tokens.neighbour as string)).length).toBe(before);
  });

  it('refuses a second declaration of the same key', async () => {
    const response = await create(tokens.neighbour as string, '重复材料', [...provided(), { key: 'cost-calculation', status: 'provided' }]);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: `materials.${provided().length}.key` })]);
  });

  it('refuses more declarations than the checklist has keys, and 50 made-up 2,000-character ones before even parsing them', async () => {
    const many = Array.from({ length: 50 }, (_, n) => ({ key: `made-up-${n}`, status: 'deferred', commitment: '假', dueDate: '2027-01-10' }));
    const response = await create(tokens.neighbour as string, '五十份材料', many);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain('materials');
    const flood = many.map((material) => ({ ...material, commitment: '假'.repeat(2000) }));
    const flooded = await create(tokens.neighbour as string, '五十份长材料', flood);
    expect(flooded.status).toBe(413);
    expect(flooded.body.type).toBe('/problems/payload-too-large');
  });

  it.each([
    ['commitment', { key: 'device-registration', status: 'deferred', commitment: '补'.repeat(501), dueDate: '2027-01-10' }],
    ['explanation', { key: 'device-registration', status: 'unavailable', explanation: '无'.repeat(501), consentToReviewOnMaterialsAtHand: true }],
  ])('refuses a %s longer than 500 characters, naming it', async (field, declaration) => {
    const response = await create(tokens.neighbour as string, '超长说明', [declaration]);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: `materials.0.${field}` })]);
    const atLimit = { ...declaration, [field]: '补'.repeat(500) };
    expect((await create(tokens.neighbour as string, '刚好500字', [atLimit])).status).toBe(201);
  });

  it('refuses an edit that declares a made-up material, and leaves the draft as it was', async () => {
    const draft = (await create(tokens.neighbour as string, '待编辑')).body.application;
    const edited = await act(tokens.neighbour as string, draft.id, 'edit', { materials: [{ key: 'tax-records', status: 'provided' }] });
    expect(edited.status).toBe(400);
    expect(edited.body.errors).toEqual([expect.objectContaining({ path: 'materials.0.key' })]);
    const after = await t.call('GET', `/v1/service-applications/${draft.id}`, { token: tokens.neighbour });
    expect(after.body.application).toMatchObject({ version: draft.version, materials: draft.materials });
  });
});
