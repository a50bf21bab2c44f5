import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ApiFunction, type ApiFunctionProps } from './api-function.ts';
import { LargeFiles } from './large-files.ts';
import { ApplicationDocuments } from './application-documents.ts';
import { Projection } from './projection.ts';
import { CatalogHttpApi } from './catalog-http-api.ts';
import { CatalogTable } from './catalog-table.ts';
import { type EnvironmentConfigInput, type IdentityConfigInput, identityConfigOf, parseEnvironmentConfig, parseIdentityConfig } from './config.ts';
import { ConsoleSite, type ConsoleSiteProps } from './console-site.ts';
import { HourlySchedule } from './hourly-schedule.ts';
import { Mailer } from './mailer.ts';
import { CognitoIdentity, ExternalOidcIdentity, type TokenTrust } from './identity.ts';
import { Monitoring } from './monitoring.ts';
import { applyNagSuppressions } from './nag-suppressions.ts';
import { repoPath } from './repo-paths.ts';
import { TableBackup } from './table-backup.ts';

export interface GreenChannelStackProps extends StackProps {
  /** Overrides for the API function (tests, experiments); the defaults are the deployed shape. */
  readonly api?: ApiFunctionProps;
  /** Overrides for the console site. */
  readonly console?: ConsoleSiteProps;
  /**
   * Who signs people and systems in: a Cognito user pool the stack creates, or the bureau's own
   * OpenID Connect provider.
   * Validated like the context (`infra/config.ts`).
   * @default the app context's `identity` (cdk.json); `{ mode: 'cognito' }` when absent
   */
  readonly identity?: IdentityConfigInput;
  /**
   * The environment's name (`dev`, `prod`), part of the names the stack gives resources that
   * must be unique in an account (the Cognito domain prefix).
   * @default none: the names of a single-environment deployment
   */
  readonly environmentName?: string;
  /** The environment's settings (`cdk.json` `context.environments.<name>`). @default every default of infra/config.ts */
  readonly environment?: EnvironmentConfigInput;
}

/**
 * The whole deployment: table, functions, HTTP API, identity, console, the hourly schedule,
 * backups and monitoring. It only wires; the settings come from infra/config.ts.
 */
