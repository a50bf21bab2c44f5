import * as z from 'zod';
import { Instant, toEpochMs } from '../time.ts';

/**
 * A terminated service agreement (解除医保服务协议, 2020 No.2 §3): a designated medical institution
 * or pharmacy (定点医药机构) punished for hoarding, price gouging, or selling fake or substandard
 * masks, protective equipment or drugs loses its agreement; from `terminatedAt` on it may not take
 * the green channel (see `terminated` in workflow.ts and the README).
 */
export const AgreementTermination = z
  .strictObject({
    orgId: z.string().min(1).max(100),
    reason: z.string().trim().min(1).max(500).meta({ example: '疫情期间哄抬口罩价格，被市场监管部门行政处罚' }),
    terminatedAt: Instant,
  })
  .meta({ id: 'AgreementTermination' });
export type AgreementTermination = z.infer<typeof AgreementTermination>;

/** The termination that bars `orgId` at `now`, if any (the earliest, when there are several). */
export function terminationOf(orgId: string, terminations: readonly AgreementTermination[], now: string): AgreementTermination | undefined {
  return terminations.filter((termination) => isInForce(termination, orgId, now)).sort((a, b) => toEpochMs(a.terminatedAt) - toEpochMs(b.terminatedAt))[0];
}

export function isInForce(termination: AgreementTermination, orgId: string, now: string): boolean {
  return termination.orgId === orgId && toEpochMs(termination.terminatedAt) <= toEpochMs(now);
}
