import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { categoryOf, type EntryKind } from '#catalog/kinds.ts';
import { ByteLru } from './byte-lru.ts';
import type { EntryVersion, ReleaseStore } from './release-store.ts';

/** A kind's whole view as of one release, sorted by code. */
export interface CachedView {
  kind: EntryKind;
  release: number;
  entries: EntryVersion[];
  byCode: Map<string, EntryVersion>;
}

export interface CatalogCacheOptions {
  /** The cache's bound in bytes (views and serialized pages together). Default 128 MiB, from `CATALOG_CACHE_BYTES`. */
  maxBytes?: number;
  /** How often a process checks for a release committed but left invisible. Default 5 s. */
  stallCheckEveryMs?: number;
  /** A release committed this long ago and still invisible is rolled forward by the reader that finds it. Default 30 s. */
  stalledAfterMs?: number;
  /** How long a pointer read may be reused before the next request reads it again. Default 1 s, from `CATALOG_MAX_STALE_MS`. */
  maxStaleMs?: number;
  /** Page reads of a view this process does not hold before it loads the view whole. Default 3. */
  loadViewAfterReads?: number;
}

const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;

/**
 * The catalog as readers see it, cached in memory per process (per Lambda container on AWS).
 * Views of a release never change, so a view once loaded is good forever; what changes is which
 * release is visible. That is revalidated on every request by one read of the visible-release
 * pointer, and concurrent requests share a read — but only one that started after they arrived,
 * so a release is seen by the next request after it is published, in every process.
 *
 * Views and serialized pages share one least-recently-used cache bounded by bytes, so no number
 * of distinct cursors, queries or releases can grow the process past the bound. A page is keyed
 * by everything that shapes its body: kind, release, format and query.
 *
 * A reader is also the last line of roll-forward: at most every `stallCheckEveryMs`, the pointer
 * read also looks for a release committed long ago but still invisible (its publisher died) and
 * completes it before answering.
 */
export class CatalogCache {
  private readonly cache: ByteLru<Promise<CachedView> | Uint8Array | Derived>;
  private readonly stallCheckEveryMs: number;
  private readonly stalledAfterMs: number;
  private running: Promise<number> | undefined;
  private queued: Promise<number> | undefined;
  private lastStallCheck = 0;
  private rollingForward: Promise<unknown> | undefined;
  private readonly maxStaleMs: number;
  /** Pages read from the table per view not held, until the view is loaded whole. */
  private readonly coldReads = new Map<string, number>();
  private readonly loadViewAfterReads: number;
  /** The newest pointer value this process knows, and when the read that gave it started. */
  private known: { release: number; atMs: number } | undefined;

  constructor(
    private readonly releases: ReleaseStore,
    options: CatalogCacheOptions = {},
  ) {
    this.cache = new ByteLru(options.maxBytes ?? (Number(process.env.CATALOG_CACHE_BYTES) || DEFAULT_MAX_BYTES));
    this.stallCheckEveryMs = options.stallCheckEveryMs ?? 5000;
    this.stalledAfterMs = options.stalledAfterMs ?? 30_000;
    const configured = process.env.CATALOG_MAX_STALE_MS;
    this.maxStaleMs = options.maxStaleMs ?? (configured ? Number(configured) : 1000);
    this.loadViewAfterReads = options.loadViewAfterReads ?? 3;
  }

  /** A release this process made visible itself (its own publish): seen at once by its own readers. */
  noteVisible(release: number): void {
    if (!this.known || release > this.known.release) this.known = { release, atMs: Date.now() };
  }

  /** Bytes held now (an estimate for views, exact string sizes for pages). */
  get bytes(): number {
    return this.cache.bytes;
  }

  /**
   * The visible release. By default a pointer read at most `maxStaleMs` old is reused (a release
   * published by another process is seen within that time); `fresh` asks for a read that starts
   * after this call (a client's `Cache-Control: no-cache`, and every write that decides on it).
   */
  visibleRelease(options: { fresh?: boolean } = {}): Promise<number> {
    const known = this.known;
    if (!options.fresh && known && Date.now() - known.atMs < this.maxStaleMs) return Promise.resolve(known.release);
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
    const key = `view:${kind}@${release}`;
    const cached = this.cache.get(key);
    if (cached instanceof Promise) return cached;
    const view = this.load(kind, release);
    this.cache.set(key, view, 0);
    view.then(
      (loaded) => this.cache.resize(key, view, viewBytes(loaded)),
      () => this.cache.delete(key),
    );
    return view;
  }

  /**
   * A value made from the views of a release (the search index, a search's hits), made once and
   * held under the same byte bound as views and pages; `bytesOf` sizes it once made. A failed
   * make is forgotten, so the next call tries again.
   */
  derived<T>(key: string, make: () => Promise<T>, bytesOf: (value: T) => number): Promise<T> {
    const fullKey = `derived:${key}`;
    const cached = this.cache.get(fullKey);
    if (cached instanceof Derived) return cached.value as Promise<T>;
    const entry = new Derived(make());
    this.cache.set(fullKey, entry, 0);
    entry.value.then(
      (value) => this.cache.resize(fullKey, entry, bytesOf(value as T)),
      () => {
        if (this.cache.get(fullKey) === entry) this.cache.delete(fullKey);
      },
    );
    return entry.value as Promise<T>;
  }

  /** A derived value if it is held (or being made), without making it. */
  cachedDerived<T>(key: string): Promise<T> | undefined {
    const cached = this.cache.get(`derived:${key}`);
    return cached instanceof Derived ? (cached.value as Promise<T>) : undefined;
  }

  /** Drop a derived value that nothing will ask for again (one superseded by a newer release's). */
  forgetDerived(key: string): void {
    this.cache.delete(`derived:${key}`);
  }

