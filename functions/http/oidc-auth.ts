import type { Context } from 'hono';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Identity } from '#catalog/identity.ts';
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
  // A signature is checked once per token, not once per request (issue 12: the per-request cost);
  // expiry and revocation are still checked on every request.
  const verified = new Map<string, Verified>();
  const verify = async (token: string): Promise<Verified | undefined> => {
    const known = verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer,
        audience,
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        requiredClaims: ['exp'],
        clockTolerance: 5,
      });
      const identity = identityFromClaims(payload, claimNames);
      if (!identity) return undefined;
      const entry: Verified = {
        identity,
        expiresAtMs: (payload.exp as number) * 1000,
        clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined,
      };
      if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string);
      verified.set(token, entry);
      return entry;
    } catch {
      return undefined;
    }
  };
  return {
    async identify(c: Context) {
      const token = bearer(c);
      if (!token) return undefined;
      const entry = await verify(token);
      if (!entry) return undefined;
      if (entry.expiresAtMs <= Date.now()) {
        verified.delete(token);
        return undefined;
      }
      const { identity, clientId } = entry;
      if (identity.role === 'downstream' && clientId && clientIsActive && !(await clientIsActive(clientId))) return undefined;
      return identity;
    },
  };
}

/** Tokens whose signature this process has checked, oldest dropped first. */
const MAX_VERIFIED_TOKENS = 10_000;

interface Verified {
  identity: Identity;
  expiresAtMs: number;
  clientId: string | undefined;
}

function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
