import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { eventSource, putReleaseEvents } from '../../functions/handlers/release-events.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { createTestStore } from '../support/fixtures.ts';

// Issue 15 §3: on AWS each release made visible is also put on the stack's EventBridge bus.
// EventBridge cannot be reached here: its client is the SDK's mock; the store is real.
const events = mockClient(EventBridgeClient);
afterAll(() => events.restore());

describe('release events on EventBridge', () => {
  it('puts one release.published event per release, its detail the webhook event’s data', async () => {
    const store = await createTestStore();
    for (const prefix of ['EB-A', 'EB-B']) {
      const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(2, prefix));
      await store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());
    }
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }, { EventId: '2' }] });
    const put = await putReleaseEvents({ store, busName: 'gc-bus', releases: [1, 2], client: new EventBridgeClient({ region: 'ap-northeast-1' }) });
    expect(put).toBe(2);
    const entries = events.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? [];
    expect(entries.map((entry) => [entry.EventBusName, entry.Source, entry.DetailType])).toEqual([
      ['gc-bus', eventSource, 'release.published'],
      ['gc-bus', eventSource, 'release.published'],
    ]);
    expect(JSON.parse(entries[1]?.Detail ?? '{}')).toMatchObject({
      number: 2,
      changeCount: 2,
      countsByKind: { 'price-items': 2 },
      feed: '/v1/releases?after=1&limit=1',
    });
  });

  it('fails loudly when EventBridge refuses an entry (the projector run fails, the next minute’s repeats it)', async () => {
    const store = await createTestStore();
    const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(1, 'EB-C'));
    await store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    await expect(putReleaseEvents({ store, busName: 'gc-bus', releases: [1], client: new EventBridgeClient({ region: 'ap-northeast-1' }) })).rejects.toThrow(
      'refused 1',
    );
  });
});
