import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { key, N, num } from './dynamo.ts';
import { keys } from './keys.ts';

/**
 * A committed release's projection as it goes (issue 11 §2): its entry count, set when the
 * projection starts, and the entries in place, added chunk by chunk on the release's record.
 * Staff read it at GET /v1/releases/{n} while the release is not visible yet.
 */
export class ProjectionProgress {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Its entries, and how many are in place (counted per chunk; a re-run after a crash may count a chunk twice, so it is capped). */
  async read(number: number): Promise<{ entryCount?: number; projectedEntries: number } | undefined> {
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key(keys.release(number)), ProjectionExpression: 'entryCount, projected', ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const entryCount = result.Item.entryCount ? num(result.Item, 'entryCount') : undefined;
    const projected = result.Item.projected ? num(result.Item, 'projected') : 0;
    return { ...(entryCount === undefined ? {} : { entryCount }), projectedEntries: entryCount === undefined ? projected : Math.min(projected, entryCount) };
  }

  async note(number: number, progress: { entryCount: number } | { projected: number }): Promise<void> {
    const update =
      'entryCount' in progress
        ? { UpdateExpression: 'SET entryCount = :n', ExpressionAttributeValues: { ':n': N(progress.entryCount) } }
        : { UpdateExpression: 'ADD projected :n', ExpressionAttributeValues: { ':n': N(progress.projected) } };
    await this.client.send(
      new UpdateItemCommand({ TableName: this.tableName, Key: key(keys.release(number)), ConditionExpression: 'attribute_exists(pk)', ...update }),
    );
  }
}
