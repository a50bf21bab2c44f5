import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Observer } from '../http/observer.ts';

/** Where the app's own metrics are, in CloudWatch (the dashboard and alarms read them there). */
export const metricsNamespace = 'GreenChannel';

/**
 * On Lambda: a structured log line per request (correlation id, route pattern, status, duration,
 * caller role; never a token) and metrics in CloudWatch's embedded metric format — requests and
 * latency by route and status class, and each publish's duration, size and outcome.
 */
export function lambdaObserver(logger: Logger, metrics: Metrics): Observer {
  return {
    request(seen) {
      logger.info('request', { ...seen });
      const metric = metrics.singleMetric();
      metric.addDimensions({ route: `${seen.method} ${seen.route}`, status: `${Math.floor(seen.status / 100)}xx` });
      metric.addMetric('Requests', MetricUnit.Count, 1);
      metric.addMetric('Latency', MetricUnit.Milliseconds, seen.durationMs);
    },
    published(seen) {
      logger.info('published', { ...seen });
      metrics.addMetric('Publishes', MetricUnit.Count, 1);
      metrics.addMetric('PublishDuration', MetricUnit.Milliseconds, seen.durationMs);
      metrics.addMetric('PublishedChanges', MetricUnit.Count, seen.changeCount);
      if (seen.state === 'committed') metrics.addMetric('PublishesAnsweredCommitted', MetricUnit.Count, 1);
    },
  };
}
