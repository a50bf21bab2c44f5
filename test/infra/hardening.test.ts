import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineStyleHashes } from '../../infra/console-site.ts';
import { GreenChannelStack } from '../../infra/green-channel-stack.ts';
import { repoPath } from '../../infra/repo-paths.ts';
import { addNagPacks, nagErrors } from './nag.ts';
import { EdgeProtectionStack } from '../../infra/edge-protection-stack.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

const { context } = JSON.parse(readFileSync(repoPath('cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/** Every setting given: the bureau's own provider, the console's own domain, alarm e-mail, reservations, mail. */
const environment = {
  logRetentionDays: 365,
  alarmEmail: 'ops@example.cn',
  throttle: { rateLimit: 70, burstLimit: 140 },
  reservedConcurrency: { api: 40, exchange: 4, scheduled: 1 },
  consoleDomain: { domainName: 'gc.example.cn', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc' },
  webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/GreenChannelEdge/0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
  customerManagedKey: true,
  mail: { from: 'noreply@ybj.example.cn', configurationSet: 'green-channel' },
  identity: {
    mode: 'oidc',
    issuer: 'https://idp.example.cn/realms/bureau',
    audience: 'green-channel-api',
    rolesClaim: 'roles',
    orgClaim: 'org_id',
    consoleClientId: 'green-channel-console',
    tokenEndpoint: 'https://sso.example.cn/token',
  },
};

let outdir: string;
let stack: GreenChannelStack;
let template: Template;
let edge: EdgeProtectionStack;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'gc-infra-hardening-'));
  const app = new App({ outdir, context });
  stack = new GreenChannelStack(app, 'GreenChannel-prod', { environmentName: 'prod', environment });
  edge = new EdgeProtectionStack(app, 'GreenChannel-prod-edge');
  addNagPacks(app);
  template = Template.fromStack(stack);
}, 120_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

function only(type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]!;
}

const appFunctions = () =>
  Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter(
    ([, fn]) => fn.Properties.Environment?.Variables?.GC_MODE === 'aws',
  );

it('passes cdk-nag’s AwsSolutions and Serverless packs with the bureau’s provider and the console’s own domain', () => {
  expect(nagErrors(stack)).toEqual([]);
  expect(nagErrors(edge)).toEqual([]);
});

describe('the WAF (its own stack, in us-east-1)', () => {
  it('guards the distribution with AWS’s managed rule sets and a rate rule per client address', () => {
    expect(edge.region).toBe('us-east-1');
    const acl = Template.fromStack(edge).findResources('AWS::WAFv2::WebACL');
    const [webAcl] = Object.values(acl) as Resource[];
    expect(webAcl?.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const rules = webAcl?.Properties.Rules as { Name: string; Statement: Record<string, any> }[];
    expect(rules.map((rule) => rule.Name)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'RatePerClientAddress']);
    expect(rules[2]?.Statement.RateBasedStatement).toEqual({ Limit: 2000, AggregateKeyType: 'IP' });
    Template.fromStack(edge).hasOutput('WebAclArn', {});
    const [, distribution] = only('AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.WebACLId).toBe(environment.webAclArn);
  });

  it('encrypts the table with a customer-managed key that rotates, and lets the functions use it', () => {
    const [keyId, key] = only('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
    const [, api] = appFunctions().find(([, fn]) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'green-channel-api')!;
    const roleId = api.Properties.Role['Fn::GetAtt'][0] as string;
    const statements = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }) as Record<string, Resource>,
    ).flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string[]; Resource: unknown }[]);
    expect(statements.some((statement) => [statement.Action].flat().includes('kms:Decrypt') && JSON.stringify(statement.Resource).includes(keyId))).toBe(true);
  });
});

describe('the table', () => {
  it('is protected from deletion and expires items by their expiresAt (epoch seconds)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('is backed up daily (kept 35 days) and monthly (kept a year) by AWS Backup, into a retained vault', () => {
    const [tableId] = only('AWS::DynamoDB::Table');
    const [vaultId, vault] = only('AWS::Backup::BackupVault');
    expect(vault.DeletionPolicy).toBe('Retain');
    const [, plan] = only('AWS::Backup::BackupPlan');
    const rules = plan.Properties.BackupPlan.BackupPlanRule as Record<string, any>[];
    expect(rules.map((rule) => [rule.ScheduleExpression, rule.Lifecycle.DeleteAfterDays])).toEqual([
      ['cron(0 5 * * ? *)', 35],
      ['cron(0 5 1 * ? *)', 365],
    ]);
    for (const rule of rules) expect(rule.TargetBackupVault).toEqual({ 'Fn::GetAtt': [vaultId, 'BackupVaultName'] });
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [{ 'Fn::GetAtt': [tableId, 'Arn'] }] }),
    });
  });
});

