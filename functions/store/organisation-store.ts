import { GetItemCommand, PutItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OrganisationRecord } from '#catalog/organisation.ts';
import { OrgId } from '#catalog/user-account.ts';
import { batchGet, type Item, key, N, S, str } from './dynamo.ts';
import { ConflictError, isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';
import { InvalidCursorError } from './merged-page.ts';

/**
 * The bureau's registry of organisations (issue 14 §7): each hospital's and firm's code with its
 * name, one item per code in one partition (a province has at most a few thousand), read in code
 * order. Every write names who made it and when, and is conditional: a create never replaces, a
 * rename applies only to the version it was made against.
 */
export class OrganisationStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get(orgId: string): Promise<OrganisationRecord | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.organisation(orgId)), ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** Add an organisation the registry does not know yet; false (and nothing written) when it knows it already. */
  async create(record: OrganisationRecord): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Replace the record at `expectedVersion` with `record` (its version one more); a ConflictError when someone changed it first. */
  async save(record: OrganisationRecord, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': N(expectedVersion) },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`organisation ${record.orgId} was changed by someone else`, { cause: error });
      throw error;
    }
  }

  /** In code order, `limit` at a time; `cursor` continues where the last page ended. */
  async list({ limit, cursor }: { limit: number; cursor?: string }): Promise<{ items: OrganisationRecord[]; cursor?: string }> {
    const start = cursor === undefined ? undefined : decodeCursor(cursor);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': S(keys.organisations()) },
        Limit: limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: key(keys.organisation(start)) }),
      }),
    );
    const items = (result.Items ?? []).map(fromItem);
    const last = result.LastEvaluatedKey?.sk?.S;
    return { items, ...(last === undefined ? {} : { cursor: Buffer.from(last).toString('base64url') }) };
  }

  /** The names of the given codes the registry knows, in one batched read (each code once). */
  async names(orgIds: Iterable<string>): Promise<Map<string, string>> {
    const distinct = [...new Set(orgIds)];
    if (distinct.length === 0) return new Map();
    const found = await batchGet(
      this.client,
      this.tableName,
      distinct.map((orgId) => key(keys.organisation(orgId))),
    );
    return new Map(found.map(fromItem).map((record) => [record.orgId, record.name]));
  }
}

function toItem(record: OrganisationRecord): Item {
  return { ...key(keys.organisation(record.orgId)), doc: S(JSON.stringify(record)), version: N(record.version) };
}

function fromItem(item: Item): OrganisationRecord {
  return OrganisationRecord.parse(JSON.parse(str(item, 'doc')));
}

/** A cursor is the last code read; anything that does not decode to one is refused. */
function decodeCursor(cursor: string): string {
  const orgId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!OrgId.safeParse(orgId).success || OrgId.parse(orgId) !== orgId) throw new InvalidCursorError();
  return orgId;
}
