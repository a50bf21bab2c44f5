import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
  QueryCommand,
  type TableDescription,
  UpdateTableCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { applicationIndexes, type Key } from './keys.ts';

/** Small helpers over the raw client, shared by the store's modules. */
export type Item = Record<string, AttributeValue>;

export const S = (value: string): AttributeValue => ({ S: value });
export const N = (value: number): AttributeValue => ({ N: String(value) });

export function key({ pk, sk }: Key): Item {
  return { pk: S(pk), sk: S(sk) };
}

export function str(item: Item, name: string): string {
  const value = item[name]?.S;
  if (value === undefined) throw new Error(`item attribute ${name} is not a string`);
  return value;
}

export function num(item: Item, name: string): number {
  const value = item[name]?.N;
  if (value === undefined) throw new Error(`item attribute ${name} is not a number`);
  return Number(value);
}

/** Every item of a query, following LastEvaluatedKey. */
export async function queryAll(client: DynamoDBClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** BatchWriteItem in chunks of 25, retrying unprocessed items with backoff. */
export async function batchWrite(client: DynamoDBClient, tableName: string, requests: WriteRequest[], concurrency = 8): Promise<void> {
  const chunks = chunk(requests, 25);
  await mapLimit(chunks, concurrency, async (requestChunk) => {
    let pending: WriteRequest[] = requestChunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      if (attempt > 10) throw new Error('BatchWriteItem left items unprocessed after 10 retries');
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  });
}

/** BatchGetItem in chunks of 100 (strongly consistent), retrying unprocessed keys. */
export async function batchGet(client: DynamoDBClient, tableName: string, keys: Item[], concurrency = 4): Promise<Item[]> {
  const found: Item[] = [];
  await mapLimit(chunk(keys, 100), concurrency, async (keyChunk) => {
    let pending: Item[] = keyChunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      if (attempt > 10) throw new Error('BatchGetItem left keys unprocessed after 10 retries');
      const result = await client.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  });
  return found;
}

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The table as the CDK app defines it: string pk and sk, on demand, and the global secondary
 * indexes of `applicationIndexes` (all attributes projected). Used locally and in tests; a table
 * made before an index existed gets it added (DynamoDB builds it over the existing items).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const indexes = Object.values(applicationIndexes);
  const attributes = [...new Set(['pk', 'sk', ...indexes.flatMap((index) => [index.pk, index.sk])])].map((name) => ({
    AttributeName: name,
    AttributeType: 'S' as const,
  }));
  const indexOf = (index: (typeof indexes)[number]) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.pk, KeyType: 'HASH' as const },
      { AttributeName: index.sk, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  let existing: TableDescription | undefined;
  try {
    existing = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ResourceNotFoundException') throw error;
  }
  if (existing === undefined) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes.map(indexOf),
      }),
    );
    return;
  }
  // DynamoDB adds one index per UpdateTable call.
  const present = new Set(existing.GlobalSecondaryIndexes?.map((index) => index.IndexName));
  for (const index of indexes) {
    if (present.has(index.name)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexUpdates: [{ Create: indexOf(index) }],
      }),
    );
    await waitForIndexes(client, tableName);
  }
}

async function waitForIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    if (!table?.GlobalSecondaryIndexes?.some((index) => index.IndexStatus !== 'ACTIVE')) return;
    await sleep(500);
  }
  throw new Error(`the indexes of ${tableName} are still being built`);
}
