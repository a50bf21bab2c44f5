import * as z from 'zod';
import { Instant } from '../time.ts';
import type { ApplicationAction } from './application.ts';
import { MAX_DECLARATIONS, MaterialDeclaration, MaterialKey } from './materials.ts';

/** Who takes each action: the applying organisation, or a bureau reviewer. */
export const performedBy: Record<ApplicationAction, 'applicant' | 'reviewer'> = {
  edit: 'applicant',
  submit: 'applicant',
  withdraw: 'applicant',
  'supply-supplement': 'applicant',
  'supply-material': 'applicant',
  'request-reconsideration': 'applicant',
  accept: 'reviewer',
  'request-supplement': 'reviewer',
  'start-review': 'reviewer',
  'publish-notice': 'reviewer',
  object: 'reviewer',
  approve: 'reviewer',
  reject: 'reviewer',
};

/** The actions whose reason is recorded and required ("why" in the history). */
export const reasonRequired: ReadonlySet<ApplicationAction> = new Set(['request-supplement', 'reject', 'object', 'request-reconsideration']);

const reason = { reason: z.string().trim().max(2000).optional() };

/** The body each action takes; the API validates requests with these. */
export const actionInputs = {
  edit: z.strictObject({
    ...reason,
    payload: z.unknown().optional().meta({ description: 'The whole new payload, checked against the application type' }),
    materials: z.array(MaterialDeclaration).max(MAX_DECLARATIONS).optional(),
  }),
  submit: z.strictObject({ ...reason }),
  withdraw: z.strictObject({ ...reason }),
  'supply-supplement': z.strictObject({
    ...reason,
    materials: z.array(MaterialDeclaration).max(MAX_DECLARATIONS).optional().meta({ description: 'New declarations; each replaces the one with its key' }),
  }),
  'supply-material': z.strictObject({
    ...reason,
    materials: z.array(MaterialKey).min(1).max(MAX_DECLARATIONS).meta({ description: 'Deferred or unavailable materials now supplied' }),
  }),
  'request-reconsideration': z.strictObject({ ...reason }),
  accept: z.strictObject({ ...reason }),
  'request-supplement': z.strictObject({
    ...reason,
    materials: z.array(MaterialKey).max(MAX_DECLARATIONS).optional().meta({ description: 'The materials asked for' }),
  }),
  'start-review': z.strictObject({ ...reason }),
  'publish-notice': z.strictObject({ ...reason }),
  object: z.strictObject({ ...reason }),
  approve: z.strictObject({
    ...reason,
    validFrom: Instant.optional().meta({ description: 'When the new entry applies; default 00:00 the day after approval' }),
  }),
  reject: z.strictObject({ ...reason }),
} satisfies Record<ApplicationAction, z.ZodType>;

export type ActionInput<A extends ApplicationAction> = z.infer<(typeof actionInputs)[A]>;
