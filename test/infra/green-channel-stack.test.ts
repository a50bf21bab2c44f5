import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSite } from '../../infra/console-site.ts';
import { GreenChannelStack } from '../../infra/green-channel-stack.ts';
import { repoPath } from '../../infra/repo-paths.ts';
import { consoleConfig } from './console-config.ts';
import { addNagPacks, nagErrors } from './nag.ts';
import { applicationIndexes } from '../../functions/store/keys.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

// Synthesizing bundles the real handler with esbuild, which takes seconds: do it once per file.
let outdir: string;
let template: Template;
let stack: GreenChannelStack;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'gc-infra-test-'));
  // The same feature flags as `cdk synth`, so the tests see the template that gets deployed.
  const { context } = JSON.parse(readFileSync(repoPath('cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ outdir, context });
  stack = new GreenChannelStack(app, 'GreenChannelStack');
  addNagPacks(app);
  template = Template.fromStack(stack);
}, 120_000);

it('passes cdk-nag’s AwsSolutions and Serverless packs with every default, each suppression with its reason', () => {
  expect(nagErrors(stack)).toEqual([]);
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

function only(type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]!;
}

function appFunction(serviceName: string): [string, Resource] {
  const found = Object.entries(
    template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { GC_MODE: 'aws', POWERTOOLS_SERVICE_NAME: serviceName } } },
    }),
  ) as [string, Resource][];
  expect(found, `exactly one ${serviceName} function`).toHaveLength(1);
  return found[0]!;
}

const apiFunction = () => appFunction('green-channel-api');

/** The one queue whose logical id starts with `prefix` (its construct path, e.g. `HourlyDeadLetterQueue`). */
function queueIdOf(prefix: string): string {
  const ids = Object.keys(template.findResources('AWS::SQS::Queue')).filter((id) => id.startsWith(prefix));
  expect(ids, prefix).toHaveLength(1);
  return ids[0]!;
}

/** The Cognito actions a function's role may take on the user pool (statements merged or not). */
function cognitoActionsOf(fn: Resource): string[] {
  const [poolId] = only('AWS::Cognito::UserPool');
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })) as Resource[];
  return policies.flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify({ 'Fn::GetAtt': [poolId, 'Arn'] }))
      .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action])),
  );
}
const exchangeFunction = () => appFunction('green-channel-exchange');

function cognitoIssuer(poolId: string) {
  return { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: poolId }]] };
}

