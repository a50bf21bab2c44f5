import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { SearchPage, searchHit, searchWords } from '#catalog/catalog-search.ts';
import { EntryKind } from '#catalog/kinds.ts';
import { CatalogSearch } from '#store/catalog-search.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { catalogRelease } from '../http/freshness.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv } from '../http/openapi.ts';

const SearchQuery = z
  .strictObject({
    q: z.string().trim().min(1).max(100).meta({ description: 'Code, name or pinyin initials; words separated by spaces must all match', example: 'hsjc' }),
    kind: EntryKind.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(300).optional().meta({ description: 'The `cursor` of the previous page, with the same q and kind' }),
  })
  .superRefine((query, ctx) => {
    if (query.cursor !== undefined && decodeCursor(query.cursor, fingerprint(searchWords(query.q), query.kind)) === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: 'invalid cursor: not one this API gave out for this q and kind',
        params: { code: 'invalid_cursor' },
      });
    }
  });

/** `GET /v1/catalog/search`: one search box across every kind of the published catalog. */
export function catalogSearchRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new OpenAPIHono<AppEnv>();
  // Its indexes and hits live in the catalog cache, shared by every app on this store.
  const search = new CatalogSearch(store.catalog);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Catalog'],
      security: bearerSecurity,
      summary: 'Search the current catalog across kinds by code, name and pinyin initials',
      description: [
        'One search box over every kind (or one, with `kind`) of the visible release.',
        '',
        '- **Words.** `q` is cut into words at spaces; every word must match the entry, each in one of three ways: a prefix of its code (case-insensitive), a substring of its name in any period (a price item’s or measure’s name or title, a drug’s generic name, a listing’s product), or a substring of that name’s pinyin initials (`hsjc` → 新型冠状病毒**核酸检测**; letters and digits only). Full-width characters count as their ASCII forms.',
        '- **Order.** The exact code first, then code prefixes, then name and initials matches; within each, a name or initials starting with the first word first, then relevance (BM25), then kind and code.',
        '- **Each hit** has its kind, code and release (the release that made this version), how it matched, and the period shown now (in force, else the next to come, else the last) with its name, `priceFen` (a price item’s ceiling, a listing’s listed price) and the kind’s headline attribute (a drug’s payment class, a measure’s type).',
        '- **Paging.** `limit` hits a page (at most 100); `cursor` asks for the next page of the same search, from the same release while this process still holds it (else from the visible one: hits may then have moved by what the new release changed). A cursor given for another `q` or `kind` is refused (400).',
        '- **Freshness.** Like the catalog’s pages: a release published elsewhere is searched within `CATALOG_MAX_STALE_MS` (`Cache-Control: no-cache` to look now); `Catalog-Release` names the release searched.',
        '',
        'The index of a release is built on the first search after it becomes visible in the process (from the cached views) and kept, bounded, with them; a search’s hits are kept too, so further pages cost a slice.',
      ].join('\n'),
      request: { query: SearchQuery },
      responses: { 200: json(SearchPage, 'A page of hits, best first'), ...problems('validation-failed', 'unauthenticated', 'forbidden') },
    }),
    async (c) => {
      authorize(c, 'catalog:read');
      const { q, kind, limit, cursor } = c.req.valid('query');
      const words = searchWords(q);
      const visible = await catalogRelease(c, store);
      const after = cursor === undefined ? undefined : decodeCursor(cursor, fingerprint(words, kind));
      // A cursor from a process that has seen a newer release than this one: look again before using it.
      const known = after && after.release > visible ? await store.catalog.visibleRelease({ fresh: true }) : visible;
      const page = await search.page({
        words,
        ...(kind === undefined ? {} : { kind }),
        release: after && after.release <= known ? after.release : known,
        fallbackRelease: known,
        offset: after?.offset ?? 0,
        limit,
      });
      c.header('Catalog-Release', String(page.release));
      const now = clock.now().toISOString();
      return c.json(
        {
          q,
          ...(kind === undefined ? {} : { kind }),
          release: page.release,
          total: page.total,
          items: page.hits.map(({ entry, match }) => searchHit(entry, match, now)),
          ...(page.next === undefined ? {} : { cursor: encodeCursor({ release: page.release, offset: page.next }, fingerprint(words, kind)) }),
        },
        200,
      );
    },
  );

  return app;
}

/** What a cursor is bound to: the query's words and kind, so that it cannot page another search. */
function fingerprint(words: readonly string[], kind: EntryKind | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([words, kind ?? null]))
    .digest('base64url')
    .slice(0, 16);
}

const CursorContent = z.strictObject({ r: z.number().int().min(1).max(1e9), o: z.number().int().min(1).max(1e6), f: z.string() });

function encodeCursor(position: { release: number; offset: number }, bound: string): string {
  return Buffer.from(JSON.stringify({ r: position.release, o: position.offset, f: bound })).toString('base64url');
}

function decodeCursor(cursor: string, bound: string): { release: number; offset: number } | undefined {
  try {
    const parsed = CursorContent.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.f === bound ? { release: parsed.r, offset: parsed.o } : undefined;
  } catch {
    return undefined;
  }
}
