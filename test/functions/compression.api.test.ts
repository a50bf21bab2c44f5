import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { preferredEncoding } from '../../functions/store/catalog-cache.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

describe('compressed catalog pages', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = await t.tokenFor('downstream', 'HIS');
    const { changeSet, published } = await approvedChangeSet(t.store, manyPriceItems(300, 'GZ-'));
    await t.store.releases.publish(published, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
  });

  const get = (acceptEncoding?: string) =>
    t.app.request('/v1/catalog/price-items?limit=200', {
      headers: { Authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}) },
    });

  it('answers brotli, gzip or plain as the client accepts, the same JSON each time', async () => {
    const plain = await get();
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    const text = await plain.text();
    expect(JSON.parse(text).items).toHaveLength(200);
    const br = await get('gzip, deflate, br');
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Vary')).toContain('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(text.length / 3);
    expect(brotliDecompressSync(brBytes).toString('utf8')).toBe(text);
    const gzip = await get('gzip;q=1, br;q=0');
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString('utf8')).toBe(text);
    // Compressed once: the same bytes again.
    expect(Buffer.from(await (await get('br')).arrayBuffer()).equals(brBytes)).toBe(true);
  });

  it.each([
    [undefined, undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.9', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
  ])('negotiates Accept-Encoding %s as %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});
