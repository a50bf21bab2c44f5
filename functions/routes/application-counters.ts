import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { addWorkingDays, type WorkingCalendar } from '#catalog/applications/calendar.ts';
import type { ApplicationType } from '#catalog/applications/materials.ts';
import { toChinaIso, toEpochMs } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

/** "Due soon": by the end of the second working day after today. */
const SOON_WORKING_DAYS = 2;

const Counters = z
  .object({
    open: z.number().int().meta({ description: 'Applications the bureau owes the next step on' }),
    dueSoon: z.number().int().meta({ description: 'Of those, due within two working days and not yet overdue' }),
    overdue: z.number().int(),
    soonUntil: z.string().meta({ description: 'The end of "due soon" (China time)' }),
  })
  .meta({ id: 'ApplicationCounters' });

/** The reviewers' counters of one application type (issue 14 §5), for the inbox's header. */
export function counterRoutes({
  store,
  type,
  clock,
  facts,
}: {
  store: Store;
  type: ApplicationType;
  clock: Clock;
  facts: (now: string) => Promise<{ calendar: WorkingCalendar }>;
}) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/counters',
      tags: ['Applications'],
      security: bearerSecurity,
      summary: 'The inbox in numbers: open, due within two working days, overdue (the bureau)',
      description: 'Counted on the inbox index by due date, whatever the number of applications.',
      responses: { 200: json(Counters, 'The counts now'), ...problems('unauthenticated', 'forbidden') },
    }),
    async (c) => {
      const actor = authorize(c, 'application:read');
      if (actor.role === 'hospital' || actor.role === 'firm') throw new ProblemError('forbidden', 'the counters are the bureau’s');
      const nowMs = clock.now().getTime();
      const now = toChinaIso(nowMs);
      const soonUntil = addWorkingDays(now, SOON_WORKING_DAYS, (await facts(now)).calendar);
      return c.json({ ...(await store.applications.counters(type, nowMs, toEpochMs(soonUntil))), soonUntil }, 200);
    },
  );
  return app;
}
