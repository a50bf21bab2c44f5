import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Store } from '#store/store.ts';
import { releaseEventOf } from '../jobs/deliver-webhooks.ts';

/** The events' `source` on the bus; `detail-type` is the event type (`release.published`). */
export const eventSource = 'green-channel.catalog';

/**
 * On AWS every release made visible is also put on the stack's EventBridge bus (issue 15 §3), for
 * consumers inside AWS: `source` green-channel.catalog, `detail-type` release.published, `detail`
 * the webhook event's `data` (number, title, publishedAt, changeCount, countsByKind, feed).
 */
export async function putReleaseEvents({
  store,
  busName,
  releases,
  client = new EventBridgeClient({ maxAttempts: 3 }),
}: {
  store: Store;
  busName: string;
  releases: number[];
  client?: EventBridgeClient;
}): Promise<number> {
  const entries = [];
  for (const number of releases) {
    const event = await releaseEventOf(store, number);
    if (event)
      entries.push({ EventBusName: busName, Source: eventSource, DetailType: event.type, Detail: JSON.stringify(event.data), Time: new Date(event.timestamp) });
  }
  for (let start = 0; start < entries.length; start += 10) {
    const result = await client.send(new PutEventsCommand({ Entries: entries.slice(start, start + 10) }));
    if (result.FailedEntryCount) throw new Error(`EventBridge refused ${result.FailedEntryCount} release event(s)`);
  }
  return entries.length;
}
