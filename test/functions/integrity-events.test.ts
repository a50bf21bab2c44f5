import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../policy-catalog/import-job.ts';
import * as spreadsheets from '../../functions/http/spreadsheet.ts';
import { deliverWebhooks } from '../../functions/jobs/deliver-webhooks.ts';
import { importKeys, runImport } from '../../functions/jobs/run-import.ts';
import { LocalFileStore } from '../../functions/local/local-file-store.ts';
import { readOrgEvents } from '../../functions/store/org-events.ts';
import { localDynamoClient } from '../../functions/store/store.ts';
import { providedMaterials, servicePayload } from '../support/applications.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { createTestStore, dynamoEndpoint, startTestApp } from '../support/fixtures.ts';

// The guarantees of this stop's additions, attacked with concurrent callers on the same data:
// an import runs once however many runners take it; webhook workers racing on one endpoint never
// skip or reorder a release; a state change that lost its race tells nobody.
let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'gc-integrity-events-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('a queued import taken by several runners at once (a redelivered message, two importers)', () => {
  it('runs once: its changes are added once, and every runner sees the one outcome', async () => {
    const store = await createTestStore();
    const files = new LocalFileStore(directory, 'http://localhost');
    const at = '2026-11-30T10:00:00+08:00';
    const actor = { sub: 'officer-a', name: '王芳', role: 'pricing-staff' as const };
    await store.changeSets.create({
      id: 'cs-race',
      title: '并发导入',
      state: 'draft',
      author: actor,
      createdAt: at,
      updatedAt: at,
      changeCount: 0,
      version: 1,
    });
    const job: ImportJob = {
      importId: '0c9a1d5e-5c8f-4e8a-9b61-2f0d3c1e7a11',
      changeSetId: 'cs-race',
      kind: 'price-items',
      filename: 'race.csv',
      contentType: 'text/csv',
      size: 1,
      expectedVersion: 1,
      state: 'queued',
      rowsRead: 0,
      rowsValid: 0,
      errorCount: 0,
      errors: [],
      by: actor,
      createdAt: at,
      updatedAt: at,
    };
    await store.imports.create(job);
    const rows = Array.from({ length: 300 }, (_, i) => `RACE-${i},设置,2027-01-01,,并发项目 ${i},次,检验,1.00,`);
    await files.write(importKeys.upload(job), ['编码,操作,生效时间,失效时间,项目名称,计价单位,类别,最高限价（元）,组成（名称:限价元;…）', ...rows].join('\n'));
    const runner = { store, files, spreadsheets, now: () => new Date() };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => runImport(runner, 'cs-race', job.importId)));
    expect((await store.changeSets.get('cs-race'))?.changeCount).toBe(300);
    expect((await store.changeSets.listChanges('cs-race')).length).toBe(300);
    expect((await store.imports.get('cs-race', job.importId))?.state).toBe('done');
    expect(outcomes.every((outcome) => outcome !== undefined)).toBe(true);
  });
});

describe('webhook workers racing on one endpoint', () => {
  let server: Server;
  const numbers: number[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        numbers.push((JSON.parse(body) as { data: { number: number } }).data.number);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('deliver every release at least once, and the endpoint ends at the newest, never behind or past it', async () => {
    const store = await createTestStore();
    await store.webhooks.create(
      {
        id: '5d3c2b1a-0000-4000-8000-000000000001',
        owner: 'race',
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        events: ['release.published'],
        state: 'active',
        deliveredThrough: 0,
        attempts: 0,
        createdAt: '2026-11-30T10:00:00+08:00',
      },
      `whsec_${Buffer.from('race-secret-race-secret-').toString('base64')}`,
    );
    for (let i = 0; i < 6; i++) {
      const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(1, `RACE${i}-`));
      await store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());
    }
    const run = () => deliverWebhooks({ store, policy: { local: true }, now: () => new Date() });
    await Promise.all([run(), run(), run(), run()]);
    await run();
    expect(new Set(numbers)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const [found] = await store.webhooks.list();
    expect(found?.webhook.deliveredThrough).toBe(6);
    // Each worker sends in release order: the first time each release arrived, all before it had.
    const firsts = [...new Set(numbers)];
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  });
});

describe('a hospital’s two tabs submitting the same application at once', () => {
  it('tell its systems of the one submit that happened, not of the one refused', async () => {
    const t = await startTestApp();
    const hospital = await t.tokenFor('hospital', '刘医生', 'hosp-jdyy');
    const created = await t.call('POST', '/v1/service-applications', {
      token: hospital,
      body: { payload: servicePayload({ greenChannel: true }), materials: providedMaterials('service', true) },
    });
    const resource = `/v1/service-applications/${created.body.application.id}`;
    const etag = (await t.call('GET', resource, { token: hospital })).headers.get('etag') as string;
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => t.call('POST', `${resource}/submit`, { token: hospital, body: {}, headers: { 'If-Match': etag } })),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    const events = await readOrgEvents(localDynamoClient(dynamoEndpoint()), t.store.tableName, 'hosp-jdyy', '', 100);
    expect(events.map(({ body }) => JSON.parse(body).data)).toEqual([
      expect.objectContaining({ from: 'draft', to: 'submitted', id: created.body.application.id }),
    ]);
  });
});