describe('the catalog table', () => {
  it('keys items by a string partition key pk and sort key sk, billed per request', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('has the application indexes the store queries, named for their lists, with every attribute projected', () => {
    const [, table] = only('AWS::DynamoDB::Table');
    const indexes = (table.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown; Projection: unknown }[]).map((index) => ({
      name: index.IndexName,
      keySchema: index.KeySchema,
      projection: index.Projection,
    }));
    // The same names and key attributes as functions/store/keys.ts, which ensureTable creates locally.
    expect(indexes).toEqual(
      Object.values(applicationIndexes).map((index) => ({
        name: index.name,
        keySchema: [
          { AttributeName: index.pk, KeyType: 'HASH' },
          { AttributeName: index.sk, KeyType: 'RANGE' },
        ],
        projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(table.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
    );
  });

  it('can be restored to any point in time', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('survives the stack being deleted or replaced', () => {
    const [, table] = only('AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    template.hasResource('AWS::DynamoDB::Table', { UpdateReplacePolicy: 'Retain' });
  });
});

describe('the API function', () => {
  it('runs the bundled ES module handler on Node.js 24 (the newest runtime aws-cdk-lib offers) on ARM64, traced by X-Ray', () => {
    const [, fn] = apiFunction();
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(fn.Properties.MemorySize).toBe(1024);
    expect(fn.Properties.Timeout).toBe(29);
  });

  it('is told the catalog table name and may read and write its items, on the table and its two indexes by name', () => {
    const [tableId] = only('AWS::DynamoDB::Table');
    const [, fn] = apiFunction();
    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    expect(fn.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      POWERTOOLS_SERVICE_NAME: 'green-channel-api',
    });
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: Match.arrayWith(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']),
            // The table and its indexes (the application lists query those).
            Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/byOrg']] }, { 'Fn::Join': ['', [tableArn, '/index/byStateDue']] }],
          }),
        ]),
      },
    });
  });

  it('is told whose tokens it gets and where their roles and organisation are, as is the exchange function', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    for (const [, fn] of [apiFunction(), exchangeFunction()]) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        AUTH_MODE: 'cognito',
        AUTH_ISSUER: cognitoIssuer(poolId),
        AUTH_AUDIENCE: { Ref: clientId },
        AUTH_ROLES_CLAIM: 'cognito:groups',
        AUTH_ORG_CLAIM: 'custom:orgId',
      });
    }
  });

  it('logs to its own log group kept six months by default (PRC Cybersecurity Law art. 21)', () => {
    const [, fn] = apiFunction();
    const logGroupRef = fn.Properties.LoggingConfig.LogGroup as { Ref: string };
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    expect(logGroups[logGroupRef.Ref]?.Properties).toMatchObject({ RetentionInDays: 180 });
  });

  describe('its bundle', () => {
    let assetDir: string;
    let bundle: string;
    let bundleFiles: string[];

    beforeAll(() => {
      const [, fn] = apiFunction();
      const zipName = fn.Properties.Code.S3Key as string;
      assetDir = join(outdir, `asset.${zipName.replace(/\.zip$/, '')}`);
      bundleFiles = readdirSync(assetDir);
      bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    });

    it('is a single ES module without a source map (and the search’s pinyin module beside it)', () => {
      expect(bundleFiles.sort()).toEqual(['index.mjs', 'node_modules']);
      const banner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";
      expect(bundle.startsWith(banner), 'starts with the createRequire banner').toBe(true);
    });

    it('is minified', () => {
      const lines = bundle.split('\n').length;
      expect(bundle.length / lines).toBeGreaterThan(1_000);
    });

    it('carries the AWS SDK inside instead of taking it from the Lambda runtime', () => {
      // Boolean checks: a failed toContain would print the whole bundle.
      expect(bundle.includes('DynamoDBClient'), 'DynamoDB client bundled').toBe(true);
      expect(bundle.length).toBeGreaterThan(200_000);
    });

    it('leaves the spreadsheet code (ExcelJS) and zod’s locales to others', () => {
      expect(bundle.includes('xl/workbook.xml'), 'no ExcelJS in the API function').toBe(false);
      expect(bundle.includes('Zbyt duż'), 'no zod locales (this one is Polish)').toBe(false);
      expect(bundle.includes('application/x-sqlite3'), 'no file-type (application documents) in the API function').toBe(false);
    });

    it('leaves pinyin-pro (the search’s initials) out of the bundle, shipped beside it and loaded on the first search', () => {
      expect(bundle.includes('import("pinyin-pro")'), 'a dynamic import of pinyin-pro').toBe(true);
      expect(readdirSync(join(assetDir, 'node_modules'))).toEqual(['pinyin-pro']);
      const probe =
        "const { pinyin } = await import('pinyin-pro'); console.log(pinyin('核酸检测', { pattern: 'first', toneType: 'none', type: 'array' }).join(''));";
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: assetDir, encoding: 'utf8', timeout: 30_000 });
      expect(result.stdout.trim()).toBe('hsjc');
    });

    it('loads on its own from a directory with no node_modules, as on Lambda', () => {
      // Any module left external (an @aws-sdk package, say) fails here with ERR_MODULE_NOT_FOUND.
      const [, fn] = apiFunction();
      // Deploy-time references (table, pool, client) as the plain strings Lambda would see.
      const lambdaEnvironment = {
        ...fn.Properties.Environment.Variables,
        TABLE_NAME: 'catalog',
        USER_POOL_ID: 'us-east-1_example',
        AUTH_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example',
        AUTH_AUDIENCE: 'example-console-client',
      };
      const isolated = mkdtempSync(join(tmpdir(), 'gc-bundle-'));
      try {
        copyFileSync(join(assetDir, 'index.mjs'), join(isolated, 'index.mjs'));
        const probe = "const m = await import('./index.mjs'); console.log(typeof m.handler);";
        const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
          cwd: isolated,
          env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', ...lambdaEnvironment },
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect(result.stderr.split('\n').filter((line) => /Error/.test(line))).toEqual([]);
        expect(result.stdout.trim()).toBe('function');
      } finally {
        rmSync(isolated, { recursive: true, force: true });
      }
    });
  });
});

