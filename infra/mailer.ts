import { Duration, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { ConfigurationSet, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.ts';
import { HourlySchedule } from './hourly-schedule.ts';
import { repoPath } from './repo-paths.ts';

export interface MailerProps {
  readonly table: ITable;
  /** The API, which takes people's opt-ins (it is told mail is sent, and where the console is). */
  readonly api: ApiFunction;
  /** The sender: an address of an identity verified in SES in this account and region. */
  readonly from: string;
  /**
   * The SES configuration set the mail is sent with, by name.
   * @default one of the stack's: bounced and complained addresses suppressed, reputation metrics on
   */
  readonly configurationSet?: string | undefined;
  /** The console's address, for the links in mail. */
  readonly consoleUrl: string;
  readonly logRetention: RetentionDays;
  /**
   * The Cognito user pool, where there is one: each run checks every subscriber is still who they
   * were (enabled, same role and organisation) and stops the mail of anyone who is not.
   * @default none (an external provider: changes there are not seen)
   */
  readonly userPool?: IUserPool | undefined;
}

/**
 * Mail for people who opt in (issue 14 §3): a function that, every five minutes, queues
 * people's new notifications as mail in the table's outbox and sends what is queued through
 * SES. One run at a time (reserved concurrency 1), so that no two runs send the same mail; a
 * run that fails is retried, then dead-lettered (alarmed), and the next run does its work.
 * It may send only as `from`'s identity (its address, or its domain's).
 */
export class Mailer extends Construct {
  readonly function: ApiFunction;
  readonly schedule: HourlySchedule;

  constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    this.function = new ApiFunction(this, 'Function', {
      entry: repoPath('functions', 'handlers', 'mailer.ts'),
      serviceName: 'green-channel-mailer',
      logRetention: props.logRetention,
      reservedConcurrency: 1,
      timeout: Duration.minutes(4),
      memorySize: 512,
    });
    this.function.bindTable(props.table, 'mailer');
    const fn = this.function.function;
    fn.addEnvironment('MAIL_FROM', props.from);
    fn.addEnvironment('CONSOLE_URL', props.consoleUrl);
    // SES stops mailing an address that bounced or complained (whatever the account's own setting), and publishes the reputation metrics the bounce-rate alarm reads.
    const configurationSet =
      props.configurationSet ??
      new ConfigurationSet(this, 'ConfigurationSet', { suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS, reputationMetrics: true })
        .configurationSetName;
    fn.addEnvironment('MAIL_CONFIGURATION_SET', configurationSet);
    if (props.userPool) {
      fn.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
      props.userPool.grant(fn, 'cognito-idp:ListUsers', 'cognito-idp:AdminListGroupsForUser');
    }

    const { region, account } = Stack.of(this);
    const domain = props.from.slice(props.from.lastIndexOf('@') + 1);
    const identity = (name: string) => `arn:aws:ses:${region}:${account}:identity/${name}`;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [identity(props.from), identity(domain), `arn:aws:ses:${region}:${account}:configuration-set/${configurationSet}`],
        conditions: { StringEquals: { 'ses:FromAddress': props.from } },
      }),
    );

    props.api.function.addEnvironment('MAIL_DELIVERY', 'ses');
    props.api.function.addEnvironment('CONSOLE_URL', props.consoleUrl);

    this.schedule = new HourlySchedule(this, 'Schedule', {
      handler: fn,
      description: 'Queue people’s new notifications as mail and send queued mail through SES',
      expression: ScheduleExpression.rate(Duration.minutes(5)),
    });
  }
}
