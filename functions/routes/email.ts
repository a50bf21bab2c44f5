import { createHash, randomInt } from 'node:crypto';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ConfirmEmail, confirmationMail, EmailPreference, OutboxMail, StartEmail } from '#catalog/email.ts';
import { audiencesOf } from '#catalog/notifications.ts';
import type { CodeRefusal } from '#store/email-store.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

const tags = ['Notifications'];

const refusals: Record<CodeRefusal, { code: 'email_code_none' | 'email_code_expired' | 'email_code_wrong' | 'email_code_attempts'; message: string }> = {
  'no-code': { code: 'email_code_none', message: 'no code is waiting: ask for one first (PUT /v1/me/email)' },
  expired: { code: 'email_code_expired', message: 'the code has expired: ask for a new one' },
  wrong: { code: 'email_code_wrong', message: 'the code is not the one mailed' },
  'too-many-attempts': { code: 'email_code_attempts', message: 'too many wrong codes: ask for a new one' },
};

/** How mail leaves: `ses` on AWS; `outbox` locally, where it is only kept in the outbox for people to read. */
export interface MailSettings {
  delivery: 'ses' | 'outbox';
  /** The console's address, for links in mail (default: the API's own origin, where `npm start` serves the console). */
  consoleUrl?: string;
}

const Preference = EmailPreference.extend({
  delivery: z.enum(['ses', 'outbox']).meta({ description: 'ses: mail is sent; outbox: mail is only kept in the outbox (local runs), for an admin to read' }),
}).meta({ id: 'EmailPreferenceAnswer' });

const OutboxPage = z
  .object({ items: z.array(OutboxMail), cursor: z.string().optional().meta({ description: 'Pass as ?cursor= for older mail' }) })
  .meta({ id: 'OutboxPage' });

/**
 * Mail for people who opt in (issue 14 §3): a person gives an address, types back the code
 * mailed to it, and from then on is mailed what they are told in the console; they stop it
 * whenever they like. Admins read the outbox: every mail and what became of it.
 */
export function emailRoutes({ store, clock, mail }: { store: Store; clock: Clock; mail: MailSettings }) {
  const app = new OpenAPIHono<AppEnv>();
  /** A person's choice as answered: with how mail leaves here. */
  const preferenceOf = async (sub: string) => ({ ...(await store.email.preference(sub)), delivery: mail.delivery });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/email',
      tags,
      security: bearerSecurity,
      summary: 'Whether I am mailed my notifications, and where',
      responses: { 200: json(Preference, 'My choice'), ...problems('unauthenticated', 'forbidden') },
    }),
    async (c) => {
      const actor = authorize(c, 'notification:read');
      return c.json(await preferenceOf(actor.sub), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/me/email',
      tags,
      security: bearerSecurity,
      summary: 'Mail my notifications to an address: a six-digit code is mailed to it first',
      description: 'Nothing but the code is mailed until it is typed back (POST /v1/me/email/confirm), within 30 minutes. One code a minute.',
      request: { body: jsonBody(StartEmail) },
      responses: {
        202: json(Preference, 'The code is on its way; the choice is pending'),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden', 'limit-reached'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'notification:read');
      const { address } = c.req.valid('json');
      const now = clock.now();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const confirmation = {
        id: `${actor.sub}:code:${now.toISOString()}`,
        to: address,
        ...confirmationMail(code, mail.consoleUrl ?? new URL(c.req.url).origin),
        queuedAt: now.toISOString(),
        status: 'queued' as const,
        attempts: 0,
      };
      const started = await store.email.start(actor.sub, {
        address,
        audiences: audiencesOf(actor),
        codeDigest: digest(actor.sub, code),
        now,
        mail: confirmation,
      });
      if (!started) {
        const message = 'a code was mailed less than a minute ago';
        throw new ProblemError('limit-reached', message, [{ path: 'address', in: 'body', code: 'email_code_recent', message }]);
      }
      return c.json(await preferenceOf(actor.sub), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/email/confirm',
      tags,
      security: bearerSecurity,
      summary: 'Type back the mailed code: mail starts',
      description: 'Five wrong codes void it; ask for a new one.',
      request: { body: jsonBody(ConfirmEmail) },
      responses: { 200: json(Preference, 'Mail is on'), ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden') },
    }),
    async (c) => {
      const actor = authorize(c, 'notification:read');
      const { code } = c.req.valid('json');
      const refusal = await store.email.confirm(actor.sub, digest(actor.sub, code), clock.now());
      if (refusal) {
        const { code: errorCode, message } = refusals[refusal];
        throw new ProblemError('validation-failed', message, [{ path: 'code', in: 'body', code: errorCode, message }]);
      }
      return c.json(await preferenceOf(actor.sub), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/me/email',
      tags,
      security: bearerSecurity,
      summary: 'Stop mailing me (mail already queued is still sent)',
      responses: { 200: json(Preference, 'Mail is off'), ...problems('unauthenticated', 'forbidden') },
    }),
    async (c) => {
      const actor = authorize(c, 'notification:read');
      await store.email.stop(actor.sub);
      return c.json({ state: 'none' as const, delivery: mail.delivery }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/email-outbox',
      tags,
      security: bearerSecurity,
      summary: 'Every mail queued, newest first, with what became of it',
      description: 'On AWS the mail job sends queued mail through SES every five minutes; locally nothing is sent and the outbox is where mail can be read.',
      request: {
        query: z.strictObject({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(400).optional(),
        }),
      },
      responses: { 200: json(OutboxPage, 'One page'), ...problems('validation-failed', 'unauthenticated', 'forbidden') },
    }),
    async (c) => {
      authorize(c, 'email-outbox:read');
      const { limit, cursor } = c.req.valid('query');
      return c.json(await store.email.outbox({ limit, ...(cursor === undefined ? {} : { cursor }) }), 200);
    },
  );

  return app;
}

/** Codes are kept only as a digest, salted with the person, so the table never holds one. */
function digest(sub: string, code: string): string {
  return createHash('sha256').update(`${sub}:${code}`).digest('base64url');
}
