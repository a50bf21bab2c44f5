import { categoryOf, type EntryKind } from '#catalog/kinds.ts';
import type { EntryVersion, ReleaseStore } from './release-store.ts';

/** A kind's whole view as of one release, sorted by code, with its serialized pages. */
export interface CachedView {
  kind: EntryKind;
  release: number;
  entries: EntryVersion[];
  byCode: Map<string, EntryVersion>;
  /** Serialized response pages, keyed by the query that produced them. */
  pages: Map<string, string>;
}

const MAX_VIEWS = 8;
const MAX_PAGES_PER_VIEW = 2000;

/**
 * The catalog as readers see it, cached in memory per process (per Lambda container on AWS).
 * Views of a release never change, so a view once loaded is good forever; what changes is which
 * release is visible. That is revalidated on every request by one read of the visible-release
 * pointer, and concurrent requests share a read — but only one that started after they arrived,
 * so a release is seen by the next request after it is published, in every process.
 */
export class CatalogCache {
  private readonly views = new Map<string, Promise<CachedView>>();
  private running: Promise<number> | undefined;
  private queued: Promise<number> | undefined;

  constructor(private readonly releases: ReleaseStore) {}

  /** The visible release, from a pointer read that started after this call. */
  visibleRelease(): Promise<number> {
    if (!this.running) return this.startRead();
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.startRead();
      });
    return this.queued;
  }

  /** The whole view of `kind` as of `release` (which must be visible). */
  view(kind: EntryKind, release: number): Promise<CachedView> {
    const key = `${kind}@${release}`;
    let view = this.views.get(key);
    if (!view) {
      view = this.load(kind, release);
      view.catch(() => this.views.delete(key));
      this.views.set(key, view);
      while (this.views.size > MAX_VIEWS) this.views.delete(this.views.keys().next().value as string);
    } else {
      // Keep recently used views: re-insert at the end of the eviction order.
      this.views.delete(key);
      this.views.set(key, view);
    }
    return view;
  }

  /** One page of a cached view, serialized once per distinct query. */
  page(
    view: CachedView,
    query: { codePrefix?: string; category?: string; after?: string; limit: number },
    serialize: (items: EntryVersion[], next: string | undefined) => string,
  ): string {
    const key = JSON.stringify([query.codePrefix, query.category, query.after, query.limit]);
    const cached = view.pages.get(key);
    if (cached !== undefined) return cached;
    const { entries } = view;
    let index = firstAfter(entries, query.after ?? (query.codePrefix === undefined ? undefined : before(query.codePrefix)));
    const items: EntryVersion[] = [];
    for (; index < entries.length && items.length < query.limit; index++) {
      const entry = entries[index] as EntryVersion;
      if (query.codePrefix !== undefined && !entry.code.startsWith(query.codePrefix)) {
        index = entries.length; // sorted by code: past the prefix, nothing more matches
        break;
      }
      if (query.category !== undefined && categoryOf(view.kind, entry.timeline.at(-1)?.attributes) !== query.category) continue;
      items.push(entry);
    }
    const more = index < entries.length && items.length > 0;
    const body = serialize(items, more ? items.at(-1)?.code : undefined);
    if (view.pages.size < MAX_PAGES_PER_VIEW) view.pages.set(key, body);
    return body;
  }

  private startRead(): Promise<number> {
    const read = this.releases.visibleRelease().finally(() => {
      if (this.running === read) this.running = undefined;
    });
    this.running = read;
    return read;
  }

  private async load(kind: EntryKind, release: number): Promise<CachedView> {
    const entries = await this.releases.allEntries(kind, release);
    return { kind, release, entries, byCode: new Map(entries.map((entry) => [entry.code, entry])), pages: new Map() };
  }
}

/** Index of the first entry whose code sorts after `code` (entries are sorted by code, as DynamoDB sorts them). */
function firstAfter(entries: EntryVersion[], code: string | undefined): number {
  if (code === undefined) return 0;
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] as EntryVersion).code <= code) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A string that sorts just before every code starting with `prefix`. */
function before(prefix: string): string | undefined {
  return prefix === '' ? undefined : `${prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) - 1)}\uffff`;
}
