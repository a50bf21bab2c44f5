import { deferredMaterialsPastDue, overdue } from '#catalog/applications/deadlines.ts';
import type { Application } from '#catalog/applications/application.ts';
import { ApplicationType } from '#catalog/applications/materials.ts';
import { toChinaIso } from '#catalog/time.ts';
import { ConflictError } from '#store/errors.ts';
import type { Store } from '#store/store.ts';

export interface MarkResult {
  overdue: string[];
  materialsPastDue: string[];
}

/**
 * The hourly job: mark applications the bureau is late on, and deferred materials (容缺后补)
 * whose promised day has passed. Runs as its own Lambda on an EventBridge schedule, and locally
 * on a timer in the local server. A mark is written once; an application changed meanwhile by
 * someone else is left for the next run.
 */
export async function markOverdue(store: Store, now: Date): Promise<MarkResult> {
  const at = toChinaIso(now.getTime());
  const result: MarkResult = { overdue: [], materialsPastDue: [] };
  for (const type of ApplicationType.options) {
    for (const application of await store.applications.list(type)) {
      const late = overdue(application, at);
      const pastDue = deferredMaterialsPastDue(application, at)
        .map((material) => material.key)
        .sort();
      const marks = application.marks ?? {};
      const newlyLate = late && marks.overdueSince === undefined;
      const newlyPastDue = pastDue.some((key) => !(marks.materialsPastDue ?? []).includes(key));
      if (!newlyLate && !newlyPastDue) continue;
      const next: Application = {
        ...application,
        marks: { ...marks, ...(newlyLate ? { overdueSince: at } : {}), ...(pastDue.length > 0 ? { materialsPastDue: pastDue } : {}) },
        version: application.version + 1,
      };
      try {
        await store.applications.save(next, application.version);
      } catch (error) {
        if (error instanceof ConflictError) continue;
        throw error;
      }
      if (newlyLate) result.overdue.push(application.id);
      if (newlyPastDue) result.materialsPastDue.push(application.id);
    }
  }
  return result;
}
