import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Change, NumberedChange } from '#catalog/change.ts';
import type { ChangeSet } from '#catalog/change-set.ts';
import { batchWrite, key, N, num, queryAll, S, str, type Item } from './dynamo.ts';
import { ConflictError, isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';

/** A bulk write of changes that has not finished within this time is taken to have crashed. */
const STALE_WRITE_MS = 10 * 60 * 1000;

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
      ...changes.map((change, index) => ({
        Put: { TableName: this.tableName, Item: { ...key(keys.change(changeSet.id, index + 1)), change: S(JSON.stringify(change)) } },
      })),
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

  /** Replace the record with `next` if it is still at `expectedVersion` and no bulk write is under way. */
  async save(next: ChangeSet, expectedVersion: number, nowMs: number): Promise<void> {
    try {
      await this.client.send(new UpdateItemCommand(this.saveUpdate(next, expectedVersion, nowMs)));
    } catch (error) {
      if (isConditionFailure(error)) throw conflict(next.id, error);
      throw error;
    }
  }

  /** The update that `save` sends, also used inside the publish transaction. */
  saveUpdate(next: ChangeSet, expectedVersion: number, nowMs: number) {
    return {
      TableName: this.tableName,
      Key: key(keys.changeSet(next.id)),
      UpdateExpression: 'SET doc = :doc, version = :version, changeCount = :count',
      ConditionExpression: '#version = :expected AND (attribute_not_exists(writingSince) OR writingSince < :stale)',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':doc': S(JSON.stringify(next)),
        ':version': N(next.version),
        ':count': N(next.changeCount),
        ':expected': N(expectedVersion),
        ':stale': N(nowMs - STALE_WRITE_MS),
      },
    };
  }

  /**
   * Add changes to a change set. `next` is the record after the edit (its version one above
   * `expectedVersion`). Numbers are allocated first, with a write-in-progress mark that keeps the
   * change set from being submitted until every change item is written.
   */
  async addChanges(next: ChangeSet, expectedVersion: number, changes: readonly Change[], nowMs: number): Promise<{ changeSet: ChangeSet; numbers: number[] }> {
    const token = crypto.randomUUID();
    let allocated: Item;
    try {
      const result = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key(keys.changeSet(next.id)),
          UpdateExpression: 'SET doc = :doc, version = :version, writingToken = :token, writingSince = :now ADD nextChange :count, changeCount :count',
          ConditionExpression: '#version = :expected AND (attribute_not_exists(writingSince) OR writingSince < :stale)',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: {
            ':doc': S(JSON.stringify(next)),
            ':version': N(next.version),
            ':token': S(token),
            ':now': N(nowMs),
            ':count': N(changes.length),
            ':expected': N(expectedVersion),
            ':stale': N(nowMs - STALE_WRITE_MS),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      allocated = result.Attributes as Item;
    } catch (error) {
      if (isConditionFailure(error)) throw conflict(next.id, error);
      throw error;
    }
    const last = num(allocated, 'nextChange');
    const numbers = changes.map((_, index) => last - changes.length + 1 + index);
    await batchWrite(
      this.client,
      this.tableName,
      changes.map((change, index) => ({
        PutRequest: { Item: { ...key(keys.change(next.id, numbers[index] as number)), change: S(JSON.stringify(change)) } },
      })),
    );
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: key(keys.changeSet(next.id)),
        UpdateExpression: 'REMOVE writingToken, writingSince',
        ConditionExpression: 'writingToken = :token',
        ExpressionAttributeValues: { ':token': S(token) },
      }),
    );
    return { changeSet: fromRecord(allocated), numbers };
  }

  /** Remove change `n`; false when the change set has no such change. */
  async removeChange(next: ChangeSet, expectedVersion: number, n: number, nowMs: number): Promise<boolean> {
    const update = this.saveUpdate(next, expectedVersion, nowMs);
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                ...update,
                UpdateExpression: 'SET doc = :doc, version = :version ADD changeCount :minusOne',
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

  /** The changes of a change set, in number order. */
  async listChanges(id: string): Promise<NumberedChange[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': S(keys.changesOf(id)), ':prefix': S(keys.changePrefix) },
      ConsistentRead: true,
    });
    return items.map((item) => ({ n: keys.changeNumber(str(item, 'sk')), change: JSON.parse(str(item, 'change')) as Change }));
  }
}

function record(changeSet: ChangeSet): Item {
  return {
    doc: S(JSON.stringify(changeSet)),
    version: N(changeSet.version),
    changeCount: N(changeSet.changeCount),
  };
}

/** The JSON document plus the counters kept as attributes (they are updated atomically in place). */
function fromRecord(item: Item): ChangeSet {
  const doc = JSON.parse(str(item, 'doc')) as ChangeSet;
  return { ...doc, version: num(item, 'version'), changeCount: num(item, 'changeCount') };
}

function conflict(id: string, cause: unknown): ConflictError {
  return new ConflictError(`change set ${id} was changed by someone else (or a bulk write is still under way); reload and try again`, { cause });
}

function omit<T extends Record<string, unknown>>(values: T, name: string): T {
  const { [name]: _dropped, ...rest } = values;
  return rest as T;
}
