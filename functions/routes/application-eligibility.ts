import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { ApplicationType } from '#catalog/applications/materials.ts';
import { AgreementTermination, terminationOf } from '#catalog/applications/termination.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, problems, type AppEnv } from '../http/openapi.ts';

/**
 * What is open to the caller's organisation, asked before the form (issue 14 §7): a terminated
 * service agreement closes the green channel and designation (2022 No.13 §9), and the console
 * says so before anyone fills anything in.
 */
export function eligibilityRoutes({
  type,
  clock,
  facts,
}: {
  type: ApplicationType;
  clock: Clock;
  facts: (now: string) => Promise<{ terminations: AgreementTermination[] }>;
}) {
  const app = new OpenAPIHono<AppEnv>();
  const tags = [type === 'service' ? 'Service applications' : type === 'listing' ? 'Listing applications' : 'Designated treatment hospital applications'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/eligibility',
      tags,
      security: bearerSecurity,
      summary: 'Whether my organisation may apply now, asked before filling in the form',
      description:
        'For a hospital or firm: the termination of its service agreement in force now, if any (2022 No.13 §9). A terminated institution may not take the green channel (service items) and may not apply for designation at all.',
      responses: {
        200: json(
          z
            .object({
              greenChannel: z.boolean().meta({ description: 'The green channel is open to this organisation' }),
              apply: z.boolean().meta({ description: 'An application of this type is possible at all' }),
              termination: AgreementTermination.optional(),
            })
            .meta({ id: 'Eligibility' }),
          'What is open to the organisation',
        ),
        ...problems('unauthenticated', 'forbidden'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'application:create');
      const now = toChinaIso(clock.now().getTime());
      const termination = actor.orgId === undefined ? undefined : terminationOf(actor.orgId, (await facts(now)).terminations, now);
      const open = type === 'listing' || termination === undefined;
      return c.json({ greenChannel: open, apply: type !== 'designation' || open, ...(termination && type !== 'listing' ? { termination } : {}) }, 200);
    },
  );

  return app;
}
