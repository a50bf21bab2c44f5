import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EnvironmentConfig, environmentsOf, InvalidConfigError, parseEnvironmentConfig } from '../../infra/config.ts';
import { GreenChannelStack } from '../../infra/green-channel-stack.ts';
import { repoPath } from '../../infra/repo-paths.ts';
import { addNagPacks, nagErrors, nagWarnings } from './nag.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

const { context } = JSON.parse(readFileSync(repoPath('cdk.json'), 'utf8')) as { context: Record<string, unknown> };

describe('the environments of cdk.json', () => {
  let outdir: string;
  const stacks: Record<string, GreenChannelStack> = {};
  const templates: Record<string, Template> = {};

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'gc-infra-envs-'));
    // As infra/app.ts builds them: one stack per environment, side by side in one app.
    const app = new App({ outdir, context });
    for (const [name, environment] of Object.entries(environmentsOf(app))) {
      stacks[name] = new GreenChannelStack(app, environment.stackName ?? `GreenChannel-${name}`, { environmentName: name, environment });
    }
    addNagPacks(app);
    for (const [name, stack] of Object.entries(stacks)) templates[name] = Template.fromStack(stack);
  }, 180_000);

  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it('are dev and prod, each its own stack', () => {
    expect(Object.keys(stacks).sort()).toEqual(['dev', 'prod']);
    expect(stacks.dev!.stackName).toBe('GreenChannel-dev');
    expect(stacks.prod!.stackName).toBe('GreenChannel-prod');
  });

  it('pass cdk-nag’s AwsSolutions and Serverless packs, every finding fixed or suppressed with a reason', () => {
    for (const stack of Object.values(stacks)) expect(nagErrors(stack), stack.stackName).toEqual([]);
    // What is left is advice: geo restriction and WAF on the distribution (not built yet).
    for (const stack of Object.values(stacks)) expect(new Set(nagWarnings(stack))).toEqual(new Set(['AwsSolutions-CFR1', 'AwsSolutions-CFR2']));
  });

  it('give no two resources the same physical name, so both deploy to one account and region', () => {
    // Names AWS does not require to be unique (scoped to a resource of the stack, or labels).
    const mayRepeat = new Set([
      'AWS::ApiGatewayV2::Api.Name',
      'AWS::ApiGatewayV2::Authorizer.Name',
      'AWS::ApiGatewayV2::Stage.StageName',
      'AWS::CloudWatch::Alarm.MetricName',
      'AWS::CloudWatch::Alarm.Name',
      'AWS::Cognito::UserPool.Name',
      'AWS::Cognito::UserPoolGroup.GroupName',
      'AWS::Cognito::UserPoolResourceServer.Name',
      'AWS::Cognito::UserPoolResourceServer.ScopeName',
      'AWS::DynamoDB::Table.AttributeName',
      'AWS::DynamoDB::Table.IndexName',
      'AWS::IAM::Policy.PolicyName',
      'AWS::SNS::Topic.DisplayName',
      'AWS::Backup::BackupPlan.RuleName',
      'AWS::Backup::BackupSelection.SelectionName',
    ]);
    const names = (template: Template) => {
      const found = new Set<string>();
      const walk = (value: unknown, type: string) => {
        if (!value || typeof value !== 'object') return;
        for (const [key, inner] of Object.entries(value)) {
          if ((/Name$/.test(key) || key === 'Domain') && (typeof inner === 'string' || (typeof inner === 'object' && inner !== null && 'Fn::Join' in inner))) {
            const text = JSON.stringify(inner);
            // A name made from one of the stack's own resources differs between stacks anyway.
            if (/"(Ref|Fn::GetAtt)":\[?"(?!AWS::)/.test(text)) continue;
            if (!mayRepeat.has(`${type}.${key}`)) found.add(`${type}.${key}=${text}`);
          } else walk(inner, type);
        }
      };
      for (const resource of Object.values(template.toJSON().Resources as Record<string, Resource>)) walk(resource.Properties, resource.Type);
      return found;
    };
    const dev = names(templates.dev!);
    const prod = names(templates.prod!);
    expect(dev.size).toBeGreaterThan(3); // dashboard, Cognito domain, CloudFront policies…
    expect([...dev].filter((name) => prod.has(name))).toEqual([]);
    expect([...dev].some((name) => name.startsWith('AWS::Cognito::UserPoolDomain.Domain=') && name.includes('green-channel-dev-'))).toBe(true);
  });

  it('apply each environment’s settings: backups, deletion protection, throttling, reserved concurrency, log retention', () => {
    const { dev, prod } = templates as { dev: Template; prod: Template };
    expect(Object.keys(dev.findResources('AWS::Backup::BackupPlan'))).toHaveLength(0);
    expect(Object.keys(prod.findResources('AWS::Backup::BackupPlan'))).toHaveLength(1);
    dev.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    prod.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    dev.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } });
    prod.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 } });
    const reserved = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>)
        .filter((fn) => fn.Properties.Environment?.Variables?.GC_MODE === 'aws')
        .map((fn) => [fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME, fn.Properties.ReservedConcurrentExecutions]);
    // The projector is one at a time everywhere: releases are projected strictly in order.
    expect(Object.fromEntries(reserved(prod))).toEqual({
      'green-channel-api': 50,
      'green-channel-exchange': 5,
      'green-channel-scheduled': 1,
      'green-channel-projector': 1,
      'green-channel-pre-token': undefined,
    });
    expect(Object.fromEntries(reserved(dev))).toEqual({
      'green-channel-api': undefined,
      'green-channel-exchange': undefined,
      'green-channel-scheduled': undefined,
      'green-channel-projector': 1,
      'green-channel-pre-token': undefined,
    });
    const retentions = (template: Template) =>
      new Set(
        Object.values(template.findResources('AWS::Logs::LogGroup') as Record<string, Resource>)
          // aws-cdk-lib's own BucketDeployment provider (deploy-time only) keeps its default.
          .filter((group) => !JSON.stringify(group.Properties.LogGroupName ?? '').includes('CDKBucketDeployment'))
          .map((group) => group.Properties.RetentionInDays),
      );
    expect(retentions(dev)).toEqual(new Set([90]));
    expect(retentions(prod)).toEqual(new Set([180]));
  });
});

