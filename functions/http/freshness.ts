import type { Context } from 'hono';
import type { Store } from '#store/store.ts';
import { ProblemError } from './problem.ts';

/**
 * Freshness as HTTP semantics. The visible release is revalidated at most once per
 * `CATALOG_MAX_STALE_MS` per process; a request with `Cache-Control: no-cache` (or `max-age=0`,
 * or `Pragma: no-cache`) reads it afresh. A read pinned to `?release=N` never changes, so it is
 * immutable; the current view must be revalidated (its ETag names the release). Every answer
 * says which release it is (`Catalog-Release`).
 */
export async function catalogRelease(c: Context, store: Store, pinned?: number): Promise<number> {
  let visible = await store.catalog.visibleRelease({ fresh: wantsFresh(c) });
  if (pinned === undefined) {
    c.header('Cache-Control', 'private, max-age=0, must-revalidate');
    c.header('Catalog-Release', String(visible));
    return visible;
  }
  // Someone may just have published it (their own write): look again before saying it does not exist.
  if (pinned > visible) visible = await store.catalog.visibleRelease({ fresh: true });
  if (pinned > visible) throw new ProblemError('not-found', `release ${pinned} has not been published (the newest is ${visible})`);
  c.header('Cache-Control', 'private, max-age=31536000, immutable');
  c.header('Catalog-Release', String(pinned));
  return pinned;
}

export function wantsFresh(c: Context): boolean {
  const cacheControl = c.req.header('Cache-Control') ?? '';
  return /\bno-cache\b|\bmax-age\s*=\s*0\b/i.test(cacheControl) || /\bno-cache\b/i.test(c.req.header('Pragma') ?? '');
}
