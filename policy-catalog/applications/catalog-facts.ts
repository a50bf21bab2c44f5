import type { MeasureAttributes } from '../measure.ts';
import type { EntryFact } from '../rules/decision.ts';
import { resolve } from '../timeline.ts';
import type { WorkingCalendar } from './calendar.ts';
import { type DeadlineConfig, defaultDeadlines } from './deadlines.ts';
import type { AgreementTermination } from './termination.ts';

/** What the application workflow takes from the catalog's measures. */
export interface ApplicationFacts {
  calendar: WorkingCalendar;
  deadlines: DeadlineConfig;
  terminations: AgreementTermination[];
}

/**
 * The working calendar is every published year's arrangement together; deadline settings are
 * those in force `now` (else the defaults); terminations are every terminated agreement, each
 * from the start of its period (2020 No.2 §3).
 */
export function applicationFacts(measures: readonly EntryFact<MeasureAttributes>[], now: string): ApplicationFacts {
  const holidays = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  const terminations: AgreementTermination[] = [];
  let deadlines: DeadlineConfig = defaultDeadlines;
  for (const measure of measures) {
    for (const period of measure.timeline) {
      const attributes = period.attributes;
      if (attributes.type === 'working-calendar') {
        for (const date of attributes.holidays) holidays.add(date);
        for (const date of attributes.makeUpWorkdays) makeUpWorkdays.add(date);
      } else if (attributes.type === 'agreement-termination') {
        terminations.push({ orgId: attributes.orgId, reason: attributes.reason, terminatedAt: period.validFrom });
      }
    }
    const current = resolve(measure.timeline, now)?.attributes;
    if (current?.type === 'application-deadlines') {
      const { normalWorkingDays, greenChannelWorkingDays, publicNoticeWorkingDays, reconsiderationWindowWorkingDays, designationWorkingDays } = current;
      deadlines = {
        normalWorkingDays,
        greenChannelWorkingDays,
        publicNoticeWorkingDays,
        reconsiderationWindowWorkingDays,
        ...(designationWorkingDays === undefined ? {} : { designationWorkingDays }),
      };
    }
  }
  return { calendar: { holidays: [...holidays].sort(), makeUpWorkdays: [...makeUpWorkdays].sort() }, deadlines, terminations };
}
