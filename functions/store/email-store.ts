import { DeleteItemCommand, type DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { EmailPreference, OutboxMail } from '#catalog/email.ts';
import { OutboxMail as OutboxMailSchema } from '#catalog/email.ts';
import { type Item, N, S, str } from './dynamo.ts';
import { isConditionFailure } from './errors.ts';
import { InvalidCursorError } from './merged-page.ts';

/** Days a mail is kept in the outbox. */
const OUTBOX_DAYS = 90;
/** Wrong codes allowed before the code is void and a new one must be mailed. */
export const MAX_CODE_ATTEMPTS = 5;

/** A person who opted in to mail, as the mail job reads them. */
export interface Subscriber {
  sub: string;
  address: string;
  audiences: string[];
  /** Notifications up to this sort key (`<at>#<id>`) have been queued as mail. */
  mailedThrough: string;
}

/** Why a code was not accepted. */
export type CodeRefusal = 'no-code' | 'expired' | 'wrong' | 'too-many-attempts';

/**
 * E-mail (issue 14 §3). Each person's choice is one item of the `EMAILSUBS` partition (few
 * people opt in: the mail job reads them all); the outbox is one partition, newest last, with a
 * pointer per mail still to send and a marker per mail id so that no mail is queued twice.
 */
export class EmailStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async preference(sub: string): Promise<EmailPreference> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: subscriberKey(sub), ConsistentRead: true }));
    const item = result.Item;
    if (!item) return { state: 'none' };
    const state = str(item, 'state') as 'pending' | 'active';
    return { state, address: str(item, 'address'), since: str(item, state === 'active' ? 'since' : 'codeSentAt') };
  }

  /**
   * Mail a code to `address` (queued with the choice, in one transaction) and wait for it to be
   * typed back; until then nothing else is mailed. At most one code a minute per person.
   * Returns false when the last code is less than a minute old.
   */
  async start(
    sub: string,
    { address, audiences, codeDigest, now, mail }: { address: string; audiences: string[]; codeDigest: string; now: Date; mail: OutboxMail },
  ): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...subscriberKey(sub),
                  state: S('pending'),
                  address: S(address),
                  audiences: S(JSON.stringify(audiences)),
                  codeDigest: S(codeDigest),
                  codeSentAt: S(now.toISOString()),
                  codeExpiresAt: S(new Date(now.getTime() + 30 * 60_000).toISOString()),
                  codeAttempts: N(0),
                },
                ConditionExpression: 'attribute_not_exists(codeSentAt) OR codeSentAt < :minuteAgo',
                ExpressionAttributeValues: { ':minuteAgo': S(new Date(now.getTime() - 60_000).toISOString()) },
              },
            },
            ...this.queueItems(mail),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Start mail if `codeDigest` is the digest of the code last mailed, unexpired; else say why not. */
  async confirm(sub: string, codeDigest: string, now: Date): Promise<CodeRefusal | undefined> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: subscriberKey(sub),
          UpdateExpression: 'SET #state = :active, since = :now, mailedThrough = :now REMOVE codeDigest, codeExpiresAt, codeAttempts',
          ConditionExpression: '#state = :pending AND codeDigest = :digest AND codeExpiresAt > :now AND codeAttempts < :max',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':active': S('active'),
            ':pending': S('pending'),
            ':now': S(now.toISOString()),
            ':digest': S(codeDigest),
            ':max': N(MAX_CODE_ATTEMPTS),
          },
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const item = (await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: subscriberKey(sub), ConsistentRead: true }))).Item;
    if (item?.state?.S !== 'pending' || item.codeDigest === undefined) return 'no-code';
    if (Number(item.codeAttempts?.N ?? 0) >= MAX_CODE_ATTEMPTS) return 'too-many-attempts';
    if (str(item, 'codeExpiresAt') <= now.toISOString()) return 'expired';
    // Counted in place: guesses made at once are each counted.
    await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: subscriberKey(sub),
          UpdateExpression: 'ADD codeAttempts :one',
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':one': N(1), ':pending': S('pending') },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
    return 'wrong';
  }

  /**
   * No more mail for this person (opting out, an admin moving them to another organisation). With
   * `subscriber`, only the choice the mail job read (not one the person has made since).
   */
  async stop(sub: string, subscriber?: Subscriber): Promise<void> {
    const condition = subscriber
      ? {
          ConditionExpression: '#state = :active AND address = :address',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':active': S('active'), ':address': S(subscriber.address) },
        }
      : {};
    await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: subscriberKey(sub), ...condition })).catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
  }

  /** Everyone mail is sent to now. */
  async subscribers(): Promise<Subscriber[]> {
    const subscribers: Subscriber[] = [];
    let start: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: '#state = :active',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':pk': S(SUBSCRIBERS), ':active': S('active') },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        subscribers.push({
          sub: str(item, 'sk'),
          address: str(item, 'address'),
          audiences: JSON.parse(str(item, 'audiences')) as string[],
          mailedThrough: str(item, 'mailedThrough'),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return subscribers;
  }

  /** Move a subscriber's mark forward (never back), unless they stopped or started over meanwhile. */
  async advance(subscriber: Subscriber, through: string): Promise<void> {
    if (through <= subscriber.mailedThrough) return;
    await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: subscriberKey(subscriber.sub),
          UpdateExpression: 'SET mailedThrough = :through',
          ConditionExpression: '#state = :active AND address = :address AND mailedThrough < :through',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':through': S(through), ':active': S('active'), ':address': S(subscriber.address) },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  /** Queue a mail unless one with its id was queued before. Returns whether it was queued now. */
  async queue(mail: OutboxMail): Promise<boolean> {
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: this.queueItems(mail) }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Mails still to send, oldest first. */
  async queued(limit: number): Promise<OutboxMail[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': S(QUEUED) },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map(mailOf);
  }

  /** Record an attempt to send: sent (with the service's id), or failed (given up after `giveUp`). */
  async settle(mail: OutboxMail, outcome: { sentAt: string; messageId: string } | { error: string; giveUp: boolean }): Promise<OutboxMail> {
    const next: OutboxMail =
      'messageId' in outcome
        ? { ...mail, status: 'sent', attempts: mail.attempts + 1, sentAt: outcome.sentAt, messageId: outcome.messageId }
        : { ...mail, status: outcome.giveUp ? 'failed' : 'queued', attempts: mail.attempts + 1, lastError: outcome.error.slice(0, 500) };
    const sk = sortKey(mail);
    const doc = { doc: S(JSON.stringify(next)), expiresAt: N(expiry(mail)) };
    await this.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { pk: S(OUTBOX), sk: S(sk), ...doc } } },
          next.status === 'queued'
            ? { Put: { TableName: this.tableName, Item: { pk: S(QUEUED), sk: S(sk), ...doc } } }
            : { Delete: { TableName: this.tableName, Key: { pk: S(QUEUED), sk: S(sk) } } },
        ],
      }),
    );
    return next;
  }

  /** The outbox, newest first, paged. */
  async outbox({ limit, cursor }: { limit: number; cursor?: string }): Promise<{ items: OutboxMail[]; cursor?: string }> {
    const before = cursor === undefined ? undefined : decodeCursor(cursor);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: `pk = :pk${before ? ' AND sk < :before' : ''}`,
        ExpressionAttributeValues: { ':pk': S(OUTBOX), ...(before ? { ':before': S(before) } : {}) },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    const items = (result.Items ?? []).map(mailOf);
    const last = result.Items?.at(-1);
    return { items, ...(result.LastEvaluatedKey && last ? { cursor: Buffer.from(str(last, 'sk')).toString('base64url') } : {}) };
  }

  private queueItems(mail: OutboxMail) {
    const sk = sortKey(mail);
    const doc = { doc: S(JSON.stringify(mail)), expiresAt: N(expiry(mail)) };
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { pk: S(`OUTBOXID#${mail.id}`), sk: S('MAIL'), expiresAt: N(expiry(mail)) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: { pk: S(OUTBOX), sk: S(sk), ...doc } } },
      { Put: { TableName: this.tableName, Item: { pk: S(QUEUED), sk: S(sk), ...doc } } },
    ];
  }
}

const SUBSCRIBERS = 'EMAILSUBS';
const OUTBOX = 'OUTBOX';
const QUEUED = 'OUTBOX#QUEUED';

function subscriberKey(sub: string): Item {
  return { pk: S(SUBSCRIBERS), sk: S(sub) };
}

function sortKey(mail: OutboxMail): string {
  return `${mail.queuedAt}#${mail.id}`;
}

function expiry(mail: OutboxMail): number {
  return Math.floor(Date.parse(mail.queuedAt) / 1000) + OUTBOX_DAYS * 86_400;
}

function mailOf(item: Item): OutboxMail {
  return OutboxMailSchema.parse(JSON.parse(str(item, 'doc')));
}

function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[^#]+#.+$/.test(sk)) throw new InvalidCursorError();
  return sk;
}
