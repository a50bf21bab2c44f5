import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendar2022 } from '#catalog/applications/calendar-2022.ts';
import { addWorkingDays, chinaDateOf, isWorkingDay, receivedDate, WorkingCalendar, workingDaysBetween } from '#catalog/applications/calendar.ts';
import { toChinaIso, toEpochMs } from '#catalog/time.ts';

describe('the 2022 working-day calendar (国办发明电〔2021〕11号)', () => {
  it('lists the 31 days off of the seven festivals and the 7 make-up working days', () => {
    expect(calendar2022.holidays).toHaveLength(31);
    expect(calendar2022.makeUpWorkdays).toEqual(['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09']);
  });

  it.each([
    ['2022-01-22', false, 'an ordinary Saturday'],
    ['2022-01-28', true, 'the Friday before the Spring Festival'],
    ['2022-01-29', true, 'Saturday, a make-up working day'],
    ['2022-01-30', true, 'Sunday, a make-up working day'],
    ['2022-01-31', false, 'Monday, the first day of the Spring Festival'],
    ['2022-02-04', false, 'Friday in the Spring Festival'],
    ['2022-02-06', false, 'Sunday, the last day of the Spring Festival'],
    ['2022-02-07', true, 'Monday after the Spring Festival'],
    ['2022-04-23', false, 'Saturday before Labour Day'],
    ['2022-04-24', true, 'Sunday, a make-up working day for Labour Day'],
    ['2022-04-29', true, 'the Friday before Labour Day'],
    ['2022-04-30', false, 'Saturday, the first day of Labour Day'],
    ['2022-05-02', false, 'Monday in Labour Day'],
    ['2022-05-04', false, 'Wednesday, the last day of Labour Day'],
    ['2022-05-05', true, 'Thursday after Labour Day'],
    ['2022-05-07', true, 'Saturday, a make-up working day for Labour Day'],
    ['2022-05-08', false, 'the Sunday after'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, calendar2022)).toBe(working);
  });

  it('treats days outside every listed arrangement by the weekday alone', () => {
    expect(isWorkingDay('2023-01-02', calendar2022)).toBe(true);
    expect(isWorkingDay('2023-01-07', calendar2022)).toBe(false);
  });
});

