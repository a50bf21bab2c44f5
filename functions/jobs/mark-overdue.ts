import { applicationFacts } from '#catalog/applications/catalog-facts.ts';
import { workingDaysBetween } from '#catalog/applications/calendar.ts';
import { bureauOwes, deferredMaterialsPastDue, overdue } from '#catalog/applications/deadlines.ts';
import type { MeasureAttributes } from '#catalog/measure.ts';
import { deadlineNotification } from '#catalog/notifications.ts';
import type { EntryFact } from '#catalog/rules/decision.ts';
import type { Application } from '#catalog/applications/application.ts';
import { ApplicationType } from '#catalog/applications/materials.ts';
import { toChinaIso } from '#catalog/time.ts';
import { ConflictError } from '#store/errors.ts';
import type { Store } from '#store/store.ts';

export interface MarkResult {
  overdue: string[];
  materialsPastDue: string[];
  /** Reviewers told that work is due within two working days. */
  dueSoon: string[];
}

/** Reviewers are told of work due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 2;

/**
 * The hourly job: mark applications the bureau is late on, and deferred materials (容缺后补)
 * whose promised day has passed. Runs as its own Lambda on an EventBridge schedule, and locally
 * on a timer in the local server. A mark is written once; an application changed meanwhile by
 * someone else is left for the next run. Reviewers are told in the console of work due within
 * two working days and of work overdue.
 */
export async function markOverdue(store: Store, now: Date): Promise<MarkResult> {
  const at = toChinaIso(now.getTime());
  const result: MarkResult = { overdue: [], materialsPastDue: [], dueSoon: [] };
  const release = await store.catalog.visibleRelease();
  const measures = (await store.catalog.view('measures', release)).entries as EntryFact<MeasureAttributes>[];
  const { calendar } = applicationFacts(measures, at);
  for (const type of ApplicationType.options) {
    for (const application of await store.applications.list(type)) {
      const late = overdue(application, at);
      // Reviewers are told once per due date (the notification's id is stable).
      if (late) await store.notifications.tell(deadlineNotification(application, 'overdue', now.toISOString()));
      else if (application.dueAt && bureauOwes.has(application.state) && workingDaysBetween(at, application.dueAt, calendar) <= DUE_SOON_WORKING_DAYS) {
        await store.notifications.tell(deadlineNotification(application, 'deadline-soon', now.toISOString()));
        result.dueSoon.push(application.id);
      }
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
