import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  type IMetric,
  TreatMissingData,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MonitoringProps {
  /** Subscribed to the alarm topic (the recipient confirms by e-mail). @default no subscriber */
  readonly alarmEmail?: string;
  /** Unique per account and region, e.g. the stack's name. */
  readonly dashboardName: string;
}

/** Thresholds of the alarms, in one place. */
export const alarmThresholds = {
  /** Per cent of API requests answered 5xx over 5 minutes (with at least 20 requests). */
  api5xxPercent: 5,
  /** API latency p99 in milliseconds, three 5-minute periods in a row. */
  apiP99LatencyMs: 10_000,
  /** Any unhandled function error or throttle in 5 minutes. */
  functionErrors: 1,
  functionThrottles: 1,
  /** Any message in a dead-letter queue. */
  deadLetters: 1,
  /** Seconds a committed release has waited to become visible, as the hourly job finds it. */
  projectionLagSeconds: 600,
  /** The SES account's bounce rate (0–1): SES reviews an account at 5% and may pause it at 10%. */
  mailBounceRate: 0.05,
  /** Mails given up after five failed attempts, in an hour. */
  mailFailures: 1,
} as const;

/** The app's own metrics (Powertools, embedded metric format): functions/handlers/lambda-observer.ts. */
const appNamespace = 'GreenChannel';

