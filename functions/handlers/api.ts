import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import { createApp, systemClock } from '../app.ts';
import { lambdaAuth } from '../http/auth.ts';
import { createStore } from '../store/store.ts';
import { requestLog } from './request-log.ts';

/** The API on AWS Lambda: the same Hono app, behind the HTTP API's JWT authorizer. */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'green-channel-api' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');

const app = createApp({
  store: createStore({ client: new DynamoDBClient({}), tableName }),
  clock: systemClock,
  auth: lambdaAuth(),
  onInternalError: (error) => logger.error('internal error', error as Error),
});

export const handler = middy(handle(app)).use(injectLambdaContext(logger)).use(requestLog(logger));
