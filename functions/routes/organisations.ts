import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { personOf } from '#catalog/identity.ts';
import { mayRead, OrganisationRecord, organisationForReader, organisationScope, SetOrganisationRecord } from '#catalog/organisation.ts';
import { toChinaIso } from '#catalog/time.ts';
import { OrgId } from '#catalog/user-account.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { checkIfMatch, etag, IfMatchHeader } from '../http/etag.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv, nextCursor } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

const tags = ['Organisations'];
const OrgIdParam = z.strictObject({ orgId: OrgId });

/**
 * The organisations registry (issue 14 §7): the names behind the codes that hospitals' and firms'
 * tokens carry. The bureau reads every organisation; a hospital or firm reads only its own (another
 * one's answers exactly as a missing one); an admin adds and renames them.
 */
export function organisationRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'The organisations you may see, by code: the bureau every one, a hospital or firm its own',
      description: 'Paged: `limit` (default 100, at most 500) and the `cursor` of the previous page, present while more may follow.',
      request: {
        query: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(200).optional().meta({ description: 'The `cursor` of the previous page' }),
        }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(OrganisationRecord),
            cursor: nextCursor,
          }),
          'Organisations, by code',
        ),
        ...problems('validation-failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => {
      const scope = organisationScope(authorize(c, 'organisation:read'));
      const { limit, cursor } = c.req.valid('query');
      if (scope.kind === 'all') return c.json(await store.organisations.list({ limit, ...(cursor === undefined ? {} : { cursor }) }), 200);
      const own = scope.kind === 'own' && cursor === undefined ? await store.organisations.get(scope.orgId) : undefined;
      return c.json({ items: own ? [organisationForReader(own, scope)] : [] }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{orgId}',
      tags,
      security: bearerSecurity,
      summary: 'One organisation: the bureau any, a hospital or firm its own (who changed it shown as the bureau)',
      request: { params: OrgIdParam },
      responses: {
        200: json(OrganisationRecord, 'The organisation; ETag carries its version'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found'),
      },
    }),
    async (c) => {
      const scope = organisationScope(authorize(c, 'organisation:read'));
      const { orgId } = c.req.valid('param');
      const record = mayRead(scope, orgId) ? await store.organisations.get(orgId) : undefined;
      if (!record) throw new ProblemError('not-found', `no organisation ${orgId}`);
      c.header('ETag', etag(record));
      return c.json(organisationForReader(record, scope), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{orgId}',
      tags,
      security: bearerSecurity,
      summary: 'Add an organisation, or rename one (admin)',
      description:
        'Without If-Match: adds an organisation the registry does not know (201); one it knows answers 409 (code `organisation.exists`). ' +
        'With If-Match (the ETag last read): renames it, or changes its type, if nobody changed it since (200; stale: 412). Who and when are recorded.',
      request: { params: OrgIdParam, headers: IfMatchHeader, body: jsonBody(SetOrganisationRecord) },
      responses: {
        200: json(OrganisationRecord, 'The organisation as renamed'),
        201: json(OrganisationRecord, 'The organisation as added'),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden', 'conflict', 'precondition-failed', 'precondition-required'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'organisation:manage');
      const { orgId } = c.req.valid('param');
      const { name, type } = c.req.valid('json');
      const stamp = { changedBy: personOf(actor), changedAt: toChinaIso(clock.now().getTime()) };
      const current = await store.organisations.get(orgId);
      if (!current) {
        if (c.req.header('If-Match') !== undefined) throw new ProblemError('precondition-failed', `no organisation ${orgId} to match If-Match against`);
        const record: OrganisationRecord = { orgId, name, type, ...stamp, version: 1 };
        if (!(await store.organisations.create(record))) throw new ProblemError('conflict', `organisation ${orgId} was added by someone else just now`);
        c.header('ETag', etag(record));
        c.header('Location', `/v1/organisations/${orgId}`);
        return c.json(record, 201);
      }
      // Without If-Match the PUT adds: a code the registry knows is not silently renamed.
      if (c.req.header('If-Match') === undefined)
        throw new ProblemError('invalid-state', `organisation ${orgId} is in the registry already; send If-Match with its ETag to rename it`, undefined, {
          extensions: { code: 'organisation.exists', params: { orgId, name: current.name } },
        });
      checkIfMatch(c, { id: `organisation ${orgId}`, version: current.version });
      const record: OrganisationRecord = { orgId, name, type, ...stamp, version: current.version + 1 };
      await store.organisations.save(record, current.version);
      c.header('ETag', etag(record));
      return c.json(record, 200);
    },
  );

  return app;
}
