import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { ApplicationState } from '#catalog/applications/application.ts';
import { bureauOwes } from '#catalog/applications/deadlines.ts';
import type { ApplicationType } from '#catalog/applications/materials.ts';
import { S } from './dynamo.ts';
import { applicationIndexes, applicationKeys } from './keys.ts';

export interface ApplicationCounters {
  /** Applications the bureau owes the next step on. */
  open: number;
  /** Of those, due by the "soon" instant and not yet overdue. */
  dueSoon: number;
  overdue: number;
}

/**
 * The reviewers' counters of a type (issue 14 §5): applications the bureau owes a step on, those
 * due by `soonMs` (still not overdue) and those overdue at `nowMs`. Counted by key-range queries
 * on the inbox index (Select COUNT), so the cost follows the counts, not the table.
 */
export async function countApplications(
  client: DynamoDBClient,
  tableName: string,
  type: ApplicationType,
  nowMs: number,
  soonMs: number,
): Promise<ApplicationCounters> {
  const count = async (state: ApplicationState, lo: string, hi: string) => {
    let total = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: applicationIndexes.byStateDue.name,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
          ExpressionAttributeNames: { '#pk': applicationIndexes.byStateDue.pk, '#sk': applicationIndexes.byStateDue.sk },
          ExpressionAttributeValues: { ':pk': S(applicationKeys.byStateDue(type, state)), ':lo': S(lo), ':hi': S(hi) },
          Select: 'COUNT',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      total += result.Count ?? 0;
      start = result.LastEvaluatedKey;
    } while (start);
    return total;
  };
  const sum = async (hi: string) => (await Promise.all([...bureauOwes].map((state) => count(state, applicationKeys.first, hi)))).reduce((a, b) => a + b, 0);
  const [open, overdue, dueByThen] = await Promise.all([sum(applicationKeys.last), sum(applicationKeys.dueBy(nowMs)), sum(applicationKeys.dueBy(soonMs))]);
  return { open, dueSoon: dueByThen - overdue, overdue };
}
