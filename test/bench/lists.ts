// Issue 12 §7: inboxes and lists that scale. A hospital's own list, the reviewer inbox's first
// page and one entry's pending changes, through the whole app in-process (app.request, as the
// tests call it), with 100,000 applications over 500 organisations and 50 open change sets of
// 20,000 changes each, against the same with 1,000 applications and one open change set.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Application, ApplicationState } from '../../policy-catalog/applications/application.ts';
import { draftApplication } from '../../policy-catalog/applications/draft.ts';
import { type ChangeSet, transition } from '../../policy-catalog/change-set.ts';
import { createApp, systemClock } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { batchWrite } from '../../functions/store/dynamo.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { servicePayload } from '../support/applications.ts';
import { author, manyPriceItems } from '../support/change-sets.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';
import { record } from './results.ts';

const ORGANISATIONS = 500;
const CHANGES_PER_SET = 20_000;
const states = ApplicationState.options;

export async function listsBench(endpoint: string) {
  const signer = await testSigner();
  const hospital = await signer.tokenFor('hospital', '基准医院', 'H000007');
  const reviewer = await signer.tokenFor('reviewer', '基准审核');
  const officer = await signer.tokenFor('pricing-staff', '基准物价');
  const figures: Record<string, { small: number; large: number }> = {};
  for (const [scale, applications, changeSets] of [
    ['small', 1000, 1],
    ['large', 100_000, 50],
  ] as const) {
    const started = performance.now();
    const store = createStore({ client: localDynamoClient(endpoint), tableName: `bench-lists-${applications}-${Date.now()}` });
    await store.ensureTable();
    await writeApplications(store, localDynamoClient(endpoint), applications);
    await writeOpenChangeSets(store, changeSets);
    console.log(
      `       ${applications.toLocaleString('en-US')} applications and ${changeSets} open change sets written in ${Math.round(performance.now() - started)} ms`,
    );
    const auth = oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: signer.keys, claimNames: TEST_CLAIM_NAMES });
    const app = createApp({ store, clock: systemClock, auth });
    const p99 = async (path: string, token: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 350; i++) {
        const began = performance.now();
        const response = await app.request(path, { headers: { Authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        if (i >= 50) samples.push(performance.now() - began);
      }
      samples.sort((a, b) => a - b);
      return samples[Math.floor(samples.length * 0.99)] as number;
    };
    for (const [figure, path, token] of [
      ['a hospital’s own list (first page of 50)', '/v1/service-applications?limit=50', hospital],
      ['the reviewer inbox (first page of 50)', '/v1/service-applications?limit=50', reviewer],
      ['the reviewer inbox, overdue only', '/v1/service-applications?limit=50&overdue=true', reviewer],
      ['an entry’s pending changes', '/v1/catalog/price-items/C00-000123/pending', officer],
    ] as const) {
      figures[figure] = { small: 0, large: 0, ...figures[figure], [scale]: await p99(path, token) };
    }
  }
  for (const [figure, { small, large }] of Object.entries(figures)) {
    record(`lists at 100,000 applications and 50 × 20,000 open changes: ${figure}`, 'p99', large, small, 'ms', { atMost: 1.5 });
  }
}

/** `count` service applications of 500 hospitals in every state, due over ±30 days, written as the store writes them. */
async function writeApplications(store: Store, client: DynamoDBClient, count: number) {
  const drafted = draftApplication({
    id: 'template',
    type: 'service',
    payload: servicePayload(),
    actor: { sub: 'bench', name: '基准', role: 'hospital', orgId: 'H000000' },
    now: '2026-11-02T09:00:00+08:00',
  });
  if (!drafted.ok) throw new Error(drafted.refusal.message);
  const template = drafted.application;
  const day = 24 * 60 * 60 * 1000;
  const base = Date.parse('2026-11-30T09:00:00+08:00');
  // The store's own item layout (keys and index attributes), written in bulk.
  const itemOf = (application: Application) => (store.applications as unknown as { item(a: Application): Record<string, unknown> }).item(application);
  const requests = Array.from({ length: count }, (_, i) => {
    const state = states[i % states.length] as ApplicationState;
    const createdAt = new Date(base - ((i * 7919) % (60 * day))).toISOString();
    const application = {
      ...template,
      id: `A${String(i).padStart(7, '0')}`,
      orgId: `H${String(i % ORGANISATIONS).padStart(6, '0')}`,
      state,
      createdAt,
      updatedAt: createdAt,
      ...(state === 'draft' ? {} : { submittedAt: createdAt, dueAt: new Date(base + (((i * 104_729) % (60 * day)) - 30 * day)).toISOString() }),
    } as Application;
    return { PutRequest: { Item: itemOf(application) } };
  });
  await batchWrite(client, store.tableName, requests as never, 16);
}

/** `count` submitted change sets of 20,000 price changes each, on codes of their own (`C00-…` is the first set's). */
async function writeOpenChangeSets(store: Store, count: number) {
  const now = new Date().toISOString();
  const step = (changeSet: ChangeSet, action: 'edit' | 'submit') => {
    const result = transition({ changeSet, action, actor: author, now });
    if (!result.ok) throw new Error(result.refusal.message);
    return result.changeSet;
  };
  for (let set = 0; set < count; set++) {
    const draft: ChangeSet = {
      id: `bench-${set}`,
      title: `基准变更 ${set}`,
      state: 'draft',
      author: { sub: author.sub, name: author.name },
      createdAt: now,
      updatedAt: now,
      changeCount: 0,
      version: 1,
    };
    await store.changeSets.create(draft);
    const changes = manyPriceItems(CHANGES_PER_SET, `C${String(set).padStart(2, '0')}-`);
    const edited = (await store.changeSets.addChanges(step(draft, 'edit'), draft.version, changes, Date.now())).changeSet;
    await store.changeSets.save(step(edited, 'submit'), edited.version, Date.now());
  }
}
