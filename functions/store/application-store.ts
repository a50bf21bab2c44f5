import {
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { Application } from '#catalog/applications/application.ts';
import type { ApplicationType } from '#catalog/applications/materials.ts';
import type { Change } from '#catalog/change.ts';
import type { ChangeSet } from '#catalog/change-set.ts';
import type { ChangeSetStore } from './change-set-store.ts';
import { key, N, num, queryAll, S, str } from './dynamo.ts';
import { ConflictError, isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';

/** A stored answer to a write made with an Idempotency-Key, replayed when the write is retried. */
export interface IdempotentResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

const IDEMPOTENCY_DAYS = 7;

/**
 * Green-channel applications (service and listing), each one item with its history, versioned
 * for optimistic concurrency; and the answers to writes made with an Idempotency-Key.
 */
export class ApplicationStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly changeSets: ChangeSetStore,
  ) {}

  /** Create, together with the idempotency record when there is one: both or neither. */
  async create(application: Application, idempotency?: { scope: string; response: IdempotentResponse; nowMs: number }): Promise<void> {
    const items: TransactWriteItem[] = [{ Put: { TableName: this.tableName, Item: this.item(application), ConditionExpression: 'attribute_not_exists(pk)' } }];
    if (idempotency) items.push({ Put: this.idempotencyPut(idempotency.scope, idempotency.response, idempotency.nowMs) });
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('the application exists already, or the request was made at the same time', { cause: error });
      throw error;
    }
  }

  async get(type: ApplicationType, id: string): Promise<Application | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.application(type, id)), ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  async list(type: ApplicationType): Promise<Application[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': S(keys.applications()), ':prefix': S(keys.applicationPrefix(type)) },
      ConsistentRead: true,
    });
    return items.map(fromItem);
  }

  /** Replace with `next` if still at `expectedVersion`; a draft change set may be created with it, atomically. */
  async save(next: Application, expectedVersion: number, withChangeSet?: { changeSet: ChangeSet; changes: Change[] }): Promise<void> {
    const update = {
      Update: {
        TableName: this.tableName,
        Key: key(keys.application(next.type, next.id)),
        UpdateExpression: 'SET doc = :doc, version = :version',
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':doc': S(JSON.stringify(next)), ':version': N(next.version), ':expected': N(expectedVersion) },
      },
    };
    try {
      if (withChangeSet) {
        const items: TransactWriteItem[] = [update, ...this.changeSets.creationItems(withChangeSet.changeSet, withChangeSet.changes)];
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      } else {
        await this.client.send(new UpdateItemCommand(update.Update));
      }
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`application ${next.id} was changed by someone else; reload and try again`, { cause: error });
      throw error;
    }
  }

  async idempotentResponse(scope: string): Promise<IdempotentResponse | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.idempotency(scope)), ConsistentRead: true }));
    return result.Item ? (JSON.parse(str(result.Item, 'doc')) as IdempotentResponse) : undefined;
  }

  /** Remember an answer (first one wins). */
  async rememberResponse(scope: string, response: IdempotentResponse, nowMs: number): Promise<void> {
    try {
      await this.client.send(new PutItemCommand(this.idempotencyPut(scope, response, nowMs)));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  private idempotencyPut(scope: string, response: IdempotentResponse, nowMs: number) {
    return {
      TableName: this.tableName,
      Item: {
        ...key(keys.idempotency(scope)),
        doc: S(JSON.stringify(response)),
        // For a TTL on the table: the record is needed only while a client may still retry.
        expiresAt: N(Math.floor(nowMs / 1000) + IDEMPOTENCY_DAYS * 24 * 3600),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  }

  private item(application: Application) {
    return { ...key(keys.application(application.type, application.id)), doc: S(JSON.stringify(application)), version: N(application.version) };
  }
}

function fromItem(item: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>): Application {
  return { ...(JSON.parse(str(item, 'doc')) as Application), version: num(item, 'version') };
}
