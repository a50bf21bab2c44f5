import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import { mailPass } from '../jobs/send-mail.ts';
import { awsDynamoClient, createStore } from '../store/store.ts';
import { cognitoUserDirectory } from './cognito-user-directory.ts';
import { metricsNamespace } from './lambda-observer.ts';
import { sesMailSender } from './ses-mail.ts';

/** The mail job on AWS Lambda (every five minutes, see infra/mailer.ts): queue people's notifications as mail, send them through SES. */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'green-channel-mailer' });
const metrics = new Metrics({ namespace: metricsNamespace, serviceName: 'green-channel-mailer' });
const { TABLE_NAME: tableName, MAIL_FROM: from, CONSOLE_URL: consoleUrl, MAIL_CONFIGURATION_SET: configurationSet } = process.env;
if (!tableName || !from || !consoleUrl) throw new Error('TABLE_NAME, MAIL_FROM and CONSOLE_URL must be set');
const store = createStore({ client: awsDynamoClient(), tableName });
const send = sesMailSender(new SESv2Client({ maxAttempts: 3 }), from, configurationSet);
// With Cognito, each pass checks every subscriber is still who they were (enabled, same role and organisation).
const directory = process.env.USER_POOL_ID ? cognitoUserDirectory({ userPoolId: process.env.USER_POOL_ID }) : undefined;

export const handler = middy(async () => {
  const result = await mailPass({ store, now: () => new Date(), consoleUrl, send, ...(directory ? { directory } : {}) });
  metrics.addMetric('MailQueued', MetricUnit.Count, result.queued);
  metrics.addMetric('MailSent', MetricUnit.Count, result.sent);
  metrics.addMetric('MailFailures', MetricUnit.Count, result.failed);
  metrics.addMetric('MailStopped', MetricUnit.Count, result.stopped);
  logger.info('mail job done', result);
  return result;
})
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
