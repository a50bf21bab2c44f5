import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 15 §4: an off-the-shelf FHIR client (fhir-kit-client) pointed at /fhir discovers what is
// supported and reads price items by search (code, date), by id and by version.
const PCR = '250403100010000';
let t: TestApp;
let server: Server;
let client: InstanceType<typeof Client>;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started as Server));
  });
  const token = await t.tokenFor('downstream', '结算系统');
  client = new Client({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`, bearerToken: token });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

type Resource = Record<string, any>;

describe('a FHIR client', () => {
  it('reads the CapabilityStatement: R4, JSON, read, vread and search on both resource types', async () => {
    const metadata = (await client.capabilityStatement()) as Resource;
    expect(metadata).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', format: ['json'], kind: 'instance' });
    const resources = metadata.rest[0].resource as Resource[];
    expect(resources.map((resource) => resource.type)).toEqual(['ChargeItemDefinition', 'MedicationKnowledge']);
    expect(resources[0]!.interaction.map((interaction: Resource) => interaction.code)).toEqual(['read', 'vread', 'search-type']);
    expect(resources[0]!.searchParam.map((param: Resource) => param.name)).toEqual(expect.arrayContaining(['code', 'effective', '_count', '_at', '_since']));
  });

  it('searches ChargeItemDefinition by code and date, and reads the match by id', async () => {
    const bundle = (await client.search({ resourceType: 'ChargeItemDefinition', searchParams: { code: PCR, effective: '2022-05-10' } })) as Resource;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(bundle.entry).toHaveLength(1);
    const found = bundle.entry[0].resource as Resource;
    expect(found.identifier[0].value).toBe(PCR);
    expect(found.propertyGroup[0].priceComponent[0].amount).toEqual({ value: 16, currency: 'CNY' });
    const read = (await client.read({ resourceType: 'ChargeItemDefinition', id: found.id })) as Resource;
    expect(read.id).toBe(found.id);
    expect(read.effectivePeriod).toEqual(found.effectivePeriod);
    // Another date, another period of the same item.
    const later = (await client.search({
      resourceType: 'ChargeItemDefinition',
      searchParams: { code: `urn:green-channel:price-item-code|${PCR}`, effective: '2022-12-01' },
    })) as Resource;
    expect(later.entry).toHaveLength(1);
    expect(later.entry[0].resource.id).not.toBe(found.id);
  });

  it('reads an earlier version by _history, and answers a missing one with an OperationOutcome', async () => {
    const current = (await client.search({ resourceType: 'ChargeItemDefinition', searchParams: { code: PCR } })) as Resource;
    const release = Number(current.meta.versionId);
    const id = current.entry[0].resource.id as string;
    const versions: Resource[] = [];
    for (let version = 1; version <= release; version++) {
      try {
        versions.push((await client.vread({ resourceType: 'ChargeItemDefinition', id, version: String(version) })) as Resource);
      } catch {
        // not yet published then
      }
    }
    expect(versions.length).toBeGreaterThan(0);
    expect(versions[0]!.meta.versionId).not.toBe(String(release));
    await expect(client.read({ resourceType: 'ChargeItemDefinition', id: 'NO-SUCH-CODE-p1' })).rejects.toMatchObject({
      response: { status: 404, data: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] } },
    });
  });

  it('pages a search with _count through the next link, and searches the catalog as it stood at an instant', async () => {
    const first = (await client.search({ resourceType: 'MedicationKnowledge', searchParams: { _count: 2 } })) as Resource;
    expect(first.entry).toHaveLength(2);
    const second = (await client.nextPage({ bundle: first as never })) as Resource;
    expect(second.entry.length).toBeGreaterThan(0);
    expect(second.entry[0].resource.id).not.toBe(first.entry[0].resource.id);
    const before = (await client.search({ resourceType: 'ChargeItemDefinition', searchParams: { _at: '2019-01-01T00:00:00+08:00' } })) as Resource;
    expect(before.entry ?? []).toHaveLength(0);
    const bad = client.search({ resourceType: 'ChargeItemDefinition', searchParams: { effective: 'not-a-date' } });
    await expect(bad).rejects.toMatchObject({ response: { status: 400, data: { resourceType: 'OperationOutcome' } } });
  });
});
