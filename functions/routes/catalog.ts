import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import { NumberedChange } from '#catalog/change.ts';
import { ChangeSet } from '#catalog/change-set.ts';
import { entryImpact, impactEntrySchema } from '#catalog/impact.ts';
import { EntryKind, entryKinds } from '#catalog/kinds.ts';
import { DateOrInstant, Instant, instantOf, toChinaIso, toEpochMs } from '#catalog/time.ts';
import { periodSchema, resolve } from '#catalog/timeline.ts';
import type { Store } from '#store/store.ts';
import { encodeOnce } from '#store/catalog-cache.ts';
import type { EntryVersion } from '#store/release-store.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv, nextCursor } from '../http/openapi.ts';
import { kindDiff, pageOf } from '../http/catalog-diff.ts';
import { LARGE_PRICE_CHANGE } from '../http/change-set-impact.ts';
import { catalogRelease } from '../http/freshness.ts';
import { ProblemError } from '../http/problem.ts';
import { DiffPage } from './releases.ts';

const tags = ['Catalog'];
const ReleaseNumber = z.coerce.number().int().min(1).max(1e9);

const attributesOfAnyKind = z.union(Object.values(entryKinds).map((kind) => kind.attributes) as unknown as [z.ZodType, z.ZodType]);
const Period = periodSchema(attributesOfAnyKind).meta({ id: 'Period', description: 'Attributes valid over [validFrom, validTo); validTo null is open-ended' });

const Entry = z
  .object({
    kind: EntryKind,
    code: z.string(),
    release: z.number().int().meta({ description: 'The release that produced this version of the entry' }),
    timeline: z.array(Period),
  })
  .meta({ id: 'Entry' });

const EntryPage = z
  .object({
    kind: EntryKind,
    release: z.number().int().meta({ description: 'The release this view is as of' }),
    items: z.array(Entry),
    cursor: nextCursor,
  })
  .meta({ id: 'EntryPage' });

const EntryAsOf = Entry.extend({ asOfRelease: z.number().int() }).meta({ id: 'EntryAsOf' });
const EntryOnDate = z
  .object({ kind: EntryKind, code: z.string(), release: z.number().int(), asOfRelease: z.number().int(), on: Instant, period: Period })
  .meta({ id: 'EntryOnDate' });

const KindParam = z.strictObject({ kind: EntryKind });

/** Reads of the published catalog: the current view, an entry's timeline, and what applied on a date as of a release. */
const PeriodShape = z.strictObject({ validFrom: z.string(), validTo: z.string().nullable(), attributes: z.unknown() });
const PendingAnswer = z
  .object({
    kind: EntryKind,
    code: z.string(),
    against: z.number().int().meta({ description: 'The visible release the effects are computed against' }),
    before: z.array(PeriodShape).nullable(),
    pending: z.array(z.object({ changeSet: ChangeSet, changes: z.array(NumberedChange), impact: impactEntrySchema(PeriodShape) })),
  })
  .meta({ id: 'PendingChanges' });

