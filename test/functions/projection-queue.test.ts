import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqsProjectionScheduler } from '../../functions/handlers/projection-queue.ts';
import type { Store } from '../../functions/store/store.ts';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { createTestStore, startTestApp } from '../support/fixtures.ts';

// Issue 11 §2: on AWS a publish commits, hands the projection to the projector through a queue
// and answers; the projector (an SQS-triggered function) makes the release visible all at once.
// SQS cannot be reached here: its client is the SDK's mock. The projector's handler runs for real
// against DynamoDB Local, as Lambda would run it for the queue's message.
const sqs = mockClient(SQSClient);
const queueUrl = 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/projection';
let store: Store;
let project: (event: SQSEvent, releases?: Store['releases'], deliveryStore?: Store) => Promise<{ rolledForward: number[] }>;

beforeAll(async () => {
  store = await createTestStore();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
  store.releases.scheduleProjection = sqsProjectionScheduler({ queueUrl, client: new SQSClient({ region: 'ap-northeast-1' }) });
  vi.stubEnv('TABLE_NAME', store.tableName);
  ({ project } = await import('../../functions/handlers/projector.ts'));
});

afterAll(() => {
  sqs.restore();
  vi.unstubAllEnvs();
});

const sqsEvent = (body: string): SQSEvent => ({ Records: [{ messageId: 'm-1', body } as SQSEvent['Records'][number]] });

describe('a publish on AWS', () => {
  it('answers a 20,000-entry release committed before its projection, which the projector then makes visible all at once', async () => {
    store.releases.publishWaitMs = 300;
    const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(20_000, 'BIG'));
    const outcome = await store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());
    expect(outcome).toMatchObject({ state: 'committed', release: { number: 1 } });
    expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([{ QueueUrl: queueUrl, MessageBody: '{"release":1}' }]);
    expect(await store.releases.visibleRelease()).toBe(0);

    // The projector runs for the queue's message; readers see nothing of the release meanwhile.
    const projecting = project(sqsEvent('{"release":1}'), store.releases, store);
    const seen: number[] = [];
    let progressSeen = 0;
    while ((await store.releases.visibleRelease()) < 1) {
      seen.push((await store.releases.listView('price-items', { asOf: 0, limit: 10 })).items.length);
      progressSeen = Math.max(progressSeen, (await store.releases.projectionProgress(1))?.projectedEntries ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await projecting).toEqual({ rolledForward: [1] });
    expect(seen.every((count) => count === 0)).toBe(true);
    expect(progressSeen).toBeGreaterThan(0);
    expect(await store.releases.projectionProgress(1)).toEqual({ entryCount: 20_000, projectedEntries: 20_000 });
    expect((await store.catalog.view('price-items', 1)).entries).toHaveLength(20_000);
  }, 240_000);

  it('answers visible when the projector finishes within the wait, and committed when the queue cannot be reached', async () => {
    store.releases.publishWaitMs = 10_000;
    // The projector picks the message up at once.
    store.releases.scheduleProjection = async () => void project(sqsEvent('{"release":2}'), store.releases, store);
    const small = await approvedChangeSet(store, manyPriceItems(5, 'SMALL'));
    expect((await store.releases.publish(small.published, small.changeSet.version, '2026-11-30T10:01:00+08:00', Date.now())).state).toBe('visible');

    store.releases.scheduleProjection = sqsProjectionScheduler({ queueUrl, client: new SQSClient({ region: 'ap-northeast-1' }) });
    sqs.on(SendMessageCommand).rejects(new Error('SQS is unreachable'));
    const stranded = await approvedChangeSet(store, manyPriceItems(5, 'STRANDED'));
    const outcome = await store.releases.publish(stranded.published, stranded.changeSet.version, '2026-11-30T10:02:00+08:00', Date.now());
    // Committed all the same: the hourly job (or any reader) rolls it forward.
    expect(outcome).toMatchObject({ state: 'committed', release: { number: 3 } });
    expect(await store.releases.recover()).toEqual([3]);
  });
});

describe('the projector run by its minute schedule', () => {
  it('takes the schedule’s event (no queue records): rolls forward what is committed and delivers what is due', async () => {
    expect(await project({} as SQSEvent, store.releases, store)).toEqual({ rolledForward: [] });
  });
});

describe('a release being projected, as GET /v1/releases/{n} shows it', () => {
  it('shows the staff its progress, and nobody else anything of it', async () => {
    const own = await createTestStore();
    own.releases.publishWaitMs = 1;
    own.releases.scheduleProjection = async () => undefined; // the projector has not run yet
    const t = await startTestApp({ store: own });
    const { changeSet, published } = await approvedChangeSet(own, manyPriceItems(30, 'PROG'));
    await own.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());

    const staff = await t.call('GET', '/v1/releases/1', { token: await t.tokenFor('pricing-staff', '王芳') });
    expect(staff.status).toBe(200);
    expect(staff.headers.get('cache-control')).toBe('no-store');
    expect(staff.body).toMatchObject({ number: 1, changeCount: 30, projection: { state: 'projecting', projectedEntries: 0 } });
    for (const role of ['downstream', 'hospital'] as const) {
      const other = await t.call('GET', '/v1/releases/1', { token: await t.tokenFor(role, '他人', role === 'hospital' ? 'hosp-jdyy' : undefined) });
      expect(other.status, role).toBe(404);
    }

    await own.releases.recover();
    const done = await t.call('GET', '/v1/releases/1', { token: await t.tokenFor('pricing-staff', '王芳') });
    expect(done.body.projection).toBeUndefined();
    expect(done.headers.get('cache-control')).toContain('immutable');
  });
});
