import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { CalendarMonth, effectiveCalendar, Month } from '#catalog/effective-calendar.ts';
import { EntryKind, entryKinds } from '#catalog/kinds.ts';
import type { Store } from '#store/store.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv } from '../http/openapi.ts';
import { catalogRelease } from '../http/freshness.ts';

/** What takes effect when, a month at a time, from the visible release (issue 14 §5: the console's calendar). */
export function catalogCalendarRoutes({ store }: { store: Store }) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Catalog'],
      security: bearerSecurity,
      summary: 'What takes effect (and what ends) on each day of a month, China time',
      request: { query: z.strictObject({ month: Month, kind: EntryKind.optional() }) },
      responses: { 200: json(CalendarMonth, 'The days of the month with something on them'), ...problems('validation-failed', 'unauthenticated') },
    }),
    async (c) => {
      authorize(c, 'catalog:read');
      const { month, kind } = c.req.valid('query');
      const release = await catalogRelease(c, store);
      const kinds = kind ? [kind] : (Object.keys(entryKinds) as EntryKind[]);
      const views = await Promise.all(kinds.map((one) => store.catalog.view(one, release)));
      const days = effectiveCalendar(
        views.flatMap((view) => view.entries),
        month,
      );
      return c.json(
        {
          month,
          release,
          days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, events]) => ({ date, events })),
        },
        200,
      );
    },
  );
  return app;
}
