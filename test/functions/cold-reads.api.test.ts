import { describe, expect, it, vi } from 'vitest';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { createTestStore, dynamoEndpoint, startTestApp } from '../support/fixtures.ts';

// Issue 12 §4: a fresh process (a new Lambda container) answers a page of a large release without
// loading the whole view; after a few pages of the same view it has reason to hold it, and does.
describe('a page read by a process that does not hold the view', () => {
  it('comes from the table, page by page, the same entries as from a held view; the view is loaded on the third read', async () => {
    const store = await createTestStore();
    const { changeSet, published } = await approvedChangeSet(store, manyPriceItems(2_500, 'COLD'));
    await store.releases.publish(published, changeSet.version, '2026-11-30T10:00:00+08:00', Date.now());

    // Another process, as a new container: its own store on the same table, nothing cached.
    const t = await startTestApp({ store: createStore({ client: localDynamoClient(dynamoEndpoint()), tableName: store.tableName }) });
    const token = await t.tokenFor('downstream', '结算系统');
    const allEntries = vi.spyOn(t.store.releases, 'allEntries');
    const listView = vi.spyOn(t.store.releases, 'listView');

    const first = await t.call('GET', '/v1/catalog/price-items?limit=100', { token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(100);
    expect(first.body.items[0].code).toBe('COLD000000');
    expect(allEntries).not.toHaveBeenCalled();
    const second = await t.call('GET', `/v1/catalog/price-items?limit=100&cursor=${first.body.cursor}`, { token });
    expect(second.body.items[0].code).toBe('COLD000100');
    expect(allEntries).not.toHaveBeenCalled();
    expect(listView).toHaveBeenCalledTimes(2);

    // The third read of the same view: the process loads it whole, and answers from it from then on.
    const third = await t.call('GET', `/v1/catalog/price-items?limit=100&cursor=${second.body.cursor}`, { token });
    expect(allEntries).toHaveBeenCalledTimes(1);
    expect(third.body.items.map((entry: { code: string }) => entry.code)).toEqual(
      Array.from({ length: 100 }, (_, i) => `COLD${String(200 + i).padStart(6, '0')}`),
    );
    const readsSoFar = listView.mock.calls.length;
    const again = await t.call('GET', '/v1/catalog/price-items?limit=100', { token });
    expect(again.body.items).toEqual(first.body.items);
    expect(listView.mock.calls.length).toBe(readsSoFar);
    expect(allEntries).toHaveBeenCalledTimes(1);
  }, 60_000);
});
