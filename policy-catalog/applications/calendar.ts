import { addCodedIssue } from '../problem-codes.ts';
import * as z from 'zod';
import { ChinaDate, toChinaIso, toEpochMs } from '../time.ts';

/**
 * The working-day calendar application deadlines are counted in: Monday to Friday are working
 * days, except the public holidays (法定节假日); Saturdays and Sundays are not, except the
 * make-up working days (调休上班). Every date is a date in China time (UTC+8 all year).
 *
 * The calendar is kept as a catalog measure: the bureau adds each year's arrangement of the
 * General Office of the State Council when it is announced. Days outside every listed
 * arrangement follow the plain weekday rule.
 */
export const WorkingCalendar = z
  .strictObject({
    holidays: z.array(ChinaDate).max(1000).meta({ description: 'Days off (放假), whatever the weekday' }),
    makeUpWorkdays: z.array(ChinaDate).max(500).meta({ description: 'Weekend days that are working days (调休上班)' }),
  })
  .superRefine((calendar, ctx) => {
    for (const field of ['holidays', 'makeUpWorkdays'] as const) {
      const seen = new Set<string>();
      calendar[field].forEach((date, index) => {
        if (seen.has(date)) addCodedIssue(ctx, [field, index], { code: 'listed_twice', params: { date }, message: `${date} is listed twice` });
        seen.add(date);
      });
    }
    const holidays = new Set(calendar.holidays);
    calendar.makeUpWorkdays.forEach((date, index) => {
      if (holidays.has(date))
        addCodedIssue(ctx, ['makeUpWorkdays', index], {
          code: 'holiday_and_make_up_day',
          params: { date },
          message: `${date} cannot be both a holiday and a make-up working day`,
        });
      else if (!isWeekend(dayNumber(date)))
        addCodedIssue(ctx, ['makeUpWorkdays', index], {
          code: 'make_up_day_on_weekend',
          params: { date },
          message: `${date} is a weekday: only a Saturday or Sunday can be a make-up working day`,
        });
    });
  })
  .meta({ id: 'WorkingCalendar' });
export type WorkingCalendar = z.infer<typeof WorkingCalendar>;

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return workingDayTest(calendar)(dayNumber(date));
}

/**
 * The deadline that is `n` working days after `instant`, as an exclusive end instant.
 *
 * Convention (as for administrative time limits: the day things start is not counted):
 * - the submission counts as received on the China-time day of `instant` if that is a working
 *   day, otherwise on the next working day (a Saturday submission is received on Monday);
 * - the deadline is the END of the n-th working day after the day received, i.e. 24:00 of that
 *   day = 00:00+08:00 of the following day. With n = 0 it is the end of the day received.
 *
 * So a submission on Friday 2022-01-28 with n = 1 is due at the end of Saturday 2022-01-29
 * (a make-up working day): 2022-01-30T00:00:00+08:00.
 */
export function addWorkingDays(instant: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  const isWorking = workingDayTest(calendar);
  let day = nextWorkingDay(dayNumber(chinaDateOf(instant)), isWorking);
  for (let counted = 0; counted < n; counted += 1) day = nextWorkingDay(day + 1, isWorking);
  return startOfDay(day + 1);
}

/** The day a submission at `instant` counts as received: that day, or the next working day. */
export function receivedDate(instant: string, calendar: WorkingCalendar): string {
  return dateOf(nextWorkingDay(dayNumber(chinaDateOf(instant)), workingDayTest(calendar)));
}

/**
 * The number of working days after the day of `from` up to and including the day of `to`
 * (dates or instants, taken in China time); negative when `to` is before `from`.
 * `workingDaysBetween(receivedDate(t), <day before addWorkingDays(t, n)>) === n`.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  const start = dayNumber(chinaDateOf(from));
  const end = dayNumber(chinaDateOf(to));
  if (end < start) return -workingDaysBetween(to, from, calendar);
  const isWorking = workingDayTest(calendar);
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) if (isWorking(day)) count += 1;
  return count;
}

/** The China-time date of an instant; a date stays itself. */
export function chinaDateOf(dateOrInstant: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant) ? dateOrInstant : toChinaIso(toEpochMs(dateOrInstant)).slice(0, 10);
}

/** 24:00 of a China date: the instant the next day starts, e.g. 2022-02-07 → 2022-02-08T00:00:00+08:00. */
export function endOfDate(date: string): string {
  return startOfDay(dayNumber(date) + 1);
}

/** 00:00 of the day after the China-time day of `instant`. */
export function startOfNextDay(instant: string): string {
  return endOfDate(chinaDateOf(instant));
}

// Days are counted as whole days since 1970-01-01 of the China calendar; no DST, so every day has 24 hours.
const DAY_MS = 86_400_000;
// Ten years without a working day is a broken calendar, not a long holiday.
const MAX_SEARCH_DAYS = 3660;

function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (dateOf(ms / DAY_MS) !== date) throw new RangeError(`not a date: ${date}`);
  return ms / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function startOfDay(day: number): string {
  return `${dateOf(day)}T00:00:00+08:00`;
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function workingDayTest(calendar: WorkingCalendar): (day: number) => boolean {
  const holidays = new Set(calendar.holidays);
  const makeUpWorkdays = new Set(calendar.makeUpWorkdays);
  return (day) => {
    const date = dateOf(day);
    if (makeUpWorkdays.has(date)) return true;
    if (holidays.has(date)) return false;
    return !isWeekend(day);
  };
}

function nextWorkingDay(from: number, isWorking: (day: number) => boolean): number {
  for (let day = from; day < from + MAX_SEARCH_DAYS; day += 1) if (isWorking(day)) return day;
  throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days of ${dateOf(from)}: check the calendar`);
}
