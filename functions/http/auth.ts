import type { Context } from 'hono';
import { sign, verify } from 'hono/jwt';
import { Identity } from '#catalog/identity.ts';
import { type ClaimNames, claimNamesFrom, identityFromClaims } from './claims.ts';

/** How the app learns who is calling. Locally: our own JWTs. On AWS: the HTTP API's JWT authorizer. */
export interface Auth {
  identify(c: Context): Promise<Identity | undefined>;
  /** Only local auth can mint tokens (the dev sign-in). */
  issueDevToken?(identity: Identity): Promise<string>;
  /** Only local auth: a long-lived token for a downstream system, revocable by its id. */
  issueMachineToken?(identity: Identity, tokenId: string, expiresAt: Date): Promise<string>;
}

/** Whether a machine token is still good: it exists and has not been revoked. */
export type MachineTokenCheck = (tokenId: string) => Promise<boolean>;

const DEV_TOKEN_SECONDS = 12 * 60 * 60;

/** Locally: HS256 JWTs signed with a local key, carrying the same claims as on AWS. */
export function localAuth(secret: string, now: () => Date, machineTokenIsActive?: MachineTokenCheck): Auth {
  // Verifying a signature imports the key and runs HMAC each time; a token that verified once
  // is remembered until it expires (revocation of machine tokens is still checked every time).
  const verified = new Map<string, Record<string, unknown>>();
  return {
    async identify(c) {
      const token = bearer(c);
      if (!token) return undefined;
      let claims = verified.get(token);
      if (!claims) {
        try {
          // Times are checked below against the app's clock (the one that issued the token).
          claims = await verify(token, secret, { alg: 'HS256', exp: false, nbf: false, iat: false });
        } catch {
          return undefined;
        }
        if (verified.size >= 10_000) verified.clear();
        verified.set(token, claims);
      }
      if (!isCurrent(claims, now().getTime())) {
        verified.delete(token);
        return undefined;
      }
      const parsed = Identity.safeParse({ sub: claims.sub, name: claims.name, role: claims.role, orgId: claims.orgId });
      if (!parsed.success) return undefined;
      // A machine token is checked on every request, so a revoked one is refused at once.
      if (typeof claims.tid === 'string' && !(await machineTokenIsActive?.(claims.tid))) return undefined;
      return parsed.data;
    },
    async issueMachineToken(identity, tokenId, expiresAt) {
      return sign({ ...identity, tid: tokenId, iat: Math.floor(now().getTime() / 1000), exp: Math.floor(expiresAt.getTime() / 1000) }, secret, 'HS256');
    },
    async issueDevToken(identity) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      return sign({ ...identity, iat: issuedAt, exp: issuedAt + DEV_TOKEN_SECONDS }, secret, 'HS256');
    },
  };
}

/**
 * On AWS the HTTP API's JWT authorizer has verified the Cognito token already; its claims arrive
 * in the Lambda event. People carry their role as a Cognito group; machine clients (client
 * credentials) carry no group and the `catalog/read` scope, and read as `downstream`.
 */
export function lambdaAuth(claimNames: ClaimNames = claimNamesFrom(process.env), clientIsActive?: (clientId: string) => Promise<boolean>): Auth {
  return {
    async identify(c) {
      const env = c.env as { event?: { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } } } | undefined;
      const claims = env?.event?.requestContext?.authorizer?.jwt?.claims;
      const identity = claims ? identityFromClaims(claims, claimNames) : undefined;
      // A revoked downstream system's token is still valid at the provider until it expires.
      const clientId = typeof claims?.client_id === 'string' ? claims.client_id : undefined;
      if (identity?.role === 'downstream' && clientId && clientIsActive && !(await clientIsActive(clientId))) return undefined;
      return identity;
    },
  };
}

/** A token without `exp` never expires, so it is refused; `nbf` and `iat` may not lie in the future. */
function isCurrent(claims: Record<string, unknown>, nowMs: number): boolean {
  const seconds = nowMs / 1000;
  const { exp, nbf, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= seconds) return false;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > seconds)) return false;
  if (iat !== undefined && (typeof iat !== 'number' || iat > seconds + 60)) return false;
  return true;
}

function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
