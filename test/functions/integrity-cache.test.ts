import { beforeAll, describe, expect, it } from 'vitest';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

const MAX_BYTES = 1024 * 1024;

describe('the per-process catalog cache', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ catalog: { maxBytes: MAX_BYTES } });
    token = await t.tokenFor('downstream', 'HIS');
    // Six releases of 100 price items each: six views and many pages to cache.
    for (let release = 1; release <= 6; release++) {
      const { changeSet, published } = await approvedChangeSet(t.store, manyPriceItems(100, `R${String(release).padStart(2, '0')}-`));
      await t.store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
    }
  }, 120_000);

  it('never answers a JSON view with a FHIR Bundle, nor FHIR with JSON, in either order', async () => {
    for (const order of [
      ['fhir', 'json'],
      ['json', 'fhir'],
    ]) {
      for (const format of order) {
        if (format === 'fhir') {
          const bundle = await t.call('GET', '/fhir/ChargeItemDefinition?_count=100', { token });
          expect(bundle.status).toBe(200);
          expect(bundle.headers.get('Content-Type')).toContain('application/fhir+json');
          expect(bundle.body.resourceType).toBe('Bundle');
        } else {
          const page = await t.call('GET', '/v1/catalog/price-items?limit=100', { token });
          expect(page.status).toBe(200);
          expect(page.body.resourceType).toBeUndefined();
          expect(page.body).toMatchObject({ kind: 'price-items', release: 6 });
          expect(page.body.items).toHaveLength(100);
        }
      }
    }
  });

  it('stays within its byte bound however many distinct cursors, page sizes and releases a caller cycles through', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let requests = 0;
    let served = 0;
    for (let release = 1; release <= 6; release++) {
      for (let i = 0; i < 250; i += 1) {
        const after = `R${String(1 + (i % 6)).padStart(2, '0')}-${String(i % 100).padStart(6, '0')}`;
        const cursor = Buffer.from(JSON.stringify({ after })).toString('base64url');
        const limit = 10 + (i % 5) * 200;
        const page = await t.call('GET', `/v1/catalog/price-items?release=${release}&limit=${limit}&cursor=${cursor}`, { token });
        expect(page.status).toBe(200);
        requests++;
        served += JSON.stringify(page.body).length * 2;
        expect(t.store.catalog.bytes).toBeLessThanOrEqual(MAX_BYTES);
      }
    }
    expect(requests).toBe(1500);
    expect(served, 'the pages served would overflow the bound many times over').toBeGreaterThan(20 * MAX_BYTES);
    // Without the bound, 1,500 distinct pages of up to 600 entries would hold well over 100 MB.
    global.gc?.();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  }, 180_000);
});
