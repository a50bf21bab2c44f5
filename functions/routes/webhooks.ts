import { randomBytes } from 'node:crypto';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { Identity } from '#catalog/identity.ts';
import { toChinaIso } from '#catalog/time.ts';
import { RegisterWebhook, Webhook, WebhookDelivery } from '#catalog/webhook.ts';
import type { Store } from '#store/store.ts';
import { keys } from '#store/keys.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';
import { type UrlPolicy, webhookUrlRefusal } from '../http/webhook-url.ts';

const tags = ['Webhooks'];
const IdParam = z.strictObject({ id: z.uuid() });

const orgEventsFrom = keys.orgEventsFrom;

/**
 * Downstream systems told, not polling (issue 15 §1): a machine client registers its endpoints
 * and is sent a signed `release.published` event (Standard Webhooks) for every release after it
 * registered, in order; it sees and manages only its own endpoints, their attempts, and can
 * replay from a release. Staff see every endpoint and its attempts.
 */
export function webhookRoutes({ store, clock, policy }: { store: Store; clock: Clock; policy: UrlPolicy }) {
  const app = new OpenAPIHono<AppEnv>();

  /** The endpoint if the caller may see it: its owner, or staff. Others get 404, as if it did not exist. */
  const visibleTo = async (id: string, caller: Identity, manage: boolean) => {
    const found = await store.webhooks.get(id);
    const own = found?.webhook.owner === caller.sub;
    const staff = caller.role === 'pricing-staff' || caller.role === 'admin';
    if (!found || (!own && (manage || !staff))) throw new ProblemError('not-found', `no webhook ${id} of yours`);
    return found;
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'Register an endpoint: signed events for every release from now on (the secret is shown once)',
      description:
        'Events follow the Standard Webhooks specification: headers webhook-id (the same on every attempt), webhook-timestamp and webhook-signature (v1, HMAC-SHA256 with the secret). HTTPS only (plain HTTP on a local server); link-local, private and loopback addresses are refused, at registration and at every delivery.',
      request: { body: jsonBody(RegisterWebhook) },
      responses: {
        201: json(z.object({ webhook: Webhook, secret: z.string().meta({ description: 'whsec_…; shown once' }) }), 'Registered'),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'webhook:manage');
      const { url, events } = c.req.valid('json');
      // Downstream systems are told of releases; a hospital's or firm's own system of its own applications.
      const allowed = actor.role === 'downstream' ? 'release.published' : 'application.state-changed';
      const other = events.find((event) => event !== allowed);
      if (other)
        throw new ProblemError('validation-failed', `the role ${actor.role} may subscribe to ${allowed} only`, [
          { path: 'events', in: 'body', code: 'event_not_allowed', params: { event: other, allowed }, message: `not ${other}` },
        ]);
      const refusal = await webhookUrlRefusal(url, policy);
      if (refusal) throw new ProblemError('validation-failed', refusal, [{ path: 'url', in: 'body', code: 'url_not_allowed', message: refusal }]);
      const webhook: Webhook = {
        id: crypto.randomUUID(),
        owner: actor.sub,
        url,
        events,
        state: 'active',
        deliveredThrough: await store.releases.visibleRelease(),
        ...(actor.orgId && actor.role !== 'downstream' ? { orgId: actor.orgId, eventsAfter: orgEventsFrom(Date.now()) } : {}),
        attempts: 0,
        createdAt: toChinaIso(clock.now().getTime()),
      };
      const secret = `whsec_${randomBytes(24).toString('base64')}`;
      await store.webhooks.create(webhook, secret);
      c.header('Location', `/v1/webhooks/${webhook.id}`);
      return c.json({ webhook, secret }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'The caller’s endpoints (staff: every endpoint), never their secrets',
      responses: { 200: json(z.object({ items: z.array(Webhook) }), 'Endpoints'), ...problems('unauthenticated', 'forbidden') },
    }),
    async (c) => {
      const actor = authorize(c, 'webhook:read');
      const all = (await store.webhooks.list()).map(({ webhook }) => webhook);
      const staff = actor.role === 'pricing-staff' || actor.role === 'admin';
      return c.json({ items: staff ? all : all.filter((webhook) => webhook.owner === actor.sub) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      security: bearerSecurity,
      summary: 'Remove one of the caller’s endpoints',
      request: { params: IdParam },
      responses: { 204: { description: 'Removed' }, ...problems('unauthenticated', 'forbidden', 'not-found') },
    }),
    async (c) => {
      const actor = authorize(c, 'webhook:manage');
      const { id } = c.req.valid('param');
      await visibleTo(id, actor, true);
      await store.webhooks.remove(id);
      return c.body(null, 204) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/deliveries',
      tags,
      security: bearerSecurity,
      summary: 'Every attempt to deliver to an endpoint, newest first (status, latency, error)',
      request: { params: IdParam, query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: {
        200: json(z.object({ items: z.array(WebhookDelivery) }), 'Attempts'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'webhook:read');
      const { id } = c.req.valid('param');
      await visibleTo(id, actor, false);
      return c.json({ items: await store.webhooks.deliveries(id, c.req.valid('query').limit) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/replay',
      tags,
      security: bearerSecurity,
      summary: 'Deliver again from a release on (also re-enables a disabled endpoint); application endpoints resume where they stopped',
      request: { params: IdParam, body: jsonBody(z.strictObject({ fromRelease: z.number().int().min(1) })) },
      responses: {
        200: json(z.object({ webhook: Webhook }), 'Will deliver from that release'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found', 'conflict'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'webhook:manage');
      const { id } = c.req.valid('param');
      const { fromRelease } = c.req.valid('json');
      const { webhook, secret, version } = await visibleTo(id, actor, true);
      const visible = await store.releases.visibleRelease();
      if (fromRelease > visible + 1)
        throw new ProblemError('validation-failed', `release ${fromRelease} is not published`, [
          { path: 'fromRelease', in: 'body', code: 'too_big', params: { limit: visible + 1, unit: 'number', inclusive: 1 }, message: `at most ${visible + 1}` },
        ]);
      const { failingSince: _since, nextAttemptAt: _next, disabledAt: _at, disabledReason: _why, ...rest } = webhook;
      const next: Webhook = { ...rest, state: 'active', deliveredThrough: fromRelease - 1, attempts: 0 };
      if (!(await store.webhooks.save(next, version, secret))) throw new ProblemError('conflict', 'the endpoint changed meanwhile; try again');
      return c.json({ webhook: next }, 200);
    },
  );

  return app;
}
