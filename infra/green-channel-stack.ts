import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { ApiFunction, type ApiFunctionProps } from './api-function.ts';
import { CatalogHttpApi } from './catalog-http-api.ts';
import { CatalogTable } from './catalog-table.ts';
import { type IdentityConfigInput, identityConfigOf, parseIdentityConfig } from './config.ts';
import { ConsoleSite, type ConsoleSiteProps } from './console-site.ts';
import { CognitoIdentity, ExternalOidcIdentity, type TokenTrust } from './identity.ts';
import { repoPath } from './repo-paths.ts';

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
}

/** The whole deployment: table, API function, HTTP API, identity and console. It only wires. */
export class GreenChannelStack extends Stack {
  constructor(scope: Construct, id: string, props: GreenChannelStackProps = {}) {
    super(scope, id, props);
    // Settings first: a wrong one stops here, before anything is bundled.
    const identityConfig = props.identity ? parseIdentityConfig(props.identity, 'GreenChannelStack props.identity') : identityConfigOf(this);

    const catalog = new CatalogTable(this, 'Catalog');

    const api = new ApiFunction(this, 'Api', props.api);
    api.bindTable(catalog.table);
    const exchange = new ApiFunction(this, 'Exchange', {
      entry: repoPath('functions', 'handlers', 'exchange.ts'),
      serviceName: 'green-channel-exchange',
      memorySize: 2048, // a 15,000-row workbook is parsed in memory
    });
    exchange.bindTable(catalog.table);

    // The hourly job: marks overdue applications and deferred materials past their date.
    const scheduled = new ApiFunction(this, 'Scheduled', {
      entry: repoPath('functions', 'handlers', 'scheduled.ts'),
      serviceName: 'green-channel-scheduled',
    });
    scheduled.bindTable(catalog.table);
    new Rule(this, 'Hourly', {
      description: 'Mark overdue green-channel applications and deferred materials past due',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(scheduled.function)],
    });

    const site = new ConsoleSite(this, 'Console', props.console);

    let trust: TokenTrust;
    if (identityConfig.mode === 'cognito') {
      // The construct id stays `Identity`: renaming it would replace the user pool and its users.
      const cognito = new CognitoIdentity(this, 'Identity', {
        consoleUrls: [site.url],
        ...(identityConfig.domainPrefix ? { domainPrefix: identityConfig.domainPrefix } : {}),
      });
      // The API manages downstream machine clients (one app client per system) in the pool.
      api.function.addEnvironment('USER_POOL_ID', cognito.userPool.userPoolId);
      cognito.grantMachineClientAdmin(api.function);
      trust = cognito;
    } else {
      trust = new ExternalOidcIdentity(identityConfig);
    }
    api.bindIdentity(trust);
    exchange.bindIdentity(trust);

    const httpApi = new CatalogHttpApi(this, 'HttpApi', {
      handler: api.function,
      exchangeHandler: exchange.function,
      jwtIssuer: trust.issuerUrl,
      jwtAudience: trust.audiences,
    });

    const signIn = trust.consoleSignIn;
    site.addRuntimeConfig({
      apiUrl: httpApi.url,
      identityMode: trust.mode,
      issuer: trust.issuerUrl,
      clientId: signIn.clientId,
      scope: signIn.scope,
      redirectUri: site.url,
      postLogoutRedirectUri: site.url,
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
  }
}
