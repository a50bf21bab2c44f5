import { describe, expect, it } from 'vitest';
import { searchWords } from '../../policy-catalog/catalog-search.ts';
import type { EntryKind } from '../../policy-catalog/kinds.ts';
import { CatalogCache } from '../../functions/store/catalog-cache.ts';
import { CatalogSearch } from '../../functions/store/catalog-search.ts';
import type { EntryVersion, ReleaseStore } from '../../functions/store/release-store.ts';

const item = (code: string, name: string, release: number): EntryVersion => ({
  kind: 'price-items',
  code,
  release,
  timeline: [{ validFrom: '2022-05-01T00:00:00+08:00', validTo: null, attributes: { name, unit: '次', category: '检验', priceFen: 1000 } }],
});

/** A release store that only serves views: price items by release, every other kind empty; it counts its reads. */
function releasesOf(views: Record<number, EntryVersion[]>) {
  const reads: string[] = [];
  const releases = {
    async allEntries(kind: EntryKind, asOf: number) {
      reads.push(`${kind}@${asOf}`);
      return kind === 'price-items' ? (views[asOf] ?? []) : [];
    },
  } as unknown as ReleaseStore;
  return { releases, reads };
}

const views = {
  1: [item('A1', '新型冠状病毒核酸检测', 1), item('A2', '血常规', 1)],
  2: [item('A1', '新型冠状病毒核酸检测', 1), item('A2', '血常规检测', 2), item('A3', '尿常规检测', 2)],
};

describe('the search over the catalog cache', () => {
  it('builds a release’s index once, from one read of each kind’s view, however many searches', async () => {
    const { releases, reads } = releasesOf(views);
    const search = new CatalogSearch(new CatalogCache(releases));
    for (const q of ['hsjc', 'xcg', '核酸', 'hsjc']) await search.page({ words: searchWords(q), release: 1, offset: 0, limit: 10 });
    expect(reads.sort()).toEqual(['drug-entries@1', 'listings@1', 'measures@1', 'price-items@1']);
  });

  it('re-analyses only the entries a new release changed, and forgets the superseded index', async () => {
    const { releases } = releasesOf(views);
    const catalog = new CatalogCache(releases);
    const search = new CatalogSearch(catalog);
    const first = await search.index(1);
    const second = await search.index(2);
    const searchableOf = (index: typeof first, code: string) => index.entries.find((entry) => entry.code === code)?.searchable;
    expect(searchableOf(second, 'A1')).toBe(searchableOf(first, 'A1'));
    expect(searchableOf(second, 'A2')).not.toBe(searchableOf(first, 'A2'));
    expect(catalog.cachedDerived('search-index@1')).toBeUndefined();
    expect(catalog.cachedDerived('search-index@2')).toBeDefined();
    expect((await search.page({ words: searchWords('cgjc'), release: 2, offset: 0, limit: 10 })).hits.map(({ entry }) => entry.code)).toEqual(['A2', 'A3']);
  });

  it('pages on from the release a search began in while its hits are held, else from the visible one', async () => {
    const { releases } = releasesOf(views);
    const catalog = new CatalogCache(releases);
    const search = new CatalogSearch(catalog);
    const words = searchWords('cg');
    const page = await search.page({ words, release: 1, offset: 0, limit: 1 });
    expect(page).toMatchObject({ release: 1, total: 1 });
    expect((await search.page({ words, release: 1, fallbackRelease: 2, offset: 0, limit: 5 })).release).toBe(1);
    expect((await search.page({ words: searchWords('jc'), release: 1, fallbackRelease: 2, offset: 0, limit: 5 })).release).toBe(2);
  });

  it('keeps its index and hits within the cache’s byte bound', async () => {
    const { releases } = releasesOf(views);
    const small = new CatalogCache(releases, { maxBytes: 2000 });
    const search = new CatalogSearch(small);
    const page = await search.page({ words: searchWords('hsjc'), release: 1, offset: 0, limit: 10 });
    expect(page.hits.map(({ entry }) => entry.code)).toEqual(['A1']);
    expect(small.bytes).toBeLessThanOrEqual(2000);
    expect(small.cachedDerived('search-index@1')).toBeUndefined();
  });
});