describe('the HTTP API', () => {
  function routes(): Record<string, Resource> {
    return template.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>;
  }

  it('checks tokens with a JWT authorizer trusting the Cognito user pool and its console client', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const [, authorizer] = only('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.Properties.JwtConfiguration).toEqual({ Audience: [{ Ref: clientId }], Issuer: cognitoIssuer(poolId) });
  });

  it('requires a valid token on every method of the catch-all route', () => {
    const [authorizerId] = only('AWS::ApiGatewayV2::Authorizer');
    const proxyRoutes = Object.values(routes()).filter((route) => String(route.Properties.RouteKey).endsWith(' /{proxy+}'));
    expect(proxyRoutes.map((route) => route.Properties.RouteKey).sort()).toEqual(
      ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((method) => `${method} /{proxy+}`),
    );
    for (const route of proxyRoutes) {
      expect(route.Properties.AuthorizationType).toBe('JWT');
      expect(route.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });

  it('serves health and the API documentation without a token', () => {
    const byKey = new Map(Object.values(routes()).map((route) => [route.Properties.RouteKey, route]));
    for (const key of ['GET /health', 'GET /openapi.json', 'GET /docs']) {
      const route = byKey.get(key);
      expect(route, key).toBeDefined();
      expect(route!.Properties.AuthorizerId, key).toBeUndefined();
      expect(route!.Properties.AuthorizationType ?? 'NONE', key).toBe('NONE');
    }
  });

  it('routes downstream systems’ reads without the authorizer, to the API function that verifies their tokens itself', () => {
    const byKey = new Map(Object.values(routes()).map((route) => [route.Properties.RouteKey, route]));
    for (const key of ['GET /v1/catalog/{proxy+}', 'GET /v1/releases', 'GET /v1/releases/{proxy+}', 'GET /fhir/{proxy+}']) {
      const route = byKey.get(key);
      expect(route, key).toBeDefined();
      expect(route!.Properties.AuthorizationType ?? 'NONE', key).toBe('NONE');
    }
    // The function knows whose tokens to verify: the pool's issuer and the console client.
    const [, api] = apiFunction();
    expect(Object.keys(api.Properties.Environment.Variables)).toEqual(expect.arrayContaining(['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_MODE']));
    // Export is a read too, but only for people: it keeps the authorizer.
    expect(byKey.get('GET /v1/catalog/{kind}/export')?.Properties.AuthorizationType).toBe('JWT');
  });

  it('allows no cross-origin browser calls (the console calls its own origin), and routes no OPTIONS to the authorizer', () => {
    const keys = Object.values(routes()).map((route) => String(route.Properties.RouteKey));
    expect(keys.filter((key) => key.startsWith('OPTIONS ') || key.startsWith('ANY '))).toEqual([]);
    const [, api] = only('AWS::ApiGatewayV2::Api');
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('throttles the heavy routes to a share of the default, and the stage waits for those routes', () => {
    const [stageId, stage] = only('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties.RouteSettings).toMatchObject({
      'POST /v1/change-sets/{id}/import': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 },
      'POST /v1/change-sets/{id}/imports': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      'GET /v1/catalog/{kind}/export': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      'POST /{proxy+}': { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
    const routeIds = new Set(Object.keys(routes()));
    for (const key of Object.keys(stage.Properties.RouteSettings)) {
      const [routeId] = Object.entries(routes()).find(([, route]) => route.Properties.RouteKey === key) ?? [];
      expect(routeId, key).toBeDefined();
      expect(routeIds.has(routeId as string)).toBe(true);
      expect((template.toJSON().Resources[stageId].DependsOn as string[]) ?? [], key).toContain(routeId);
    }
  });

  it('sends every route to the API function, but import, export and application documents to the exchange function', () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<string, Resource>;
    expect(Object.keys(integrations)).toHaveLength(2);
    const integrationOf = (fnId: string) =>
      Object.entries(integrations).find(
        ([, integration]) => JSON.stringify(integration.Properties.IntegrationUri) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
      )?.[0];
    const api = integrationOf(apiFunction()[0]);
    const exchange = integrationOf(exchangeFunction()[0]);
    expect(api && exchange).toBeTruthy();
    for (const [key, route] of Object.values(routes()).map((route) => [String(route.Properties.RouteKey), route] as const)) {
      const target = JSON.stringify(route.Properties.Target);
      const exchangeKeys = [
        'POST /v1/change-sets/{id}/import',
        'POST /v1/change-sets/{id}/imports',
        'POST /v1/change-sets/{id}/imports/{importId}/start',
        'GET /v1/change-sets/{id}/imports/{importId}',
        'GET /v1/catalog/{kind}/export',
        // Issue 14 §2: file-type and S3 stay out of the API function.
        ...['service', 'listing', 'designation'].flatMap((type) => [
          `POST /v1/${type}-applications/{id}/documents`,
          `GET /v1/${type}-applications/{id}/documents`,
          `GET /v1/${type}-applications/{id}/documents/{documentId}`,
          `POST /v1/${type}-applications/{id}/documents/{documentId}/confirm`,
        ]),
      ];
      expect(exchangeKeys.every((exchangeKey) => Object.values(routes()).some((route) => route.Properties.RouteKey === exchangeKey))).toBe(true);
      const expected = exchangeKeys.includes(key) ? exchange : api;
      expect(target, key).toContain(expected);
      const appVerified = ['GET /v1/catalog/{proxy+}', 'GET /v1/releases', 'GET /v1/releases/{proxy+}'].includes(key);
      if (key.includes('/v1/') && !appVerified) expect(route.Properties.AuthorizationType, key).toBe('JWT');
    }
  });
});

describe('projection outside the publish request', () => {
  it('gives the API a queue to hand a published release to, and a projector that drains it one at a time', () => {
    const queueId = queueIdOf('ProjectionQueue');
    const deadLetterId = queueIdOf('ProjectionDeadLetterQueue');
    const [queue] = Object.values(template.findResources('AWS::SQS::Queue', { Properties: { QueueName: Match.absent() } })).filter(
      (candidate) => JSON.stringify(candidate).includes(deadLetterId) && JSON.stringify(candidate).includes('RedrivePolicy'),
    ) as Resource[];
    expect(queue?.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] }, maxReceiveCount: 5 });
    const [projectorId, projector] = appFunction('green-channel-projector');
    expect(projector.Properties).toMatchObject({ Timeout: 900, ReservedConcurrentExecutions: 1 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: projectorId },
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
    });
    const [, api] = apiFunction();
    expect(api.Properties.Environment.Variables.PROJECTION_QUEUE_URL).toEqual({ Ref: queueId });
  });

  it('puts every visible release on an event bus of its own, which only the projector may put to', () => {
    const [busId] = only('AWS::Events::EventBus');
    const [, projector] = appFunction('green-channel-projector');
    expect(projector.Properties.Environment.Variables.EVENT_BUS_NAME).toEqual({ Ref: busId });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } })]) },
    });
  });

  it('also runs the projector every minute (webhook retries on their backoff), not retried: the next minute repeats it', () => {
    const [projectorId] = appFunction('green-channel-projector');
    const [, schedule] = Object.entries(template.findResources('AWS::Scheduler::Schedule')).find(([scheduleId]) => scheduleId.startsWith('Projection')) as [
      string,
      Resource,
    ];
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [projectorId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: projectorId }, MaximumRetryAttempts: 0 });
  });
});