describe('the functions', () => {
  it('run on Node.js 24 on ARM64, traced by X-Ray, with the configured reserved concurrency', () => {
    const byService = Object.fromEntries(appFunctions().map(([, fn]) => [fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME, fn.Properties]));
    expect(Object.keys(byService).sort()).toEqual([
      'green-channel-api',
      'green-channel-exchange',
      'green-channel-importer',
      'green-channel-mailer',
      'green-channel-projector',
      'green-channel-scheduled',
    ]);
    for (const fn of Object.values(byService)) {
      expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    }
    expect(byService['green-channel-api'].ReservedConcurrentExecutions).toBe(40);
    expect(byService['green-channel-exchange'].ReservedConcurrentExecutions).toBe(4);
    expect(byService['green-channel-scheduled'].ReservedConcurrentExecutions).toBe(1);
    expect(byService['green-channel-projector'].ReservedConcurrentExecutions).toBe(1);
    // One mail run at a time, so that no two send the same mail.
    expect(byService['green-channel-mailer'].ReservedConcurrentExecutions).toBe(1);
  });

  it('have roles of their own without AWSLambdaBasicExecutionRole, writing to their own log group only', () => {
    for (const [, fn] of appFunctions()) {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const role = template.findResources('AWS::IAM::Role')[roleId] as Resource;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: roleId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }),
          ]),
        },
      });
    }
  });

  it('may not scan the table, and none may touch its settings or stream', () => {
    const actions = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((statement) => [statement.Action].flat())
      .filter((action) => action.startsWith('dynamodb:'));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => /Scan|\*|Stream|Table$|Describe/.test(action))).toEqual([]);
  });

  it('keep their logs as long as configured, and keep them when the stack goes', () => {
    // All but the log group aws-cdk-lib makes for its BucketDeployment provider (deploy-time only).
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup') as Record<string, Resource>).filter(
      (group) => !JSON.stringify(group.Properties.LogGroupName ?? '').includes('CDKBucketDeployment'),
    );
    expect(groups).toHaveLength(7); // six functions (the mailer with `mail`) and the API's access log
    for (const group of groups) {
      expect(group.Properties.RetentionInDays).toBe(365);
      expect(group.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('the HTTP API', () => {
  it('throttles every route by default as configured', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 70, ThrottlingBurstLimit: 140 },
    });
  });

  it('writes a JSON access log line per request to its own log group, without the caller’s token', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] as string;
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]).toBeDefined();
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    expect(JSON.stringify(format)).not.toMatch(/authorizer\.claims|header|jwt/i);
  });

  it('allows no cross-origin browser calls: the console calls the API on its own origin', () => {
    expect(only('AWS::ApiGatewayV2::Api')[1].Properties.CorsConfiguration).toBeUndefined();
  });
});

