import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

/**
 * Cognito's pre-token-generation trigger (V2, access-token customization): Cognito's access
 * tokens carry groups but no user attributes, so the API would see neither a hospital's or firm's
 * organisation nor a person's name. This copies `custom:orgId` and `name` into the access token,
 * from the attributes only administrators set. Nothing else changes: groups and scopes stay
 * Cognito's own.
 */
export function accessTokenClaims(attributes: Record<string, string | undefined>): Record<string, string> {
  const claims: Record<string, string> = {};
  const orgId = attributes['custom:orgId'];
  const name = attributes.name ?? attributes.email;
  if (orgId) claims['custom:orgId'] = orgId;
  if (name) claims.name = name;
  return claims;
}

export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: accessTokenClaims(event.request.userAttributes) },
    },
  };
  return event;
};
