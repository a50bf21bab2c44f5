import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { matchedRoutes } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import * as z from 'zod';
import { ConflictError, isUnavailable } from '#store/errors.ts';
import { InvalidCursorError } from '#store/merged-page.ts';
import type { Store } from '#store/store.ts';
import type { Auth } from './http/auth.ts';
import type { ClientRegistry } from './http/client-registry.ts';
import { docsPage } from './http/docs-page.ts';
import { requestLimits } from './http/limits.ts';
import type { ExchangeRoutes } from './routes/file-exchange.ts';
import type { DocumentRoutes } from './routes/documents.ts';
import { json, problems, type AppEnv } from './http/openapi.ts';
import { fieldErrors, ProblemError } from './http/problem.ts';
import { applicationRoutes } from './routes/applications.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { catalogSearchRoutes } from './routes/catalog-search.ts';
import { catalogCalendarRoutes } from './routes/catalog-calendar.ts';
import { changeSetRoutes } from './routes/change-sets.ts';
import { FHIR_JSON, fhirRoutes } from './routes/fhir.ts';
import { operationOutcome } from '#catalog/fhir-conformance.ts';
import { machineClientRoutes } from './routes/machine-clients.ts';
import { releaseRoutes } from './routes/releases.ts';
import { ruleRoutes } from './routes/rules.ts';
import type { Observer } from './http/observer.ts';
import { userRoutes } from './routes/users.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { emailRoutes, type MailSettings } from './routes/email.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import type { UrlPolicy } from './http/webhook-url.ts';
import type { UserDirectory } from './http/user-directory.ts';

/** Seconds a client should wait before retrying after a 503. */
const RETRY_AFTER_SECONDS = 5;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AppDependencies {
  store: Store;
  clock: Clock;
  auth: Auth;
  /** Serves the built console at `/` (locally); on AWS the console is on CloudFront. */
  console?: MiddlewareHandler;
  /** Import and export (CSV, XLSX, NDJSON; large files through storage), where given: see routes/file-exchange.ts. */
  exchange?: ExchangeRoutes;
  /** The files of applications (storage, content sniffing, virus scan), where given: see routes/documents.ts. */
  documents?: DocumentRoutes;
  /** Where downstream systems' clients are created (the local provider, Cognito); without it, no machine-client routes. */
  clientRegistry?: ClientRegistry;
  /** Locally, the routes that stand in for S3's signed URLs (`/files/…`). */
  fileRoutes?: Hono;
  /** People may opt in to mail of their notifications (sent by SES on AWS; kept in the outbox locally). Without it, no mail routes. */
  mail?: MailSettings;
  /** Where people's accounts are (the local provider, Cognito); without it, no user routes (an external provider manages its own). */
  userDirectory?: UserDirectory;
  /**
   * Answer 503 (retry) when a request has not finished in this many milliseconds: on Lambda just
   * before API Gateway gives up at 30 s (which would answer a bare 503 with no problem body).
   */
  requestTimeoutMs?: number;
  /** Webhook endpoints may be registered (`local`: plain HTTP and loopback allowed). Without it, no webhook routes. */
  webhooks?: UrlPolicy;
  /** Told of every request and publish (logs and metrics on Lambda). */
  observer?: Observer;
  /** Called with any error that becomes a 5xx, for logging. */
  onInternalError?: (error: unknown) => void;
}

const locations = { json: 'body', query: 'query', param: 'path', header: 'header' } as const;

