import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiFunction } from '../../infra/api-function.ts';
import { ApplicationDocuments } from '../../infra/application-documents.ts';
import { repoPath } from '../../infra/repo-paths.ts';

// Issue 14 §2: the files of applications, in a bucket of their own. The construct alone, on a
// small stand-in function (green-channel-stack.test.ts checks the stack wires it to the exchange
// function and routes the document paths there).
type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

let template: Template;

beforeAll(() => {
  const stack = new Stack(new App(), 'Documents');
  const exchange = new ApiFunction(stack, 'Exchange', { entry: repoPath('functions', 'handlers', 'import-queue.ts') });
  new ApplicationDocuments(stack, 'Documents', {
    exchange,
    consoleOrigin: 'https://console.example.cn',
    accessLogs: new Bucket(stack, 'Logs'),
  });
  template = Template.fromStack(stack);
}, 60_000);

function documentsBucket(): [string, Resource] {
  return Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('DocumentsBucket')) as [string, Resource];
}

function exchangeStatements(): { Action: string | string[]; Resource: unknown }[] {
  const [, fn] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('Exchange')) as [string, Resource];
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap(
    (policy) => (policy as Resource).Properties.PolicyDocument.Statement,
  );
}

describe('application documents', () => {
  it('keeps them in a private, encrypted, versioned bucket retained with the stack, uploads expiring after two days', () => {
    const [bucketId, bucket] = documentsBucket();
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'documents/' },
    });
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: ['https://console.example.cn'] }),
    ]);
    const rules = bucket.Properties.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number; Status: string }[];
    expect(rules).toEqual(expect.arrayContaining([expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 2, Status: 'Enabled' })]));
    expect(rules.some((rule) => rule.Prefix === 'documents/' && rule.ExpirationInDays !== undefined)).toBe(false);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { DOCUMENTS_BUCKET: { Ref: bucketId } } } });
  });

  it('lets the function read and write both prefixes but delete only uploads, never a kept document', () => {
    const grants = exchangeStatements().flatMap((statement) =>
      [statement.Action]
        .flat()
        .filter((action) => action.startsWith('s3:'))
        .map((action) => `${action} ${JSON.stringify(statement.Resource)}`),
    );
    expect(grants.length).toBeGreaterThan(0);
    for (const grant of grants) expect(grant).toMatch(/^s3:(GetObject|PutObject) .*\/(uploads|documents)\/\*|^s3:DeleteObject .*\/uploads\/\*|^s3:ListBucket /);
    expect(grants.filter((grant) => grant.startsWith('s3:DeleteObject'))).toHaveLength(1);
  });
});
