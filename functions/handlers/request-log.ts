import type { Logger } from '@aws-lambda-powertools/logger';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

/** One structured log line per request: request id, route, status and duration. */
export function requestLog(logger: Logger): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context> {
  const started = new WeakMap<object, number>();
  const line = (request: middy.Request<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context>, status: number | undefined) => {
    const { event, context } = request;
    logger.info('request', {
      requestId: context.awsRequestId,
      route: event.routeKey ?? `${event.requestContext?.http?.method} ${event.rawPath}`,
      path: event.rawPath,
      status,
      durationMs: Math.round(performance.now() - (started.get(request) ?? performance.now())),
    });
  };
  return {
    before: (request) => {
      started.set(request, performance.now());
    },
    after: (request) => {
      const response = request.response;
      line(request, typeof response === 'object' && response !== null ? response.statusCode : undefined);
    },
    onError: (request) => {
      line(request, 500);
    },
  };
}
