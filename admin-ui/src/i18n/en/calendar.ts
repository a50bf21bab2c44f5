import type { calendarZhCN } from '../zh-CN/calendar.ts';

/** The English of ../zh-CN/calendar.ts: the same keys and placeholders. */
export const calendarEn: Record<keyof typeof calendarZhCN, string> = {
  'nav.calendar': 'Calendar',
  'calendar.title': 'What takes effect when',
  'calendar.subtitle': 'Entries of the published catalog that take effect or end on each day (China time)',
  'calendar.month': '{year}-{month}',
  'calendar.previous': 'Previous month',
  'calendar.next': 'Next month',
  'calendar.starts': 'start',
  'calendar.ends': 'end',
  'calendar.startsAt': 'takes effect {at}',
  'calendar.endsAt': 'ends {at}',
  'calendar.pickDay': 'Choose a day to see what takes effect and ends on it.',
  'calendar.weekday.1': 'Mon',
  'calendar.weekday.2': 'Tue',
  'calendar.weekday.3': 'Wed',
  'calendar.weekday.4': 'Thu',
  'calendar.weekday.5': 'Fri',
  'calendar.weekday.6': 'Sat',
  'calendar.weekday.7': 'Sun',
};
