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
  /**
   * Cognito's access tokens carry no `aud`: they name their client in `client_id` and say
   * `token_use: access`. With this set, such a token is accepted when its client is one of
   * `audience` (the console) or it carries the `catalog/read` scope, which only the downstream
   * systems' clients the bureau registered in its own pool are given.
   */
  clientIdAudience?: boolean;
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
export function oidcAuth({ issuer, audience, clientIdAudience = false, keys, claimNames, clientIsActive }: OidcAuthOptions): Auth {
  const keySet = keys instanceof URL ? createRemoteJWKSet(keys) : keys;
  const audiences = typeof audience === 'string' ? [audience] : audience;
  // A signature is checked once per token, not once per request (issue 12: the per-request cost);
  // expiry and revocation are still checked on every request.
  const verified = new Map<string, Verified>();
  const verify = async (token: string): Promise<Verified | undefined> => {
    const known = verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer,
        ...(clientIdAudience ? {} : { audience }),
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        requiredClaims: ['exp'],
        clockTolerance: 5,
      });
      const identity = identityFromClaims(payload, claimNames);
      if (!identity) return undefined;
      if (clientIdAudience && !isCognitoAccessTokenFor(payload, audiences, identity)) return undefined;
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

/**
 * The provider's keys found through its discovery document (`jwks_uri`), fetched on first use and
 * then cached and refreshed by jose: Cognito's and any OpenID Connect provider's alike.
 */
export function discoveredKeys(issuer: string): JWTVerifyGetKey {
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  const load = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`the provider's discovery document answered ${response.status}`);
    const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
    if (typeof jwksUri !== 'string') throw new Error('the provider’s discovery document names no jwks_uri');
    return createRemoteJWKSet(new URL(jwksUri));
  };
  return async (header, token) => {
    keySet ??= load().catch((error: unknown) => {
      keySet = undefined;
      throw error;
    });
    return (await keySet)(header, token);
  };
}

/** A Cognito access token (no `aud`) for the console, or a downstream system's (client credentials, `catalog/read`). */
function isCognitoAccessTokenFor(payload: Record<string, unknown>, audiences: readonly string[], identity: Identity): boolean {
  if (payload.aud !== undefined || payload.token_use !== 'access' || typeof payload.client_id !== 'string') return false;
  return audiences.includes(payload.client_id) || identity.role === 'downstream';
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
