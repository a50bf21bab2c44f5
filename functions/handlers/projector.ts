import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSEvent } from 'aws-lambda';
import { awsDynamoClient, createStore } from '../store/store.ts';
import { deliverWebhooksOnAws } from './aws-webhooks.ts';
import { metricsNamespace } from './lambda-observer.ts';
import { putReleaseEvents } from './release-events.ts';

/**
 * The projector on AWS Lambda, woken by the projection queue after each publish: it rolls every
 * committed release forward in release order (the same `recover()` the hourly job and a local
 * publish run), so each becomes visible all at once when its entries are in place. A failure
 * throws: SQS redelivers the message, and after five tries it goes to the dead-letter queue
 * (alarmed); the hourly job rolls forward too.
 */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'green-channel-projector' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const store = createStore({ client: awsDynamoClient(), tableName });
const metrics = new Metrics({ namespace: metricsNamespace, serviceName: 'green-channel-projector' });

export async function project(event: SQSEvent, releases = store.releases, deliveryStore = store): Promise<{ rolledForward: number[] }> {
  // A queue message names the release just published; the minute schedule's event names none.
  const asked = (event.Records ?? []).map((record) => (JSON.parse(record.body) as { release?: number }).release);
  const rolledForward = await releases.recover();
  logger.info('projection done', { asked, rolledForward });
  metrics.addMetric('ProjectedReleases', MetricUnit.Count, rolledForward.length);
  // The releases this run made visible, on the event bus for consumers inside AWS.
  const busName = process.env.EVENT_BUS_NAME;
  if (busName && rolledForward.length > 0) await putReleaseEvents({ store: deliveryStore, busName, releases: rolledForward });
  // The new releases are visible: tell the downstream systems' endpoints (and retry the due ones).
  await deliverWebhooksOnAws(deliveryStore, logger, metrics);
  return { rolledForward };
}

export const handler = middy((event: SQSEvent) => project(event))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
