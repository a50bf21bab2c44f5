import type { Context } from 'hono';
import type { Identity } from '#catalog/identity.ts';
import { type ClaimNames, claimNamesFrom, identityFromClaims } from './claims.ts';

/**
 * How the app learns who is calling: locally, access tokens from the OpenID Connect provider
 * verified by the app (`oidcAuth`); on AWS, the claims the HTTP API's JWT authorizer verified.
 */
export interface Auth {
  identify(c: Context): Promise<Identity | undefined>;
}

/**
 * On AWS the HTTP API's JWT authorizer has verified the token already; its claims arrive in the
 * Lambda event. People carry their role as a group; machine clients (client credentials) carry
 * no group and the `catalog/read` scope, and read as `downstream`.
 *
 * The read routes downstream systems call (catalog, releases, FHIR) have no authorizer: the
 * authorizer's audience list is fixed at deploy time, and each system's client is created at
 * runtime. There `verifier` (the app's own verification against the provider's keys) checks the
 * bearer token, and the claims map to an identity the same way.
 */
export function lambdaAuth(
  claimNames: ClaimNames = claimNamesFrom(process.env),
  clientIsActive?: (clientId: string) => Promise<boolean>,
  verifier?: Auth,
): Auth {
  return {
    async identify(c) {
      const env = c.env as { event?: { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } } } | undefined;
      const claims = env?.event?.requestContext?.authorizer?.jwt?.claims;
      if (!claims) return verifier?.identify(c);
      const identity = identityFromClaims(claims, claimNames);
      // A revoked downstream system's token is still valid at the provider until it expires.
      const clientId = typeof claims?.client_id === 'string' ? claims.client_id : undefined;
      if (identity?.role === 'downstream' && clientId && clientIsActive && !(await clientIsActive(clientId))) return undefined;
      return identity;
    },
  };
}
