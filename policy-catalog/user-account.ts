import * as z from 'zod';
import { Person, Role } from './identity.ts';
import { Instant } from './time.ts';

/** An organisation's code as hospitals' and firms' tokens carry it (`custom:orgId` on Cognito). */
export const OrgId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, 'an organisation code: 2–64 letters, digits, - or _')
  .meta({ description: 'The organisation’s code, e.g. hosp-jdyy', example: 'hosp-cczx' });

/**
 * A person as the identity provider knows them (issue 10 §7): the admin page lists these. The
 * role is the one the API would read from their tokens; `orgId` only for hospitals and firms.
 */
export const UserAccount = z
  .strictObject({
    username: z.string(),
    sub: z.string().optional().meta({ description: 'The id their tokens carry (`sub`), where the provider tells it' }),
    name: z.string(),
    role: Role.optional().meta({ description: 'Absent when the person is in no role group (they can do nothing)' }),
    orgId: z.string().optional(),
    email: z.string().optional(),
    enabled: z.boolean(),
  })
  .meta({ id: 'UserAccount' });
export type UserAccount = z.infer<typeof UserAccount>;

export const SetOrganisation = z
  .strictObject({ orgId: OrgId, reason: z.string().trim().min(1).max(200).meta({ example: '调入长春市中心医院信息科' }) })
  .meta({ id: 'SetOrganisation' });
export type SetOrganisation = z.infer<typeof SetOrganisation>;

/** One change of a user's organisation: who made it, when, before → after, and why. */
export const OrganisationChange = z
  .strictObject({
    username: z.string(),
    before: z.string().optional().meta({ description: 'The organisation before; absent when there was none' }),
    after: z.string(),
    reason: z.string(),
    by: Person,
    at: Instant,
  })
  .meta({ id: 'OrganisationChange' });
export type OrganisationChange = z.infer<typeof OrganisationChange>;

/**
 * Why a user's organisation may not be set to `orgId`, or undefined when it may: only hospitals
 * and firms act for an organisation; staff, reviewers, admins and systems have none.
 */
export function organisationRefusal(user: UserAccount, orgId: string): string | undefined {
  if (user.role !== 'hospital' && user.role !== 'firm') return `${user.username} is not a hospital or firm user: only they act for an organisation`;
  if (user.orgId === orgId) return `${user.username} already belongs to ${orgId}`;
  return undefined;
}
