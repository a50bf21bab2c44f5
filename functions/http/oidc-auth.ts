import type { Context } from 'hono';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Auth } from './auth.ts';
import { type ClaimNames, identityFromClaims } from './claims.ts';

export interface OidcAuthOptions {
  /** The provider's issuer, exactly as in its tokens' `iss`. */
  issuer: string;
  /** The API's audience (`aud`), or the client ids accepted when the provider puts those there. */
  audience: string | string[];
  /** The provider's keys: its JWKS URL, or a key set given directly (tests). */
  keys: URL | JWTVerifyGetKey;
  claimNames: ClaimNames;
  /** Whether a machine client is still registered (revocation is checked on every request, cached briefly by the caller). */
  clientIsActive?: (clientId: string) => Promise<boolean>;
}

/**
 * Tokens verified by the app itself against the provider's JWKS: signature (asymmetric
 * algorithms only, so `alg: none` and HMAC tokens are refused), issuer, audience, expiry
 * (required) and not-before. The claims then map to an identity exactly as on Lambda.
 */
export function oidcAuth({ issuer, audience, keys, claimNames, clientIsActive }: OidcAuthOptions): Auth {
  const keySet = keys instanceof URL ? createRemoteJWKSet(keys) : keys;
  return {
    async identify(c: Context) {
      const token = bearer(c);
      if (!token) return undefined;
      let claims: Record<string, unknown>;
      try {
        ({ payload: claims } = await jwtVerify(token, keySet, {
          issuer,
          audience,
          algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
          requiredClaims: ['exp'],
          clockTolerance: 5,
        }));
      } catch {
        return undefined;
      }
      const identity = identityFromClaims(claims, claimNames);
      if (!identity) return undefined;
      const clientId = typeof claims.client_id === 'string' ? claims.client_id : undefined;
      if (identity.role === 'downstream' && clientId && clientIsActive && !(await clientIsActive(clientId))) return undefined;
      return identity;
    },
  };
}

function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
