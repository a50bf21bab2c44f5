import * as z from 'zod';
import { toEpochMs } from '../time.ts';
import type { Application, ApplicationState } from './application.ts';
import { addWorkingDays, chinaDateOf, endOfDate, isWorkingDay, type WorkingCalendar, workingDaysBetween } from './calendar.ts';
import type { MaterialDeclaration } from './materials.ts';

const WorkingDays = z.number().int().min(1).max(250);

/**
 * How long things may take, in working days. The notices say the green channel is faster
 * (2022 No.13 §3, §6) but give no numbers, so these are the bureau's settings. Defaults:
 * - normal review 20 working days: the general time limit for an administrative decision
 *   (《行政许可法》§42, 二十日);
 * - green channel 5 working days;
 * - public notice of a listing (公示) 5 working days;
 * - a rejected listing may ask for reconsideration (复议) within 10 working days;
 * - a designated treatment hospital's application (2020 No.2 §2(6)2) 3 working days. The clause
 *   gives no number either, but asks for more than the other green channels: 特事特办、急事急办、
 *   优先处理 for hospitals that already take in COVID-19 patients. So it is never slower than the
 *   green channel; 3 days leave a reviewer one day to accept, one to review, one to decide.
 *   Optional in a deadline measure, so that measures published before it stay valid; absent, it
 *   is the default, capped at the measure's green channel.
 */
export const DeadlineConfig = z
  .strictObject({
    normalWorkingDays: WorkingDays,
    greenChannelWorkingDays: WorkingDays,
    publicNoticeWorkingDays: WorkingDays,
    reconsiderationWindowWorkingDays: WorkingDays,
    designationWorkingDays: WorkingDays.optional().meta({
      description: 'Review of a designated treatment hospital’s application (2020 No.2 §2(6)2); at most the green channel’s',
    }),
  })
  .refine((config) => config.greenChannelWorkingDays < config.normalWorkingDays, {
    path: ['greenChannelWorkingDays'],
    params: { code: 'green_channel_faster' },
    message: 'the green channel must be faster than the normal review',
  })
  .refine((config) => config.designationWorkingDays === undefined || config.designationWorkingDays <= config.greenChannelWorkingDays, {
    path: ['designationWorkingDays'],
    params: { code: 'designation_not_slower' },
    message: '2020 No.2 §2(6)2: designated treatment hospitals are handled first (优先处理), never slower than the green channel',
  })
  .meta({ id: 'ApplicationDeadlineConfig' });
export type DeadlineConfig = z.infer<typeof DeadlineConfig>;

export const defaultDeadlines: DeadlineConfig = {
  normalWorkingDays: 20,
  greenChannelWorkingDays: 5,
  publicNoticeWorkingDays: 5,
  reconsiderationWindowWorkingDays: 10,
  designationWorkingDays: 3,
};

const DEFAULT_DESIGNATION_WORKING_DAYS = 3;

/** Working days for a designated treatment hospital's application under these settings. */
export function designationWorkingDays(config: DeadlineConfig): number {
  return Math.min(config.designationWorkingDays ?? DEFAULT_DESIGNATION_WORKING_DAYS, config.greenChannelWorkingDays);
}

/**
 * When the bureau must have decided, counting from `from` (submission, the supply of a
 * supplement, an objection, or a reconsideration request: each restarts the clock).
 */
export function reviewDueAt(application: Application, from: string, calendar: WorkingCalendar, config: DeadlineConfig = defaultDeadlines): string {
  const days =
    application.type === 'designation'
      ? designationWorkingDays(config)
      : application.payload.greenChannel
        ? config.greenChannelWorkingDays
        : config.normalWorkingDays;
  return addWorkingDays(from, days, calendar);
}

/** The states in which the bureau owes the next step, so its deadline can pass. */
export const bureauOwes: ReadonlySet<ApplicationState> = new Set(['submitted', 'accepted', 'under-review', 'reconsideration']);

/** The bureau is late: the application waits on it and its deadline has passed. */
export function overdue(application: Application, now: string): boolean {
  return bureauOwes.has(application.state) && application.dueAt !== undefined && toEpochMs(now) >= toEpochMs(application.dueAt);
}

/**
 * Working days the bureau has left while it owes the next step: today (if a working day) and
 * each working day after it before the deadline; 0 once the deadline has passed. Undefined when
 * nothing is owed.
 */
export function workingDaysLeft(application: Application, now: string, calendar: WorkingCalendar): number | undefined {
  if (!bureauOwes.has(application.state) || application.dueAt === undefined) return undefined;
  const dueMs = toEpochMs(application.dueAt);
  if (toEpochMs(now) >= dueMs) return 0;
  const lastDay = new Date(dueMs - 1).toISOString();
  const today = chinaDateOf(now);
  return workingDaysBetween(now, lastDay, calendar) + (isWorkingDay(today, calendar) ? 1 : 0);
}

/** The states in which an applicant still owes its deferred materials. */
const applicantOwes: ReadonlySet<ApplicationState> = new Set([
  'submitted',
  'accepted',
  'supplement-requested',
  'under-review',
  'public-notice',
  'reconsideration',
]);

export type DeferredMaterial = Extract<MaterialDeclaration, { status: 'deferred' }>;

/** Deferred materials (容缺后补) whose promised day has ended without them being supplied. */
export function deferredMaterialsPastDue(application: Application, now: string): DeferredMaterial[] {
  if (!applicantOwes.has(application.state)) return [];
  return application.materials.filter(
    (material): material is DeferredMaterial => material.status === 'deferred' && toEpochMs(now) >= toEpochMs(endOfDate(material.dueDate)),
  );
}