/**
 * What an operator watches: alarms to one SNS topic (API 5xx rate and p99 latency, errors and
 * throttles of every function, the hourly job's failures and dead letters) and one dashboard.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'Green Channel alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(24),
      widgets: [[new TextWidget({ markdown: '# Green Channel\nAPI, functions and the hourly job. Alarms go to the alarm topic.', width: 24, height: 2 })]],
    });
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string, evaluationPeriods = 1): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }

  /** Alarms on the API's 5xx rate and p99 latency; requests, errors and latency on the dashboard. */
  watchApi(api: IHttpApi): void {
    const period = Duration.minutes(5);
    const requests = api.metricCount({ period, statistic: 'Sum' });
    const serverErrors = api.metricServerError({ period, statistic: 'Sum' });
    const clientErrors = api.metricClientError({ period, statistic: 'Sum' });
    const p99 = api.metricLatency({ period, statistic: 'p99' });
    const errorRate = new MathExpression({
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period,
      label: '5xx %',
    });
    this.alarm('Api5xxRate', errorRate, alarmThresholds.api5xxPercent, `More than ${alarmThresholds.api5xxPercent}% of API requests answered 5xx in 5 minutes`);
    this.alarm('ApiP99Latency', p99, alarmThresholds.apiP99LatencyMs, `API p99 latency above ${alarmThresholds.apiP99LatencyMs} ms for 15 minutes`, 3);
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'API requests', left: [requests], right: [clientErrors, serverErrors], width: 12 }),
      new GraphWidget({ title: 'API latency', left: [api.metricLatency({ period, statistic: 'p50' }), p99], width: 12 }),
    );
  }

  /**
   * Mail (with the environment's `mail`): mails the mailer gave up on, and the SES account's
   * bounce rate, which SES itself acts on (review at 5%, pause at 10%).
   */
  watchMail(): void {
    const failures = new Metric({
      namespace: appNamespace,
      metricName: 'MailFailures',
      dimensionsMap: { service: 'green-channel-mailer' },
      statistic: 'Sum',
      period: Duration.hours(1),
    });
    this.alarm(
      'MailFailures',
      failures,
      alarmThresholds.mailFailures,
      'A mail was given up after five failed attempts (its error is on 发件箱 in the console)',
    );
    const bounceRate = new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) });
    this.alarm(
      'MailBounceRate',
      bounceRate,
      alarmThresholds.mailBounceRate,
      `The SES account's bounce rate reached ${alarmThresholds.mailBounceRate * 100}%: SES may pause its sending; check the addresses on 发件箱`,
    );
    this.dashboard.addWidgets(new GraphWidget({ title: 'Mail: given up, bounce rate', left: [failures], right: [bounceRate], width: 24 }));
  }

  /**
   * The app's own metrics: requests by route and status class, publishes (count, duration,
   * size), imports (done, rejected, failed, rows), the hourly job (runs, releases rolled
   * forward, overdue applications) and the projection lag, which alarms.
   */
  watchApp(): void {
    const period = Duration.minutes(5);
    const of = (service: string, metricName: string, statistic = 'Sum', hours = 0) =>
      new Metric({ namespace: appNamespace, metricName, dimensionsMap: { service }, statistic, period: hours ? Duration.hours(hours) : period });
    const lag = of('green-channel-scheduled', 'ProjectionLag', 'Maximum', 1);
    this.alarm(
      'ProjectionLag',
      lag,
      alarmThresholds.projectionLagSeconds,
      `A committed release waited more than ${alarmThresholds.projectionLagSeconds} s to become visible (the projector is failing)`,
    );
    // A downstream system's endpoint disabled after a day of failures: the bureau is told.
    const disabled = new MathExpression({
      expression: 'projector + scheduled',
      usingMetrics: { projector: of('green-channel-projector', 'WebhooksDisabled'), scheduled: of('green-channel-scheduled', 'WebhooksDisabled') },
      period,
      label: 'webhook endpoints disabled',
    });
    this.alarm(
      'WebhookDisabled',
      disabled,
      1,
      'A downstream system’s webhook endpoint was disabled after a day of failed deliveries (see Webhook 推送 in the console)',
    );
    const requestsBy = (status: string) =>
      new MathExpression({
        expression: `SEARCH('{${appNamespace},route,service,status} MetricName="Requests" status="${status}"', 'Sum', 300)`,
        label: status,
        period,
      });
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Requests by route: 4xx and 5xx', left: [requestsBy('4xx'), requestsBy('5xx')], width: 24 }),
      new GraphWidget({
        title: 'Publishes: count, changes, duration (ms)',
        left: [of('green-channel-api', 'Publishes'), of('green-channel-api', 'PublishedChanges')],
        right: [of('green-channel-api', 'PublishDuration', 'p99')],
        width: 12,
      }),
      new GraphWidget({
        title: 'Imports: done, rejected, failed; rows',
        left: [of('green-channel-importer', 'ImportsDone'), of('green-channel-importer', 'ImportsRejected'), of('green-channel-importer', 'ImportsFailed')],
        right: [of('green-channel-importer', 'ImportRows')],
        width: 12,
      }),
      new GraphWidget({
        title: 'Hourly job: runs, releases rolled forward, overdue applications; projection lag (s)',
        left: [
          of('green-channel-scheduled', 'HourlyJobRuns', 'Sum', 1),
          of('green-channel-scheduled', 'RolledForwardReleases', 'Sum', 1),
          of('green-channel-scheduled', 'OverdueApplications', 'Maximum', 1),
        ],
        right: [lag],
        width: 24,
      }),
    );
  }

  /** Alarms on a function's errors and throttles; invocations, errors and duration on the dashboard. */
  watchFunction(label: string, fn: IFunction): void {
    const period = Duration.minutes(5);
    const errors = fn.metricErrors({ period, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period, statistic: 'Sum' });
    this.alarm(`${label}Errors`, errors, alarmThresholds.functionErrors, `${label} function: unhandled errors`);
    this.alarm(`${label}Throttles`, throttles, alarmThresholds.functionThrottles, `${label} function: throttled invocations`);
    this.dashboard.addWidgets(
      new GraphWidget({ title: `${label}: invocations, errors, throttles`, left: [fn.metricInvocations({ period }), errors, throttles], width: 12 }),
      new GraphWidget({
        title: `${label}: duration`,
        left: [fn.metricDuration({ period, statistic: 'p50' }), fn.metricDuration({ period, statistic: 'p99' })],
        width: 12,
      }),
    );
  }

  /**
   * A scheduled job: its function's errors and throttles (a failed run) as {@link watchFunction},
   * and an alarm when its dead-letter queue holds a run that was never delivered or failed after retries.
   */
  watchJob(label: string, fn: IFunction, deadLetterQueue: IQueue): void {
    this.watchFunction(label, fn);
    const failures = fn.metricErrors({ period: Duration.hours(1), statistic: 'Sum' });
    const deadLetters = deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' });
    this.alarm(
      `${label}DeadLetters`,
      deadLetters,
      alarmThresholds.deadLetters,
      `${label}: runs in the dead-letter queue (undelivered or failed after retries)`,
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: `${label}: runs, failures, dead letters`,
        left: [fn.metricInvocations({ period: Duration.hours(1) }), failures],
        right: [deadLetters],
        width: 24,
      }),
    );
  }
}