describe('adding working days: due at the end of the n-th working day after the day received', () => {
  it.each([
    // Spring Festival: Jan 31–Feb 6 off, Sat Jan 29 and Sun Jan 30 worked.
    ['2022-01-28T10:00:00+08:00', 1, '2022-01-30T00:00:00+08:00', 'Friday + 1 lands on the make-up Saturday'],
    ['2022-01-28T10:00:00+08:00', 2, '2022-01-31T00:00:00+08:00', 'Friday + 2 lands on the make-up Sunday'],
    ['2022-01-28T10:00:00+08:00', 3, '2022-02-08T00:00:00+08:00', 'Friday + 3 skips the whole festival'],
    ['2022-01-28T10:00:00+08:00', 5, '2022-02-10T00:00:00+08:00', 'the green channel from the Friday before'],
    ['2022-01-28T10:00:00+08:00', 20, '2022-03-03T00:00:00+08:00', 'the normal review from the Friday before'],
    ['2022-01-30T23:30:00+08:00', 1, '2022-02-08T00:00:00+08:00', 'a make-up Sunday counts as the day received'],
    ['2022-02-02T09:00:00+08:00', 1, '2022-02-09T00:00:00+08:00', 'submitted in the festival: received Monday Feb 7'],
    ['2022-01-28T16:30:00Z', 1, '2022-01-31T00:00:00+08:00', 'an instant in UTC is taken in China time (Sat Jan 29, 00:30)'],
    ['2022-01-22T12:00:00+08:00', 0, '2022-01-25T00:00:00+08:00', 'n = 0 on an ordinary Saturday: the end of Monday'],
    // Labour Day: Apr 30–May 4 off, Sun Apr 24 and Sat May 7 worked.
    ['2022-04-22T15:00:00+08:00', 1, '2022-04-25T00:00:00+08:00', 'Friday + 1 lands on the make-up Sunday Apr 24'],
    ['2022-04-29T09:00:00+08:00', 1, '2022-05-06T00:00:00+08:00', 'Friday + 1 skips the whole festival'],
    ['2022-04-29T09:00:00+08:00', 3, '2022-05-08T00:00:00+08:00', 'Friday + 3 lands on the make-up Saturday May 7'],
    ['2022-04-29T09:00:00+08:00', 4, '2022-05-10T00:00:00+08:00', 'Friday + 4 skips Sunday May 8'],
    ['2022-04-29T09:00:00+08:00', 5, '2022-05-11T00:00:00+08:00', 'the green channel from the Friday before'],
    ['2022-04-29T09:00:00+08:00', 20, '2022-06-01T00:00:00+08:00', 'the normal review from the Friday before'],
    ['2022-05-01T10:00:00+08:00', 1, '2022-05-07T00:00:00+08:00', 'submitted on a holiday: received Thursday May 5'],
  ])('from %s, %i working days are due at %s (%s)', (instant, n, due) => {
    expect(addWorkingDays(instant, n, calendar2022)).toBe(due);
  });

  it.each([
    ['2022-02-02T09:00:00+08:00', '2022-02-07'],
    ['2022-04-24T09:00:00+08:00', '2022-04-24'],
    ['2022-04-30T09:00:00+08:00', '2022-05-05'],
  ])('counts a submission at %s as received on %s', (instant, date) => {
    expect(receivedDate(instant, calendar2022)).toBe(date);
  });

  it('refuses a negative or fractional number of days as a programming error', () => {
    expect(() => addWorkingDays('2022-01-28T10:00:00+08:00', -1, calendar2022)).toThrow(RangeError);
    expect(() => addWorkingDays('2022-01-28T10:00:00+08:00', 1.5, calendar2022)).toThrow(RangeError);
  });

  it('is due at the end of a working day that is exactly n working days after the day received', () => {
    const year2022 = fc.integer({ min: toEpochMs('2022-01-01T00:00:00+08:00'), max: toEpochMs('2022-12-31T23:59:59+08:00') });
    fc.assert(
      fc.property(year2022, fc.integer({ min: 0, max: 40 }), (ms, n) => {
        const submitted = toChinaIso(ms);
        const due = addWorkingDays(submitted, n, calendar2022);
        const lastDay = chinaDateOf(toChinaIso(toEpochMs(due) - 1));
        return (
          due.endsWith('T00:00:00+08:00') &&
          isWorkingDay(lastDay, calendar2022) &&
          workingDaysBetween(receivedDate(submitted, calendar2022), lastDay, calendar2022) === n
        );
      }),
    );
  });
});

describe('counting working days between two days', () => {
  it.each([
    ['2022-01-28', '2022-02-07', 3, 'across the Spring Festival: Jan 29, Jan 30, Feb 7'],
    ['2022-04-29', '2022-05-09', 4, 'across Labour Day: May 5, 6, 7, 9'],
    ['2022-02-07', '2022-01-28', -3, 'backwards'],
    ['2022-01-31', '2022-01-31', 0, 'the same day'],
    ['2022-01-28T23:59:59+08:00', '2022-01-29T00:00:00+08:00', 1, 'instants, by their China date'],
  ])('from %s to %s: %i (%s)', (from, to, count) => {
    expect(workingDaysBetween(from, to, calendar2022)).toBe(count);
  });
});

describe('the calendar schema (kept as a catalog measure)', () => {
  const issues = (input: unknown) => {
    const result = WorkingCalendar.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it('accepts a valid calendar', () => {
    expect(issues({ holidays: ['2022-10-01'], makeUpWorkdays: ['2022-10-08'] })).toEqual([]);
  });

  it.each([
    ['an impossible date', { holidays: ['2022-02-30'], makeUpWorkdays: [] }, /date/i],
    ['a day both off and worked', { holidays: ['2022-01-29'], makeUpWorkdays: ['2022-01-29'] }, /both a holiday and a make-up/],
    ['a make-up working day on a weekday', { holidays: [], makeUpWorkdays: ['2022-01-28'] }, /only a Saturday or Sunday/],
    ['a date listed twice', { holidays: ['2022-10-01', '2022-10-01'], makeUpWorkdays: [] }, /listed twice/],
    ['a field it does not know', { holidays: [], makeUpWorkdays: [], weekends: [] }, /unrecognized/i],
  ])('refuses %s', (_label, input, message) => {
    expect(issues(input).join('\n')).toMatch(message);
  });
});
