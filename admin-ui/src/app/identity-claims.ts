import type { Identity, Role } from '../api/api-types.ts';

/** Every role the console knows. */
export const roles: readonly Role[] = ['pricing-staff', 'reviewer', 'hospital', 'firm', 'downstream', 'admin'];

/** When a person holds several roles, the one with the fewest powers outside its own work wins (as the API decides). */
const rolePrecedence: readonly Role[] = ['hospital', 'firm', 'downstream', 'reviewer', 'pricing-staff', 'admin'];

/**
 * Who is signed in, from the claims of the provider's ID token, under the configured claim names:
 * the same reading as the API's (`functions/http/claims.ts`), so the header shows the role and
 * organisation the API will act on. Nothing here comes from what the user typed; the API still
 * decides every request on its own verified token.
 */
export function identityFromClaims(claims: Record<string, unknown>, names: { rolesClaim: string; orgClaim: string }): Identity | undefined {
  const held = listOf(claims[names.rolesClaim]);
  const role = rolePrecedence.find((candidate) => held.includes(candidate));
  const sub = claims.sub;
  const name = [claims.name, claims.preferred_username, claims['cognito:username']].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  const org = claims[names.orgClaim];
  if (!role || typeof sub !== 'string' || sub === '' || !name) return undefined;
  const orgId = typeof org === 'string' && org !== '' ? org : undefined;
  // Hospitals and firms act for an organisation; without one the API lets them do nothing.
  if ((role === 'hospital' || role === 'firm') && orgId === undefined) return undefined;
  return { sub, name: name.trim(), role, ...(orgId ? { orgId } : {}) };
}

/** A claim as a list: a JSON array, or a space/comma-separated string. Only known roles are kept. */
function listOf(value: unknown): Role[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  return items.filter((item): item is Role => typeof item === 'string' && (roles as readonly string[]).includes(item));
}
