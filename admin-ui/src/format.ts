import { fenToYuan } from '../../policy-catalog/money.ts';
import { resolve, type Period } from '../../policy-catalog/timeline.ts';

/** China Standard Time is UTC+8 all year (no daylight saving), whatever the browser's zone. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2022-05-01T00:00:00+08:00" → "2022-05-01 00:00", in China time. */
export function formatChinaTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
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
