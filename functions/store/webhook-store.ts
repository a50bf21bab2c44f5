import { DeleteItemCommand, type DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { Webhook, WebhookDelivery } from '#catalog/webhook.ts';
import { type Item, key, N, queryAll, S, str } from './dynamo.ts';
import { isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';
import { readOrgEvents } from './org-events.ts';

/** Days an attempt's record is kept (DynamoDB's TTL removes it). */
const DELIVERY_LOG_DAYS = 30;

/**
 * Downstream systems' webhook endpoints and every attempt to deliver to them. An endpoint's
 * `deliveredThrough` is its place in the release sequence: the releases themselves are the
 * outbox (written in the publish's commit), so nothing is missed and nothing is sent before it
 * is visible. Every write of an endpoint is conditional on the version it was read at.
 */
export class WebhookStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(webhook: Webhook, secret: string): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...key(keys.webhook(webhook.id)), doc: S(JSON.stringify(webhook)), secret: S(secret), version: N(1) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<{ webhook: Webhook; secret: string; version: number } | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.webhook(id)), ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** Every endpoint (a few per downstream system; one partition). */
  async list(): Promise<{ webhook: Webhook; secret: string; version: number }[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.webhooks()) },
      ConsistentRead: true,
    });
    return items.map(fromItem).sort((a, b) => a.webhook.createdAt.localeCompare(b.webhook.createdAt));
  }

  /** Save `next` if the endpoint is still at `version`; false when someone else changed it first. */
  async save(next: Webhook, version: number, secret: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...key(keys.webhook(next.id)), doc: S(JSON.stringify(next)), secret: S(secret), version: N(version + 1) },
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': N(version) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Delete the endpoint (its delivery log expires on its own). */
  async remove(id: string): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: key(keys.webhook(id)) }));
  }

  async logDelivery(delivery: WebhookDelivery): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          ...key(keys.webhookDelivery(delivery.webhookId, delivery.at, delivery.release, delivery.attempt)),
          doc: S(JSON.stringify(delivery)),
          expiresAt: N(Math.floor(Date.now() / 1000) + DELIVERY_LOG_DAYS * 86_400),
        },
      }),
    );
  }

  /** An organisation's application events after `after` (a position), oldest first. */
  orgEvents(orgId: string, after: string, limit: number): Promise<{ position: string; body: string }[]> {
    return readOrgEvents(this.client, this.tableName, orgId, after, limit);
  }

  /** The newest attempts first. */
  async deliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': S(keys.webhookDeliveries(webhookId)) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => WebhookDelivery.parse(JSON.parse(str(item, 'doc'))));
  }
}

function fromItem(item: Item): { webhook: Webhook; secret: string; version: number } {
  return { webhook: Webhook.parse(JSON.parse(str(item, 'doc'))), secret: str(item, 'secret'), version: Number(item.version?.N ?? 1) };
}
