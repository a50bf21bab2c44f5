import { GetItemCommand, PutItemCommand, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { applyChanges, entryKey, type NumberedChange } from '#catalog/change.ts';
import type { ChangeSet } from '#catalog/change-set.ts';
import type { EntryKind } from '#catalog/kinds.ts';
import type { Release } from '#catalog/release.ts';
import type { Timeline } from '#catalog/timeline.ts';
import type { ChangeSetStore } from './change-set-store.ts';
import { batchGet, batchWrite, chunk, key, mapLimit, N, num, S, str, type Item } from './dynamo.ts';
import { ConflictError, isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';
import { ProjectionProgress } from './projection-progress.ts';
import { awaitVisible } from './publish-wait.ts';
import { fromVersionItem, groupByEntry, requestToken, versionAttributes } from './release-items.ts';

/** An entry's timeline as published in a release. */
export interface EntryVersion {
  kind: EntryKind;
  code: string;
  /** The release that produced this version of the entry. */
  release: number;
  timeline: Timeline;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back to get the next page. Absent on the last page. */
  cursor?: string;
}

/**
 * Releases: publishing (all or nothing for every reader, at any size), roll-forward of a
 * publish that crashed, and reads of the catalog as of any release.
 *
 * Publishing, as ARCHITECTURE.md lays it out:
 * 1. the change set's changes are already items of their own;
 * 2. the commit point is one transaction: the release record is put on the next number (a
 *    conditional put, so numbers are gapless) and the change set becomes `published`;
 * 3. releases are projected **strictly in release order**: release n is projected only once the
 *    pointer says n−1 is visible, i.e. every entry's view item already holds n−1's effect. Each
 *    touched entry's new timeline is its view item (the entry as of the newest release ≤ n−1 that
 *    touched it) with n's changes applied, written to its history (one item per entry per
 *    release) and then to the view, never moving an entry backwards. Any number of processes may
 *    project the same release at once: they read the same bases and write the same items;
 * 4. only then does the visible-release pointer advance. Readers never look past the pointer:
 *    a view item newer than it is read from the entry's history instead.
 * A release committed but not yet visible is rolled forward by `recover()`: every publish runs it
 * after its commit, and so do the hourly job, every local start and the catalog cache when it
 * finds a release committed for a while but still invisible.
 */
export class ReleaseStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly changeSets: ChangeSetStore,
  ) {
    this.progress = new ProjectionProgress(client, tableName);
  }

  private readonly progress: ProjectionProgress;

  async visibleRelease(): Promise<number> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.visiblePointer()), ConsistentRead: true }));
    return result.Item ? num(result.Item, 'release') : 0;
  }

  /** The newest committed release, visible or not. */
  async latestCommitted(): Promise<number> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': S(keys.releases()) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = result.Items?.[0];
    return item ? keys.releaseNumber(str(item, 'sk')) : 0;
  }

  /**
   * Publish `published` (the change set after its `publish` transition) as the next release.
   * Throws ConflictError when the change set changed since `expectedVersion` was read. Once the
   * commit succeeded it never throws: if projection fails (the database went away), the answer
   * says `committed` and the release is rolled forward later.
   */
  async publish(published: ChangeSet, expectedVersion: number, publishedAt: string, nowMs: number): Promise<PublishOutcome> {
    for (let attempt = 0; ; attempt++) {
      const number = (await this.latestCommitted()) + 1;
      const release: Release = {
        number,
        title: published.title,
        changeSetId: published.id,
        publishedAt,
        publishedBy: published.publishedBy ?? published.author,
        author: published.author,
        approvedBy: published.approvedBy ?? published.author,
        changeCount: published.changeCount,
        ...(published.acknowledgements ? { acknowledgements: published.acknowledgements } : {}),
        ...(published.revertOf === undefined ? {} : { revertOf: published.revertOf }),
        ...(published.source ? { madeByApplication: true } : {}),
      };
      const outcome = await this.commit(release, { ...published, releaseNumber: number }, expectedVersion, nowMs);
      if (outcome === 'number-taken') {
        if (attempt >= 50) throw new ConflictError('could not obtain a release number: too many concurrent publishes');
        continue;
      }
      return { release, state: await awaitVisible(number, this) };
    }
  }

  /**
   * Where projection runs when not in this process: on AWS, a message to the projector's queue.
   * Unset (locally, in tests), the publishing process projects.
   */
  scheduleProjection: ((release: number) => Promise<void>) | undefined;

  /** How long a publish request waits for its projection before answering `committed` (202). Default 20 s, from `PUBLISH_WAIT_MS`. */
  publishWaitMs = Number(process.env.PUBLISH_WAIT_MS) || 20_000;

  /** Called with an error of a roll-forward that will be retried later (for logging). */
  onRollForwardError: ((error: unknown) => void) | undefined;

  /** Called when this process has made a release visible (so its own readers see it at once). */
  onVisible: ((release: number) => void) | undefined;

  /** The commit point. After it succeeds the release will become visible, whatever happens next. */
  private async commit(release: Release, published: ChangeSet, expectedVersion: number, nowMs: number): Promise<'committed' | 'number-taken'> {
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          // The SDK retries a request whose answer was lost; the same token makes the retry of a
          // transaction that did commit succeed again instead of failing on its own condition.
          ClientRequestToken: requestToken(`${this.tableName}/${published.id}/${expectedVersion}/${release.number}`),
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...key(keys.release(release.number)), doc: S(JSON.stringify(release)), committedAtMs: N(Date.now()) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Update: this.changeSets.saveUpdate(published, expectedVersion, nowMs) },
          ],
        }),
      );
      return 'committed';
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if (reasons?.[1]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`change set ${published.id} was changed by someone else; reload and try again`, { cause: error });
      }
      if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return 'number-taken';
      if (isConditionFailure(error)) throw new ConflictError('publish conflicted with another write; try again', { cause: error });
      throw error;
    }
  }

  /**
   * Roll forward every committed release that is not yet visible, in release order. Returns
   * their numbers. Safe to run in any number of processes at once.
   */
  async recover(): Promise<number[]> {
    const rolled: number[] = [];
    let visible = await this.visibleRelease();
    let latest = await this.latestCommitted();
    while (visible < latest) {
      // The pointer is at `visible`: every release up to it is fully projected, so the view
      // holds the right bases for the next one.
      await this.project(visible + 1);
      rolled.push(visible + 1);
      visible += 1;
      this.onVisible?.(visible);
      if (visible === latest) latest = await this.latestCommitted();
    }
    return rolled;
  }

  /** The oldest committed release that is not visible yet, with the time it was committed. */
  async oldestInvisible(): Promise<{ number: number; committedAtMs: number } | undefined> {
    const visible = await this.visibleRelease();
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.release(visible + 1)), ConsistentRead: true }));
    if (!result.Item) return undefined;
    return { number: visible + 1, committedAtMs: result.Item.committedAtMs ? num(result.Item, 'committedAtMs') : 0 };
  }

  /**
   * Project release `number` into history and the current view, then make it visible.
   * Idempotent. Only `recover()` calls it, and only once release number−1 is visible.
   */
  private async project(number: number): Promise<void> {
    const release = await this.getRelease(number, { includeInvisible: true });
    if (!release) throw new Error(`release ${number} does not exist`);
    const changes = await this.changeSets.listChanges(release.changeSetId);
    const entries = [...groupByEntry(changes).values()];
    await this.progress.note(number, { entryCount: entries.length });
    // In chunks of 100 entries, pipelined: read the current versions, write each entry's new
    // history item, and only then its view item (history first, so that a view item at release
    // n always has its history item; a re-run skips entries whose view is already at n).
    await mapLimit(chunk(entries, 100), 4, async (group) => {
      const viewItems = await batchGet(
        this.client,
        this.tableName,
        group.map(({ kind, code }) => key(keys.viewEntry(kind, code))),
        1,
      );
      const current = new Map(viewItems.map((item) => [`${str(item, 'pk').slice('VIEW#'.length)}/${str(item, 'sk')}`, item]));
      const versions: EntryVersion[] = [];
      for (const entry of group) {
        const item = current.get(entryKey(entry));
        if (item && num(item, 'release') >= number) continue; // already projected
        const base = item ? (JSON.parse(str(item, 'timeline')) as Timeline) : [];
        versions.push({ kind: entry.kind, code: entry.code, release: number, timeline: applyChanges(base, entry.changes) });
      }
      if (versions.length === 0) return;
      await batchWrite(
        this.client,
        this.tableName,
        versions.map((version) => ({
          PutRequest: { Item: { ...key(keys.entryVersion(version.kind, version.code, number)), ...versionAttributes(version) } },
        })),
        4,
      );
      await this.writeView(versions, number);
      await this.progress.note(number, { projected: versions.length });
    });
    await this.advancePointer(number);
  }

  /** Write view items, never replacing an entry already at a later release. */
  private async writeView(versions: EntryVersion[], number: number): Promise<void> {
    const put = (version: EntryVersion) => ({
      TableName: this.tableName,
      Item: { ...key(keys.viewEntry(version.kind, version.code)), ...versionAttributes(version) },
      ConditionExpression: 'attribute_not_exists(pk) OR #release <= :number',
      ExpressionAttributeNames: { '#release': 'release' },
      ExpressionAttributeValues: { ':number': N(number) },
    });
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: versions.map((version) => ({ Put: put(version) })) }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // A later release already moved some of these entries on: write the others one by one.
      await mapLimit(versions, 8, async (version) => {
        try {
          await this.client.send(new PutItemCommand(put(version)));
        } catch (putError) {
          if (!isConditionFailure(putError)) throw putError;
        }
      });
    }
  }

  private async advancePointer(number: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key(keys.visiblePointer()),
          UpdateExpression: 'SET #release = :number',
          ConditionExpression: 'attribute_not_exists(#release) OR #release < :number',
          ExpressionAttributeNames: { '#release': 'release' },
          ExpressionAttributeValues: { ':number': N(number) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // someone else made it visible already
    }
  }

  /** How far the projection of a committed release has come (see projection-progress.ts). */
  projectionProgress(number: number) {
    return this.progress.read(number);
  }

  async getRelease(number: number, options: { includeInvisible?: boolean } = {}): Promise<Release | undefined> {
    if (!options.includeInvisible && number > (await this.visibleRelease())) return undefined;
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.release(number)), ConsistentRead: true }));
    return result.Item ? (JSON.parse(str(result.Item, 'doc')) as Release) : undefined;
  }

  /** Visible releases after `after`, oldest first. */
  async listReleases({ after, limit }: { after: number; limit: number }): Promise<{ releases: Release[]; visible: number }> {
    const visible = await this.visibleRelease();
    if (after >= visible) return { releases: [], visible };
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': S(keys.releases()),
          ':from': S(keys.releaseSk(after + 1)),
          ':to': S(keys.releaseSk(visible)),
        },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return { releases: (result.Items ?? []).map((item) => JSON.parse(str(item, 'doc')) as Release), visible };
  }

  async releaseChanges(release: Release): Promise<NumberedChange[]> {
    return this.changeSets.listChanges(release.changeSetId);
  }

  /** An entry as of release `asOf` (default: the visible release). */
  async getEntry(kind: EntryKind, code: string, asOf: number): Promise<EntryVersion | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.viewEntry(kind, code)), ConsistentRead: true }));
    if (result.Item && num(result.Item, 'release') <= asOf) return fromVersionItem(kind, code, result.Item);
    if (!result.Item) return undefined;
    return this.entryFromHistory(kind, code, asOf);
  }

  /** One page of the view of `kind` as of release `asOf`, ordered by code. */
  async listView(
    kind: EntryKind,
    { asOf, cursor, limit, codePrefix }: { asOf: number; cursor?: string; limit: number; codePrefix?: string },
  ): Promise<Page<EntryVersion>> {
    const values: Item = { ':pk': S(keys.view(kind)) };
    if (codePrefix) values[':prefix'] = S(codePrefix);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: codePrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: values,
        Limit: limit,
        ExclusiveStartKey: cursor === undefined ? undefined : { ...key(keys.viewEntry(kind, cursor)) },
        ConsistentRead: true,
      }),
    );
    const entries = await mapLimit(result.Items ?? [], 8, async (item) => {
      const code = str(item, 'sk');
      if (num(item, 'release') <= asOf) return fromVersionItem(kind, code, item);
      return this.entryFromHistory(kind, code, asOf);
    });
    const lastKey = result.LastEvaluatedKey;
    return {
      items: entries.filter((entry): entry is EntryVersion => entry !== undefined),
      ...(lastKey ? { cursor: str(lastKey, 'sk') } : {}),
    };
  }

  /** Every entry of `kind` as of release `asOf` (for small kinds, such as measures). */
  async allEntries(kind: EntryKind, asOf: number): Promise<EntryVersion[]> {
    const entries: EntryVersion[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listView(kind, { asOf, limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
      entries.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return entries;
  }

  private async entryFromHistory(kind: EntryKind, code: string, asOf: number): Promise<EntryVersion | undefined> {
    if (asOf < 1) return undefined;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk <= :upTo',
        ExpressionAttributeValues: { ':pk': S(keys.entryHistory(kind, code)), ':upTo': S(keys.releaseSk(asOf)) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = result.Items?.[0];
    return item ? fromVersionItem(kind, code, item) : undefined;
  }
}

export interface PublishOutcome {
  release: Release;
  /** `visible`: every reader sees it now. `committed`: it will be visible, but its projection must be resumed. */
  state: 'visible' | 'committed';
}
