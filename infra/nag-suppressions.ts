import type { Stack } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { type NagPackSuppression, NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { appVerifiedReadRoutes, publicPaths } from './catalog-http-api.ts';

const syncOnly = 'Invoked synchronously by the HTTP API only; a dead-letter queue applies to asynchronous invocations';
const bucketDeployment = 'CDK’s BucketDeployment provider (runs only while deploying, copying the built console into its bucket)';

/**
 * cdk-nag (AwsSolutions, Serverless) findings accepted on purpose, each with its reason. Applied
 * by the stack itself, so the reasons travel with the template; the infra tests run the packs.
 */
export function applyNagSuppressions(stack: Stack, options: { consoleHasOwnDomain: boolean }): void {
  const at = (path: string): IConstruct | undefined => path.split('/').reduce<IConstruct | undefined>((scope, id) => scope?.node.tryFindChild(id), stack);
  const suppress = (construct: IConstruct | undefined, suppressions: NagPackSuppression[]) => {
    if (construct) NagSuppressions.addResourceSuppressions(construct, suppressions, true);
  };

  for (const name of ['Api', 'Exchange', 'Scheduled', 'Identity/PreTokenGeneration', 'Projection/Projector', 'Files/Importer', 'Mailer/Function']) {
    suppress(at(`${name}/Role`), [
      {
        id: 'AwsSolutions-IAM5',
        appliesTo: ['Resource::*'],
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level permissions',
      },
    ]);
  }
  suppress(at('Api/Function'), [{ id: 'Serverless-LambdaDLQ', reason: syncOnly }]);
  suppress(at('Exchange/Function'), [{ id: 'Serverless-LambdaDLQ', reason: syncOnly }]);
  suppress(at('Identity/PreTokenGeneration/Function'), [
    { id: 'Serverless-LambdaDLQ', reason: 'Invoked synchronously by Cognito while it issues tokens; a failure fails that sign-in, nothing is queued' },
  ]);
  suppress(at('Scheduled/Function'), [
    {
      id: 'Serverless-LambdaDLQ',
      reason: 'Failed runs go to the hourly dead-letter queue through an on-failure destination (which keeps the error), not a DeadLetterConfig',
    },
  ]);
  suppress(at('Mailer/Function/Function'), [
    {
      id: 'Serverless-LambdaDLQ',
      reason: 'Failed runs go to the mailer’s dead-letter queue through an on-failure destination (which keeps the error), not a DeadLetterConfig',
    },
  ]);
  suppress(at('Projection/Projector/Function'), [
    {
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked by its SQS event source only: a message that fails five times goes to the queue’s own dead-letter queue (a redrive policy)',
    },
    {
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: 'The projection queue’s redrive policy sends a failing message to its dead-letter queue, which is alarmed',
    },
    {
      id: 'Serverless-LambdaAsyncFailureDestination',
      reason: 'Invoked asynchronously only by the every-minute schedule, whose failed run the next minute’s run repeats (it is idempotent)',
    },
  ]);
  for (const name of ['Exchange', 'Files/Importer']) {
    suppress(at(`${name}/Role`), [
      {
        id: 'AwsSolutions-IAM5',
        appliesTo: [{ regex: '/^Resource::<FilesBucket[0-9A-F]+\\.Arn>\\/(imports|exports)\\/\\*$/' }],
        reason: 'Object actions (get, put) on one key prefix of the files bucket: uploads to import (imports/) or exports written once per release (exports/)',
      },
    ]);
  }
  suppress(at('Exchange/Role'), [
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: [{ regex: '/^Resource::<DocumentsBucket[0-9A-F]+\\.Arn>\\/(uploads|documents)\\/\\*$/' }],
      reason:
        'Object actions on one key prefix of the documents bucket: uploads being checked (uploads/, deletable) and kept files (documents/, never deleted)',
    },
  ]);
  suppress(at('Files/Importer/Function'), [
    {
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked by its SQS event source only: a message that fails three times goes to the import queue’s dead-letter queue',
    },
    {
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: 'The import queue’s redrive policy sends a failing message to its dead-letter queue, which is alarmed',
    },
  ]);
  suppress(at('Files/ImportDeadLetterQueue'), [
    { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the import queue' },
    { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead-letter queue, read by an operator' },
  ]);
  suppress(at('Projection/DeadLetterQueue'), [
    { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the projection queue' },
    { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead-letter queue, read by an operator' },
  ]);
  suppress(at('Hourly/DeadLetterQueue'), [
    { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the hourly schedule and job' },
    { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead-letter queue, read by an operator' },
  ]);
  suppress(at('Mailer/Schedule/DeadLetterQueue'), [
    { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the mailer’s schedule and runs' },
    { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead-letter queue, read by an operator' },
  ]);
  for (const role of stack.node.children.filter((c) => c.node.id.startsWith('SchedulerRoleForTarget'))) {
    suppress(role, [
      {
        id: 'AwsSolutions-IAM5',
        appliesTo: [{ regex: '/^Resource::<(ScheduledFunction|ProjectionProjectorFunction|MailerFunction)[0-9A-F]+\\.Arn>:\\*$/' }],
        reason:
          'Scheduler may invoke the hourly job, the projector (every minute) and the mailer (every five minutes) and their versions only (the Lambda target’s own grant)',
      },
    ]);
  }

  for (const route of stack.node.findAll().filter((c): c is CfnRoute => c instanceof CfnRoute)) {
    const key = String(route.routeKey);
    if (publicPaths.some((path) => key === `GET ${path}`)) {
      suppress(route, [{ id: 'AwsSolutions-APIG4', reason: `${key} is public by design: liveness and the API’s own documentation, no catalog data` }]);
    }
    if (appVerifiedReadRoutes.some((path) => key === `GET ${path}`)) {
      suppress(route, [
        {
          id: 'AwsSolutions-APIG4',
          reason: `${key}: the API function verifies the bearer token itself (JWKS signature, issuer, expiry, client, revocation), since downstream systems’ clients are created after deployment`,
        },
      ]);
    }
  }

  if (!options.consoleHasOwnDomain) {
    suppress(at('Console/Distribution'), [
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'Served at its *.cloudfront.net name, whose default certificate CloudFront does not let a distribution restrict; set consoleDomain to get TLS 1.2 minimum',
      },
    ]);
  }

  suppress(at('Monitoring/AlarmTopic'), [
    {
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'The alarm e-mail subscription: an undelivered e-mail leaves the alarm in ALARM on the dashboard and in CloudWatch, so a dead-letter queue adds nothing',
    },
  ]);

  suppress(at('Backup/Plan/Table/Role'), [
    {
      id: 'AwsSolutions-IAM4',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup'],
      reason: 'AWS Backup’s own service-role policy, maintained by AWS for exactly this role',
    },
  ]);

  for (const provider of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
    suppress(provider, [
      {
        id: 'AwsSolutions-IAM4',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        reason: `${bucketDeployment}: comes with the basic execution role`,
      },
      { id: 'AwsSolutions-IAM5', reason: `${bucketDeployment}: reads the CDK asset bucket and writes the console bucket, its own grants scoped to those` },
      { id: 'AwsSolutions-L1', reason: `${bucketDeployment}: its runtime is chosen by aws-cdk-lib` },
      { id: 'Serverless-LambdaLatestVersion', reason: `${bucketDeployment}: its runtime is chosen by aws-cdk-lib` },
      { id: 'Serverless-LambdaDLQ', reason: `${bucketDeployment}: a CloudFormation custom resource, which reports its own failures` },
      { id: 'Serverless-LambdaTracing', reason: `${bucketDeployment}: not part of any request` },
    ]);
  }
}
