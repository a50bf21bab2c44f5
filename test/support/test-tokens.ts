import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, type JWTVerifyGetKey, SignJWT } from 'jose';
import type { ClaimNames } from '../../functions/http/claims.ts';
import type { Role } from '../../policy-catalog/identity.ts';

/** Where test tokens come from: an issuer that cannot exist, the API's audience, the local provider's claim names. */
export const TEST_ISSUER = 'https://test-issuer.invalid';
export const TEST_AUDIENCE = 'urn:green-channel:api';
export const TEST_CLAIM_NAMES: ClaimNames = { roles: 'roles', org: 'org_id' };

const TOKEN_SECONDS = 15 * 60;

export interface TestSigner {
  /** The public key set that verifies this signer's tokens (for `oidcAuth`). */
  keys: JWTVerifyGetKey;
  /** The public key as a JWK, for a verifier in another process. */
  publicJwk: JWK;
  /** An RS256 access token for a person or system, 15 minutes, as the OIDC provider would issue it. */
  tokenFor(role: Role, name: string, orgId?: string, options?: { issuer?: string; audience?: string }): Promise<string>;
  /** Any claims, signed with this key (for tests of the verifier itself). */
  sign(claims: Record<string, unknown>): Promise<string>;
}

let signer: Promise<TestSigner> | undefined;

/** One RSA key pair per process: generating one takes a moment, and every test app may share it. */
export function testSigner(): Promise<TestSigner> {
  signer ??= createSigner();
  return signer;
}

async function createSigner(): Promise<TestSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-signer', alg: 'RS256', use: 'sig' };
  const keys = createLocalJWKSet({ keys: [publicJwk] });
  const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-signer' }).sign(privateKey);
  return {
    keys,
    publicJwk,
    sign,
    tokenFor(role, name, orgId, { issuer = TEST_ISSUER, audience = TEST_AUDIENCE } = {}) {
      const now = Math.floor(Date.now() / 1000);
      // The subject is derived from the identity (as the dev tokens' was), so the same role, name and organisation stay one person.
      return sign({
        iss: issuer,
        aud: audience,
        sub: `dev:${role}:${orgId ?? '-'}:${name}`,
        name,
        [TEST_CLAIM_NAMES.roles]: [role],
        ...(orgId ? { [TEST_CLAIM_NAMES.org]: orgId } : {}),
        ...(role === 'downstream' ? { scope: 'catalog/read' } : {}),
        iat: now,
        exp: now + TOKEN_SECONDS,
      });
    },
  };
}
