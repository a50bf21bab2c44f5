import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { Notification } from '#catalog/notifications.ts';
import { N, S, str } from './dynamo.ts';
import { isConditionFailure } from './errors.ts';
import { InvalidCursorError } from './merged-page.ts';

/** Days a notification is kept. */
const NOTIFICATION_DAYS = 180;
/** Unread notifications counted at most (the console shows "99+"). */
const MAX_UNREAD = 100;

/**
 * Notifications (issue 14 §3), one partition per audience (`org:…`, `role:reviewer`, `user:…`),
 * newest first by `<at>#<id>`; a person's list merges their audiences' partitions. What a person
 * has read is one item of theirs: everything up to an instant, and ids read one by one since.
 */
export const notificationKeys = {
  audience: (audience: string) => `NOTIFY#${audience}`,
  entry: (notification: Notification) => ({ pk: `NOTIFY#${notification.audience}`, sk: `${notification.at}#${notification.id}` }),
  readState: (sub: string) => ({ pk: `NOTIFYREAD#${sub}`, sk: 'STATE' }),
};

/** The put of a notification, for the transaction of the change it tells of (so nobody is told of what did not happen). */
export function notificationPut(tableName: string, notification: Notification): TransactWriteItem {
  const { pk, sk } = notificationKeys.entry(notification);
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: S(pk),
        sk: S(sk),
        doc: S(JSON.stringify(notification)),
        expiresAt: N(expiry(notification)),
      },
    },
  };
}

export interface NotificationPage {
  items: (Notification & { read: boolean })[];
  unread: number;
  cursor?: string;
}

export class NotificationStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Tell of something outside a transaction (a deadline, a publish). Told once per id whenever
   * and however often it is told: a marker of the id is written with it, on condition it is new.
   */
  async tell(notification: Notification): Promise<void> {
    const marker = { pk: S(`NOTIFYID#${notification.id}`), sk: S('TOLD') };
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...marker, expiresAt: N(expiry(notification)) }, ConditionExpression: 'attribute_not_exists(pk)' } },
            notificationPut(this.tableName, notification),
          ],
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** A person's notifications, newest first, merged over their audiences. */
  async list(sub: string, audiences: readonly string[], { limit, cursor }: { limit: number; cursor?: string }): Promise<NotificationPage> {
    const before = cursor === undefined ? undefined : decodeCursor(cursor);
    const pages = await Promise.all(audiences.map((audience) => this.query(audience, { before, limit: limit + 1 })));
    const merged = pages.flat().sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0));
    const page = merged.slice(0, limit);
    const state = await this.readState(sub);
    const items = page.map(({ notification, sk }) => ({ ...notification, read: isRead(state, sk, notification.id) }));
    const last = page.at(-1);
    return {
      items,
      unread: await this.unreadFor(state, audiences),
      ...(merged.length > limit && last ? { cursor: Buffer.from(last.sk).toString('base64url') } : {}),
    };
  }

  async unread(sub: string, audiences: readonly string[]): Promise<number> {
    return this.unreadFor(await this.readState(sub), audiences);
  }

  /** Mark some notifications read (by id, with their time), or all of them up to now. */
  async markRead(sub: string, audiences: readonly string[], what: { ids: string[] } | { allUpTo: string }): Promise<number> {
    const { pk, sk } = notificationKeys.readState(sub);
    if ('allUpTo' in what) {
      await this.client
        .send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: { pk: S(pk), sk: S(sk) },
            UpdateExpression: 'SET readThrough = :through REMOVE readIds',
            ConditionExpression: 'attribute_not_exists(readThrough) OR readThrough < :through',
            // Everything at or before the instant, whatever its id.
            ExpressionAttributeValues: { ':through': S(`${what.allUpTo}#\uffff`) },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    } else if (what.ids.length > 0) {
      // Added to the set in place, so two tabs marking at once lose neither (no read-modify-write).
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { pk: S(pk), sk: S(sk) },
          UpdateExpression: 'ADD readIds :ids',
          ExpressionAttributeValues: { ':ids': { SS: [...new Set(what.ids)] } },
        }),
      );
    }
    return this.unread(sub, audiences);
  }

  /** An audience's notifications told after `sk` (`<at>#<id>`), oldest first: what the mail job has not yet mailed. */
  async after(audience: string, sk: string, limit: number): Promise<{ sk: string; notification: Notification }[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk > :after',
        ExpressionAttributeValues: { ':pk': S(notificationKeys.audience(audience)), ':after': S(sk) },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => ({ sk: str(item, 'sk'), notification: Notification.parse(JSON.parse(str(item, 'doc'))) }));
  }

  private async readState(sub: string): Promise<{ through: string; ids: Set<string> }> {
    const { pk, sk } = notificationKeys.readState(sub);
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { pk: S(pk), sk: S(sk) }, ConsistentRead: true }));
    return { through: result.Item?.readThrough?.S ?? '', ids: new Set(result.Item?.readIds?.SS ?? []) };
  }

  private async unreadFor(state: { through: string; ids: Set<string> }, audiences: readonly string[]): Promise<number> {
    const pages = await Promise.all(audiences.map((audience) => this.query(audience, { after: state.through, limit: MAX_UNREAD })));
    return Math.min(MAX_UNREAD, pages.flat().filter(({ sk, notification }) => !isRead(state, sk, notification.id)).length);
  }

  private async query(audience: string, { before, after, limit }: { before?: string; after?: string; limit: number }) {
    const range = before !== undefined ? ' AND sk < :edge' : after ? ' AND sk > :edge' : '';
    const edge = before ?? after;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: `pk = :pk${range}`,
        ExpressionAttributeValues: { ':pk': S(notificationKeys.audience(audience)), ...(range ? { ':edge': S(edge as string) } : {}) },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => ({ sk: str(item, 'sk'), notification: Notification.parse(JSON.parse(str(item, 'doc'))) }));
  }
}

function expiry(notification: Notification): number {
  return Math.floor(Date.parse(notification.at) / 1000) + NOTIFICATION_DAYS * 86_400;
}

function isRead(state: { through: string; ids: Set<string> }, sk: string, id: string): boolean {
  return (state.through !== '' && sk <= state.through) || state.ids.has(id);
}

function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[^#]+#.+$/.test(sk)) throw new InvalidCursorError();
  return sk;
}
