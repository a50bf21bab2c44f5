import { inject } from 'vitest';
import type { Role } from '../../policy-catalog/identity.ts';
import { createApp, type Clock } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import * as spreadsheets from '../../functions/http/spreadsheet.ts';
import type { UserDirectory } from '../../functions/http/user-directory.ts';
import { inProcessImports } from '../../functions/jobs/run-import.ts';
import { fileExchange } from '../../functions/routes/file-exchange.ts';
import { applicationDocuments } from '../../functions/routes/documents.ts';
import type { LocalFileStore } from '../../functions/local/local-file-store.ts';
import { loadSeed } from '../../functions/local/seed.ts';
import { seedReleases } from '../../policy-catalog/seed/index.ts';
import type { CatalogCacheOptions } from '../../functions/store/catalog-cache.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from './test-tokens.ts';

/** Every acknowledgeable impact warning: for tests that publish on purpose. */
export const ALL_ACKNOWLEDGEMENTS = ['removes-published-periods', 'retroactive', 'ceiling-raised', 'large-price-change'];

export function dynamoEndpoint(): string {
  return inject('dynamoEndpoint');
}

/** A store on a table of its own, so no test sees another's leftovers. */
export async function createTestStore(catalog?: CatalogCacheOptions): Promise<Store> {
  const store = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName: `test-${crypto.randomUUID()}`, ...(catalog ? { catalog } : {}) });
  await store.ensureTable();
  return store;
}

/** A clock the test moves by hand. */
export function fixedClock(iso = '2026-11-23T10:00:00+08:00'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => now, set: (next) => (now = new Date(next)) };
}

export interface TestApp {
  store: Store;
  clock: ReturnType<typeof fixedClock>;
  app: ReturnType<typeof createApp>;
  tokenFor(role: Role, name: string, orgId?: string): Promise<string>;
  /** A JSON request as `name` (role) with an optional body; returns status, headers and parsed body. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any }>;
}

/** The whole app in-process (app.request, no socket), on its own table in DynamoDB Local. */
export async function startTestApp({
  seed = false,
  catalog,
  store: given,
  userDirectory,
  files,
}: {
  seed?: boolean;
  catalog?: CatalogCacheOptions;
  store?: Store;
  userDirectory?: UserDirectory;
  /** Large files through signed URLs (the local stand-in for S3), imports run in this process; application documents too. */
  files?: LocalFileStore;
} = {}): Promise<TestApp> {
  const store = given ?? (await createTestStore(catalog));
  if (seed) await loadSeed(store);
  const clock = fixedClock();
  const signer = await testSigner();
  const auth = oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: signer.keys, claimNames: TEST_CLAIM_NAMES });
  const app = createApp({
    store,
    clock,
    auth,
    exchange: fileExchange(
      files ? { spreadsheets, files, startImport: inProcessImports({ store, files, spreadsheets, now: () => clock.now() }) } : { spreadsheets },
    ),
    ...(userDirectory ? { userDirectory } : {}),
    ...(files ? { fileRoutes: files.routes(), documents: applicationDocuments({ files }) } : {}),
    // Webhooks as on a local server: plain HTTP and loopback endpoints allowed.
    webhooks: { local: true },
    // Mail kept in the outbox, as on a local server.
    mail: { delivery: 'outbox' },
  });
  const tokenFor = (role: Role, name: string, orgId?: string) => signer.tokenFor(role, name, orgId);
  const call: TestApp['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    } else if (options.rawBody !== undefined) {
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return { store, clock, app, tokenFor, call };
}

/** The release number a seed change set gets on a fresh table (seeds are published in date order). */
export function seedReleaseNumber(id: string): number {
  const index = seedReleases.findIndex((release) => release.id === id);
  if (index < 0) throw new Error(`no seed release ${id}`);
  return index + 1;
}

export const SEED_RELEASES = seedReleases.length;

/**
 * Take changes through the whole workflow over HTTP: a draft by `author`, submitted, approved
 * and published by `approver` (four eyes). Returns the release number.
 */
export async function publishThroughApi(t: TestApp, changes: unknown[], author: string, approver: string, title = '测试发布'): Promise<number> {
  const created = await t.call('POST', '/v1/change-sets', { token: author, body: { title } });
  const id = created.body.id as string;
  const added = await t.call('POST', `/v1/change-sets/${id}/changes`, {
    token: author,
    body: { changes },
    headers: { 'If-Match': created.headers.get('ETag') ?? '' },
  });
  if (added.status !== 201) throw new Error(`adding changes failed: ${JSON.stringify(added.body)}`);
  const submitted = await t.call('POST', `/v1/change-sets/${id}/submit`, { token: author, headers: { 'If-Match': added.headers.get('ETag') ?? '' } });
  // These helpers publish on purpose: they acknowledge whatever impact the changes have.
  const acknowledge = { acknowledge: ALL_ACKNOWLEDGEMENTS };
  const approved = await t.call('POST', `/v1/change-sets/${id}/approve`, {
    token: approver,
    body: acknowledge,
    headers: { 'If-Match': submitted.headers.get('ETag') ?? '' },
  });
  const published = await t.call('POST', `/v1/change-sets/${id}/publish`, {
    token: approver,
    body: acknowledge,
    headers: { 'If-Match': approved.headers.get('ETag') ?? '' },
  });
  if (published.status !== 200) throw new Error(`publishing failed: ${JSON.stringify(published.body)}`);
  return published.body.release.number as number;
}