describe('large files (imports and exports through S3)', () => {
  it('keeps them in a private, encrypted bucket the console’s origin may upload to, uploads expiring after a week', () => {
    const [bucketId, bucket] = Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('FilesBucket')) as [string, Resource];
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [expect.anything()] })]);
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ Prefix: 'imports/', ExpirationInDays: 7, Status: 'Enabled' })]),
    );
    const [, exchange] = exchangeFunction();
    expect(exchange.Properties.Environment.Variables).toMatchObject({
      FILES_BUCKET: { Ref: bucketId },
      IMPORT_QUEUE_URL: { Ref: queueIdOf('FilesImportQueue') },
    });
  });

  it('runs imports in the importer function, fed by a queue with a dead-letter queue, and lets functions touch only their key prefixes', () => {
    const [importerId, importer] = appFunction('green-channel-importer');
    expect(importer.Properties).toMatchObject({ Timeout: 900, MemorySize: 2048 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: importerId },
      EventSourceArn: { 'Fn::GetAtt': [queueIdOf('FilesImportQueue'), 'Arn'] },
      BatchSize: 1,
    });
    queueIdOf('FilesImportDeadLetterQueue');
    const s3Actions = (fn: Resource) => {
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const policies = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })) as Resource[];
      return policies
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .flatMap((statement) =>
          [statement.Action]
            .flat()
            .filter((action) => action.startsWith('s3:'))
            .map((action) => `${action} ${JSON.stringify(statement.Resource)}`),
        );
    };
    const exchange = s3Actions(exchangeFunction()[1]);
    expect(exchange.length).toBeGreaterThan(0);
    for (const grant of exchange)
      expect(grant).toMatch(
        /^s3:(GetObject|PutObject) .*\/(imports|exports|documents)\/\*|^s3:(GetObject|PutObject|DeleteObject) .*\/uploads\/\*|^s3:ListBucket /,
      );
    for (const grant of s3Actions(importer)) expect(grant).toMatch(/^s3:(GetObject|PutObject) .*\/imports\/\*|^s3:ListBucket /);
    expect(s3Actions(apiFunction()[1])).toEqual([]);
  });
});

