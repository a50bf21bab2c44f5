import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { can } from '#catalog/access.ts';
import { entryKey, NumberedChange } from '#catalog/change.ts';
import { ChangeSet } from '#catalog/change-set.ts';
import { EntryKind } from '#catalog/kinds.ts';
import { restoreChanges } from '#catalog/revert.ts';
import { toChinaIso } from '#catalog/time.ts';
import { Release, releaseForReader } from '#catalog/release.ts';
import type { Store } from '#store/store.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv, nextCursor } from '../http/openapi.ts';
import type { Clock } from '../app.ts';
import { pageOf, releaseDiff } from '../http/catalog-diff.ts';
import { publishedTimelines } from '../http/change-set-impact.ts';
import { ProblemError } from '../http/problem.ts';

const tags = ['Releases'];

/** At most this many changes in one page of the feed; a larger release continues on the next page. */
const CHANGE_BUDGET = 5000;

const FeedItem = Release.extend({
  changes: z.array(NumberedChange).meta({ description: 'The changes of this release on this page, in order (absent with include=summary)' }).optional(),
  changesComplete: z.boolean().meta({ description: 'False when the release’s remaining changes continue on the next page' }),
}).meta({ id: 'FeedItem' });

const Feed = z
  .object({
    items: z.array(FeedItem),
    visibleRelease: z.number().int(),
    cursor: nextCursor,
  })
  .meta({ id: 'Feed' });

const ReleaseParam = z.strictObject({ n: z.coerce.number().int().min(1).max(1e9) });
const PageQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100), cursor: z.string().max(200).optional() });
const TimelineSchema = z.array(z.strictObject({ validFrom: z.string(), validTo: z.string().nullable(), attributes: z.unknown() })).nullable();
export const DiffPage = z
  .object({
    items: z.array(z.object({ kind: EntryKind, code: z.string(), before: TimelineSchema, after: TimelineSchema })),
    cursor: z.string().optional(),
  })
  .meta({ id: 'DiffPage', description: 'Entries whose timelines differ, old → new (null: the entry did not apply anywhere)' });

/** A committed release still being projected, as the bureau's staff see it (nobody else sees it yet). */
const Projection = z
  .object({
    state: z.literal('projecting'),
    entryCount: z.number().int().optional().meta({ description: 'The entries the release touches, once the projection has counted them' }),
    projectedEntries: z.number().int().meta({ description: 'How many of them are in place; the release becomes visible, all at once, when all are' }),
  })
  .meta({ id: 'Projection' });

const ReleaseWithChanges = Release.extend({
  changes: z.array(NumberedChange),
  projection: Projection.optional().meta({ description: 'Only while a committed release is not visible yet (staff only)' }),
}).meta({ id: 'ReleaseWithChanges' });

interface Position {
  /** The last release fully or partly on the previous page. */
  release: number;
  /** The last change of that release already given, or null when the release was complete. */
  afterChange: number | null;
}

/**
 * The change feed: releases after N, oldest first, each with the changes it made. A client that
 * applies the feed to its copy of the catalog at release N (policy-catalog's applyChanges, per
 * entry, in order) ends with the catalog at the newest release.
 */
