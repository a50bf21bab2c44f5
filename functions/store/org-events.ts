import { type DynamoDBClient, QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Application, ApplicationState } from '#catalog/applications/application.ts';
import { key, N, S, str } from './dynamo.ts';
import { keys } from './keys.ts';

/** Days an organisation's application events are kept for its systems (and replays). */
const ORG_EVENT_DAYS = 30;

/**
 * An organisation's own event log (issue 15): every state change of its applications, written
 * in the same transaction as the change (so none is lost and none is told that did not happen),
 * read in order by the webhook worker for that organisation's endpoints only.
 */
export function orgEventPut(tableName: string, next: Application, fromState: ApplicationState): TransactWriteItem {
  const atMs = Date.now();
  const event = {
    type: 'application.state-changed',
    timestamp: new Date(atMs).toISOString(),
    data: { applicationType: next.type, id: next.id, orgId: next.orgId, from: fromState, to: next.state, version: next.version },
  };
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...key(keys.orgEvent(next.orgId, atMs, next.type, next.id, next.version)),
        doc: S(JSON.stringify(event)),
        expiresAt: N(Math.floor(atMs / 1000) + ORG_EVENT_DAYS * 86_400),
      },
    },
  };
}

/** The organisation's events after the position `after` (from the start when empty), oldest first. */
export async function readOrgEvents(client: DynamoDBClient, tableName: string, orgId: string, after: string, limit: number) {
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      // A sort key cannot be compared with '': the start is the least position there is.
      ExpressionAttributeValues: { ':pk': S(keys.orgEvents(orgId)), ':after': S(after || keys.orgEventsFrom(0)) },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => ({ position: str(item, 'sk'), body: str(item, 'doc') }));
}