describe('the hourly job', () => {
  it('runs the scheduled function at the top of every hour, Beijing time, from EventBridge Scheduler with retries and a dead-letter queue', () => {
    const [fnId] = appFunction('green-channel-scheduled');
    const queueId = queueIdOf('HourlyDeadLetterQueue');
    const [, schedule] = Object.entries(template.findResources('AWS::Scheduler::Schedule')).find(([scheduleId]) => scheduleId.startsWith('Hourly')) as [
      string,
      Resource,
    ];
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 * * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      },
    });
    expect(template.findResources('AWS::Events::Rule')).toEqual({});
  });

  it('sends a run that failed after Lambda’s retries to the same dead-letter queue', () => {
    const queueId = queueIdOf('HourlyDeadLetterQueue');
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: appFunction('green-channel-scheduled')[0] },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  it('may query, read, update and put items, but never scan or delete one', () => {
    const [, fn] = appFunction('green-channel-scheduled');
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const actions = policies
      .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((statement) => [statement.Action].flat())
      .filter((action) => action.startsWith('dynamodb:'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem']));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions.filter((action) => action.includes('*') || action.includes('Stream'))).toEqual([]);
  });
});

describe('identity (Cognito)', () => {
  function consoleClient(): Resource {
    return only('AWS::Cognito::UserPoolClient')[1];
  }

  it('lets nobody sign themselves up and signs people in by email', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
    });
  });

  it('has exactly one group per role, named as the API expects, with distinct precedence, admin first', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')) as Resource[];
    const precedence = Object.fromEntries(groups.map((group) => [group.Properties.GroupName, group.Properties.Precedence]));
    expect(precedence).toEqual({ admin: 0, 'pricing-staff': 10, reviewer: 20, hospital: 30, firm: 40, downstream: 50 });
  });

  it('has one app client only, the console’s: authorization code with PKCE as a public client, back to its own URL', () => {
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const consoleUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] };
    expect(consoleClient().Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [consoleUrl],
      LogoutURLs: [consoleUrl],
    });
  });

  it('allows the console no SRP, password or custom sign-in, only refreshing its tokens', () => {
    expect(consoleClient().Properties.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it('gives the console no token that may call the self-service user APIs', () => {
    expect(consoleClient().Properties.AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
  });

  it('lets users write none of their attributes but a harmless one, and never their organisation', () => {
    // Cognito reads an empty list as "not set" (the standard attributes become writable).
    expect(consoleClient().Properties.WriteAttributes).toEqual(['locale']);
  });

  it('lets the console read the organisation, which only administrators set', () => {
    expect(consoleClient().Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:orgId', 'email', 'name']));
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      // Mutable for AdminUpdateUserAttributes (IAM-authorized); no client may write it.
      Schema: Match.arrayWith([Match.objectLike({ Name: 'orgId', AttributeDataType: 'String', Mutable: true })]),
    });
  });

  it('requires an authenticator app (TOTP) as second factor of everyone, and nothing else', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  });

  it('has an explicit password policy: 12 characters of every class, temporary passwords for 3 days', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
          PasswordHistorySize: 5,
        },
      },
    });
  });

  it('enforces threat protection, on the Plus feature plan it needs', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
  });

  it('keeps the catalog/read scope for machine clients, which the API creates one per system at runtime', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'catalog',
      Scopes: [Match.objectLike({ ScopeName: 'read' })],
    });
    const [, fn] = apiFunction();
    expect(fn.Properties.Environment.Variables).toMatchObject({ USER_POOL_ID: { Ref: poolId } });
    expect(cognitoActionsOf(fn)).toEqual(
      expect.arrayContaining([
        'cognito-idp:CreateUserPoolClient',
        'cognito-idp:DeleteUserPoolClient',
        'cognito-idp:DescribeUserPoolClient',
        'cognito-idp:ListUserPoolClients',
      ]),
    );
    const [, exchange] = exchangeFunction();
    expect(exchange.Properties.Environment.Variables.USER_POOL_ID).toBeUndefined();
  });

  it('lets the API list people and set custom:orgId (the admin page), and nothing else of users', () => {
    const [, fn] = apiFunction();
    // Exactly these on the pool, beside the machine clients' (no group changes, no other user writes).
    expect([...cognitoActionsOf(fn)].sort()).toEqual([
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:CreateUserPoolClient',
      'cognito-idp:DeleteUserPoolClient',
      'cognito-idp:DescribeUserPoolClient',
      'cognito-idp:ListUserPoolClients',
      'cognito-idp:ListUsers',
      'cognito-idp:ListUsersInGroup',
    ]);
  });

  it('puts the organisation and name into access tokens with a V2 pre-token-generation trigger', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    const config = pool.Properties.LambdaConfig.PreTokenGenerationConfig;
    expect(config.LambdaVersion).toBe('V2_0');
    const [triggerId] = appFunction('green-channel-pre-token');
    expect(config.LambdaArn).toEqual({ 'Fn::GetAtt': [triggerId, 'Arn'] });
  });

  it('hosts the sign-in pages on a Cognito domain', () => {
    only('AWS::Cognito::UserPoolDomain');
  });
});

