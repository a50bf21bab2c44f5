import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { transition, type ChangeSet } from '../../policy-catalog/change-set.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { approver, author, manyPriceItems } from '../support/change-sets.ts';
import { dynamoEndpoint } from '../support/fixtures.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const now = '2026-11-23T10:00:00+08:00';

function step(changeSet: ChangeSet, action: 'edit' | 'submit' | 'approve' | 'publish') {
  const result = transition({ changeSet, action, actor: action === 'approve' || action === 'publish' ? approver : author, now });
  if (!result.ok) throw new Error(result.refusal.message);
  return result.changeSet;
}

/** An empty draft by the test's author. */
async function emptyDraft(store: Store, title: string): Promise<ChangeSet> {
  const draft: ChangeSet = {
    id: crypto.randomUUID(),
    title,
    state: 'draft',
    author: { sub: author.sub, name: author.name },
    createdAt: now,
    updatedAt: now,
    changeCount: 0,
    version: 1,
  };
  await store.changeSets.create(draft);
  return draft;
}

/** Change items physically in the table for this change set, committed or not. */
async function storedItems(endpoint: string, tableName: string, id: string): Promise<number> {
  const client = localDynamoClient(endpoint);
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `CS#${id}` } },
      Select: 'COUNT',
      ConsistentRead: true,
    }),
  );
  return result.Count ?? 0;
}

describe('an import killed half-way', () => {
  it('adds none of its rows: the count matches the changes held, and the author can carry on as before', async () => {
    const tableName = `test-${crypto.randomUUID()}`;
    const store: Store = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName });
    await store.ensureTable();
    let draft = await emptyDraft(store, '导入测试');
    draft = (await store.changeSets.addChanges(step(draft, 'edit'), draft.version, manyPriceItems(3, 'BEFORE'), Date.now())).changeSet;

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'test/support/add-changes-process.ts'), dynamoEndpoint(), tableName, draft.id, '20000'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let killedAt = 0;
    for (let i = 0; i < 4000 && child.exitCode === null; i++) {
      const stored = await storedItems(dynamoEndpoint(), tableName, draft.id);
      if (stored > 1000) {
        child.kill('SIGKILL');
        killedAt = stored;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await exited;
    expect(killedAt, `the import finished before it could be killed: ${stderr}`).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(20_000);

    // Half the rows are in the table, yet the change set is exactly as before the import.
    const after = await store.changeSets.get(draft.id);
    expect(after).toMatchObject({ version: draft.version, changeCount: 3, state: 'draft' });
    const changes = await store.changeSets.listChanges(draft.id);
    expect(changes.map(({ change }) => change.code)).toEqual(['BEFORE000000', 'BEFORE000001', 'BEFORE000002']);

    // Editable at once (no lock to wait out), and what is published is what the change set says.
    const edited = await store.changeSets.addChanges(step(after as ChangeSet, 'edit'), draft.version, manyPriceItems(1, 'AFTER'), Date.now());
    expect(edited.changeSet.changeCount).toBe(4);
    expect(edited.numbers[0]).toBeGreaterThan(20_003);
    let changeSet = edited.changeSet;
    for (const action of ['submit', 'approve'] as const) {
      const next = step(changeSet, action);
      await store.changeSets.save(next, changeSet.version, Date.now());
      changeSet = next;
    }
    const { release } = await store.releases.publish(step(changeSet, 'publish'), changeSet.version, now, Date.now());
    expect(release.changeCount).toBe(4);
    const view = await store.catalog.view('price-items', release.number);
    expect(view.entries.map((entry) => entry.code)).toEqual(['AFTER000000', 'BEFORE000000', 'BEFORE000001', 'BEFORE000002']);
  }, 120_000);

  it('loses to an edit made while it ran: the import gets a conflict and adds nothing', async () => {
    const store = createStore({ client: localDynamoClient(dynamoEndpoint()), tableName: `test-${crypto.randomUUID()}` });
    await store.ensureTable();
    const draft = await emptyDraft(store, '并发');
    const bulk = store.changeSets.addChanges(step(draft, 'edit'), draft.version, manyPriceItems(2000, 'BULK'), Date.now());
    const small = store.changeSets.addChanges(step(draft, 'edit'), draft.version, manyPriceItems(1, 'SMALL'), Date.now());
    const [bulkResult, smallResult] = await Promise.allSettled([bulk, small]);
    expect(smallResult.status).toBe('fulfilled');
    expect(bulkResult.status).toBe('rejected');
    const after = await store.changeSets.get(draft.id);
    expect(after?.changeCount).toBe(1);
    expect((await store.changeSets.listChanges(draft.id)).map(({ change }) => change.code)).toEqual(['SMALL000000']);
  });
});
