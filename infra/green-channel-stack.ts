import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { ApiFunction, type ApiFunctionProps } from './api-function.ts';
import { CatalogHttpApi } from './catalog-http-api.ts';
import { CatalogTable } from './catalog-table.ts';
import { ConsoleSite, type ConsoleSiteProps } from './console-site.ts';
import { Identity } from './identity.ts';
import { repoPath } from './repo-paths.ts';

export interface GreenChannelStackProps extends StackProps {
  /** Overrides for the API function (tests, experiments); the defaults are the deployed shape. */
  readonly api?: ApiFunctionProps;
  /** Overrides for the console site. */
  readonly console?: ConsoleSiteProps;
}

/** The whole deployment: table, API function, HTTP API, identity and console. It only wires. */
export class GreenChannelStack extends Stack {
  constructor(scope: Construct, id: string, props: GreenChannelStackProps = {}) {
    super(scope, id, props);

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

    const identity = new Identity(this, 'Identity', { consoleUrls: [site.url] });

    const httpApi = new CatalogHttpApi(this, 'HttpApi', {
      handler: api.function,
      exchangeHandler: exchange.function,
      jwtIssuer: identity.issuerUrl,
      jwtAudience: identity.audiences,
    });

    site.addRuntimeConfig({
      apiUrl: httpApi.url,
      region: this.region,
      userPoolId: identity.userPool.userPoolId,
      clientId: identity.consoleClient.userPoolClientId,
      authDomain: identity.domain.baseUrl(),
    });

    new CfnOutput(this, 'ApiUrl', { value: httpApi.url });
    new CfnOutput(this, 'ConsoleUrl', { value: site.url });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: identity.consoleClient.userPoolClientId });
    new CfnOutput(this, 'DownstreamClientId', { value: identity.downstreamClient.userPoolClientId });
    new CfnOutput(this, 'AuthDomain', { value: identity.domain.baseUrl() });
    new CfnOutput(this, 'TableName', { value: catalog.table.tableName });
  }
}
