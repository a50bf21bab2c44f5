import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface CatalogTableProps {
  /**
   * What happens to the table when it leaves the stack.
   * @default RemovalPolicy.RETAIN - the catalog and its releases are the bureau's record;
   * losing them to a stack teardown is never what anyone meant.
   */
  readonly removalPolicy?: RemovalPolicy;
  /** CloudFormation and the console refuse to delete the table until it is turned off. @default true */
  readonly deletionProtection?: boolean;
  /** Encrypt with a customer-managed KMS key (rotated yearly) instead of an AWS-owned one. @default false */
  readonly customerManagedKey?: boolean;
}

/**
 * The single DynamoDB table of the catalog (single-table design: generic `pk` / `sk`; the key
 * shapes live in `functions/store/keys.ts`, not here).
 *
 * - on-demand billing: traffic is a nightly sync plus office hours, far from steady
 * - point-in-time recovery on: releases are immutable, but a bad import or a bug is not
 * - two global secondary indexes for the green-channel lists, the same as `applicationIndexes`
 *   in `functions/store/keys.ts` (infra never imports function code; a test compares them):
 *   `byOrg` (an organisation's own applications) and `byStateDue` (the bureau's inbox by state,
 *   soonest due first), all attributes projected so a list page is one query
 * - deletion protection on, and items expire by their `expiresAt` (epoch seconds; idempotency
 *   records write it), so DynamoDB's TTL removes them at no cost
 */
export class CatalogTable extends Construct {
  static readonly applicationIndexes = [
    { name: 'byOrg', pk: 'gsi1pk', sk: 'gsi1sk' },
    { name: 'byStateDue', pk: 'gsi2pk', sk: 'gsi2sk' },
  ] as const;

  /** The attribute DynamoDB's time to live reads (epoch seconds). */
  static readonly ttlAttribute = 'expiresAt';

  readonly table: Table;

  constructor(scope: Construct, id: string, props: CatalogTableProps = {}) {
    super(scope, id);

    const table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: props.deletionProtection ?? true,
      timeToLiveAttribute: CatalogTable.ttlAttribute,
      ...(props.customerManagedKey
        ? {
            encryption: TableEncryption.CUSTOMER_MANAGED,
            // Kept when the stack goes: without it the table's backups cannot be read.
            encryptionKey: new Key(this, 'TableKey', {
              description: 'Green Channel catalog table',
              enableKeyRotation: true,
              removalPolicy: RemovalPolicy.RETAIN,
            }),
          }
        : {}),
    });
    for (const index of CatalogTable.applicationIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.pk, type: AttributeType.STRING },
        sortKey: { name: index.sk, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.table = table;
  }
}
