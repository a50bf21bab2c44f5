import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Application, ApplicationState } from '#catalog/applications/application.ts';
import { bureauOwes } from '#catalog/applications/deadlines.ts';
import { applicationLimits } from '#catalog/applications/limits.ts';
import type { ApplicationType } from '#catalog/applications/materials.ts';
import type { Change } from '#catalog/change.ts';
import type { ChangeSet } from '#catalog/change-set.ts';
import { toEpochMs } from '#catalog/time.ts';
import type { ChangeSetStore } from './change-set-store.ts';
import { type Item, key, N, num, queryAll, S, str } from './dynamo.ts';
import { ConflictError, isConditionFailure, StoreError } from './errors.ts';
import { type ApplicationIndex, applicationIndexes, applicationKeys, keys } from './keys.ts';
import { orgEventPut } from './org-events.ts';
import { notificationPut } from './notification-store.ts';
import { type ApplicationCounters, countApplications } from './application-counters.ts';
import { applicationNotifications } from '#catalog/notifications.ts';
import { InvalidCursorError, mergedPage } from './merged-page.ts';

export { InvalidCursorError };

/** A stored answer to a write made with an Idempotency-Key, replayed when the write is retried. */
export interface IdempotentResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/** Which applications a list asks for; every filter is a key condition or runs inside one partition. */
export interface ApplicationFilter {
  state?: ApplicationState;
  greenChannel?: boolean;
  overdue?: boolean;
  /** The instant "overdue" is judged at. */
  now: string;
}

export interface PageRequest {
  /** 1–200. */
  limit: number;
  /** From the previous page of the same list; refused (InvalidCursorError) if it is not. */
  cursor?: string;
}

export interface ApplicationPage {
  items: Application[];
  /** Present when more may follow. */
  cursor?: string;
}

/** An organisation already has as many open drafts of a type as it may. */
export class DraftLimitError extends StoreError {
  constructor(
    readonly max: number,
    options?: { cause?: unknown },
  ) {
    super(`an organisation may hold at most ${max} open drafts of a type; submit or withdraw one first`, options);
    this.name = 'DraftLimitError';
  }
}

const IDEMPOTENCY_DAYS = 7;

/**
 * Green-channel applications (service and listing), each one item with its history, versioned
 * for optimistic concurrency; and the answers to writes made with an Idempotency-Key.
 *
 * Lists read the indexes named for them (keys.ts): `ownList` an organisation's own partition of
 * `byOrg`, `inbox` the bureau's `byStateDue` partitions; nothing reads other organisations'
 * items to throw them away. Open drafts are counted per organisation and type in an item that
 * the draft's create and the step leaving draft change in the same transaction.
 */
