import type { SearchMatch } from '#catalog/catalog-search.ts';
import { EntryKind } from '#catalog/kinds.ts';
import type { CatalogCache } from './catalog-cache.ts';
import type { EntryVersion } from './release-store.ts';
import { type IndexedEntry, type InitialsOf, loadInitials, type RankedHit, SearchIndex, searchableEntry } from './search-index.ts';

/** One page of a search: the release it was answered from, every hit's count, and this page's entries. */
export interface SearchResultPage {
  release: number;
  total: number;
  hits: { entry: EntryVersion; match: SearchMatch }[];
  /** The offset of the next page; absent on the last. */
  next?: number;
}

/**
 * Search over the catalog as readers see it. The index of a release is built on the first search
 * of that release in this process, from the cached views of every kind, and kept in the catalog
 * cache under its byte bound; a search's ranked hits are kept there too, so the next page of the
 * same search, or the same search by someone else, costs a slice. Nothing is rebuilt per request.
 *
 * Building the index of a new release re-analyses only the entries that release changed: their
 * pinyin is taken over from the previous index while it is still in memory (held weakly, so an
 * index the cache dropped does not stay alive for this).
 */
export class CatalogSearch {
  private initials: Promise<InitialsOf> | undefined;
  private previous: WeakRef<SearchIndex> | undefined;

  constructor(private readonly catalog: CatalogCache) {}

  /**
   * A page of the hits for `words` (see `searchWords`) as of `release`, from `offset`. A page
   * asked for a release whose hits are no longer held is answered from `fallbackRelease` (the
   * visible one) instead: an old release's index is not rebuilt for a second page.
   */
  async page(query: {
    words: readonly string[];
    kind?: EntryKind;
    release: number;
    fallbackRelease?: number;
    offset: number;
    limit: number;
  }): Promise<SearchResultPage> {
    const { words, kind, offset, limit } = query;
    const held = query.fallbackRelease === undefined || this.catalog.cachedDerived(hitsKey(query.release, words, kind)) !== undefined;
    const release = held ? query.release : (query.fallbackRelease as number);
    const all = await this.hits(release, words, kind);
    const slice = all.slice(offset, offset + limit);
    const views = new Map(
      await Promise.all(
        [...new Set(slice.map(({ entry }) => entry.kind))].map(async (entryKind) => [entryKind, await this.catalog.view(entryKind, release)] as const),
      ),
    );
    const hits = slice.flatMap(({ entry, rank }) => {
      const version = views.get(entry.kind)?.byCode.get(entry.code);
      return version ? [{ entry: version, match: rank.match }] : [];
    });
    const next = offset + limit < all.length ? offset + limit : undefined;
    return { release, total: all.length, hits, ...(next === undefined ? {} : { next }) };
  }

  /** The index of `release` (visible), built once. */
  index(release: number): Promise<SearchIndex> {
    return this.catalog.derived(
      `search-index@${release}`,
      () => this.build(release),
      (index) => index.bytes,
    );
  }

  /** Every hit of a search, ranked, of one kind or all; made once per release and query. */
  private hits(release: number, words: readonly string[], kind: EntryKind | undefined): Promise<readonly RankedHit[]> {
    return this.catalog.derived(
      hitsKey(release, words, kind),
      async () => {
        if (kind === undefined) return (await this.index(release)).search(words);
        return (await this.hits(release, words, undefined)).filter(({ entry }) => entry.kind === kind);
      },
      (hits) => 64 + hits.length * BYTES_PER_HIT,
    );
  }

  private async build(release: number): Promise<SearchIndex> {
    const views = await Promise.all(EntryKind.options.map((kind) => this.catalog.view(kind, release)));
    this.initials ??= loadInitials();
    const initialsOf = await this.initials;
    const previous = this.previous?.deref();
    const known = new Map(previous?.entries.map((entry) => [versionKey(entry.kind, entry.code, entry.release), entry]));
    const entries: IndexedEntry[] = [];
    for (const view of views) {
      for (const version of view.entries) {
        const reused = known.get(versionKey(view.kind, version.code, version.release));
        entries.push(reused ?? { kind: view.kind, code: version.code, release: version.release, searchable: searchableEntry(view.kind, version, initialsOf) });
      }
    }
    const index = new SearchIndex(release, entries);
    if (!previous || previous.release < release) {
      this.previous = new WeakRef(index);
      // Superseded: searches of the older release are answered from their held hits, or from this one.
      if (previous) this.catalog.forgetDerived(indexKey(previous.release));
    }
    return index;
  }
}

/** A ranked hit's share of memory: the array slot, the hit and the rank it carries. */
const BYTES_PER_HIT = 96;

function indexKey(release: number): string {
  return `search-index@${release}`;
}

function hitsKey(release: number, words: readonly string[], kind: EntryKind | undefined): string {
  return `search-hits@${release}:${kind ?? '*'}:${JSON.stringify(words)}`;
}

function versionKey(kind: EntryKind, code: string, release: number): string {
  return `${kind}\u0000${code}\u0000${release}`;
}
