import * as z from 'zod';
import { Person } from './identity.ts';
import { Instant } from './time.ts';

/** What a downstream system may do: read the catalog. Reading applications is never granted (issue 10 §4). */
export const MachineScope = z.enum(['catalog/read']).meta({ id: 'MachineScope' });

/**
 * A downstream system's own client (client credentials) at the identity provider, as the bureau
 * registered it: one per system, so that one can be revoked alone. The secret lives only at the
 * provider and is shown once, when the client is registered.
 */
export const MachineClient = z
  .strictObject({
    clientId: z.string(),
    name: z.string(),
    contact: z.string(),
    scopes: z.array(MachineScope),
    createdBy: Person,
    createdAt: Instant,
    revokedBy: Person.optional(),
    revokedAt: Instant.optional(),
    lastUsedAt: Instant.optional().meta({ description: 'The last request made with one of its tokens (to the minute)' }),
  })
  .meta({ id: 'MachineClient' });
export type MachineClient = z.infer<typeof MachineClient>;

export const RegisterMachineClient = z
  .strictObject({
    name: z.string().trim().min(1).max(100).meta({ example: '吉林大学第一医院 HIS' }),
    contact: z.string().trim().min(1).max(200).meta({ example: '信息科 张工 0431-0000000' }),
  })
  .meta({ id: 'RegisterMachineClient' });
export type RegisterMachineClient = z.infer<typeof RegisterMachineClient>;
