import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { audiencesOf, Notification } from '#catalog/notifications.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';

const tags = ['Notifications'];

const NotificationPage = z
  .object({
    items: z.array(Notification.extend({ read: z.boolean() })),
    unread: z.number().int().meta({ description: 'Unread notifications, counted up to 100' }),
    cursor: z.string().optional().meta({ description: 'Pass as ?cursor= for older ones; absent on the last page' }),
  })
  .meta({ id: 'NotificationPage' });

const Unread = z.object({ unread: z.number().int() }).meta({ id: 'UnreadNotifications' });

const MarkRead = z
  .union([
    z.strictObject({ ids: z.array(z.string().min(1).max(200)).min(1).max(100) }),
    z.strictObject({ all: z.literal(true).meta({ description: 'Everything up to now' }) }),
  ])
  .meta({ id: 'MarkNotificationsRead' });

/**
 * The console's notification centre (issue 14 §3): a person's notifications (their own, their
 * organisation's, their role's), newest first and paged, the unread count for the header, and
 * marking read. Nobody sees another organisation's or another person's.
 */
export function notificationRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'My notifications, newest first',
      request: {
        query: z.strictObject({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(300).optional(),
        }),
      },
      responses: { 200: json(NotificationPage, 'One page, with the unread count'), ...problems('validation-failed', 'unauthenticated', 'forbidden') },
    }),
    async (c) => {
      const actor = authorize(c, 'notification:read');
      const { limit, cursor } = c.req.valid('query');
      return c.json(await store.notifications.list(actor.sub, audiencesOf(actor), { limit, ...(cursor === undefined ? {} : { cursor }) }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/unread',
      tags,
      security: bearerSecurity,
      summary: 'How many of my notifications are unread (the header’s count)',
      responses: { 200: json(Unread, 'Counted up to 100'), ...problems('unauthenticated', 'forbidden') },
    }),
    async (c) => {
      const actor = authorize(c, 'notification:read');
      return c.json({ unread: await store.notifications.unread(actor.sub, audiencesOf(actor)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/read',
      tags,
      security: bearerSecurity,
      summary: 'Mark notifications read: some by id, or all up to now',
      request: { body: jsonBody(MarkRead) },
      responses: { 200: json(Unread, 'What is still unread'), ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden') },
    }),
    async (c) => {
      const actor = authorize(c, 'notification:read');
      const body = c.req.valid('json');
      const what = 'all' in body ? { allUpTo: clock.now().toISOString() } : { ids: body.ids };
      return c.json({ unread: await store.notifications.markRead(actor.sub, audiencesOf(actor), what) }, 200);
    },
  );

  return app;
}
