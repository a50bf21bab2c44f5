import { describe, expect, it } from 'vitest';
import { defaultIdentityConfig, InvalidConfigError, parseIdentityConfig } from '../../infra/config.ts';

const oidc = {
  mode: 'oidc',
  issuer: 'https://idp.example.cn/realms/bureau',
  audience: 'green-channel-api',
  rolesClaim: 'roles',
  orgClaim: 'org_id',
  consoleClientId: 'green-channel-console',
};

describe('identity settings', () => {
  it('default to a Cognito user pool when none are given', () => {
    expect(parseIdentityConfig(undefined)).toEqual(defaultIdentityConfig);
    expect(defaultIdentityConfig).toEqual({ mode: 'cognito' });
  });

  it('read one audience as a list of one and default the console’s scopes', () => {
    expect(parseIdentityConfig(oidc)).toEqual({ ...oidc, audience: ['green-channel-api'], consoleScope: 'openid profile email' });
  });

  it('read JSON given on the command line (cdk synth -c identity=…)', () => {
    expect(parseIdentityConfig(JSON.stringify({ mode: 'cognito', domainPrefix: 'jilin-gc' }))).toEqual({ mode: 'cognito', domainPrefix: 'jilin-gc' });
  });

  it.each([
    ['text that is not JSON', 'oidc', /not JSON: oidc/],
    ['a number', 3, /identity: must be an object/],
    ['no mode', {}, /identity\.mode: mode must be "cognito" or "oidc"/],
    [
      'an endpoint over plain http',
      { ...oidc, endSessionEndpoint: 'http://idp.example.cn/logout' },
      /identity\.endSessionEndpoint: endSessionEndpoint must be an https URL/,
    ],
    ['a Cognito domain prefix Cognito refuses', { mode: 'cognito', domainPrefix: 'aws-gc' }, /identity\.domainPrefix: domainPrefix may not contain aws/],
    ['a domain prefix with capitals', { mode: 'cognito', domainPrefix: 'Jilin' }, /identity\.domainPrefix: domainPrefix: lower-case/],
    ['oidc settings under cognito', { mode: 'cognito', issuer: oidc.issuer }, /Unrecognized key: "issuer"/],
  ])('refuse %s, saying which field and showing both shapes', (_name, raw, message) => {
    expect(() => parseIdentityConfig(raw)).toThrow(InvalidConfigError);
    expect(() => parseIdentityConfig(raw)).toThrow(message);
    expect(() => parseIdentityConfig(raw)).toThrow(/Expected one of:\n {2}\{ "mode": "cognito" \}\n {2}\{ "mode": "oidc", "issuer"/);
  });
});
