import { GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { Person } from '#catalog/identity.ts';
import { Instant } from '#catalog/time.ts';
import { key, queryAll, S, str } from './dynamo.ts';
import { isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';

/** A long-lived token of a downstream system (locally issued; on AWS, Cognito client credentials). */
export const MachineToken = z
  .object({
    id: z.string(),
    name: z.string(),
    orgId: z.string().optional(),
    createdBy: Person,
    createdAt: Instant,
    expiresAt: Instant,
    revokedBy: Person.optional(),
    revokedAt: Instant.optional(),
  })
  .meta({ id: 'MachineToken' });
export type MachineToken = z.infer<typeof MachineToken>;

export class MachineTokenStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(token: MachineToken): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...key(keys.machineToken(token.id)), doc: S(JSON.stringify(token)) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<MachineToken | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(keys.machineToken(id)), ConsistentRead: true }));
    return result.Item ? (JSON.parse(str(result.Item, 'doc')) as MachineToken) : undefined;
  }

  /** Known and not revoked (expiry is the token's own `exp`). */
  async isActive(id: string): Promise<boolean> {
    const token = await this.get(id);
    return token !== undefined && token.revokedAt === undefined;
  }

  async list(): Promise<MachineToken[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.machineTokens()) },
    });
    return items.map((item) => JSON.parse(str(item, 'doc')) as MachineToken).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Revoke; false when there is no such token. Revoking twice keeps the first revocation. */
  async revoke(revoked: MachineToken): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key(keys.machineToken(revoked.id)),
          UpdateExpression: 'SET doc = :doc, revoked = :yes',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revoked)',
          ExpressionAttributeValues: { ':doc': S(JSON.stringify(revoked)), ':yes': S('yes') },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return (await this.get(revoked.id)) !== undefined;
      throw error;
    }
  }
}