describe('the console site', () => {
  /** The bucket the console is served from (the other one holds access logs). */
  function consoleBucket(): [string, Resource] {
    const [, deployment] = only('Custom::CDKBucketDeployment');
    const id = (deployment.Properties.DestinationBucketName as { Ref: string }).Ref;
    return [id, template.findResources('AWS::S3::Bucket')[id] as Resource];
  }

  it('keeps the bucket private and reachable over TLS only', () => {
    const [bucketId] = consoleBucket();
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('serves the bucket through CloudFront with Origin Access Control', () => {
    const [oacId] = only('AWS::CloudFront::OriginAccessControl');
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: Match.arrayWith([
          Match.objectLike({
            OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
        ]),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('serves the API on the console’s own origin: uncached, every viewer header but Host, every method', () => {
    const [, distribution] = only('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    const apiOrigin = config.Origins.find((origin: { CustomOriginConfig?: unknown }) => origin.CustomOriginConfig);
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(only('AWS::ApiGatewayV2::Api')[0]);
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    const behaviors = config.CacheBehaviors as Record<string, unknown>[];
    expect(behaviors.map((behavior) => behavior.PathPattern)).toEqual(['/v1/*', '/fhir/*', '/openapi.json', '/docs', '/health', '/health/*']);
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      });
    }
  });

  it('answers unknown paths with index.html so deep links reach the console router', () => {
    const [, distribution] = only('AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.CustomErrorResponses).toEqual(
      expect.arrayContaining(
        [403, 404].map((code) => ({
          ErrorCode: code,
          ResponseCode: 200,
          ResponsePagePath: '/index.html',
          ErrorCachingMinTTL: 0,
        })),
      ),
    );
  });

  it('uploads the built console and a runtime config, removing them when the stack goes', () => {
    const [bucketId] = consoleBucket();
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const [, deployment] = only('Custom::CDKBucketDeployment');
    expect(deployment.Properties).toMatchObject({
      DestinationBucketName: { Ref: bucketId },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
      RetainOnDelete: false,
    });
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
  });

  it('tells the console its API, the issuer, its client id, redirect URIs and the hosted sign-in endpoints', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const [domainId] = only('AWS::Cognito::UserPoolDomain');
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const hosted = `https://{${domainId}}.auth.{AWS::Region}.amazoncognito.com`;
    const consoleUrl = `https://{${distributionId}.DomainName}/`;
    expect(consoleConfig(template, outdir)).toEqual({
      // The API on the console's own origin (through the distribution).
      apiUrl: consoleUrl,
      identityMode: 'cognito',
      issuer: `https://cognito-idp.{AWS::Region}.amazonaws.com/{${poolId}}`,
      clientId: `{${clientId}}`,
      scope: 'openid email profile',
      redirectUri: consoleUrl,
      postLogoutRedirectUri: consoleUrl,
      rolesClaim: 'cognito:groups',
      orgClaim: 'custom:orgId',
      authorizationEndpoint: `${hosted}/oauth2/authorize`,
      tokenEndpoint: `${hosted}/oauth2/token`,
      endSessionEndpoint: `${hosted}/logout`,
      region: '{AWS::Region}',
      userPoolId: `{${poolId}}`,
      authDomain: hosted,
    });
  });

  it('refuses to synthesize when the console has not been built', () => {
    const missing = mkdtempSync(join(tmpdir(), 'gc-no-ui-'));
    try {
      const stack = new Stack(new App({ outdir: join(missing, 'cdk.out') }), 'Unbuilt');
      expect(() => new ConsoleSite(stack, 'Console', { distDir: missing })).toThrow(/npm run build:ui/);
    } finally {
      rmSync(missing, { recursive: true, force: true });
    }
  });
});

describe('the stack outputs', () => {
  it('tell an operator where the API, the console, the issuer, the user pool, its console client and the table are', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(
      ['AlarmTopicArn', 'ApiUrl', 'AuthDomain', 'ConsoleClientId', 'ConsoleUrl', 'Issuer', 'TableName', 'UserPoolId'].sort(),
    );
  });
});
