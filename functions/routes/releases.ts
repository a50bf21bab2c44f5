import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { NumberedChange } from '#catalog/change.ts';
import { Release } from '#catalog/release.ts';
import type { Store } from '#store/store.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

const tags = ['Releases'];

const ReleasePage = z
  .object({
    items: z.array(Release),
    visibleRelease: z.number().int(),
    next: z.number().int().optional().meta({ description: 'Pass as ?after= for the next page; absent on the last page' }),
  })
  .meta({ id: 'ReleasePage' });

const ReleaseWithChanges = Release.extend({ changes: z.array(NumberedChange) }).meta({ id: 'ReleaseWithChanges' });

/** The published releases, oldest first, and each release with its changes. */
export function releaseRoutes({ store }: { store: Store }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get', path: '/', tags, security: bearerSecurity, summary: 'Published releases after a number, oldest first',
      request: {
        query: z.strictObject({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: { 200: json(ReleasePage, 'A page of releases'), ...problems('validation-failed', 'unauthenticated') },
    }),
    async (c) => {
      authorize(c, 'release:read');
      const { after, limit } = c.req.valid('query');
      const { releases, visible } = await store.releases.listReleases({ after, limit });
      const last = releases.at(-1);
      const next = last !== undefined && last.number < visible ? last.number : undefined;
      return c.json({ items: releases, visibleRelease: visible, ...(next === undefined ? {} : { next }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/{n}', tags, security: bearerSecurity, summary: 'A release with its changes',
      request: { params: z.strictObject({ n: z.coerce.number().int().min(1).max(1e9) }) },
      responses: { 200: json(ReleaseWithChanges, 'The release; releases never change'), ...problems('validation-failed', 'unauthenticated', 'not-found') },
    }),
    async (c) => {
      authorize(c, 'release:read');
      const { n } = c.req.valid('param');
      const release = await store.releases.getRelease(n);
      if (!release) throw new ProblemError('not-found', `release ${n} has not been published`);
      const changes = await store.releases.releaseChanges(release);
      c.header('ETag', `"release-${n}"`);
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      return c.json({ ...release, changes }, 200);
    },
  );

  return app;
}
