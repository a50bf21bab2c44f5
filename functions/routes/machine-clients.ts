import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { personOf } from '#catalog/identity.ts';
import { MachineClient, RegisterMachineClient } from '#catalog/machine-client.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import type { ClientRegistry } from '../http/client-registry.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

const tags = ['Machine clients'];
const scopes = ['catalog/read'] as const;

/**
 * Downstream systems' own clients (issue 10 §4): pricing staff or an admin register a system and
 * give it the client id and secret (shown once); the system then uses the client-credentials
 * grant at the identity provider's token endpoint with scope `catalog/read`. Revoking one refuses
 * its next request and leaves the others working.
 */
export function machineClientRoutes({ store, clock, registry }: { store: Store; clock: Clock; registry: ClientRegistry }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'Register a downstream system: a client of its own, for the client-credentials grant',
      request: { body: jsonBody(RegisterMachineClient) },
      responses: {
        201: json(
          z.object({
            client: MachineClient,
            clientId: z.string(),
            clientSecret: z.string().meta({ description: 'Shown once; keep it in the system’s secret store' }),
          }),
          'The new client',
        ),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'machine-client:manage');
      const { name, contact } = c.req.valid('json');
      const { clientId, clientSecret } = await registry.create({ name, scopes });
      const client: MachineClient = { clientId, name, contact, scopes: [...scopes], createdBy: personOf(actor), createdAt: toChinaIso(clock.now().getTime()) };
      await store.machineClients.create(client);
      c.header('Location', `/v1/machine-clients/${clientId}`);
      return c.json({ client, clientId, clientSecret }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'The registered downstream systems, with their last use (never their secrets)',
      responses: { 200: json(z.object({ items: z.array(MachineClient) }), 'Clients, newest first'), ...problems('unauthenticated', 'forbidden') },
    }),
    async (c) => {
      authorize(c, 'machine-client:manage');
      return c.json({ items: await store.machineClients.list() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{clientId}',
      tags,
      security: bearerSecurity,
      summary: 'Revoke a downstream system’s client: its next request is refused, the others keep working',
      request: { params: z.strictObject({ clientId: z.string().min(1).max(128) }) },
      responses: { 204: { description: 'Revoked' }, ...problems('unauthenticated', 'forbidden', 'not-found') },
    }),
    async (c) => {
      const actor = authorize(c, 'machine-client:manage');
      const { clientId } = c.req.valid('param');
      const revoked = await store.machineClients.revoke(clientId, personOf(actor), toChinaIso(clock.now().getTime()));
      if (!revoked) throw new ProblemError('not-found', `no active machine client ${clientId}`);
      await registry.delete(clientId);
      return c.body(null, 204) as never;
    },
  );

  return app;
}
