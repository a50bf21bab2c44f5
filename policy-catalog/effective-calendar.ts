import * as z from 'zod';
import { entryName } from './catalog-search.ts';
import { EntryKind } from './kinds.ts';
import { toChinaIso, toEpochMs } from './time.ts';
import type { Timeline } from './timeline.ts';

/** A month as `YYYY-MM`, in China time. */
export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month: YYYY-MM')
  .meta({ example: '2022-05' });

export const CalendarEvent = z
  .object({
    kind: EntryKind,
    code: z.string(),
    name: z.string(),
    what: z.enum(['starts', 'ends']).meta({ description: 'A period takes effect, or one ends (its exclusive end falls on this day)' }),
    at: z.string().meta({ description: 'The instant, China time' }),
  })
  .meta({ id: 'CalendarEvent' });
export type CalendarEvent = z.infer<typeof CalendarEvent>;

export const CalendarMonth = z
  .object({
    month: Month,
    release: z.number().int().meta({ description: 'The release the calendar is read from' }),
    days: z.array(z.object({ date: z.string(), events: z.array(CalendarEvent) })).meta({ description: 'Only days with something on them, in order' }),
  })
  .meta({ id: 'CalendarMonth' });
export type CalendarMonth = z.infer<typeof CalendarMonth>;

/**
 * What takes effect when (issue 14 §5): in `month` (China time), every period that starts and
 * every period that ends (not followed at once by another of the same entry), by day.
 */
export function effectiveCalendar(entries: Iterable<{ kind: EntryKind; code: string; timeline: Timeline }>, month: string): Map<string, CalendarEvent[]> {
  const days = new Map<string, CalendarEvent[]>();
  const add = (date: string, event: CalendarEvent) => days.set(date, [...(days.get(date) ?? []), event]);
  const inMonth = (instant: string) => toChinaIso(toEpochMs(instant)).slice(0, 7) === month;
  for (const { kind, code, timeline } of entries) {
    timeline.forEach((period, index) => {
      const name = entryName(kind, period.attributes);
      if (inMonth(period.validFrom))
        add(toChinaIso(toEpochMs(period.validFrom)).slice(0, 10), { kind, code, name, what: 'starts', at: toChinaIso(toEpochMs(period.validFrom)) });
      const next = timeline[index + 1];
      const continued = next !== undefined && period.validTo !== null && toEpochMs(next.validFrom) === toEpochMs(period.validTo);
      if (period.validTo && !continued && inMonth(period.validTo)) {
        add(toChinaIso(toEpochMs(period.validTo)).slice(0, 10), { kind, code, name, what: 'ends', at: toChinaIso(toEpochMs(period.validTo)) });
      }
    });
  }
  return days;
}
