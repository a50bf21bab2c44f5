import type { Store } from '#store/store.ts';
import { type MarkResult, markOverdue } from './mark-overdue.ts';

export interface HourlyResult extends MarkResult {
  /** Releases that were committed but left invisible (their publisher died), now completed. */
  rolledForward: number[];
  /** How long the oldest committed release had been waiting to become visible when the job began (0: none was). */
  projectionLagSeconds: number;
}

/**
 * The hourly job (EventBridge on AWS, a timer locally): complete any release whose publish died
 * after its commit, then mark overdue applications and deferred materials. Both parts are
 * idempotent; a run that fails is simply done again by the next.
 */
export async function hourlyJob(store: Store, now: Date): Promise<HourlyResult> {
  const waiting = await store.releases.oldestInvisible();
  const projectionLagSeconds = waiting ? Math.max(0, Math.round((now.getTime() - waiting.committedAtMs) / 1000)) : 0;
  const rolledForward = await store.releases.recover();
  return { rolledForward, projectionLagSeconds, ...(await markOverdue(store, now)) };
}