export class ApplicationStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly changeSets: ChangeSetStore,
  ) {}

  /**
   * Create a draft, counting it against its organisation's open drafts, together with the
   * idempotency record when there is one: all or nothing.
   */
  async create(application: Application, idempotency?: { scope: string; response: IdempotentResponse; nowMs: number }): Promise<void> {
    const max = applicationLimits.openDraftsPerOrganisation;
    const items: TransactWriteItem[] = [{ Put: { TableName: this.tableName, Item: this.item(application), ConditionExpression: 'attribute_not_exists(pk)' } }];
    const counted = application.state === 'draft';
    if (counted) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: key(applicationKeys.openDrafts(application.orgId, application.type)),
          UpdateExpression: 'ADD drafts :one',
          ConditionExpression: 'attribute_not_exists(drafts) OR drafts < :max',
          ExpressionAttributeValues: { ':one': N(1), ':max': N(max) },
        },
      });
    }
    if (idempotency) items.push({ Put: this.idempotencyPut(idempotency.scope, idempotency.response, idempotency.nowMs) });
    try {
      await this.transact(items);
    } catch (error) {
      if (counted && failedAt(error, 1)) throw new DraftLimitError(max, { cause: error });
      if (isConditionFailure(error)) throw new ConflictError('the application exists already, or the request was made at the same time', { cause: error });
      throw error;
    }
  }

  async get(type: ApplicationType, id: string): Promise<Application | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.application(type, id)), ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** Every application of a type, for the hourly job's sweep; requests use `ownList` and `inbox`. */
  async list(type: ApplicationType): Promise<Application[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': S(keys.applications()), ':prefix': S(keys.applicationPrefix(type)) },
      ConsistentRead: true,
    });
    return items.map(fromItem);
  }

  /** An organisation's own applications of a type, soonest due first: one partition of `byOrg`. */
  async ownList(type: ApplicationType, orgId: string, filter: ApplicationFilter, page: PageRequest): Promise<ApplicationPage> {
    const now = toEpochMs(filter.now);
    const owes = [...bureauOwes];
    const conditions: string[] = [];
    const values: Item = {};
    if (filter.state !== undefined) {
      if (filter.overdue === true && !bureauOwes.has(filter.state)) return { items: [] };
      conditions.push('#state = :state');
      values[':state'] = S(filter.state);
    }
    if (filter.greenChannel !== undefined) {
      conditions.push('greenChannel = :green');
      values[':green'] = { BOOL: filter.greenChannel };
    }
    if (filter.overdue !== undefined) {
      for (const [index, state] of owes.entries()) values[`:owes${index}`] = S(state);
      const owing = `#state IN (${owes.map((_, index) => `:owes${index}`).join(', ')})`;
      // Overdue: due by now (the sort key's range) in a state where the bureau owes the next step.
      conditions.push(filter.overdue ? owing : `NOT (${owing} AND dueMs <= :now)`);
      if (!filter.overdue) values[':now'] = N(now);
    }
    const source = {
      pk: applicationKeys.byOrg(orgId, type),
      lo: applicationKeys.first,
      hi: filter.overdue ? applicationKeys.dueBy(now) : applicationKeys.last,
    };
    return this.page(
      applicationIndexes.byOrg,
      [source],
      conditions.length === 0
        ? undefined
        : { expression: conditions.join(' AND '), names: conditions.some((condition) => condition.includes('#state')) ? { '#state': 'state' } : {}, values },
      { list: 'own', type, orgId, state: filter.state, greenChannel: filter.greenChannel, overdue: filter.overdue },
      page,
    );
  }

  /**
   * The bureau's inbox of a type, soonest due first: the `byStateDue` partition of the state
   * asked for, or, with none, of every state but draft (drafts are the applicant's own until
   * submitted), merged in due order. Overdue is a range on the sort key of the states in which
   * the bureau owes the next step.
   */
  async inbox(type: ApplicationType, filter: ApplicationFilter, page: PageRequest): Promise<ApplicationPage> {
    const now = toEpochMs(filter.now);
    let states = filter.state === undefined ? inboxStates : [filter.state];
    if (filter.overdue === true) states = states.filter((state) => bureauOwes.has(state));
    const sources = states.map((state) => ({
      pk: applicationKeys.byStateDue(type, state),
      lo: filter.overdue === false && bureauOwes.has(state) ? applicationKeys.dueAfter(now) : applicationKeys.first,
      hi: filter.overdue === true ? applicationKeys.dueBy(now) : applicationKeys.last,
    }));
    const green =
      filter.greenChannel === undefined ? undefined : { expression: 'greenChannel = :green', names: {}, values: { ':green': { BOOL: filter.greenChannel } } };
    return this.page(
      applicationIndexes.byStateDue,
      sources,
      green,
      { list: 'inbox', type, state: filter.state, greenChannel: filter.greenChannel, overdue: filter.overdue },
      page,
    );
  }

  /** The reviewers' counters of a type: open, due soon, overdue (application-counters.ts). */
  counters(type: ApplicationType, nowMs: number, soonMs: number): Promise<ApplicationCounters> {
    return countApplications(this.client, this.tableName, type, nowMs, soonMs);
  }

  /** Replace with `next` if still at `expectedVersion`; a draft change set may be created with it, atomically. */
  async save(
    next: Application,
    expected: number | { version: number; state: ApplicationState },
    withChangeSet?: { changeSet: ChangeSet; changes: Change[] },
  ): Promise<void> {
    const expectedVersion = typeof expected === 'number' ? expected : expected.version;
    const fromState = typeof expected === 'number' ? undefined : expected.state;
    const { pk: _pk, sk: _sk, ...attributes } = this.item(next);
    const names: Record<string, string> = Object.fromEntries(Object.keys(attributes).map((name) => [`#${name}`, name]));
    const values: Item = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`:${name}`, value]));
    const removed = 'dueMs' in attributes ? '' : ' REMOVE #dueMs';
    if (removed) names['#dueMs'] = 'dueMs';
    // Without the state it had, a save may not change the state (the open-draft count follows states).
    const stateCondition =
      fromState === undefined ? '(attribute_not_exists(#state) OR #state = :state)' : '(attribute_not_exists(#state) OR #state = :fromState)';
    if (fromState !== undefined) values[':fromState'] = S(fromState);
    const update = {
      TableName: this.tableName,
      Key: key(keys.application(next.type, next.id)),
      UpdateExpression: `SET ${Object.keys(attributes)
        .map((name) => `#${name} = :${name}`)
        .join(', ')}${removed}`,
      ConditionExpression: `#version = :expected AND ${stateCondition}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':expected': N(expectedVersion) },
    };
    const items: TransactWriteItem[] = [{ Update: update }];
    if (fromState === 'draft' && next.state !== 'draft') {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: key(applicationKeys.openDrafts(next.orgId, next.type)),
          UpdateExpression: 'ADD drafts :minusOne',
          ExpressionAttributeValues: { ':minusOne': N(-1) },
        },
      });
    }
    if (withChangeSet) items.push(...this.changeSets.creationItems(withChangeSet.changeSet, withChangeSet.changes));
    // The organisation's own systems are told of every state change, in the same transaction (org-events.ts).
    if (fromState !== undefined && next.state !== fromState) {
      items.push(orgEventPut(this.tableName, next, fromState));
      // Its people are told in the console, in the same transaction (notifications.ts).
      for (const notification of applicationNotifications(next, fromState, next.updatedAt)) items.push(notificationPut(this.tableName, notification));
    }
    try {
      if (items.length === 1) await this.client.send(new UpdateItemCommand(update));
      else await this.transact(items);
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`application ${next.id} was changed by someone else; reload and try again`, { cause: error });
      throw error;
    }
  }

  /** How many open drafts of a type the organisation holds, as counted. */
  async openDrafts(type: ApplicationType, orgId: string): Promise<number> {
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key(applicationKeys.openDrafts(orgId, type)), ConsistentRead: true }),
    );
    return result.Item?.drafts?.N === undefined ? 0 : Number(result.Item.drafts.N);
  }

  /**
   * Give applications stored before the indexes existed their index keys, and recount every
   * organisation's open drafts of the type. Idempotent; for a table upgraded in place.
   */
  async reindex(type: ApplicationType): Promise<{ indexed: number }> {
    let indexed = 0;
    const drafts = new Map<string, number>();
    for (const stored of await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': S(keys.applications()), ':prefix': S(keys.applicationPrefix(type)) },
      ConsistentRead: true,
    })) {
      const application = fromItem(stored);
      if (application.state === 'draft') drafts.set(application.orgId, (drafts.get(application.orgId) ?? 0) + 1);
      if (stored[applicationIndexes.byOrg.pk] !== undefined) continue;
      try {
        await this.save(application, application.version);
        indexed++;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    for (const [orgId, count] of drafts) {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: { ...key(applicationKeys.openDrafts(orgId, type)), drafts: N(count) } }));
    }
    return { indexed };
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

  private async page(
    index: ApplicationIndex,
    sources: readonly { pk: string; lo: string; hi: string }[],
    filter: { expression: string; names: Record<string, string>; values: Item } | undefined,
    list: Record<string, unknown>,
    request: PageRequest,
  ): Promise<ApplicationPage> {
    const { items, cursor } = await mergedPage(this.client, this.tableName, { index, sources, filter, list, request });
    return { items: items.map(fromItem), ...(cursor === undefined ? {} : { cursor }) };
  }

  /**
   * A transaction, retried a few times when it only collided with another one in flight (two
   * drafts of one organisation share its open-draft count); a failed condition is not retried.
   */
  private async transact(items: TransactWriteItem[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (attempt >= 4 || !onlyCollided(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      }
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

  /** The item with its index keys and the attributes the list filters read. */
  private item(application: Application): Item {
    const dueMs = application.dueAt === undefined ? undefined : toEpochMs(application.dueAt);
    const order = applicationKeys.dueOrder(dueMs, toEpochMs(application.createdAt), application.id);
    return {
      ...key(keys.application(application.type, application.id)),
      doc: S(JSON.stringify(application)),
      version: N(application.version),
      state: S(application.state),
      greenChannel: { BOOL: application.payload.greenChannel },
      ...(dueMs === undefined ? {} : { dueMs: N(dueMs) }),
      [applicationIndexes.byOrg.pk]: S(applicationKeys.byOrg(application.orgId, application.type)),
      [applicationIndexes.byOrg.sk]: S(order),
      [applicationIndexes.byStateDue.pk]: S(applicationKeys.byStateDue(application.type, application.state)),
      [applicationIndexes.byStateDue.sk]: S(order),
    };
  }
}

/** Every state but draft: what the bureau's inbox shows when no state is asked for. */
const inboxStates: readonly ApplicationState[] = [
  'submitted',
  'accepted',
  'supplement-requested',
  'under-review',
  'public-notice',
  'reconsideration',
  'approved',
  'rejected',
  'withdrawn',
];

function fromItem(item: Record<string, AttributeValue>): Application {
  return { ...(JSON.parse(str(item, 'doc')) as Application), version: num(item, 'version') };
}

/** Whether a transaction was cancelled by the condition of its `index`-th item. */
function failedAt(error: unknown, index: number): boolean {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return error instanceof Error && error.name === 'TransactionCanceledException' && reasons?.[index]?.Code === 'ConditionalCheckFailed';
}

/** Cancelled because another transaction held an item, with no condition failing. */
function onlyCollided(error: unknown): boolean {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return (
    error instanceof Error &&
    error.name === 'TransactionCanceledException' &&
    reasons.some((reason) => reason.Code === 'TransactionConflict') &&
    !reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}
