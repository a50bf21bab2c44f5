import { type DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ApplicationDocument } from '#catalog/applications/documents.ts';
import type { ApplicationType } from '#catalog/applications/materials.ts';
import { toEpochMs } from '#catalog/time.ts';
import { type Item, key, N, queryAll, S, str } from './dynamo.ts';
import { isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';

/** An upload never confirmed is forgotten after two days (the table's TTL on `expiresAt`). */
const AWAITING_DAYS = 2;
/** A refused upload is kept a month: who tried to upload what, and why it was refused. */
const REFUSED_DAYS = 30;

/**
 * The files of green-channel applications: one item per file, in the application's own
 * partition (keys.ts), so that an application's files are one query. The file itself is in the
 * blob store; this is who uploaded what when, and what the check and the scan said.
 */
export class DocumentStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** A new upload, awaiting its file. */
  async create(document: ApplicationDocument): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...this.item(document), expiresAt: N(epochSeconds(document.requestedAt) + AWAITING_DAYS * 86_400) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(type: ApplicationType, applicationId: string, id: string): Promise<ApplicationDocument | undefined> {
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key(keys.document(type, applicationId, id)), ConsistentRead: true }),
    );
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** Every file of an application in any state, oldest request first (bounded: see applicationLimits). */
  async list(type: ApplicationType, applicationId: string): Promise<ApplicationDocument[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.documents(type, applicationId)) },
      ConsistentRead: true,
    });
    return items.map(fromItem).sort((a, b) => toEpochMs(a.requestedAt) - toEpochMs(b.requestedAt) || a.id.localeCompare(b.id));
  }

  /**
   * Record the outcome of an upload (stored for good, or refused) if it is still awaiting its file;
   * false when another confirmation got there first.
   */
  async settle(next: ApplicationDocument & { state: 'stored' | 'refused' }): Promise<boolean> {
    const expiry: Item = next.state === 'refused' ? { ':expiresAt': N(Math.floor(Date.now() / 1000) + REFUSED_DAYS * 86_400) } : {};
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key(keys.document(next.applicationType, next.applicationId, next.id)),
          UpdateExpression:
            next.state === 'stored' ? 'SET doc = :doc, #state = :state REMOVE expiresAt' : 'SET doc = :doc, #state = :state, expiresAt = :expiresAt',
          ConditionExpression: '#state = :awaiting',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':doc': S(JSON.stringify(next)), ':state': S(next.state), ':awaiting': S('awaiting-upload'), ...expiry },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private item(document: ApplicationDocument): Item {
    return {
      ...key(keys.document(document.applicationType, document.applicationId, document.id)),
      doc: S(JSON.stringify(document)),
      state: S(document.state),
    };
  }
}

function fromItem(item: Item): ApplicationDocument {
  return ApplicationDocument.parse(JSON.parse(str(item, 'doc')));
}

function epochSeconds(instant: string): number {
  return Math.floor(toEpochMs(instant) / 1000);
}
