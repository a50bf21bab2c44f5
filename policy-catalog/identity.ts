import * as z from 'zod';

/** Roles as in ARCHITECTURE.md; on AWS they are the Cognito user pool's groups. */
export const Role = z.enum(['pricing-staff', 'reviewer', 'hospital', 'firm', 'downstream', 'admin']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

/** Who is acting: the claims of a verified token. Hospitals and firms carry their organisation. */
export const Identity = z
  .strictObject({
    sub: z.string().min(1).max(200),
    name: z.string().trim().min(1).max(100),
    role: Role,
    orgId: z.string().min(1).max(100).optional(),
  })
  .meta({ id: 'Identity' });
export type Identity = z.infer<typeof Identity>;

/** A person as recorded on a change set or release. */
export const Person = z.strictObject({ sub: z.string(), name: z.string() }).meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

export function personOf(identity: Identity): Person {
  return { sub: identity.sub, name: identity.name };
}
