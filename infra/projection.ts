import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.ts';
import { repoPath } from './repo-paths.ts';

export interface ProjectionProps {
  readonly table: ITable;
  /** The function that publishes (the API): it may send to the queue and is told its URL. */
  readonly publisher: ApiFunction;
  readonly logRetention?: RetentionDays;
}

/** Lambda's longest run: a 20,000-entry release is projected well within it. */
const PROJECTOR_TIMEOUT = Duration.minutes(15);

/**
 * Projection outside the publish request (issue 11 §2): the API commits a release, sends its
 * number to this queue and answers; the projector function, one at a time (reserved concurrency
 * 1: releases are projected strictly in order anyway), rolls every committed release forward and
 * makes each visible all at once. A message that fails five times goes to the dead-letter queue.
 */
export class Projection extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly projector: ApiFunction;
  readonly everyMinute: Schedule;
  readonly eventBus: EventBus;

  constructor(scope: Construct, id: string, props: ProjectionProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longer than the projector may run, so a message is not handed out twice meanwhile.
      visibilityTimeout: Duration.minutes(16),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    this.projector = new ApiFunction(this, 'Projector', {
      entry: repoPath('functions', 'handlers', 'projector.ts'),
      serviceName: 'green-channel-projector',
      timeout: PROJECTOR_TIMEOUT,
      reservedConcurrency: 1,
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    });
    this.projector.bindTable(props.table, 'job');
    this.projector.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, maxBatchingWindow: Duration.seconds(0) }));

    // Every minute the projector also runs on its own: webhook deliveries that failed are retried
    // on their backoff (and a release whose queue message was lost is rolled forward). A run that
    // fails is not retried: the next minute's is.
    this.projector.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(2) });
    this.everyMinute = new Schedule(this, 'EveryMinute', {
      description: 'Retry due webhook deliveries; roll committed releases forward',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(this.projector.function, { retryAttempts: 0, maxEventAge: Duration.minutes(2) }),
    });

    // Every release made visible is also an event on this bus, for consumers inside AWS.
    this.eventBus = new EventBus(this, 'ReleaseEvents', { description: 'Green Channel: release.published, one event per visible release' });
    this.projector.function.addEnvironment('EVENT_BUS_NAME', this.eventBus.eventBusName);
    this.eventBus.grantPutEventsTo(this.projector.function);

    props.publisher.function.addEnvironment('PROJECTION_QUEUE_URL', this.queue.queueUrl);
    this.queue.grantSendMessages(props.publisher.function);
  }
}
