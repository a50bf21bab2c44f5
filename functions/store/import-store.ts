import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ImportJob } from '#catalog/import-job.ts';
import { key, N, S, str } from './dynamo.ts';
import { isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';

/** Imports of large files: their state and progress, one item each, written by the runner as it goes. */
export class ImportStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(job: ImportJob): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...key(keys.importJob(job.changeSetId, job.importId)), doc: S(JSON.stringify(job)), state: S(job.state) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(changeSetId: string, importId: string): Promise<ImportJob | undefined> {
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key(keys.importJob(changeSetId, importId)), ConsistentRead: true }),
    );
    return result.Item ? ImportJob.parse(JSON.parse(str(result.Item, 'doc'))) : undefined;
  }

  /**
   * Save `next` if the job is still in state `from` (so two runners, or a runner and a retry,
   * never both take it); false when it is not.
   */
  async move(next: ImportJob, from: ImportJob['state']): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...key(keys.importJob(next.changeSetId, next.importId)), doc: S(JSON.stringify(next)), state: S(next.state), at: N(Date.now()) },
          ConditionExpression: '#state = :from',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':from': S(from) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
