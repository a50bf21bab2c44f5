import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { personOf } from '#catalog/identity.ts';
import { toChinaIso } from '#catalog/time.ts';
import { OrganisationChange, organisationRefusal, SetOrganisation, UserAccount } from '#catalog/user-account.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';
import type { UserDirectory } from '../http/user-directory.ts';

const tags = ['Users'];

/**
 * Roles and organisations (issue 10 §7): an admin lists the people the identity provider knows
 * and sets a hospital's or firm's user's organisation. Every change is recorded (who, when,
 * before → after, why) before it is made at the provider; a refused change is taken back.
 */
export function userRoutes({ store, clock, directory }: { store: Store; clock: Clock; directory: UserDirectory }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags,
      security: bearerSecurity,
      summary: 'Everyone the identity provider knows, with their role and organisation',
      responses: { 200: json(z.object({ items: z.array(UserAccount) }), 'People, by username'), ...problems('unauthenticated', 'forbidden') },
    }),
    async (c) => {
      authorize(c, 'user:manage');
      return c.json({ items: await directory.list() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/users/{username}/organisation',
      tags,
      security: bearerSecurity,
      summary: 'Move a hospital’s or firm’s user to another organisation (recorded)',
      description: 'Only for users in the hospital or firm role. The change is recorded before it is made; the user’s next token carries the new organisation.',
      request: { params: z.strictObject({ username: z.string().min(1).max(128) }), body: jsonBody(SetOrganisation) },
      responses: {
        200: json(z.object({ user: UserAccount, change: OrganisationChange }), 'The user as now, and the recorded change'),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden', 'not-found', 'invalid-state'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'user:manage');
      const { username } = c.req.valid('param');
      const { orgId, reason } = c.req.valid('json');
      const user = await directory.get(username);
      if (!user) throw new ProblemError('not-found', `no user ${username}`);
      const refusal = organisationRefusal(user, orgId);
      if (refusal) throw new ProblemError('invalid-state', refusal, [{ path: 'orgId', in: 'body', code: 'organisation_not_allowed', message: refusal }]);
      // Only an organisation of the registry, of the person's kind: a typo would make a person of an organisation nobody knows.
      const organisation = await store.organisations.get(orgId);
      if (organisation?.type !== user.role) {
        const message = organisation
          ? `${orgId} is a ${organisation.type}, and ${username} a ${user.role} user`
          : `${orgId} is not in the organisations registry`;
        const code = organisation ? 'organisation_other_type' : 'organisation_unknown';
        throw new ProblemError('invalid-state', message, [{ path: 'orgId', in: 'body', code, params: { orgId }, message }]);
      }
      const change: OrganisationChange = {
        username,
        ...(user.orgId === undefined ? {} : { before: user.orgId }),
        after: orgId,
        reason,
        by: personOf(actor),
        at: toChinaIso(clock.now().getTime()),
      };
      await store.organisationChanges.record(change);
      try {
        await directory.setOrganisation(username, orgId);
      } catch (error) {
        await store.organisationChanges.withdraw(change);
        throw error;
      }
      // Mail went to the old organisation's audience: it stops, and they opt in again under the new one.
      if (user.sub !== undefined) await store.email.stop(user.sub);
      return c.json({ user: { ...user, orgId }, change }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/organisation-changes',
      tags,
      security: bearerSecurity,
      summary: 'The record of users’ organisation changes, newest first',
      request: {
        query: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(512).optional().meta({ description: 'From the previous page’s `cursor`' }),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(OrganisationChange), cursor: z.string().optional() }), 'Changes, newest first'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => {
      authorize(c, 'user:manage');
      const { limit, cursor } = c.req.valid('query');
      return c.json(await store.organisationChanges.list({ limit, ...(cursor === undefined ? {} : { cursor }) }), 200);
    },
  );

  return app;
}
