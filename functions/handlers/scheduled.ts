import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { hourlyJob } from '../jobs/hourly.ts';
import { awsDynamoClient, createStore } from '../store/store.ts';
import { deliverWebhooksOnAws } from './aws-webhooks.ts';
import { metricsNamespace } from './lambda-observer.ts';

/** The hourly job on AWS Lambda, run by an EventBridge schedule (see infra/). */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'green-channel-scheduled' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const store = createStore({ client: awsDynamoClient(), tableName });
const metrics = new Metrics({ namespace: metricsNamespace, serviceName: 'green-channel-scheduled' });

export const handler = middy(async () => {
  const result = await hourlyJob(store, new Date());
  // Retries of webhook deliveries that failed (and any the projector did not get to).
  await deliverWebhooksOnAws(store, logger, metrics);
  metrics.addMetric('HourlyJobRuns', MetricUnit.Count, 1);
  metrics.addMetric('RolledForwardReleases', MetricUnit.Count, result.rolledForward.length);
  metrics.addMetric('ProjectionLag', MetricUnit.Seconds, result.projectionLagSeconds);
  metrics.addMetric('OverdueApplications', MetricUnit.Count, result.overdue.length);
  metrics.addMetric('MaterialsPastDue', MetricUnit.Count, result.materialsPastDue.length);
  logger.info('hourly job done', {
    rolledForward: result.rolledForward,
    overdue: result.overdue.length,
    materialsPastDue: result.materialsPastDue.length,
    ids: result,
  });
  return result;
})
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
