import {
  QueryCommand,
  type AttributeValue,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Change, NumberedChange } from '#catalog/change.ts';
import type { ChangeSet } from '#catalog/change-set.ts';
import { batchWrite, key, N, num, queryAll, S, str, type Item } from './dynamo.ts';
import { ConflictError, isConditionFailure } from './errors.ts';
import { changeItem, fromRecord, indexKeyValues, isCommitted, record, SET_INDEX_KEYS } from './change-set-items.ts';
import { applicationIndexes, changeSetIndexKeys, keys } from './keys.ts';
import { InvalidCursorError } from './merged-page.ts';

/** Adds up to this many changes go in one transaction with the record (DynamoDB allows 100 items). */
const TRANSACTION_CHANGES = 99;

/**
 * Change sets and their changes. The change-set record carries a version for optimistic
 * concurrency; each change is its own item (a change set may hold thousands), numbered from a
 * counter so that numbers are stable and never reused.
 */
export class ChangeSetStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(changeSet: ChangeSet): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...key(keys.changeSet(changeSet.id)), ...record(changeSet), nextChange: N(0) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Create a change set with its first changes (at most a transaction's worth), both or neither. */
  async createWith(changeSet: ChangeSet, changes: readonly Change[]): Promise<void> {
    await this.client.send(new TransactWriteItemsCommand({ TransactItems: this.creationItems(changeSet, changes) }));
  }

  /**
   * Discard a draft: the record goes if it is still at `expectedVersion` (so nobody discards what
   * they have not seen), then its change items. Items left by a crash in between are unreachable,
   * since every read starts from the record.
   */
  async discard(id: string, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: key(keys.changeSet(id)),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': N(expectedVersion) },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw conflict(id, error);
      throw error;
    }
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.changesOf(id)) },
      ProjectionExpression: 'pk, sk',
    });
    await batchWrite(
      this.client,
      this.tableName,
      items.map((item) => ({ DeleteRequest: { Key: { pk: item.pk as AttributeValue, sk: item.sk as AttributeValue } } })),
    );
  }

  /** The items that create a change set with its first changes, for a caller's transaction (≤ 98 changes). */
  creationItems(changeSet: ChangeSet, changes: readonly Change[]) {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...key(keys.changeSet(changeSet.id)), ...record({ ...changeSet, changeCount: changes.length }), nextChange: N(changes.length) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...changes.map((change, index) => ({ Put: { TableName: this.tableName, Item: changeItem(changeSet.id, index + 1, change) } })),
    ];
  }

  async get(id: string): Promise<ChangeSet | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.changeSet(id)), ConsistentRead: true }));
    return result.Item ? fromRecord(result.Item) : undefined;
  }

  /** All change sets, newest first. */
  async list(): Promise<ChangeSet[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.changeSets()) },
    });
    return items.map(fromRecord).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * One page of the change sets in a state, or by an author, newest change first: a query on an
   * index (keys.ts), never the whole partition. `cursor` comes from the previous page.
   */
  async page(
    by: { state: ChangeSet['state'] } | { author: string },
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<{ items: ChangeSet[]; cursor?: string }> {
    const index = 'state' in by ? applicationIndexes.byStateDue : applicationIndexes.byOrg;
    const partition = 'state' in by ? changeSetIndexKeys.byState(by.state) : changeSetIndexKeys.byAuthor(by.author);
    let start: Item | undefined;
    if (cursor !== undefined) {
      const after = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!changeSetIndexKeys.updatedOrderPattern.test(after)) throw new InvalidCursorError();
      const id = after.slice(after.indexOf('#') + 1);
      start = { pk: S(keys.changeSets()), sk: S(id), [index.pk]: S(partition), [index.sk]: S(after) };
    }
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: `${index.pk} = :partition`,
        ExpressionAttributeValues: { ':partition': S(partition) },
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = (result.Items ?? []).map(fromRecord);
    const last = result.LastEvaluatedKey?.[index.sk]?.S;
    return { items, ...(last === undefined ? {} : { cursor: Buffer.from(last).toString('base64url') }) };
  }

  /**
   * The changes to one entry in change sets not yet published or rejected, by change set: one
   * query on the pending-changes index, then the records of the change sets found (changes of a
   * bulk add that never committed are left out, as everywhere).
   */
  async pendingChanges(kind: string, code: string): Promise<{ changeSet: ChangeSet; changes: NumberedChange[] }[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: applicationIndexes.byOrg.name,
      KeyConditionExpression: `${applicationIndexes.byOrg.pk} = :entry`,
      ExpressionAttributeValues: { ':entry': S(changeSetIndexKeys.pending(kind, code)) },
    });
    const byChangeSet = new Map<string, Item[]>();
    for (const item of items) {
      const id = str(item, 'pk').slice(keys.changesOf('').length);
      byChangeSet.set(id, [...(byChangeSet.get(id) ?? []), item]);
    }
    // The change sets' records read together, not one round trip after another.
    const records = await Promise.all(
      [...byChangeSet.keys()].map(async (id) => {
        const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.changeSet(id)), ConsistentRead: true }));
        return { id, record: result.Item };
      }),
    );
    const found: { changeSet: ChangeSet; changes: NumberedChange[] }[] = [];
    for (const { id, record } of records) {
      if (!record) continue;
      const changeSet = fromRecord(record);
      if (changeSet.state === 'published' || changeSet.state === 'rejected') continue;
      const committed = new Set(record.batches?.SS ?? []);
      const changes = (byChangeSet.get(id) ?? [])
        .filter((item) => isCommitted(item, committed))
        .map((item) => ({ n: keys.changeNumber(str(item, 'sk')), change: JSON.parse(str(item, 'change')) as Change }))
        .sort((a, b) => a.n - b.n);
      if (changes.length > 0) found.push({ changeSet, changes });
    }
    return found.sort((a, b) => b.changeSet.updatedAt.localeCompare(a.changeSet.updatedAt));
  }

  /**
   * Gives change sets stored before the indexes existed their index keys, and the changes of
   * open ones their pending-changes keys (idempotent; the local server runs it at start).
   */
  async reindex(): Promise<void> {
    for (const changeSet of await this.list()) {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key(keys.changeSet(changeSet.id)),
          UpdateExpression: `SET ${SET_INDEX_KEYS}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: indexKeyValues(changeSet),
        }),
      );
      if (changeSet.state === 'published' || changeSet.state === 'rejected') continue;
      const items = await queryAll(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': S(keys.changesOf(changeSet.id)), ':prefix': S(keys.changePrefix) },
      });
      const missing = items.filter((item) => item.gsi1pk === undefined);
      await batchWrite(
        this.client,
        this.tableName,
        missing.map((item) => {
          const rebuilt = changeItem(changeSet.id, keys.changeNumber(str(item, 'sk')), JSON.parse(str(item, 'change')) as Change);
          return { PutRequest: { Item: { ...item, ...rebuilt } } };
        }),
      );
    }
  }

  /** Replace the record with `next` if it is still at `expectedVersion`. */
  async save(next: ChangeSet, expectedVersion: number, nowMs: number): Promise<void> {
    try {
      await this.client.send(new UpdateItemCommand(this.saveUpdate(next, expectedVersion, nowMs)));
    } catch (error) {
      if (isConditionFailure(error)) throw conflict(next.id, error);
      throw error;
    }
  }

  /** The update that `save` sends, also used inside the publish transaction. */
  saveUpdate(next: ChangeSet, expectedVersion: number, _nowMs: number) {
    return {
      TableName: this.tableName,
      Key: key(keys.changeSet(next.id)),
      UpdateExpression: `SET doc = :doc, version = :version, changeCount = :count, ${SET_INDEX_KEYS}`,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':doc': S(JSON.stringify(next)),
        ':version': N(next.version),
        ':count': N(next.changeCount),
        ':expected': N(expectedVersion),
        ...indexKeyValues(next),
      },
    };
  }

  /**
   * Add changes to a change set: all of them or none, whatever interrupts the write (a killed
   * process, a Lambda timeout, a database error). `next` is the record after the edit (its
   * version one above `expectedVersion`).
   *
   * Up to a transaction's worth, the changes and the record are written in one transaction. A
   * bulk add (an import of thousands of rows) is staged: numbers are reserved, every change item
   * is written tagged with a batch token that no reader counts yet, and then one conditional
   * update of the record (still at `expectedVersion`) adds the token to the committed batches and
   * the count. An add that dies before that update leaves the change set exactly as it was, and
   * still editable; its staged items are never read. An edit made meanwhile by someone else wins,
   * and the add answers a conflict.
   */
  async addChanges(next: ChangeSet, expectedVersion: number, changes: readonly Change[], _nowMs: number): Promise<{ changeSet: ChangeSet; numbers: number[] }> {
    const first = await this.reserveNumbers(next.id, changes.length);
    const numbers = changes.map((_, index) => first + index);
    const update = {
      TableName: this.tableName,
      Key: key(keys.changeSet(next.id)),
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':doc': S(JSON.stringify(next)),
        ':version': N(next.version),
        ':count': N(changes.length),
        ':expected': N(expectedVersion),
        ...indexKeyValues(next),
      } as Item,
    };
    try {
      if (changes.length <= TRANSACTION_CHANGES) {
        await this.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Update: { ...update, UpdateExpression: `SET doc = :doc, version = :version, ${SET_INDEX_KEYS} ADD changeCount :count` } },
              ...changes.map((change, index) => ({ Put: { TableName: this.tableName, Item: changeItem(next.id, numbers[index] as number, change) } })),
            ],
          }),
        );
      } else {
        const batch = crypto.randomUUID();
        await batchWrite(
          this.client,
          this.tableName,
          changes.map((change, index) => ({ PutRequest: { Item: { ...changeItem(next.id, numbers[index] as number, change), batch: S(batch) } } })),
        );
        await this.client.send(
          new UpdateItemCommand({
            ...update,
            UpdateExpression: `SET doc = :doc, version = :version, ${SET_INDEX_KEYS} ADD changeCount :count, batches :batch`,
            ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':batch': { SS: [batch] } },
          }),
        );
      }
    } catch (error) {
      if (isConditionFailure(error)) throw conflict(next.id, error);
      throw error;
    }
    // The condition held, so the count was `next.changeCount` (every change of the count bumps the version).
    return { changeSet: { ...next, changeCount: next.changeCount + changes.length }, numbers };
  }

  /** Reserve `count` change numbers (never reused, whether or not the add that took them commits). Returns the first. */
  private async reserveNumbers(id: string, count: number): Promise<number> {
    try {
      const result = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key(keys.changeSet(id)),
          UpdateExpression: 'ADD nextChange :count',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':count': N(count) },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return num(result.Attributes as Item, 'nextChange') - count + 1;
    } catch (error) {
      if (isConditionFailure(error)) throw conflict(id, error);
      throw error;
    }
  }

  /** Remove change `n`; false when the change set has no such change. */
  async removeChange(next: ChangeSet, expectedVersion: number, n: number, nowMs: number): Promise<boolean> {
    const [existing, committed] = await Promise.all([
      this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.change(next.id, n)), ConsistentRead: true })),
      this.committedBatches(next.id),
    ]);
    if (!existing.Item || !isCommitted(existing.Item, committed)) return false;
    const update = this.saveUpdate(next, expectedVersion, nowMs);
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                ...update,
                UpdateExpression: `SET doc = :doc, version = :version, ${SET_INDEX_KEYS} ADD changeCount :minusOne`,
                ExpressionAttributeValues: { ...omit(update.ExpressionAttributeValues, ':count'), ':minusOne': N(-1) },
              },
            },
            { Delete: { TableName: this.tableName, Key: key(keys.change(next.id, n)), ConditionExpression: 'attribute_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if (reasons?.[0]?.Code === 'None' && reasons[1]?.Code === 'ConditionalCheckFailed') return false;
      if (isConditionFailure(error)) throw conflict(next.id, error);
      throw error;
    }
  }

  /** The changes of a change set, in number order: only those of committed adds (see `addChanges`). */
  async listChanges(id: string): Promise<NumberedChange[]> {
    const committed = await this.committedBatches(id);
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': S(keys.changesOf(id)), ':prefix': S(keys.changePrefix) },
      ConsistentRead: true,
    });
    return items
      .filter((item) => isCommitted(item, committed))
      .map((item) => ({ n: keys.changeNumber(str(item, 'sk')), change: JSON.parse(str(item, 'change')) as Change }));
  }

  private async committedBatches(id: string): Promise<Set<string>> {
    const result = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: key(keys.changeSet(id)),
        ProjectionExpression: 'batches',
        ConsistentRead: true,
      }),
    );
    return new Set(result.Item?.batches?.SS ?? []);
  }
}

function conflict(id: string, cause: unknown): ConflictError {
  return new ConflictError(`change set ${id} was changed by someone else (or a bulk write is still under way); reload and try again`, { cause });
}

function omit<T extends Record<string, unknown>>(values: T, name: string): T {
  const { [name]: _dropped, ...rest } = values;
  return rest as T;
}