  /**
   * The whole view of `kind` at `release` if this process holds it (or is loading it), else
   * undefined: the caller reads the page it needs from the table instead, so a fresh process (a
   * new Lambda container) answers its first page without loading a 20,000-entry view. After a
   * few such reads of the same view the process has reason to keep it, and loads it.
   */
  warmView(kind: EntryKind, release: number): Promise<CachedView> | undefined {
    const key = `view:${kind}@${release}`;
    const cached = this.cache.get(key);
    if (cached instanceof Promise) return cached;
    const reads = (this.coldReads.get(key) ?? 0) + 1;
    this.coldReads.set(key, reads);
    if (this.coldReads.size > 1000) this.coldReads.clear();
    if (reads < this.loadViewAfterReads) return undefined;
    this.coldReads.delete(key);
    return this.view(kind, release);
  }

  /**
   * One entry of `kind` at `release` (which must be visible): from the view if this process holds
   * it (or has reason to load it, as for pages), else one read of the table.
   */
  async entry(kind: EntryKind, code: string, release: number): Promise<EntryVersion | undefined> {
    const warm = this.warmView(kind, release);
    if (warm === undefined) return this.releases.getEntry(kind, code, release);
    return (await warm).byCode.get(code);
  }

  /**
   * A page as bytes in the best encoding the client accepts (brotli, then gzip), compressed once
   * per page and encoding and cached like the page itself. Small pages go as they are.
   */
  encodedPage(
    view: CachedView,
    format: string,
    query: { codePrefix?: string; category?: string; after?: string; limit: number },
    serialize: (items: EntryVersion[], next: string | undefined) => string,
    acceptEncoding: string | undefined,
  ): { body: Uint8Array; encoding?: 'br' | 'gzip' } {
    const body = this.page(view, format, query, serialize);
    const encoding = body.byteLength >= MIN_COMPRESSED_CHARS ? preferredEncoding(acceptEncoding) : undefined;
    if (!encoding) return { body };
    const key = `${pageKey(view, format, query)}:${encoding}`;
    const cached = this.cache.get(key);
    if (cached instanceof Uint8Array) return { body: cached, encoding };
    const compressed =
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
        : gzipSync(body, { level: 6 });
    this.cache.set(key, compressed, compressed.byteLength + key.length * 2 + 64);
    return { body: compressed, encoding };
  }

  /** One page of a cached view in one format, serialized (and encoded as UTF-8 bytes) once per distinct query. */
  private page(
    view: CachedView,
    format: string,
    query: { codePrefix?: string; category?: string; after?: string; limit: number },
    serialize: (items: EntryVersion[], next: string | undefined) => string,
  ): Uint8Array {
    const key = pageKey(view, format, query);
    const cached = this.cache.get(key);
    if (cached instanceof Uint8Array) return cached;
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
    const body = Buffer.from(serialize(items, more ? items.at(-1)?.code : undefined));
    this.cache.set(key, body, body.byteLength + key.length * 2 + 64);
    return body;
  }

  private startRead(): Promise<number> {
    const startedAt = Date.now();
    const read: Promise<number> = this.readPointer()
      .then((release) => {
        if (!this.known || release >= this.known.release) this.known = { release, atMs: startedAt };
        return release;
      })
      .finally(() => {
        if (this.running === read) this.running = undefined;
      });
    this.running = read;
    return read;
  }

  private async readPointer(): Promise<number> {
    const visible = await this.releases.visibleRelease();
    const now = Date.now();
    if (now - this.lastStallCheck < this.stallCheckEveryMs) return visible;
    this.lastStallCheck = now;
    const stalled = await this.releases.oldestInvisible();
    if (!stalled || now - stalled.committedAtMs < this.stalledAfterMs) return visible;
    this.rollingForward ??= this.releases.recover().finally(() => {
      this.rollingForward = undefined;
    });
    await this.rollingForward;
    return this.releases.visibleRelease();
  }

  private async load(kind: EntryKind, release: number): Promise<CachedView> {
    const entries = await this.releases.allEntries(kind, release);
    return { kind, release, entries, byCode: new Map(entries.map((entry) => [entry.code, entry])) };
  }
}

/** A derived value in the cache (a class of its own, told apart from views and pages by `instanceof`). */
class Derived {
  constructor(readonly value: Promise<unknown>) {}
}

/** `body` in the best encoding the client accepts, compressed now (for a page read from the table, not cached). */
export function encodeOnce(body: string, acceptEncoding: string | undefined): { body: string | Uint8Array; encoding?: 'br' | 'gzip' } {
  const encoding = body.length >= MIN_COMPRESSED_CHARS ? preferredEncoding(acceptEncoding) : undefined;
  if (!encoding) return { body };
  return {
    body: encoding === 'br' ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(body, { level: 6 }),
    encoding,
  };
}

/** Pages shorter than this (characters, or bytes once encoded) go uncompressed: compressing them saves less than it costs. */
const MIN_COMPRESSED_CHARS = 1024;

function pageKey(view: CachedView, format: string, query: { codePrefix?: string; category?: string; after?: string; limit: number }): string {
  return `page:${view.kind}@${view.release}:${format}:${JSON.stringify([query.codePrefix, query.category, query.after, query.limit])}`;
}

/** brotli if the client accepts it, else gzip, else none (q=0 refuses an encoding). */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const allowed = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allowed('br')) return 'br';
  if (allowed('gzip')) return 'gzip';
  return undefined;
}

/** A view's size in memory, estimated from its JSON (objects take about three times their JSON's characters). */
function viewBytes(view: CachedView): number {
  let bytes = 0;
  for (const entry of view.entries) bytes += 3 * JSON.stringify(entry.timeline).length + 4 * entry.code.length + 200;
  return bytes;
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
