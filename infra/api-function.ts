import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TokenTrust } from './identity.ts';
import { repoPath, repoRoot } from './repo-paths.ts';

export interface ApiFunctionProps {
  /**
   * The handler file, exporting `handler`. Infra points at handler files, it never imports them.
   * @default functions/handlers/api.ts
   */
  readonly entry?: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default 'green-channel-api' */
  readonly serviceName?: string;
  /** @default 1024 */
  readonly memorySize?: number;
}

/**
 * The catalog's HTTP API as one Lambda function: the same Hono app that runs locally, bundled
 * by esbuild into a single minified ES module.
 *
 * The AWS SDK is bundled too (`externalModules: []`) instead of taken from the runtime, so the
 * SDK version deployed is the one in `package-lock.json` and tested locally, not whatever the
 * Lambda runtime ships that week.
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
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry ?? repoPath('functions', 'handlers', 'api.ts'),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: repoPath('package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      // The HTTP API gives up on an integration after 30 s; stop just before it does.
      timeout: Duration.seconds(29),
      logGroup: this.logGroup,
      environment: {
        GC_MODE: 'aws',
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'green-channel-api',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: false,
        externalModules: [],
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

  /** Sets `TABLE_NAME` and grants read-write access to the table's data (not its settings). */
  bindTable(table: ITable): void {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    table.grantReadWriteData(this.function);
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
