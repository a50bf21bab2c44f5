import type { webhooksZhCN } from '../zh-CN/webhooks.ts';

/** The English of ../zh-CN/webhooks.ts: the same keys and placeholders. */
export const webhooksEn: Record<keyof typeof webhooksZhCN, string> = {
  'nav.webhooks': 'Webhooks',
  'webhooks.title': 'Webhooks',
  'webhooks.subtitle':
    'Endpoints downstream systems registered. After each publish they are sent a signed release.published event, in release order; failures are retried with backoff and the endpoint is disabled after a day of them.',
  'webhooks.none': 'No downstream system has registered an endpoint',
  'webhooks.owner': 'Registered by',
  'webhooks.url': 'URL',
  'webhooks.state': 'State',
  'webhooks.active': 'Active',
  'webhooks.disabled': 'Disabled',
  'webhooks.deliveredThrough': 'Delivered through',
  'webhooks.release': 'release {n}',
  'webhooks.failing': 'Failing since {since}, attempt {attempts}, next {next}',
  'webhooks.attempts': 'Attempts',
  'webhooks.attemptRelease': 'Release sent',
  'webhooks.show': 'Attempts',
  'webhooks.noAttempts': 'No attempts yet',
  'webhooks.at': 'When',
  'webhooks.status': 'HTTP status',
  'webhooks.latency': 'Latency',
  'webhooks.error': 'Error',
  'webhooks.unreachable': 'unreachable',
};