export function catalogRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{kind}',
      tags,
      security: bearerSecurity,
      summary: 'The view of a kind, current or as of a release, paged by code',
      description:
        'Without `release`: the current view (the visible release). With `release=N`: the whole view as it stood at release N. Filter by code prefix and by category (a price item’s category, a drug’s payment class, a listing’s product type, a measure’s type, taken from the latest period). The ETag is the release; If-None-Match answers 304.',
      request: {
        params: KindParam,
        query: z.strictObject({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          codePrefix: z.string().max(40).optional(),
          category: z.string().max(100).optional(),
          release: ReleaseNumber.optional(),
        }),
      },
      responses: {
        200: json(EntryPage, 'One page of entries with their timelines'),
        304: { description: 'Not modified since the ETag given in If-None-Match' },
        ...problems('validation-failed', 'unauthenticated', 'not-found'),
      },
    }),
    async (c) => {
      authorize(c, 'catalog:read');
      const { kind } = c.req.valid('param');
      const { cursor, limit, codePrefix, category, release } = c.req.valid('query');
      const asOf = await catalogRelease(c, store, release);
      const tag = `"r${asOf}"`;
      if (notModified(c, tag)) return c.body(null, 304, { ETag: tag });
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const serialize = (items: EntryVersion[], next: string | undefined) =>
        JSON.stringify({ kind, release: asOf, items, ...(next === undefined ? {} : { cursor: encodeCursor(next) }) });
      const warm = category === undefined ? store.catalog.warmView(kind, asOf) : store.catalog.view(kind, asOf);
      let encoded: { body: string | Uint8Array; encoding?: 'br' | 'gzip' };
      if (warm !== undefined) {
        const query = {
          limit,
          ...(codePrefix === undefined ? {} : { codePrefix }),
          ...(category === undefined ? {} : { category }),
          ...(after === undefined ? {} : { after }),
        };
        encoded = store.catalog.encodedPage(await warm, 'json', query, serialize, c.req.header('Accept-Encoding'));
      } else {
        // Not held by this process: the page straight from the table (its cost does not grow with the catalog).
        const page = await store.releases.listView(kind, {
          asOf,
          limit,
          ...(after === undefined ? {} : { cursor: after }),
          ...(codePrefix === undefined ? {} : { codePrefix }),
        });
        encoded = encodeOnce(serialize(page.items, page.cursor), c.req.header('Accept-Encoding'));
      }
      const { body, encoding } = encoded;
      c.header('ETag', tag);
      c.header('Vary', 'Accept-Encoding');
      if (encoding) c.header('Content-Encoding', encoding);
      return c.body(body as string, 200, { 'Content-Type': 'application/json' }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{kind}/diff',
      tags,
      security: bearerSecurity,
      summary: 'Compare two releases: every entry of a kind whose timeline differs between release M and release N',
      request: {
        params: z.strictObject({ kind: EntryKind }),
        query: z.strictObject({
          from: z.coerce.number().int().min(0).max(1e9),
          to: z.coerce.number().int().min(1).max(1e9),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.string().max(200).optional(),
        }),
      },
      responses: { 200: json(DiffPage, 'The entries whose timelines differ, old → new'), ...problems('validation-failed', 'unauthenticated', 'not-found') },
    }),
    async (c) => {
      authorize(c, 'catalog:read');
      const { kind } = c.req.valid('param');
      const { from, to, limit, cursor } = c.req.valid('query');
      await catalogRelease(c, store, Math.max(from, to, 1));
      return c.json(pageOf(await kindDiff(store, kind, from, to), limit, cursor) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{kind}/{code}/pending',
      tags,
      security: bearerSecurity,
      summary: 'The open change sets’ changes to one entry, each with its effect on the published timeline (pricing staff and reviewers)',
      description:
        'For every change set not yet published (draft, submitted, approved) that changes this entry: its changes to the entry and their impact alone against the visible release (before → after, warnings).',
      request: { params: z.strictObject({ kind: EntryKind, code: z.string().min(1).max(100) }) },
      responses: { 200: json(PendingAnswer, 'Pending changes, newest change set first'), ...problems('validation-failed', 'unauthenticated', 'forbidden') },
    }),
    async (c) => {
      authorize(c, 'change-set:read');
      const { kind, code } = c.req.valid('param');
      const release = await store.catalog.visibleRelease();
      const before = (await store.catalog.entry(kind, code, release))?.timeline ?? null;
      const pending = [];
      // One query on the pending-changes index, whatever the number or size of open change sets.
      for (const { changeSet, changes } of await store.changeSets.pendingChanges(kind, code)) {
        const impact = entryImpact({
          kind,
          code,
          before,
          changes: changes.map(({ change }) => change),
          now: clock.now(),
          largeChangeThreshold: LARGE_PRICE_CHANGE,
        });
        pending.push({ changeSet, changes, impact });
      }
      return c.json({ kind, code, against: release, before, pending } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{kind}/{code}',
      tags,
      security: bearerSecurity,
      summary: 'An entry: its whole timeline, or the period that applies on a date, as of a release',
      description:
        'Without `on`: the whole timeline. With `on` (a date, meaning 00:00 China time, or an instant): the period that applies then. `release` (default: the visible release) reads the catalog as published in that release; the answer for a given `on` and `release` never changes.',
      request: {
        params: KindParam.extend({ code: z.string().min(1).max(100) }),
        query: z.strictObject({ on: DateOrInstant.optional(), release: ReleaseNumber.optional() }),
      },
      responses: {
        200: json(z.union([EntryAsOf, EntryOnDate]), 'The entry (EntryAsOf), or the period on that date (EntryOnDate)'),
        ...problems('validation-failed', 'unauthenticated', 'not-found'),
      },
    }),
    async (c) => {
      authorize(c, 'catalog:read');
      const { kind, code } = c.req.valid('param');
      const { on, release } = c.req.valid('query');
      const visible = await store.catalog.visibleRelease();
      const asOf = await catalogRelease(c, store, release);
      // The visible release from the cached view (or one read); an older release from the entry's history.
      const entry = asOf === visible ? await store.catalog.entry(kind, code, asOf) : await store.releases.getEntry(kind, code, asOf);
      if (!entry) throw new ProblemError('not-found', `${kind} ${code} is not in the catalog as of release ${asOf}`);
      c.header('ETag', `"r${asOf}"`);
      if (on === undefined) return c.json({ ...entry, asOfRelease: asOf }, 200);
      const instant = instantOf(on);
      const period = resolve(entry.timeline, instant);
      if (!period)
        throw new ProblemError('not-found', `${kind} ${code} does not apply on ${on} as of release ${asOf}`, undefined, {
          extensions: { code: 'not_in_force', params: { kind, code, on: toChinaIso(toEpochMs(instant)), release: asOf } },
        });
      return c.json({ kind, code, release: entry.release, asOfRelease: asOf, on: instant, period }, 200);
    },
  );

  return app;
}

/** The release a read is pinned to; a read pinned to an explicit release never changes. */
function notModified(c: Context, tag: string): boolean {
  const header = c.req.header('If-None-Match');
  return !!header?.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

function encodeCursor(code: string): string {
  return Buffer.from(JSON.stringify({ after: code })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = z.object({ after: z.string().min(1) }).parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.after;
  } catch {
    throw new ProblemError('validation-failed', 'the cursor is not one this API gave out', [
      { path: 'cursor', in: 'query', code: 'invalid_cursor', message: 'invalid cursor' },
    ]);
  }
}
