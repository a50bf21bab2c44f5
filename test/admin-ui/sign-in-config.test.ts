import { describe, expect, it } from 'vitest';
import { identityFromClaims } from '../../admin-ui/src/app/identity-claims.ts';
import { parseRuntimeConfig } from '../../admin-ui/src/app/runtime-config.ts';
import { identityFromClaims as apiIdentityFromClaims, cognitoClaimNames } from '../../functions/http/claims.ts';
import { localClaimNames } from '../../functions/local/oidc/provider.ts';

describe('the console’s sign-in settings from config.json', () => {
  it('reads the keys the deployment writes, with Cognito’s claim names unless others are named', () => {
    const config = parseRuntimeConfig({
      apiUrl: 'https://api.example.com',
      identityMode: 'cognito',
      issuer: 'https://cognito-idp.ap-east-1.amazonaws.com/pool',
      clientId: 'abc',
      scope: 'openid email profile',
      redirectUri: 'https://console.example.com/',
      postLogoutRedirectUri: 'https://console.example.com/',
      authorizationEndpoint: 'https://gc.auth.example.com/oauth2/authorize',
      tokenEndpoint: 'https://gc.auth.example.com/oauth2/token',
      endSessionEndpoint: 'https://gc.auth.example.com/logout',
      region: 'ap-east-1',
      userPoolId: 'pool',
      authDomain: 'https://gc.auth.example.com',
    });
    expect(config).toEqual({
      apiUrl: 'https://api.example.com',
      signIn: {
        issuer: 'https://cognito-idp.ap-east-1.amazonaws.com/pool',
        clientId: 'abc',
        redirectUri: 'https://console.example.com/',
        postLogoutRedirectUri: 'https://console.example.com/',
        scope: 'openid email profile',
        rolesClaim: 'cognito:groups',
        orgClaim: 'custom:orgId',
        identityMode: 'cognito',
        authorizationEndpoint: 'https://gc.auth.example.com/oauth2/authorize',
        tokenEndpoint: 'https://gc.auth.example.com/oauth2/token',
        endSessionEndpoint: 'https://gc.auth.example.com/logout',
      },
    });
    expect(
      parseRuntimeConfig({ issuer: 'https://idp.example.org', clientId: 'c', redirectUri: 'https://c.example.org/', rolesClaim: 'roles', orgClaim: 'org_id' })
        .signIn,
    ).toMatchObject({ rolesClaim: 'roles', orgClaim: 'org_id', postLogoutRedirectUri: 'https://c.example.org/', scope: 'openid profile' });
  });

  it('has no sign-in without an issuer, client id and redirect URI (a missing config.json included)', () => {
    expect(parseRuntimeConfig(undefined)).toEqual({});
    expect(parseRuntimeConfig({ apiUrl: 'https://api.example.com', clientId: 'c', redirectUri: 'https://c/' })).toEqual({ apiUrl: 'https://api.example.com' });
    expect(parseRuntimeConfig('<!doctype html>')).toEqual({});
  });
});

describe('who the header shows: the token’s claims read as the API reads them', () => {
  const shapes = [
    { label: 'local provider', names: localClaimNames, settings: { rolesClaim: 'roles', orgClaim: 'org_id' } },
    { label: 'Cognito', names: cognitoClaimNames, settings: { rolesClaim: 'cognito:groups', orgClaim: 'custom:orgId' } },
  ];
  const claimSets = (roles: string, org: string) => [
    { sub: 'u1', name: '王芳', [roles]: ['pricing-staff'] },
    { sub: 'u2', name: '刘医生', [roles]: ['hospital'], [org]: 'hosp-jdyy' },
    { sub: 'u3', name: '刘医生', [roles]: ['hospital'] },
    { sub: 'u4', 'cognito:username': 'chen', [roles]: 'firm', [org]: 'firm-demo' },
    { sub: 'u5', name: '赵敏', [roles]: ['admin', 'reviewer'] },
    { sub: 'u6', name: '某人', [roles]: ['superuser'] },
    { sub: 'u7', name: '某人' },
    { sub: 'u8', preferred_username: 'his', [roles]: ['downstream'] },
  ];

  for (const { label, names, settings } of shapes) {
    it(`maps ${label} claims to the same identity as the API, never inventing a role or an organisation`, () => {
      for (const claims of claimSets(names.roles, names.org)) {
        expect(identityFromClaims(claims, settings), JSON.stringify(claims)).toEqual(apiIdentityFromClaims(claims, names));
      }
      expect(identityFromClaims({ sub: 'u2', name: '刘医生', [names.roles]: ['hospital'], [names.org]: 'hosp-jdyy' }, settings)).toEqual({
        sub: 'u2',
        name: '刘医生',
        role: 'hospital',
        orgId: 'hosp-jdyy',
      });
    });
  }
});
