import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiFunction } from '../../infra/api-function.ts';
import { parseEnvironmentConfig } from '../../infra/config.ts';
import { Mailer } from '../../infra/mailer.ts';
import { repoPath } from '../../infra/repo-paths.ts';

// Issue 14 §3: mail for people who opt in, sent through SES by a function every five minutes.
// The construct alone, beside a small stand-in API function.
type Resource = { Type: string; Properties: Record<string, any> };

let template: Template;

beforeAll(() => {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'cn-north-1' } });
  const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING }, sortKey: { name: 'sk', type: AttributeType.STRING } });
  const api = new ApiFunction(stack, 'Api', { entry: repoPath('functions', 'handlers', 'import-queue.ts') });
  const userPool = new UserPool(stack, 'Pool');
  new Mailer(stack, 'Mailer', {
    table,
    api,
    from: 'noreply@ybj.example.cn',
    consoleUrl: 'https://console.example.cn',
    logRetention: RetentionDays.SIX_MONTHS,
    userPool,
  });
  template = Template.fromStack(stack);
}, 60_000);

function mailerStatements(): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const [, fn] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('Mailer')) as [string, Resource];
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap(
    (policy) => (policy as Resource).Properties.PolicyDocument.Statement,
  );
}

describe('the mailer', () => {
  it('runs one at a time every five minutes, told the sender and the console', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(5 minutes)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 1,
      Environment: { Variables: { MAIL_FROM: 'noreply@ybj.example.cn', CONSOLE_URL: 'https://console.example.cn' } },
    });
    // The API takes opt-ins only where mail is sent.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { MAIL_DELIVERY: 'ses', CONSOLE_URL: 'https://console.example.cn' } },
    });
  });

  it('may send only as the configured address, and never scan or touch the table’s settings', () => {
    const ses = mailerStatements().find((statement) => statement.Action === 'ses:SendEmail');
    const [address, domain, configurationSet] = (ses?.Resource ?? []) as unknown[];
    expect([address, domain]).toEqual([
      'arn:aws:ses:cn-north-1:123456789012:identity/noreply@ybj.example.cn',
      'arn:aws:ses:cn-north-1:123456789012:identity/ybj.example.cn',
    ]);
    expect(JSON.stringify(configurationSet)).toContain(':configuration-set/');
    expect(ses?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'noreply@ybj.example.cn' } });
    const actions = mailerStatements().flatMap((statement) => [statement.Action].flat());
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((action) => action.startsWith('dynamodb:') && !/Item|Query/.test(action))).toEqual([]);
    // It reads who people are now (to stop the mail of anyone moved or closed), and changes nobody.
    expect(actions.filter((action) => action.startsWith('cognito-idp:')).sort()).toEqual(['cognito-idp:AdminListGroupsForUser', 'cognito-idp:ListUsers']);
  });

  it('sends with a configuration set that suppresses bounced and complained addresses and publishes reputation metrics', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
    const [setId] = Object.keys(template.findResources('AWS::SES::ConfigurationSet'));
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { MAIL_CONFIGURATION_SET: { Ref: setId } } } });
  });

  it('is configured per environment with a checked sender', () => {
    expect(parseEnvironmentConfig({ mail: { from: 'noreply@ybj.example.cn' } }, 'prod').mail).toEqual({ from: 'noreply@ybj.example.cn' });
    expect(() => parseEnvironmentConfig({ mail: { from: 'not-an-address' } }, 'prod')).toThrow(/mail.from must be an e-mail address/);
  });
});
