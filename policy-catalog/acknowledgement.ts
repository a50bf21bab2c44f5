import * as z from 'zod';
import { Person } from './identity.ts';
import type { ImpactTotals } from './impact.ts';
import type { ImpactWarningCode } from './impact-warning.ts';
import { Instant } from './time.ts';

/**
 * The warnings a person approving or publishing must acknowledge by name: those that change what
 * hospitals settle against without it being obvious from the new values alone (issue 9). The
 * others (`ends-entry`, `new-entry`, `existing-entry`) are shown but need no acknowledgement.
 */
export const acknowledgeable = [
  'removes-published-periods',
  'retroactive',
  'ceiling-raised',
  'large-price-change',
] as const satisfies readonly ImpactWarningCode[];

export const AcknowledgeableCode = z.enum(acknowledgeable).meta({ id: 'AcknowledgeableCode' });
export type AcknowledgeableCode = z.infer<typeof AcknowledgeableCode>;

/** Who acknowledged which warnings, at which step, against which release. Kept with the change set and its release. */
export const Acknowledgement = z
  .strictObject({
    step: z.enum(['approve', 'publish']),
    by: Person,
    at: Instant,
    against: z.number().int().min(0).meta({ description: 'The release the impact was computed against' }),
    codes: z.array(AcknowledgeableCode),
  })
  .meta({ id: 'Acknowledgement' });
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export interface RequiredAcknowledgement {
  code: AcknowledgeableCode;
  /** How many entries carry the warning. */
  entries: number;
}

/** The acknowledgements a step still lacks: each acknowledgeable warning present in `totals` and not listed. */
export function missingAcknowledgements(totals: ImpactTotals, acknowledged: readonly string[]): RequiredAcknowledgement[] {
  const given = new Set(acknowledged);
  return acknowledgeable.filter((code) => (totals[code] ?? 0) > 0 && !given.has(code)).map((code) => ({ code, entries: totals[code] ?? 0 }));
}

/** The codes that were required and given, to record (codes given but not needed are not recorded). */
export function acknowledgedCodes(totals: ImpactTotals, acknowledged: readonly string[]): AcknowledgeableCode[] {
  const given = new Set(acknowledged);
  return acknowledgeable.filter((code) => (totals[code] ?? 0) > 0 && given.has(code));
}
