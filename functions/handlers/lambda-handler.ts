import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import { createApp, systemClock } from '../app.ts';
import { lambdaAuth } from '../http/auth.ts';
import { claimNamesFrom } from '../http/claims.ts';
import { discoveredKeys, oidcAuth } from '../http/oidc-auth.ts';
import { toChinaIso } from '#catalog/time.ts';
import { cognitoClientRegistry } from './cognito-client-registry.ts';
import { cognitoUserDirectory } from './cognito-user-directory.ts';
import type { ExchangeRoutes } from '../routes/file-exchange.ts';
import type { DocumentRoutes } from '../routes/documents.ts';
import { awsDynamoClient, createStore } from '../store/store.ts';
import { sqsProjectionScheduler } from './projection-queue.ts';
import { lambdaObserver, metricsNamespace } from './lambda-observer.ts';
import { requestLog } from './request-log.ts';

/**
 * The app on AWS Lambda: the same Hono app as locally, behind the HTTP API's JWT authorizer,
 * through hono/aws-lambda, wrapped by middy with Powertools logging and nothing else.
 */
export function lambdaHandler({ serviceName, exchange, documents }: { serviceName: string; exchange?: ExchangeRoutes; documents?: DocumentRoutes }) {
  const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
  const metrics = new Metrics({ namespace: metricsNamespace, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  const store = createStore({ client: awsDynamoClient(), tableName });
  const queueUrl = process.env.PROJECTION_QUEUE_URL;
  // Publishing hands the projection to the projector function (see projector.ts).
  if (queueUrl) store.releases.scheduleProjection = sqsProjectionScheduler({ queueUrl });
  const userPoolId = process.env.USER_POOL_ID;
  const claimNames = claimNamesFrom(process.env);
  const clientIsActive = (clientId: string) => store.machineClients.isActive(clientId, toChinaIso(Date.now()));
  const issuer = process.env.AUTH_ISSUER;
  // The read routes without the HTTP API's authorizer (see lambdaAuth): verified here.
  const verifier = issuer
    ? oidcAuth({
        issuer,
        audience: (process.env.AUTH_AUDIENCE ?? '').split(',').filter(Boolean),
        clientIdAudience: process.env.AUTH_MODE === 'cognito',
        keys: discoveredKeys(issuer),
        claimNames,
        clientIsActive,
      })
    : undefined;
  const app = createApp({
    store,
    clock: systemClock,
    auth: lambdaAuth(claimNames, clientIsActive, verifier),
    ...(exchange ? { exchange } : {}),
    ...(documents ? { documents } : {}),
    // With Cognito the bureau registers downstream systems' clients here; with an external provider, at that provider.
    // People's organisations are set here with Cognito too; an external provider's administrators manage theirs.
    ...(userPoolId ? { clientRegistry: cognitoClientRegistry({ userPoolId }), userDirectory: cognitoUserDirectory({ userPoolId }) } : {}),
    observer: lambdaObserver(logger, metrics),
    webhooks: { local: false },
    // Mail for people who opt in, where the stack has a sender (the `mail` setting): SES, sent by the mailer function.
    ...(process.env.MAIL_DELIVERY === 'ses'
      ? { mail: { delivery: 'ses' as const, ...(process.env.CONSOLE_URL ? { consoleUrl: process.env.CONSOLE_URL } : {}) } }
      : {}),
    // The function stops at 29 s and API Gateway at 30 s: answer a problem before either does.
    requestTimeoutMs: Number(process.env.REQUEST_TIMEOUT_MS) || 27_000,
    onInternalError: (error) => logger.error('internal error', error as Error),
  });
  return middy(handle(app)).use(injectLambdaContext(logger)).use(requestLog(logger)).use(logMetrics(metrics));
}
