import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { toChinaIso } from '#catalog/time.ts';
import { MachineToken } from '#store/machine-token-store.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import type { Auth } from '../http/auth.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

const tags = ['Machine clients'];
const VALID_DAYS = 365;

/**
 * Local mode: long-lived read-only tokens for downstream systems, issued by pricing staff or an
 * admin, listed, and revocable (a revoked token is refused on its next request). On AWS,
 * machine clients use Cognito's client-credentials flow instead, and these routes do not exist.
 */
export function machineTokenRoutes({ store, clock, issue }: { store: Store; clock: Clock; issue: NonNullable<Auth['issueMachineToken']> }) {
  const app = new OpenAPIHono<AppEnv>();
  const IdParam = z.strictObject({ id: z.string().min(1).max(100) });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'Issue a read-only token for a downstream system (shown once)',
      request: {
        body: jsonBody(
          z.strictObject({ name: z.string().trim().min(1).max(100).meta({ example: '省医保结算系统' }), orgId: z.string().min(1).max(100).optional() }),
        ),
      },
      responses: {
        201: json(MachineToken.extend({ token: z.string() }), 'The token; keep it, it is not shown again'),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'machine-token:manage');
      const { name, orgId } = c.req.valid('json');
      const now = clock.now();
      const expires = new Date(now.getTime() + VALID_DAYS * 24 * 60 * 60 * 1000);
      const record: MachineToken = {
        id: crypto.randomUUID(),
        name,
        ...(orgId ? { orgId } : {}),
        createdBy: { sub: actor.sub, name: actor.name },
        createdAt: toChinaIso(now.getTime()),
        expiresAt: toChinaIso(expires.getTime()),
      };
      await store.machineTokens.create(record);
      const token = await issue({ sub: `machine:${record.id}`, name, role: 'downstream', ...(orgId ? { orgId } : {}) }, record.id, expires);
      return c.json({ ...record, token }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'The tokens issued, revoked ones included (never the token itself)',
      responses: { 200: json(z.object({ items: z.array(MachineToken) }), 'Tokens, newest first'), ...problems('unauthenticated', 'forbidden') },
    }),
    async (c) => {
      authorize(c, 'machine-token:manage');
      return c.json({ items: await store.machineTokens.list() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      security: bearerSecurity,
      summary: 'Revoke a token: it is refused from its next request',
      request: { params: IdParam },
      responses: { 200: json(MachineToken, 'The revoked token'), ...problems('unauthenticated', 'forbidden', 'not-found') },
    }),
    async (c) => {
      const actor = authorize(c, 'machine-token:manage');
      const { id } = c.req.valid('param');
      const current = await store.machineTokens.get(id);
      if (!current) throw new ProblemError('not-found', `no machine token ${id}`);
      if (current.revokedAt) return c.json(current, 200);
      const revoked = { ...current, revokedBy: { sub: actor.sub, name: actor.name }, revokedAt: toChinaIso(clock.now().getTime()) };
      if (!(await store.machineTokens.revoke(revoked))) throw new ProblemError('not-found', `no machine token ${id}`);
      return c.json((await store.machineTokens.get(id)) ?? revoked, 200);
    },
  );

  return app;
}
