import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidConfigError, parseIdentityConfig } from '../../infra/config.ts';
import { GreenChannelStack } from '../../infra/green-channel-stack.ts';
import { repoPath } from '../../infra/repo-paths.ts';
import { consoleConfig } from './console-config.ts';
import { addNagPacks, nagErrors } from './nag.ts';

type Resource = { Type: string; Properties: Record<string, any> };

const { context } = JSON.parse(readFileSync(repoPath('cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/** The bureau's own provider, as an operator writes it in cdk.json. */
const bureauProvider = {
  mode: 'oidc',
  issuer: 'https://idp.example.cn/realms/bureau',
  audience: ['green-channel-api', 'green-channel-feed'],
  rolesClaim: 'roles',
  orgClaim: 'org_id',
  consoleClientId: 'green-channel-console',
  endSessionEndpoint: 'https://idp.example.cn/realms/bureau/protocol/openid-connect/logout',
};

it('deploys with a Cognito user pool of its own as cdk.json stands', () => {
  expect(parseIdentityConfig(context.identity)).toEqual({ mode: 'cognito' });
});

describe('with the bureau’s own OpenID Connect provider', () => {
  let outdir: string;
  let template: Template;
  let stack: GreenChannelStack;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'gc-infra-oidc-'));
    const app = new App({ outdir, context: { ...context, identity: bureauProvider } });
    stack = new GreenChannelStack(app, 'GreenChannelStack');
    addNagPacks(app);
    template = Template.fromStack(stack);
  }, 120_000);

  it('passes cdk-nag’s AwsSolutions and Serverless packs', () => {
    expect(nagErrors(stack)).toEqual([]);
  });

  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  function resources(): [string, Resource][] {
    return Object.entries(template.toJSON().Resources as Record<string, Resource>);
  }

  function appFunction(serviceName: string): Resource {
    const found = resources().filter(
      ([, resource]) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === serviceName,
    );
    expect(found).toHaveLength(1);
    return found[0]![1];
  }

  it('creates no Cognito resources at all', () => {
    expect(resources().filter(([, resource]) => resource.Type.startsWith('AWS::Cognito::'))).toEqual([]);
  });

  it('has the JWT authorizer trust that issuer and audience', () => {
    const authorizers = resources().filter(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]![1].Properties).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://idp.example.cn/realms/bureau', Audience: ['green-channel-api', 'green-channel-feed'] },
    });
  });

  it('tells the API and exchange functions the issuer, audience and claim names, and nothing of Cognito', () => {
    for (const serviceName of ['green-channel-api', 'green-channel-exchange']) {
      const variables = appFunction(serviceName).Properties.Environment.Variables;
      expect(variables).toMatchObject({
        AUTH_MODE: 'oidc',
        AUTH_ISSUER: 'https://idp.example.cn/realms/bureau',
        AUTH_AUDIENCE: 'green-channel-api,green-channel-feed',
        AUTH_ROLES_CLAIM: 'roles',
        AUTH_ORG_CLAIM: 'org_id',
      });
      expect(variables.USER_POOL_ID, serviceName).toBeUndefined();
    }
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('cognito-idp');
  });

  it('tells the console the external issuer, its client id, and the endpoints that were configured', () => {
    const distributionId = resources().find(([, resource]) => resource.Type === 'AWS::CloudFront::Distribution')![0];
    const consoleUrl = `https://{${distributionId}.DomainName}/`;
    expect(consoleConfig(template, outdir)).toEqual({
      apiUrl: consoleUrl,
      identityMode: 'oidc',
      issuer: 'https://idp.example.cn/realms/bureau',
      clientId: 'green-channel-console',
      scope: 'openid profile email',
      redirectUri: consoleUrl,
      postLogoutRedirectUri: consoleUrl,
      // The bureau's provider names its claims as it likes: the console reads the same names as the API.
      rolesClaim: 'roles',
      orgClaim: 'org_id',
      endSessionEndpoint: 'https://idp.example.cn/realms/bureau/protocol/openid-connect/logout',
    });
  });

  it('outputs the issuer and the console client id, and no user pool', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['AlarmTopicArn', 'ApiUrl', 'ConsoleClientId', 'ConsoleUrl', 'Issuer', 'TableName']);
  });
});

describe('invalid identity settings', () => {
  const { issuer: _issuer, ...withoutIssuer } = bureauProvider;
  const cases: [string, unknown, RegExp][] = [
    ['oidc without an issuer', withoutIssuer, /identity\.issuer: required: issuer/],
    ['an issuer over plain http', { ...bureauProvider, issuer: 'http://idp.example.cn/realms/bureau' }, /identity\.issuer: .*must be an https URL/],
    ['an empty audience list', { ...bureauProvider, audience: [] }, /identity\.audience: audience must list at least one value/],
    [
      'oidc without claim names',
      { ...bureauProvider, rolesClaim: undefined, orgClaim: '' },
      /identity\.rolesClaim: required[\s\S]*identity\.orgClaim: orgClaim.* must not be empty/,
    ],
    ['oidc without the console’s client id', { ...bureauProvider, consoleClientId: undefined }, /identity\.consoleClientId: required/],
    ['an unknown mode', { mode: 'keycloak' }, /identity\.mode: mode must be "cognito" or "oidc"/],
    ['a misspelt setting', { mode: 'cognito', domainprefix: 'gc' }, /Unrecognized key: "domainprefix"/],
  ];

  it.each(cases)('stop the synthesis with a message naming the field: %s', (_name, identity, message) => {
    const app = new App({ context: { ...context, identity } });
    let thrown: unknown;
    try {
      new GreenChannelStack(app, 'GreenChannelStack');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidConfigError);
    expect((thrown as Error).message).toMatch(/^Invalid identity configuration \(cdk\.json "context\.identity"\):/);
    expect((thrown as Error).message).toMatch(message);
  });

  it('are refused the same when given to the stack directly', () => {
    const app = new App({ context });
    expect(() => new GreenChannelStack(app, 'GreenChannelStack', { identity: { mode: 'oidc' } as never })).toThrow(
      /GreenChannelStack props\.identity[\s\S]*identity\.issuer: required/,
    );
  });
});
