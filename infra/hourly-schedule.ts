import { Duration, TimeZone } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface HourlyScheduleProps {
  /** The job's function. */
  readonly handler: IFunction;
  readonly description: string;
  /** When it runs. @default the top of every hour, Beijing time */
  readonly expression?: ScheduleExpression;
}

/**
 * Runs a job with EventBridge Scheduler: the hourly job at the top of every hour, Beijing time
 * (the default), the mailer every five minutes.
 *
 * A run that cannot be delivered (Scheduler retries it for up to an hour) and a run that fails
 * (Lambda retries it twice) both end in the dead-letter queue, whose depth is alarmed. Missing a
 * run loses nothing: the job is idempotent and the next run does what this one did not.
 */
export class HourlySchedule extends Construct {
  static readonly timeZone = TimeZone.ASIA_SHANGHAI;

  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: HourlyScheduleProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    props.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    this.schedule = new Schedule(this, 'Schedule', {
      description: props.description,
      schedule: props.expression ?? ScheduleExpression.cron({ minute: '0', timeZone: HourlySchedule.timeZone }),
      target: new LambdaInvoke(props.handler, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
      }),
    });
  }
}
