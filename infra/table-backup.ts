import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface TableBackupProps {
  readonly table: ITable;
}

/**
 * AWS Backup of the catalog table beyond point-in-time recovery's 35 days: a daily backup kept
 * 35 days and a monthly one kept a year, in a vault that outlives the stack.
 */
export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', { removalPolicy: RemovalPolicy.RETAIN });
    // `BackupPlan.dailyMonthly1YearRetention`'s rules, under a name unique to the stack (plan
    // names are unique in an account and region, and two environments may share one).
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `${Stack.of(this).stackName}-table`,
      backupVault: this.vault,
      backupPlanRules: [BackupPlanRule.daily(), BackupPlanRule.monthly1Year()],
    });
    this.plan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(props.table)] });
  }
}
