import type { Logger } from '@aws-lambda-powertools/logger';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

/**
 * Every log line of a request carries its correlation id: API Gateway's request id, which the
 * access log carries too. The line per request itself is the app's (see lambda-observer.ts),
 * which knows the route's pattern and the caller's role; only an error that escaped the app is
 * logged here.
 */
export function requestLog(logger: Logger): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context> {
  return {
    before: ({ event }) => {
      logger.appendKeys({ correlationId: event.requestContext?.requestId });
    },
    after: () => {
      logger.removeKeys(['correlationId']);
    },
    onError: ({ event, error }) => {
      logger.error('request failed outside the app', { path: event.rawPath, error: error ?? undefined });
      logger.removeKeys(['correlationId']);
    },
  };
}
