import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Store } from '#store/store.ts';
import { deliverWebhooks } from '../jobs/deliver-webhooks.ts';

/**
 * A webhook pass on AWS (the projector, the hourly job): endpoints must be public HTTPS, a
 * disabled endpoint is an error line and a `WebhooksDisabled` metric (alarmed: the bureau is
 * told), and the pass's counts are metrics.
 */
export async function deliverWebhooksOnAws(store: Store, logger: Logger, metrics: Metrics): Promise<void> {
  const webhooks = await deliverWebhooks({
    store,
    policy: { local: false },
    now: () => new Date(),
    onDisabled: (webhook) => {
      logger.error('webhook disabled', { webhook });
      metrics.addMetric('WebhooksDisabled', MetricUnit.Count, 1);
    },
  });
  metrics.addMetric('WebhooksDelivered', MetricUnit.Count, webhooks.delivered);
  metrics.addMetric('WebhookFailures', MetricUnit.Count, webhooks.failed);
}