describe('environment settings', () => {
  it('default to what production needs', () => {
    expect(parseEnvironmentConfig({}, 'prod')).toEqual({
      logRetentionDays: 180,
      backup: true,
      deletionProtection: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      reservedConcurrency: {},
      customerManagedKey: false,
    } satisfies EnvironmentConfig);
  });

  it.each([
    ['a retention CloudWatch does not offer', { logRetentionDays: 200 }, /environments\.prod\.logRetentionDays: logRetentionDays must be one of 1, 3/],
    ['an alarm address that is not one', { alarmEmail: 'ops' }, /environments\.prod\.alarmEmail: alarmEmail must be an e-mail address/],
    ['a zero burst', { throttle: { burstLimit: 0 } }, /environments\.prod\.throttle\.burstLimit: throttle\.burstLimit must be positive/],
    ['reserved concurrency for an unknown function', { reservedConcurrency: { web: 2 } }, /Unrecognized key: "web"/],
    [
      'a certificate outside us-east-1',
      { consoleDomain: { domainName: 'gc.example.cn', certificateArn: 'arn:aws:acm:cn-north-1:123456789012:certificate/abc' } },
      /consoleDomain\.certificateArn must be an ACM certificate ARN in us-east-1/,
    ],
    ['a misspelt key', { logRetention: 180 }, /Unrecognized key: "logRetention"/],
  ])('refuse %s, naming the field', (_name, raw, message) => {
    expect(() => parseEnvironmentConfig(raw, 'prod')).toThrow(InvalidConfigError);
    expect(() => parseEnvironmentConfig(raw, 'prod')).toThrow(message);
  });

  it('refuse an environment name that cannot be part of resource names', () => {
    expect(() => parseEnvironmentConfig({}, 'Prod_1')).toThrow(/Invalid environment name.*"Prod_1"/);
  });

  it('are read from the context as JSON too (cdk synth -c environments=…)', () => {
    const app = new App({ context: { environments: JSON.stringify({ test: { backup: false } }) } });
    expect(environmentsOf(app).test).toMatchObject({ backup: false, logRetentionDays: 180 });
  });
});
