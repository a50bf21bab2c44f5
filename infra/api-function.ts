import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CatalogTable } from './catalog-table.ts';
import type { TokenTrust } from './identity.ts';
import { repoPath, repoRoot } from './repo-paths.ts';

/** The module the catalog search loads on first use (see the bundling below). */
const SEARCH_PINYIN = 'pinyin-pro';

const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];

/** What each kind of function does to the table's items (the store's commands; `ensureTable` runs only locally). */
export const tableActions = {
  /** The API and the exchange function: everything the store does. */
  readWrite: [...readActions, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  /** The hourly job: marks applications (update) and rolls a committed release forward (puts its projection); deletes nothing. */
  job: [...readActions, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
  /** The mailer: queues mail (puts), records sending (update), and deletes the pointer of a mail once sent or given up. */
  mailer: [...readActions, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
} as const;

export type TableAccess = keyof typeof tableActions;

export interface ApiFunctionProps {
  /**
   * The handler file, exporting `handler`. Infra points at handler files, it never imports them.
   * @default functions/handlers/api.ts
   */
  readonly entry?: string;
  /** @default RetentionDays.SIX_MONTHS (PRC Cybersecurity Law art. 21: network logs at least six months) */
  readonly logRetention?: RetentionDays;
  /** Concurrent executions reserved for the function, which also cap it. @default none */
  readonly reservedConcurrency?: number | undefined;
  /** @default 'green-channel-api' */
  readonly serviceName?: string;
  /** @default 1024 */
  readonly memorySize?: number;
  /** @default 29 s: the HTTP API gives up on an integration after 30 s */
  readonly timeout?: Duration;
}

/**
 * The catalog's HTTP API as one Lambda function: the same Hono app that runs locally, bundled
 * by esbuild into a single minified ES module.
 *
 * The AWS SDK is bundled too instead of taken from the runtime, so the SDK version deployed is
 * the one in `package-lock.json` and tested locally, not whatever the Lambda runtime ships that
 * week — except the Cognito client, loaded only when staff register or revoke a downstream
 * system: two stable calls are not worth ~100 KB in every cold start.
 *
 * Call {@link ApiFunction.bindTable} to give it the catalog table.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps = {}) {
    super(scope, id);

    // An explicit log group instead of the implicit `/aws/lambda/<name>`, so retention is set
    // without a log-retention custom resource. Retained on teardown: request logs are evidence
    // for the bureau, and they still expire with the retention period.
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Its own role instead of AWSLambdaBasicExecutionRole (logs to any log group in the account):
    // it may write to its own log group only. Tracing adds the X-Ray actions.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      role,
      entry: props.entry ?? repoPath('functions', 'handlers', 'api.ts'),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: repoPath('package-lock.json'),
      // The newest Node.js runtime this aws-cdk-lib offers.
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
      memorySize: props.memorySize ?? 1024,
      // The HTTP API gives up on an integration after 30 s; stop just before it does.
      timeout: props.timeout ?? Duration.seconds(29),
      logGroup: this.logGroup,
      environment: {
        GC_MODE: 'aws',
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'green-channel-api',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: false,
        // Loaded on first use from the runtime's SDK: registering a system, changing a user's
        // organisation, handing a publish to the projector. Not worth their size in every cold start.
        externalModules: ['@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-sqs', SEARCH_PINYIN],
        // pinyin-pro (the catalog search's pinyin initials, ~300 KB minified, mostly its
        // dictionary) is imported on the first search only: shipped beside the bundle rather
        // than inside it, so that no cold start parses it (about 30 ms, measured).
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [
            `mkdir -p "${outputDir}/node_modules/${SEARCH_PINYIN}/dist"`,
            `cp "${inputDir}/node_modules/${SEARCH_PINYIN}/package.json" "${outputDir}/node_modules/${SEARCH_PINYIN}/"`,
            `cp -R "${inputDir}/node_modules/${SEARCH_PINYIN}/dist/esm" "${outputDir}/node_modules/${SEARCH_PINYIN}/dist/"`,
          ],
        },
        mainFields: ['module', 'main'],
        // Texts in zh-CN stay readable UTF-8 instead of \u escapes (smaller, too).
        charset: Charset.UTF8,
        // CommonJS dependencies inside an ES module bundle still call `require`.
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        // @hono/zod-openapi holds zod's whole namespace, which keeps all of zod's locales
        // (250 KB) in the bundle; this module gives it only what it uses (see the file).
        esbuildArgs: { '--alias:zod': repoPath('functions', 'handlers', 'zod-lean.ts') },
      },
    });
  }

  /**
   * Sets `TABLE_NAME` and grants the item actions `access` names on the table and on its
   * indexes by name (not `index/*`); never `Scan`, the table's settings or its stream.
   */
  bindTable(
    table: ITable,
    access: TableAccess = 'readWrite',
    indexNames: readonly string[] = CatalogTable.applicationIndexes.map((index) => index.name),
  ): void {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    // With a customer-managed key, reading or writing an item needs the key too (named actions only).
    if (table.encryptionKey) {
      this.function.addToRolePolicy(
        new PolicyStatement({ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], resources: [table.encryptionKey.keyArn] }),
      );
    }
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: [...tableActions[access]],
        resources: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );
  }

  /**
   * Tells the function whose tokens it is given and where their claims are: `AUTH_ISSUER`,
   * `AUTH_AUDIENCE` (comma-separated), `AUTH_ROLES_CLAIM`, `AUTH_ORG_CLAIM`, and `AUTH_MODE`
   * (`cognito` or `oidc`). The HTTP API's authorizer has checked the token already; these let
   * the app map claims to an identity the same way whichever provider issued them.
   */
  bindIdentity(trust: TokenTrust): void {
    this.function.addEnvironment('AUTH_MODE', trust.mode);
    this.function.addEnvironment('AUTH_ISSUER', trust.issuerUrl);
    this.function.addEnvironment('AUTH_AUDIENCE', trust.audiences.join(','));
    this.function.addEnvironment('AUTH_ROLES_CLAIM', trust.rolesClaim);
    this.function.addEnvironment('AUTH_ORG_CLAIM', trust.orgClaim);
  }
}
