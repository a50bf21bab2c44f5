import { fenToYuan } from '../../../policy-catalog/money.ts';
import { resolve, type Period } from '../../../policy-catalog/timeline.ts';

/** China Standard Time is UTC+8 all year (no daylight saving), whatever the browser's zone. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "2022-05-01T00:00:00+08:00" → "2022-05-01 00:00", in China time. */
export function formatChinaTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The end of a period, in China time, the way the notices write it: an end at 00:00 is "24:00"
 * of the day before ("2023-01-01T00:00:00+08:00" → "2022-12-31 24:00"), so the last day shown is
 * the last day that counts.
 */
export function formatChinaEnd(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const chinaMs = ms + CHINA_OFFSET_MS;
  if (chinaMs % DAY_MS !== 0) return formatChinaTime(instant);
  return `${new Date(chinaMs - DAY_MS).toISOString().slice(0, 10)} 24:00`;
}

/** The China-time calendar date and clock time of an instant, as form inputs want them. */
export function chinaDateAndTime(instant: string): { date: string; time: string } {
  const shifted = new Date(Date.parse(instant) + CHINA_OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** Today's date in China time, YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A date and a time entered in China time → "2022-05-01T00:00:00+08:00". */
export function chinaInstant(date: string, time: string): string {
  return `${date}T${time || '00:00'}:00+08:00`;
}

/** Fen → "16.00" (yuan, two decimals); a dash when there is no amount. */
export function formatYuan(fen: number | undefined): string {
  return fen === undefined ? '—' : fenToYuan(fen);
}

/** The period in force at `now`, if any. */
export function periodInForce<A>(timeline: Period<A>[], now: Date = new Date()): Period<A> | undefined {
  return resolve(timeline, now.toISOString());
}

export type PeriodStatus = 'in-force' | 'upcoming' | 'ended';

/** Where `now` stands to a period. */
export function periodStatus(period: Period<unknown>, now: Date = new Date()): PeriodStatus {
  if (Date.parse(period.validFrom) > now.getTime()) return 'upcoming';
  return period.validTo !== null && Date.parse(period.validTo) <= now.getTime() ? 'ended' : 'in-force';
}

/** The period to show for an entry now: the one in force, else the next to come, else the last. */
export function periodToShow<A>(timeline: Period<A>[], now: Date = new Date()): Period<A> | undefined {
  return periodInForce(timeline, now) ?? timeline.find((period) => periodStatus(period, now) === 'upcoming') ?? timeline.at(-1);
}
