import { GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MachineClient } from '#catalog/machine-client.ts';
import type { Person } from '#catalog/identity.ts';
import { type Item, key, N, queryAll, S, str } from './dynamo.ts';
import { isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';

/** How long a process trusts what it read of a client's revocation (issue 10: "at most a few seconds"). */
const REVOCATION_CACHE_MS = 3000;
/** A client's last use is written at most this often. */
const LAST_USE_RESOLUTION_MS = 60_000;

/**
 * The bureau's register of downstream systems' clients: who registered which system, when, and
 * whether it is revoked. The identity provider holds the secrets; the API checks revocation here
 * on every request of a machine client (cached a few seconds), since a token stays valid at the
 * provider until it expires.
 */
export class MachineClientStore {
  private readonly revoked = new Map<string, { revoked: boolean; readAt: number }>();
  private readonly lastWritten = new Map<string, number>();

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(machineClient: MachineClient): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...key(keys.machineClient(machineClient.clientId)), doc: S(JSON.stringify(machineClient)) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(clientId: string): Promise<MachineClient | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.machineClient(clientId)), ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  async list(): Promise<MachineClient[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.machineClients()) },
    });
    return items.map(fromItem).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Mark revoked; false when there is no such client or it was revoked already. */
  async revoke(clientId: string, by: Person, at: string): Promise<boolean> {
    const current = await this.get(clientId);
    if (!current || current.revokedAt) return false;
    const next: MachineClient = { ...current, revokedBy: by, revokedAt: at };
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...key(keys.machineClient(clientId)), doc: S(JSON.stringify(next)), revoked: N(1) },
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revoked)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    this.revoked.set(clientId, { revoked: true, readAt: Date.now() });
    return true;
  }

  /**
   * Whether a machine client may still call: refused once the bureau revoked it. A client the
   * register does not know (registered at an external provider directly) is the provider's to vouch for.
   */
  async isActive(clientId: string, nowIso: string): Promise<boolean> {
    const cached = this.revoked.get(clientId);
    let revoked = cached && Date.now() - cached.readAt < REVOCATION_CACHE_MS ? cached.revoked : undefined;
    if (revoked === undefined) {
      const result = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: key(keys.machineClient(clientId)), ProjectionExpression: 'revoked', ConsistentRead: true }),
      );
      revoked = result.Item?.revoked !== undefined;
      this.revoked.set(clientId, { revoked, readAt: Date.now() });
      if (this.revoked.size > 10_000) this.revoked.clear();
    }
    if (!revoked) await this.touch(clientId, nowIso);
    return !revoked;
  }

  /** Record the last use, at most once a minute per client and process; only for registered clients. */
  private async touch(clientId: string, nowIso: string): Promise<void> {
    const last = this.lastWritten.get(clientId) ?? 0;
    if (Date.now() - last < LAST_USE_RESOLUTION_MS) return;
    this.lastWritten.set(clientId, Date.now());
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key(keys.machineClient(clientId)),
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': S(nowIso) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

function fromItem(item: Item): MachineClient {
  const doc = MachineClient.parse(JSON.parse(str(item, 'doc')));
  const lastUsedAt = item.lastUsedAt?.S;
  return lastUsedAt ? { ...doc, lastUsedAt } : doc;
}