export function releaseRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'The change feed: published releases after N, oldest first, with their changes',
      description: `Start with ?after=N (0 for everything), then follow cursor. A page holds at most \`limit\` releases and ${CHANGE_BUDGET} changes; a bigger release continues on the next page (changesComplete: false). include=summary leaves the changes out.`,
      request: {
        query: z.strictObject({
          after: z.coerce.number().int().min(0).default(0),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          include: z.enum(['changes', 'summary']).default('changes'),
        }),
      },
      responses: { 200: json(Feed, 'A page of the feed'), ...problems('validation-failed', 'unauthenticated') },
    }),
    async (c) => {
      const { role: reader } = authorize(c, 'release:read');
      const { after, cursor, limit, include } = c.req.valid('query');
      const start: Position = cursor === undefined ? { release: after, afterChange: null } : decodePosition(cursor);
      const firstRelease = start.afterChange === null ? start.release : start.release - 1;
      const { releases, visible } = await store.releases.listReleases({ after: firstRelease, limit });
      const items: z.infer<typeof FeedItem>[] = [];
      let budget = CHANGE_BUDGET;
      let next: Position | undefined;
      for (const release of releases) {
        if (include === 'summary') {
          items.push({ ...releaseForReader(release, reader), changesComplete: true });
          continue;
        }
        const skip = release.number === start.release && start.afterChange !== null ? start.afterChange : 0;
        const remaining = (await store.releases.releaseChanges(release)).filter((change) => change.n > skip);
        const changes = remaining.slice(0, budget);
        const complete = changes.length === remaining.length;
        items.push({ ...releaseForReader(release, reader), changes, changesComplete: complete });
        budget -= changes.length;
        if (!complete) {
          next = { release: release.number, afterChange: changes.at(-1)?.n ?? skip };
          break;
        }
        if (budget <= 0) break;
      }
      const last = items.at(-1);
      if (!next && last && last.number < visible) next = { release: last.number, afterChange: null };
      return c.json({ items, visibleRelease: visible, ...(next ? { cursor: encodePosition(next) } : {}) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{n}',
      tags,
      security: bearerSecurity,
      summary: 'A release with its changes',
      request: { params: z.strictObject({ n: z.coerce.number().int().min(1).max(1e9) }) },
      responses: { 200: json(ReleaseWithChanges, 'The release; releases never change'), ...problems('validation-failed', 'unauthenticated', 'not-found') },
    }),
    async (c) => {
      const { role: reader } = authorize(c, 'release:read');
      const { n } = c.req.valid('param');
      const release = await store.releases.getRelease(n);
      if (!release) {
        // Committed and being projected: the staff who published it follow its progress here.
        const committed = can(reader, 'change-set:read') ? await store.releases.getRelease(n, { includeInvisible: true }) : undefined;
        const progress = committed ? await store.releases.projectionProgress(n) : undefined;
        if (!committed || !progress) throw new ProblemError('not-found', `release ${n} has not been published`);
        c.header('Cache-Control', 'no-store');
        const changes = await store.releases.releaseChanges(committed);
        return c.json({ ...committed, changes, projection: { state: 'projecting' as const, ...progress } }, 200);
      }
      const changes = await store.releases.releaseChanges(release);
      c.header('ETag', `"release-${n}"`);
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      return c.json({ ...releaseForReader(release, reader), changes }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{n}/diff',
      tags,
      security: bearerSecurity,
      summary: 'What release n changed: each touched entry’s timeline in release n−1 and in release n',
      request: { params: ReleaseParam, query: PageQuery },
      responses: { 200: json(DiffPage, 'The entries whose timelines differ, old → new'), ...problems('validation-failed', 'unauthenticated', 'not-found') },
    }),
    async (c) => {
      authorize(c, 'release:read');
      const { n } = c.req.valid('param');
      if (!(await store.releases.getRelease(n))) throw new ProblemError('not-found', `release ${n} has not been published`);
      const { limit, cursor } = c.req.valid('query');
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      return c.json(pageOf(await releaseDiff(store, n), limit, cursor) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{n}/revert',
      tags,
      security: bearerSecurity,
      summary: 'Draft a change set that undoes release n (pricing staff)',
      description:
        'The draft restores, for every entry release n touched, its timeline as of release n−1; it goes through the same four eyes as any change set, and its impact shows what it undoes. If a later release touched one of the same entries, the revert is refused with the conflicts (409 revert-conflict): undo the later release first, or write the change by hand.',
      request: { params: ReleaseParam, body: { content: { 'application/json': { schema: z.strictObject({}) } }, required: false } },
      responses: {
        201: json(z.object({ changeSet: ChangeSet }), 'The draft change set, authored by the caller'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found', 'revert-conflict'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:create');
      const { n } = c.req.valid('param');
      const release = await store.releases.getRelease(n);
      if (!release) throw new ProblemError('not-found', `release ${n} has not been published`);
      const visible = await store.catalog.visibleRelease({ fresh: true });
      const touched = new Map<string, { kind: EntryKind; code: string }>();
      for (const { change } of await store.releases.releaseChanges(release)) touched.set(entryKey(change), { kind: change.kind, code: change.code });
      const conflicts = new Map<string, { kind: EntryKind; code: string; releases: number[] }>();
      for (let later = n + 1; later <= visible; later++) {
        const laterRelease = await store.releases.getRelease(later);
        for (const { change } of laterRelease ? await store.releases.releaseChanges(laterRelease) : []) {
          const key = entryKey(change);
          if (!touched.has(key)) continue;
          const conflict = conflicts.get(key) ?? { kind: change.kind, code: change.code, releases: [] };
          if (!conflict.releases.includes(later)) conflict.releases.push(later);
          conflicts.set(key, conflict);
        }
      }
      if (conflicts.size > 0) {
        throw new ProblemError('revert-conflict', `later releases changed ${conflicts.size} of the entries release ${n} touched`, undefined, {
          extensions: { conflicts: [...conflicts.values()] },
        });
      }
      const [before, current] = await Promise.all([
        publishedTimelines(store, [...touched.values()], n - 1),
        publishedTimelines(store, [...touched.values()], visible),
      ]);
      const changes = [...touched.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([key, { kind, code }]) => restoreChanges(kind, code, current.get(key) ?? null, before.get(key) ?? null));
      const now = toChinaIso(clock.now().getTime());
      const draft: ChangeSet = {
        id: crypto.randomUUID(),
        title: `撤销发布版本 ${n}：${release.title}`.slice(0, 200),
        state: 'draft',
        author: { sub: actor.sub, name: actor.name },
        createdAt: now,
        updatedAt: now,
        changeCount: 0,
        revertOf: n,
        version: 1,
      };
      await store.changeSets.create(draft);
      const edited = { ...draft, version: 2 };
      const { changeSet } = await store.changeSets.addChanges(edited, draft.version, changes, clock.now().getTime());
      c.header('Location', `/v1/change-sets/${changeSet.id}`);
      c.header('ETag', `"v${changeSet.version}"`);
      return c.json({ changeSet }, 201);
    },
  );

  return app;
}

function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodePosition(cursor: string): Position {
  try {
    return z
      .strictObject({ release: z.number().int().min(0), afterChange: z.number().int().min(0).nullable() })
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ProblemError('validation-failed', 'the cursor is not one this API gave out', [
      { path: 'cursor', in: 'query', code: 'invalid_cursor', message: 'invalid cursor' },
    ]);
  }
}
