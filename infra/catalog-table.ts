import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface CatalogTableProps {
  /**
   * What happens to the table when it leaves the stack.
   * @default RemovalPolicy.RETAIN - the catalog and its releases are the bureau's record;
   * losing them to a stack teardown is never what anyone meant.
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The single DynamoDB table of the catalog (single-table design: generic `pk` / `sk`; the key
 * shapes live in `functions/store/keys.ts`, not here).
 *
 * - on-demand billing: traffic is a nightly sync plus office hours, far from steady
 * - point-in-time recovery on: releases are immutable, but a bad import or a bug is not
 */
export class CatalogTable extends Construct {
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: CatalogTableProps = {}) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
