import { Identity, type Role } from '#catalog/identity.ts';

/**
 * Where a token keeps what the API needs. Cognito puts roles (groups) in `cognito:groups` and the
 * organisation in `custom:orgId`; another OpenID Connect provider names them as it likes, so the
 * names are configuration (`AUTH_ROLES_CLAIM`, `AUTH_ORG_CLAIM`), the same for every token path.
 */
export interface ClaimNames {
  roles: string;
  org: string;
}

export const cognitoClaimNames: ClaimNames = { roles: 'cognito:groups', org: 'custom:orgId' };

export function claimNamesFrom(env: Record<string, string | undefined>): ClaimNames {
  return { roles: env.AUTH_ROLES_CLAIM || cognitoClaimNames.roles, org: env.AUTH_ORG_CLAIM || cognitoClaimNames.org };
}

/** The scope a downstream system's client-credentials token carries. */
export const catalogReadScope = 'catalog/read';

/** When a person holds several roles, the one with the fewest powers outside its own work wins. */
const rolePrecedence: readonly Role[] = ['hospital', 'firm', 'downstream', 'reviewer', 'pricing-staff', 'admin'];

/**
 * A verified token's claims → who is calling. The one mapping for every path: the HTTP API's JWT
 * authorizer on Lambda (claims arrive stringified: `[a b]`) and tokens verified by the app
 * itself (claims are JSON: arrays). A machine client has no roles and the `catalog/read` scope.
 * Anything that does not map to a known role gives no identity (401), never a default role.
 */
export function identityFromClaims(claims: Record<string, unknown>, names: ClaimNames): Identity | undefined {
  const scopes = listOf(claims.scope);
  const role = roleOf(listOf(claims[names.roles])) ?? (scopes.includes(catalogReadScope) ? 'downstream' : undefined);
  const org = claims[names.org];
  const parsed = Identity.safeParse({
    sub: claims.sub ?? claims.client_id,
    name: claims.name ?? claims.preferred_username ?? claims['cognito:username'] ?? claims.client_id,
    role,
    ...(typeof org === 'string' && org !== '' ? { orgId: org } : {}),
  });
  if (!parsed.success) return undefined;
  // Hospitals and firms act for an organisation; without one they may do nothing.
  if ((parsed.data.role === 'hospital' || parsed.data.role === 'firm') && parsed.data.orgId === undefined) return undefined;
  return parsed.data;
}

/** The role a person in these groups acts in: the known role with the fewest powers; none when no group is a role. */
export function roleOf(groups: readonly string[]): Role | undefined {
  return rolePrecedence.find((candidate) => groups.includes(candidate));
}

/** A claim as a list: a JSON array, or a string as API Gateway forwards arrays (`[a b]`) or a space/comma-separated one. */
function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}
