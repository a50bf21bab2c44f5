import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { cognitoClaimNames, identityFromClaims } from '../../functions/http/claims.ts';
import { handler } from '../../functions/handlers/pre-token.ts';

/** The V2 event as Cognito sends it (the fields the trigger reads, and the groups for the mapping below). */
function event(userAttributes: Record<string, string>): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'ap-northeast-1',
    userPoolId: 'ap-northeast-1_Example',
    userName: 'liu',
    callerContext: { awsSdkVersion: 'x', clientId: 'console' },
    request: { userAttributes, groupConfiguration: { groupsToOverride: ['hospital'], iamRolesToOverride: [], preferredRole: undefined }, scopes: ['openid'] },
    response: { claimsAndScopeOverrideDetails: null },
  } as unknown as PreTokenGenerationV2TriggerEvent;
}

describe('the pre-token-generation trigger (Cognito, V2)', () => {
  it('puts the organisation and the name into the access token, so the API can read a hospital user', async () => {
    const result = await handler(event({ sub: 'u-1', name: '刘医生', email: 'liu@jdyy.example', 'custom:orgId': 'hosp-jdyy' }));
    const added = result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride;
    expect(added).toEqual({ 'custom:orgId': 'hosp-jdyy', name: '刘医生' });
    // The access token Cognito then issues maps to the same identity as the authorizer's path.
    const accessToken = { sub: 'u-1', client_id: 'console', token_use: 'access', 'cognito:groups': ['hospital'], ...added };
    expect(identityFromClaims(accessToken, cognitoClaimNames)).toEqual({ sub: 'u-1', name: '刘医生', role: 'hospital', orgId: 'hosp-jdyy' });
  });

  it('adds no organisation for staff, and names them by email when they have no name', async () => {
    const result = await handler(event({ sub: 'u-2', email: 'wang@bureau.example' }));
    expect(result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({ name: 'wang@bureau.example' });
  });
});
