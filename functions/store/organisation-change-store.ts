import { DeleteItemCommand, type DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { OrganisationChange } from '#catalog/user-account.ts';
import { key, S, str } from './dynamo.ts';
import { keys } from './keys.ts';
import { InvalidCursorError } from './merged-page.ts';

/**
 * The record of every change of a user's organisation (issue 10 §7): who, when, before → after.
 * The identity provider holds the organisation itself; this is the bureau's own log of changes,
 * newest first.
 */
export class OrganisationChangeStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Record a change before it is made at the provider, so none is ever made unrecorded. */
  async record(change: OrganisationChange): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...key(keys.organisationChange(change.at, change.username)), doc: S(JSON.stringify(change)) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Take back a record whose change the provider refused. */
  async withdraw(change: OrganisationChange): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: key(keys.organisationChange(change.at, change.username)) }));
  }

  /** Newest first, `limit` at a time; `cursor` continues where the last page ended. */
  async list({ limit, cursor }: { limit: number; cursor?: string }): Promise<{ items: OrganisationChange[]; cursor?: string }> {
    const start = cursor === undefined ? undefined : decodeCursor(cursor);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': S(keys.organisationChanges()) },
        ScanIndexForward: false,
        Limit: limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: { pk: S(keys.organisationChanges()), sk: S(start) } }),
      }),
    );
    const items = (result.Items ?? []).map((item) => OrganisationChange.parse(JSON.parse(str(item, 'doc'))));
    const last = result.LastEvaluatedKey?.sk?.S;
    return { items, ...(last === undefined ? {} : { cursor: Buffer.from(last).toString('base64url') }) };
  }
}

/** A cursor is the last sort key read; anything that does not decode to one is refused. */
function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[^#]+#.+$/.test(sk)) throw new InvalidCursorError();
  return sk;
}
