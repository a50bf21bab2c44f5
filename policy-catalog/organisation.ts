import * as z from 'zod';
import { type Identity, Person } from './identity.ts';
import { Instant } from './time.ts';
import { OrgId } from './user-account.ts';

/** Which kind of organisation acts in the green channels: a designated hospital (定点医疗机构) or a pharmaceutical firm (医药企业). */
export const OrganisationType = z.enum(['hospital', 'firm']).meta({ id: 'OrganisationType' });
export type OrganisationType = z.infer<typeof OrganisationType>;

/** The organisation's Chinese name as people know it, e.g. 吉林大学第一医院; one line. */
export const OrganisationName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'one line, no control characters')
  .meta({ description: 'The organisation’s Chinese name, 1–100 characters', example: '吉林大学第一医院' });

/**
 * An organisation of the bureau's registry (issue 14 §7): the code that hospitals' and firms'
 * tokens carry, with the name people expect to read instead of it.
 */
export const Organisation = z
  .strictObject({
    orgId: OrgId,
    name: OrganisationName,
    type: OrganisationType,
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;

/** An organisation as the registry keeps it: who last set it and when, and its version (the ETag is "v<version>"). */
export const OrganisationRecord = Organisation.extend({
  changedBy: Person,
  changedAt: Instant,
  version: z.number().int().min(1),
}).meta({ id: 'OrganisationRecord' });
export type OrganisationRecord = z.infer<typeof OrganisationRecord>;

/** The body that creates or renames one organisation (its code is in the path). */
export const SetOrganisationRecord = z
  .strictObject({
    name: OrganisationName,
    type: OrganisationType,
  })
  .meta({ id: 'SetOrganisationRecord' });
export type SetOrganisationRecord = z.infer<typeof SetOrganisationRecord>;

/**
 * Which organisations a person may read: the bureau every one; a hospital or firm only its own,
 * so that no organisation learns of another through the registry; anyone else none.
 */
export type OrganisationScope = { kind: 'all' } | { kind: 'own'; orgId: string } | { kind: 'none' };

export function organisationScope(actor: Identity): OrganisationScope {
  if (actor.role === 'reviewer' || actor.role === 'pricing-staff' || actor.role === 'admin') return { kind: 'all' };
  if ((actor.role === 'hospital' || actor.role === 'firm') && actor.orgId !== undefined) return { kind: 'own', orgId: actor.orgId };
  return { kind: 'none' };
}

/** Whether the scope lets its holder read `orgId`'s record. */
export function mayRead(scope: OrganisationScope, orgId: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'own' && scope.orgId === orgId);
}

/** Who set an organisation's record, as a hospital or firm reads its own: the bureau, not the admin by name (as releases show staff). */
export const registryOffice: Person = { sub: 'office:registry', name: '医保局' };

/** The record as a reader in `scope` may see it: the bureau sees who changed it; an organisation sees the bureau. */
export function organisationForReader(record: OrganisationRecord, scope: OrganisationScope): OrganisationRecord {
  return scope.kind === 'all' ? record : { ...record, changedBy: registryOffice };
}
