import { createHash } from 'node:crypto';
import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { type Item, S, str } from './dynamo.ts';
import { StoreError } from './errors.ts';
import { type ApplicationIndex, applicationKeys } from './keys.ts';

const MAX_PAGE = 200;
/** A filtered page reads at most this many rounds of queries, then answers what it has with a cursor. */
const MAX_ROUNDS = 5;

export interface MergedPageRequest {
  index: ApplicationIndex;
  /** The index partitions to merge, each with an inclusive sort-key range. */
  sources: readonly { pk: string; lo: string; hi: string }[];
  filter: { expression: string; names: Record<string, string>; values: Item } | undefined;
  /** What identifies the list (kind, organisation, type, filters): a cursor is bound to it. */
  list: Record<string, unknown>;
  request: { limit: number; cursor?: string };
}

/** A cursor that this list did not give out (made up, altered, or from another list or organisation). */
export class InvalidCursorError extends StoreError {
  constructor(message = 'the cursor is not one this list gave out', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidCursorError';
  }
}

/**
 * One page of a list in sort-key order, merged over one or more index partitions (`sources`,
 * each with an inclusive sort-key range). The position is the sort key of the last item
 * answered: every source resumes after it, so a merged list needs no per-source state. A
 * filter runs inside the partitions read; when it matches little, the page stops after
 * MAX_ROUNDS rounds of queries with what it has and a cursor past everything read.
 */
export async function mergedPage(
  client: DynamoDBClient,
  tableName: string,
  { index, sources, filter, list, request }: MergedPageRequest,
): Promise<{ items: Item[]; cursor?: string }> {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.trunc(request.limit)));
  const binding = bindingOf(list);
  const after = request.cursor === undefined ? undefined : positionOf(request.cursor, binding);
  const reads = sources.map((source) => ({
    source,
    lo: after !== undefined && after > source.lo ? after : source.lo,
    start: undefined as Item | undefined,
    started: false,
    done: false,
    readTo: undefined as string | undefined,
    found: [] as Item[],
  }));
  for (const read of reads) read.done = read.lo > read.source.hi;
  const sortKey = (item: Item) => str(item, index.sk);
  const frontier = () => {
    const open = reads.filter((read) => !read.done).map((read) => read.readTo as string);
    return open.sort()[0];
  };
  const answer = (items: Item[], next: string | undefined) => ({
    items,
    ...(next === undefined ? {} : { cursor: cursorOf(binding, next) }),
  });
  for (let round = 1; ; round++) {
    const least = frontier();
    const due = reads.filter((read) => !read.done && (!read.started || read.readTo === least));
    await Promise.all(
      due.map(async (read) => {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.name,
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
            ...(filter === undefined ? {} : { FilterExpression: filter.expression }),
            ExpressionAttributeNames: { '#pk': index.pk, '#sk': index.sk, ...filter?.names },
            ExpressionAttributeValues: { ':pk': S(read.source.pk), ':lo': S(read.lo), ':hi': S(read.source.hi), ...filter?.values },
            // One more than a page, and the item at the cursor, which the range includes.
            Limit: limit + 2,
            ...(read.start === undefined ? {} : { ExclusiveStartKey: read.start }),
          }),
        );
        read.started = true;
        read.found.push(...(result.Items ?? []).filter((item) => sortKey(item) !== after));
        read.start = result.LastEvaluatedKey;
        read.done = result.LastEvaluatedKey === undefined;
        read.readTo = result.LastEvaluatedKey?.[index.sk]?.S;
      }),
    );
    // Everything up to the least position any open source has read is known, in order.
    const known = frontier();
    const ready = reads
      .flatMap((read) => read.found)
      .filter((item) => known === undefined || sortKey(item) <= known)
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    if (ready.length > limit) return answer(ready.slice(0, limit), sortKey(ready[limit - 1] as Item));
    if (known === undefined) return answer(ready, undefined);
    if (ready.length === limit) return answer(ready, sortKey(ready[limit - 1] as Item));
    if (round >= MAX_ROUNDS) return answer(ready, known);
  }
}

/**
 * A cursor is the position (the last sort key answered) bound to the list it came from: which
 * list, organisation, type and filters. The partition itself always comes from the caller, never
 * from the cursor, so no cursor can reach another organisation's items; a cursor from another
 * list, or altered, is refused rather than silently restarting somewhere else.
 */
function bindingOf(list: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(list)).digest('base64url').slice(0, 16);
}

function cursorOf(binding: string, position: string): string {
  return Buffer.from(JSON.stringify({ b: binding, after: position }), 'utf8').toString('base64url');
}

function positionOf(cursor: string, binding: string): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidCursorError(undefined, { cause: error });
  }
  const { b, after } = (decoded ?? {}) as { b?: unknown; after?: unknown };
  if (b !== binding) throw new InvalidCursorError('the cursor belongs to another list (another organisation, type or filter)');
  if (typeof after !== 'string' || !applicationKeys.dueOrderPattern.test(after)) throw new InvalidCursorError();
  return after;
}