describe('the console distribution', () => {
  const headers = () => only('AWS::CloudFront::ResponseHeadersPolicy')[1].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;

  it('serves the console’s own domain with its certificate, TLS 1.2 at least', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['gc.example.cn'],
        ViewerCertificate: {
          AcmCertificateArn: environment.consoleDomain.certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });

  it('sends HSTS with subdomains, nosniff, a referrer policy and no framing on every response', () => {
    const [policyId] = only('AWS::CloudFront::ResponseHeadersPolicy');
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultCacheBehavior: Match.objectLike({ ResponseHeadersPolicyId: { Ref: policyId } }) }),
    });
    expect(headers()).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
  });

  it('sends a strict Content-Security-Policy: own scripts only, index.html’s inline style by hash, and connections to the API and the identity provider only', () => {
    const csp = headers().ContentSecurityPolicy.ContentSecurityPolicy as { 'Fn::Join': [string, unknown[]] };
    const text = csp['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('');
    const directives = Object.fromEntries(text.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    const hashes = inlineStyleHashes(readFileSync(repoPath('admin-ui', 'dist', 'index.html'), 'utf8'));
    expect(hashes.length).toBeGreaterThan(0);
    expect(directives['style-src']).toEqual(["'self'", ...hashes]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    // Its own origin (the console and the API behind it), S3 for uploads, and the provider's origins.
    expect(directives['connect-src']).toEqual([
      "'self'",
      // The region's S3 endpoints, where the import form uploads a large file.
      'https://*.s3.{"Ref":"AWS::Region"}.{"Ref":"AWS::URLSuffix"}',
      'https://idp.example.cn',
      'https://sso.example.cn',
    ]);
    expect(text).not.toMatch(/unsafe-eval/);
    // Style attributes only (Lit renders computed positions in the timeline strip); never style elements or scripts.
    expect(text.match(/'unsafe-inline'/g)).toHaveLength(1);
    expect(directives['style-src-attr']).toEqual(["'unsafe-inline'"]);
  });

  it('logs requests to a private bucket that expires them with the other logs', () => {
    const [, distribution] = only('AWS::CloudFront::Distribution');
    const logBucketId = distribution.Properties.DistributionConfig.Logging.Bucket['Fn::GetAtt'][0] as string;
    const bucket = template.findResources('AWS::S3::Bucket')[logBucketId] as Resource;
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 365, Status: 'Enabled' })]);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
  });
});

describe('monitoring', () => {
  it('sends alarms to an SNS topic (TLS only) the configured address subscribes to', () => {
    const [topicId] = only('AWS::SNS::Topic');
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.cn', TopicArn: { Ref: topicId } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it('alarms on the API’s 5xx rate and p99 latency, every function’s errors and throttles, and the hourly dead-letter queue', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>).map((alarm) => alarm.Properties);
    const metricOf = (alarm: Record<string, any>) =>
      alarm.MetricName ??
      (alarm.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[])
        .map((m) => m.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .join('/');
    const p99 = alarms.find((alarm) => alarm.MetricName === 'Latency');
    expect(p99).toMatchObject({ ExtendedStatistic: 'p99', Namespace: 'AWS/ApiGateway' });
    expect(alarms.some((alarm) => metricOf(alarm) === 'Count/5xx' || metricOf(alarm) === '5xx/Count')).toBe(true);
    const fnIds = appFunctions().map(([id]) => id);
    for (const metric of ['Errors', 'Throttles']) {
      const watched = alarms.filter((alarm) => alarm.MetricName === metric).map((alarm) => alarm.Dimensions[0].Value.Ref);
      expect(watched.sort(), metric).toEqual([...fnIds].sort());
    }
    // Both dead-letter queues: the hourly job's and the projector's.
    const deadLetterQueues = Object.keys(template.findResources('AWS::SQS::Queue')).filter((id) => /^(Hourly|Projection)DeadLetterQueue/.test(id));
    expect(deadLetterQueues).toHaveLength(2);
    for (const queueId of deadLetterQueues) {
      expect(
        alarms.some(
          (alarm) =>
            alarm.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            JSON.stringify(alarm.Dimensions).includes(JSON.stringify({ 'Fn::GetAtt': [queueId, 'QueueName'] })),
        ),
        queueId,
      ).toBe(true);
    }
  });

  it('alarms on the projection lag the hourly job measures, and charts the app’s own metrics', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'GreenChannel',
      MetricName: 'ProjectionLag',
      Dimensions: [{ Name: 'service', Value: 'green-channel-scheduled' }],
      Statistic: 'Maximum',
      Threshold: 600,
    });
    // The bureau is told when a downstream system's webhook endpoint is disabled.
    const disabledAlarm = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>).find((alarm) =>
      JSON.stringify(alarm.Properties.Metrics ?? []).includes('WebhooksDisabled'),
    );
    expect(disabledAlarm?.Properties.Threshold).toBe(1);
    const [, dashboard] = only('AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const metric of ['Requests', 'Publishes', 'PublishDuration', 'ImportsRejected', 'ImportRows', 'OverdueApplications', 'HourlyJobRuns']) {
      expect(body, metric).toContain(metric);
    }
  });

  it('has one dashboard, named for the stack', () => {
    const [, dashboard] = only('AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties.DashboardName).toBe('GreenChannel-prod');
  });
});