/** The one Hono app: the same on AWS Lambda, on the local Node server and in tests. */
export function createApp({
  store,
  clock,
  auth,
  console: serveConsole,
  exchange,
  documents,
  clientRegistry,
  userDirectory,
  mail,
  fileRoutes,
  observer,
  webhooks,
  requestTimeoutMs,
  onInternalError,
}: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const location = locations[result.target as keyof typeof locations] ?? 'body';
        throw new ProblemError('validation-failed', undefined, fieldErrors(result.error.issues, location));
      }
    },
  });

  app.onError((error, c) => {
    const problem = toProblem(error);
    if (problem.status >= 500) onInternalError?.(error);
    const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
    if (problem.status === 503) headers['Retry-After'] = String(RETRY_AFTER_SECONDS);
    if (isFhir(c.req.path)) return fhirError(c, problem, headers);
    return c.body(JSON.stringify(problem.toJSON(c.req.path)), problem.status as 500, headers);
  });
  app.notFound((c) => {
    const problem = new ProblemError('not-found', `no route for ${c.req.method} ${c.req.path}`);
    if (isFhir(c.req.path)) return fhirError(c, problem, {});
    return c.body(JSON.stringify(problem.toJSON(c.req.path)), 404, { 'Content-Type': 'application/problem+json' });
  });

  if (observer?.request) {
    const seen = observer.request.bind(observer);
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      const route = matchedRoutes(c).findLast((candidate) => candidate.method !== 'ALL')?.path ?? '(no route)';
      const role = c.get('identity')?.role;
      seen({ method: c.req.method, route, status: c.res.status, durationMs: Math.round(performance.now() - started), ...(role ? { role } : {}) });
    });
  }
  if (requestTimeoutMs) app.use('*', answerWithin(requestTimeoutMs));
  app.use('*', requestLimits());
  // X-Content-Type-Options, X-Frame-Options, HSTS, Referrer-Policy and the like on every answer.
  app.use('*', secureHeaders());

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['Service'],
      summary: 'Liveness',
      responses: { 200: json(z.object({ status: z.literal('ok') }), 'The service is up') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health/ready',
      tags: ['Service'],
      summary: 'Readiness: the database answers',
      description: 'Reads the visible-release pointer from the table. 503 with Retry-After while the database cannot be reached.',
      responses: {
        200: json(z.object({ status: z.literal('ready'), visibleRelease: z.number().int() }), 'The service can read its catalog'),
        ...problems('service-unavailable'),
      },
    }),
    async (c) => c.json({ status: 'ready' as const, visibleRelease: await store.releases.visibleRelease() }, 200),
  );

  const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
    const identity = await auth.identify(c);
    if (!identity) throw new ProblemError('unauthenticated');
    c.set('identity', identity);
    await next();
  };
  app.use('/v1/*', signedIn);
  app.use('/fhir/*', signedIn);
  // Before /v1/catalog/{kind}/{code}, which would take 'export' as a code.
  if (exchange) app.route('/v1', exchange({ store, clock }));
  // Before /v1/{type}-applications/{id}/{action}, which would take 'documents' as an action.
  if (documents) app.route('/v1', documents({ store, clock }));
  app.route('/v1/change-sets', changeSetRoutes({ store, clock, ...(observer ? { observer } : {}) }));
  app.route('/v1/releases', releaseRoutes({ store, clock }));
  // Before /v1/catalog/{kind}, which would take 'search' as a kind.
  app.route('/v1/catalog/search', catalogSearchRoutes({ store, clock }));
  app.route('/v1/catalog/calendar', catalogCalendarRoutes({ store }));
  app.route('/v1/catalog', catalogRoutes({ store, clock }));
  app.route('/v1/rules', ruleRoutes({ store, clock }));
  app.route('/v1/service-applications', applicationRoutes({ store, clock, type: 'service' }));
  app.route('/v1/listing-applications', applicationRoutes({ store, clock, type: 'listing' }));
  app.route('/v1/designation-applications', applicationRoutes({ store, clock, type: 'designation' }));
  app.route('/fhir', fhirRoutes({ store }));
  app.route('/v1/notifications', notificationRoutes({ store, clock }));
  app.route('/v1/organisations', organisationRoutes({ store, clock }));
  if (mail) app.route('/v1', emailRoutes({ store, clock, mail }));
  if (clientRegistry) app.route('/v1/machine-clients', machineClientRoutes({ store, clock, registry: clientRegistry }));
  if (userDirectory) app.route('/v1', userRoutes({ store, clock, directory: userDirectory }));
  if (webhooks) app.route('/v1/webhooks', webhookRoutes({ store, clock, policy: webhooks }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const openApiDocument = () =>
    (document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Green Channel policy catalog API',
        version: '1',
        description:
          'The versioned policy catalog of the provincial healthcare security bureau. Money is integer fen; times are ISO 8601 with offset, in China time (UTC+8). Errors are application/problem+json.',
      },
    }));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => c.html(docsPage(openApiDocument())));

  if (fileRoutes) app.route('/', fileRoutes);
  if (serveConsole) app.use('/*', serveConsole);
  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * A request still running after `ms` is answered 503 with Retry-After; its work cannot be
 * cancelled and goes on (every write is all or nothing, so it either lands whole or not at all).
 */
function answerWithin(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ProblemError(
              'service-unavailable',
              `the request did not finish within ${ms / 1000} s; retry shortly (a write either completed whole or did nothing)`,
            ),
          ),
        ms,
      );
    });
    try {
      await Promise.race([next(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

function isFhir(path: string): boolean {
  return path === '/fhir' || path.startsWith('/fhir/');
}

/** Under /fhir an error is an OperationOutcome, as FHIR clients expect. */
function fhirError(c: Context, problem: ProblemError, headers: Record<string, string>) {
  const details = problem.errors?.map((error) => `${error.path}: ${error.message}`).join('; ');
  const outcome = operationOutcome(problem.status, [problem.detail ?? problem.message, details].filter(Boolean).join(' — '));
  return c.body(JSON.stringify(outcome), problem.status as 500, { ...headers, 'Content-Type': FHIR_JSON });
}

function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof ConflictError) return new ProblemError('conflict', error.message, undefined, { cause: error });
  // Every paged list takes its cursor as ?cursor=: one the list did not give out is the caller's mistake.
  if (error instanceof InvalidCursorError)
    return new ProblemError('validation-failed', error.message, [{ path: 'cursor', in: 'query', code: 'invalid_cursor', message: error.message }], {
      cause: error,
    });
  if (isUnavailable(error))
    return new ProblemError('service-unavailable', 'the database cannot be reached right now; nothing was lost — retry shortly', undefined, { cause: error });
  if (error instanceof HTTPException && error.status < 500) {
    if (/malformed json/i.test(error.message)) return new ProblemError('malformed-json', error.message, undefined, { cause: error });
    return new ProblemError(error.status === 401 ? 'unauthenticated' : 'validation-failed', error.message, undefined, { cause: error });
  }
  return new ProblemError('internal', 'something went wrong on our side; it has been logged', undefined, { cause: error });
}