export class GreenChannelStack extends Stack {
  constructor(scope: Construct, id: string, props: GreenChannelStackProps = {}) {
    super(scope, id, props);
    // Settings first: a wrong one stops here, before anything is bundled.
    const envName = props.environmentName;
    const config = parseEnvironmentConfig(props.environment ?? {}, envName ?? 'default', `GreenChannelStack ${id} props.environment`);
    const identityConfig = props.identity
      ? parseIdentityConfig(props.identity, 'GreenChannelStack props.identity')
      : config.identity !== undefined
        ? parseIdentityConfig(config.identity, `cdk.json "context.environments.${envName}.identity"`)
        : identityConfigOf(this);
    const logRetention = config.logRetentionDays as RetentionDays;

    const catalog = new CatalogTable(this, 'Catalog', { deletionProtection: config.deletionProtection, customerManagedKey: config.customerManagedKey });
    if (config.backup) new TableBackup(this, 'Backup', { table: catalog.table });

    const api = new ApiFunction(this, 'Api', { logRetention, reservedConcurrency: config.reservedConcurrency.api, ...props.api });
    api.bindTable(catalog.table);
    const exchange = new ApiFunction(this, 'Exchange', {
      entry: repoPath('functions', 'handlers', 'exchange.ts'),
      serviceName: 'green-channel-exchange',
      memorySize: 2048, // a 15,000-row workbook is parsed in memory
      logRetention,
      reservedConcurrency: config.reservedConcurrency.exchange,
    });
    exchange.bindTable(catalog.table);
    const projection = new Projection(this, 'Projection', { table: catalog.table, publisher: api, logRetention });

    // The hourly job: rolls a committed release forward, marks overdue applications and deferred
    // materials past their date. It never deletes or scans.
    const scheduled = new ApiFunction(this, 'Scheduled', {
      entry: repoPath('functions', 'handlers', 'scheduled.ts'),
      serviceName: 'green-channel-scheduled',
      logRetention,
      reservedConcurrency: config.reservedConcurrency.scheduled,
    });
    scheduled.bindTable(catalog.table, 'job');
    const hourly = new HourlySchedule(this, 'Hourly', {
      handler: scheduled.function,
      description: 'Roll committed releases forward; mark overdue green-channel applications and deferred materials past due',
    });

    const site = new ConsoleSite(this, 'Console', {
      logRetentionDays: config.logRetentionDays,
      ...(config.consoleDomain ? { domain: config.consoleDomain } : {}),
      ...(config.webAclArn ? { webAclArn: config.webAclArn } : {}),
      ...props.console,
    });

    const largeFiles = new LargeFiles(this, 'Files', {
      table: catalog.table,
      exchange,
      consoleOrigin: site.origin,
      accessLogs: site.logBucket,
      logRetention,
    });
    site.allowConnectTo(largeFiles.uploadOrigin);
    // Application documents: uploaded to the same region's S3 (the origin allowed above).
    new ApplicationDocuments(this, 'Documents', { exchange, consoleOrigin: site.origin, accessLogs: site.logBucket });

    let trust: TokenTrust;
    if (identityConfig.mode === 'cognito') {
      const domainPrefix = identityConfig.domainPrefix ?? (envName ? `green-channel-${envName}-${this.account}` : undefined);
      // The construct id stays `Identity`: renaming it would replace the user pool and its users.
      const cognito = new CognitoIdentity(this, 'Identity', {
        consoleUrls: [site.url],
        logRetention,
        ...(domainPrefix ? { domainPrefix } : {}),
      });
      // The API manages downstream machine clients (one app client per system) in the pool.
      api.function.addEnvironment('USER_POOL_ID', cognito.userPool.userPoolId);
      cognito.grantMachineClientAdmin(api.function);
      cognito.grantUserDirectory(api.function);
      site.allowConnectTo(`https://cognito-idp.${this.region}.amazonaws.com`, cognito.domain.baseUrl());
      trust = cognito;
    } else {
      trust = new ExternalOidcIdentity(identityConfig);
      const signIn = trust.consoleSignIn;
      const urls = [trust.issuerUrl, signIn.tokenEndpoint, signIn.endSessionEndpoint].filter((url): url is string => url !== undefined);
      site.allowConnectTo(...new Set(urls.map((url) => new URL(url).origin)));
    }
    api.bindIdentity(trust);
    // Mail for people who opt in, where the environment names a sender.
    const mailer = config.mail
      ? new Mailer(this, 'Mailer', {
          table: catalog.table,
          api,
          from: config.mail.from,
          configurationSet: config.mail.configurationSet,
          consoleUrl: site.url,
          logRetention,
          userPool: trust instanceof CognitoIdentity ? trust.userPool : undefined,
        })
      : undefined;
    exchange.bindIdentity(trust);

    const httpApi = new CatalogHttpApi(this, 'HttpApi', {
      handler: api.function,
      exchangeHandler: exchange.function,
      jwtIssuer: trust.issuerUrl,
      jwtAudience: trust.audiences,
      throttle: config.throttle,
      accessLogRetention: logRetention,
    });
    // The console calls the API on its own origin, through the distribution (and its WAF).
    site.serveApi(httpApi.httpApi.apiEndpoint);

    const monitoring = new Monitoring(this, 'Monitoring', {
      dashboardName: this.stackName,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });
    monitoring.watchApi(httpApi.httpApi);
    monitoring.watchApp();
    monitoring.watchFunction('Api', api.function);
    monitoring.watchFunction('Exchange', exchange.function);
    monitoring.watchJob('HourlyJob', scheduled.function, hourly.deadLetterQueue);
    monitoring.watchJob('Projector', projection.projector.function, projection.deadLetterQueue);
    monitoring.watchJob('Importer', largeFiles.importer.function, largeFiles.deadLetterQueue);
    if (mailer) {
      monitoring.watchJob('Mailer', mailer.function.function, mailer.schedule.deadLetterQueue);
      monitoring.watchMail();
    }

    const signIn = trust.consoleSignIn;
    site.addRuntimeConfig({
      apiUrl: site.url,
      identityMode: trust.mode,
      issuer: trust.issuerUrl,
      clientId: signIn.clientId,
      scope: signIn.scope,
      redirectUri: site.url,
      postLogoutRedirectUri: site.url,
      // Where the console finds the role and organisation in the ID token (the API's own claim names).
      rolesClaim: trust.rolesClaim,
      orgClaim: trust.orgClaim,
      ...(signIn.authorizationEndpoint ? { authorizationEndpoint: signIn.authorizationEndpoint } : {}),
      ...(signIn.tokenEndpoint ? { tokenEndpoint: signIn.tokenEndpoint } : {}),
      ...(signIn.endSessionEndpoint ? { endSessionEndpoint: signIn.endSessionEndpoint } : {}),
      ...(trust instanceof CognitoIdentity ? { region: this.region, userPoolId: trust.userPool.userPoolId, authDomain: trust.domain.baseUrl() } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: httpApi.url });
    new CfnOutput(this, 'ConsoleUrl', { value: site.url, description: 'Also the console client’s sign-in and sign-out redirect URL' });
    new CfnOutput(this, 'Issuer', { value: trust.issuerUrl });
    new CfnOutput(this, 'ConsoleClientId', { value: signIn.clientId });
    if (trust instanceof CognitoIdentity) {
      new CfnOutput(this, 'UserPoolId', { value: trust.userPool.userPoolId });
      new CfnOutput(this, 'AuthDomain', { value: trust.domain.baseUrl() });
    }
    new CfnOutput(this, 'TableName', { value: catalog.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.topic.topicArn });

    applyNagSuppressions(this, { consoleHasOwnDomain: config.consoleDomain !== undefined });
  }
}
