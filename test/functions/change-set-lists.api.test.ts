import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDynamoClient } from '../../functions/store/store.ts';
import { ALL_ACKNOWLEDGEMENTS, dynamoEndpoint, startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 12 §7: change sets listed by state and by author from indexes, paged; an entry's pending
// changes from an index written with the changes, not by reading every open change set.
let t: TestApp;
let wang: string;
let li: string;

const change = (code: string, priceFen: number) => ({
  kind: 'price-items',
  code,
  op: 'set',
  validFrom: '2027-01-01T00:00:00+08:00',
  attributes: { name: `项目 ${code}`, unit: '次', category: '检验', priceFen },
});

async function draft(token: string, title: string, changes: unknown[] = []) {
  const created = await t.call('POST', '/v1/change-sets', { token, body: { title, ...(changes.length ? { changes } : {}) } });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, etag: created.headers.get('etag') as string };
}

async function step(id: string, action: string, token: string) {
  const etag = (await t.call('GET', `/v1/change-sets/${id}`, { token })).headers.get('etag') as string;
  const body = action === 'reject' ? { reason: '不同意' } : action === 'approve' || action === 'publish' ? { acknowledge: ALL_ACKNOWLEDGEMENTS } : undefined;
  const answer = await t.call('POST', `/v1/change-sets/${id}/${action}`, { token, headers: { 'If-Match': etag }, ...(body ? { body } : {}) });
  expect(answer.status, `${action}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
}

beforeAll(async () => {
  t = await startTestApp();
  wang = await t.tokenFor('pricing-staff', '王芳');
  li = await t.tokenFor('pricing-staff', '李强');
});

describe('change-set lists', () => {
  it('lists by state, newest change first, a page at a time, and a submit moves a change set to the submitted list', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.set(`2026-11-30T09:0${i}:00+08:00`);
      ids.push((await draft(wang, `草稿 ${i}`)).id);
    }
    const first = await t.call('GET', '/v1/change-sets?state=draft&limit=2', { token: wang });
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[4], ids[3]]);
    const second = await t.call('GET', `/v1/change-sets?state=draft&limit=2&cursor=${first.body.cursor}`, { token: wang });
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);

    t.clock.set('2026-11-30T09:30:00+08:00');
    const submitted = await draft(wang, '待审', [change('LIST-1', 100)]);
    await step(submitted.id, 'submit', wang);
    const inbox = await t.call('GET', '/v1/change-sets?state=submitted', { token: li });
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toEqual([submitted.id]);
    const drafts = await t.call('GET', '/v1/change-sets?state=draft&limit=200', { token: wang });
    expect(drafts.body.items.map((item: { id: string }) => item.id)).not.toContain(submitted.id);
  });

  it('lists an author’s own change sets (author=me), and refuses a made-up cursor or state with author', async () => {
    const mine = await draft(li, '李强的草稿');
    const own = await t.call('GET', '/v1/change-sets?author=me', { token: li });
    expect(own.body.items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    expect(own.body.items.every((item: { author: { name: string } }) => item.author.name === '李强')).toBe(true);
    const forged = await t.call('GET', `/v1/change-sets?state=draft&cursor=${Buffer.from('nonsense').toString('base64url')}`, { token: li });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0]).toMatchObject({ path: 'cursor', in: 'query' });
    expect((await t.call('GET', '/v1/change-sets?state=draft&author=me', { token: li })).status).toBe(400);
  });
});

describe('an entry’s pending changes', () => {
  it('come from the open change sets only: not the published or rejected ones, not a bulk add that never committed', async () => {
    const open = await draft(wang, '开放中', [change('PEND-1', 1000)]);
    const published = await draft(wang, '已发布', [change('PEND-1', 2000)]);
    await step(published.id, 'submit', wang);
    await step(published.id, 'approve', li);
    await step(published.id, 'publish', li);
    const rejected = await draft(wang, '已驳回', [change('PEND-1', 3000)]);
    await step(rejected.id, 'submit', wang);
    await step(rejected.id, 'reject', li);
    // A bulk add killed before its commit: its item is in the index, but its batch was never recorded.
    const client = localDynamoClient(dynamoEndpoint());
    await client.send(
      new PutItemCommand({
        TableName: t.store.tableName,
        Item: {
          pk: { S: `CS#${open.id}` },
          sk: { S: 'CHANGE#00000099' },
          change: { S: JSON.stringify(change('PEND-1', 9999)) },
          batch: { S: 'never-committed' },
          gsi1pk: { S: 'PENDING#price-items#PEND-1' },
          gsi1sk: { S: `${open.id}#00000099` },
        },
      }),
    );

    const pending = await t.call('GET', '/v1/catalog/price-items/PEND-1/pending', { token: wang });
    expect(pending.status).toBe(200);
    expect(pending.body.pending.map((entry: { changeSet: { id: string } }) => entry.changeSet.id)).toEqual([open.id]);
    expect(pending.body.pending[0].changes).toEqual([{ n: 1, change: change('PEND-1', 1000) }]);
    expect(pending.body.before).not.toBeNull();
  });

  it('finds change sets stored before the indexes, once reindexed', async () => {
    const old = await draft(wang, '旧数据', [change('OLD-1', 500)]);
    const client = localDynamoClient(dynamoEndpoint());
    // As stored before this change: no index keys on the record or its change.
    for (const sk of [old.id]) {
      await client.send(
        new UpdateItemCommand({
          TableName: t.store.tableName,
          Key: { pk: { S: 'CHANGESETS' }, sk: { S: sk } },
          UpdateExpression: 'REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk',
        }),
      );
    }
    await client.send(
      new UpdateItemCommand({
        TableName: t.store.tableName,
        Key: { pk: { S: `CS#${old.id}` }, sk: { S: 'CHANGE#00000001' } },
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
      }),
    );
    expect((await t.call('GET', '/v1/catalog/price-items/OLD-1/pending', { token: wang })).body.pending).toEqual([]);
    await t.store.changeSets.reindex();
    expect((await t.call('GET', '/v1/catalog/price-items/OLD-1/pending', { token: wang })).body.pending).toHaveLength(1);
    const drafts = await t.call('GET', '/v1/change-sets?state=draft&limit=200', { token: wang });
    expect(drafts.body.items.map((item: { id: string }) => item.id)).toContain(old.id);
  });
});
