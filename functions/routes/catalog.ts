import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { EntryKind, entryKinds } from '#catalog/kinds.ts';
import { DateOrInstant, Instant, instantOf } from '#catalog/time.ts';
import { periodSchema, resolve } from '#catalog/timeline.ts';
import type { Store } from '#store/store.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

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
    cursor: z.string().optional().meta({ description: 'Pass as ?cursor= for the next page; absent on the last page' }),
  })
  .meta({ id: 'EntryPage' });

const EntryAsOf = Entry.extend({ asOfRelease: z.number().int() }).meta({ id: 'EntryAsOf' });
const EntryOnDate = z
  .object({ kind: EntryKind, code: z.string(), release: z.number().int(), asOfRelease: z.number().int(), on: Instant, period: Period })
  .meta({ id: 'EntryOnDate' });

const KindParam = z.strictObject({ kind: EntryKind });

/** Reads of the published catalog: the current view, an entry's timeline, and what applied on a date as of a release. */
export function catalogRoutes({ store }: { store: Store }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get', path: '/{kind}', tags, security: bearerSecurity, summary: 'The current view of a kind, paged by code',
      request: {
        params: KindParam,
        query: z.strictObject({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          codePrefix: z.string().max(40).optional(),
        }),
      },
      responses: {
        200: json(EntryPage, 'One page of entries with their timelines; ETag derived from the visible release'),
        304: { description: 'Not modified since the ETag given in If-None-Match' },
        ...problems('validation-failed', 'unauthenticated'),
      },
    }),
    async (c) => {
      authorize(c, 'catalog:read');
      const { kind } = c.req.valid('param');
      const { cursor, limit, codePrefix } = c.req.valid('query');
      const visible = await store.releases.visibleRelease();
      const tag = `"r${visible}"`;
      if (notModified(c, tag)) return c.body(null, 304);
      const page = await store.releases.listView(kind, {
        asOf: visible,
        limit,
        ...(cursor === undefined ? {} : { cursor: decodeCursor(cursor) }),
        ...(codePrefix === undefined ? {} : { codePrefix }),
      });
      c.header('ETag', tag);
      return c.json(
        { kind, release: visible, items: page.items, ...(page.cursor === undefined ? {} : { cursor: encodeCursor(page.cursor) }) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/{kind}/{code}', tags, security: bearerSecurity,
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
      const visible = await store.releases.visibleRelease();
      if (release !== undefined && release > visible) throw new ProblemError('not-found', `release ${release} has not been published (the newest is ${visible})`);
      const asOf = release ?? visible;
      const entry = await store.releases.getEntry(kind, code, asOf);
      if (!entry) throw new ProblemError('not-found', `${kind} ${code} is not in the catalog as of release ${asOf}`);
      // A read pinned to a release never changes; the current one changes with the next release.
      c.header('ETag', `"r${asOf}"`);
      if (release !== undefined) c.header('Cache-Control', 'private, max-age=31536000, immutable');
      if (on === undefined) return c.json({ ...entry, asOfRelease: asOf }, 200);
      const instant = instantOf(on);
      const period = resolve(entry.timeline, instant);
      if (!period) throw new ProblemError('not-found', `${kind} ${code} does not apply on ${on} as of release ${asOf}`);
      return c.json({ kind, code, release: entry.release, asOfRelease: asOf, on: instant, period }, 200);
    },
  );

  return app;
}

function notModified(c: Context, tag: string): boolean {
  const header = c.req.header('If-None-Match');
  return header !== undefined && header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

function encodeCursor(code: string): string {
  return Buffer.from(JSON.stringify({ after: code })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = z.object({ after: z.string().min(1) }).parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.after;
  } catch {
    throw new ProblemError('validation-failed', 'the cursor is not one this API gave out', [{ path: 'cursor', in: 'query', message: 'invalid cursor' }]);
  }
}
