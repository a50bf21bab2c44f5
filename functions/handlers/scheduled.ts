import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { hourlyJob } from '../jobs/hourly.ts';
import { awsDynamoClient, createStore } from '../store/store.ts';

/** The hourly job on AWS Lambda, run by an EventBridge schedule (see infra/). */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'green-channel-scheduled' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const store = createStore({ client: awsDynamoClient(), tableName });

export const handler = middy(async () => {
  const result = await hourlyJob(store, new Date());
  logger.info('hourly job done', {
    rolledForward: result.rolledForward,
    overdue: result.overdue.length,
    materialsPastDue: result.materialsPastDue.length,
    ids: result,
  });
  return result;
}).use(injectLambdaContext(logger));
