import * as z from 'zod';

/**
 * Times are ISO 8601 instants with an offset. The bureau works in China Standard Time
 * (Asia/Shanghai, UTC+8 all year, no daylight saving), so "24时 on 2022-12-31" is the
 * instant 2023-01-01T00:00:00+08:00.
 */
export const Instant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'An instant, ISO 8601 with offset, e.g. 2022-05-01T00:00:00+08:00', example: '2022-05-01T00:00:00+08:00' });

/** A calendar date in China time, e.g. 2022-05-10. */
export const ChinaDate = z.iso.date().meta({ description: 'A date in China time (Asia/Shanghai), YYYY-MM-DD', example: '2022-05-10' });

/** A date (meaning 00:00 China time that day) or an instant. */
export const DateOrInstant = z.union([ChinaDate, Instant]);

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function toEpochMs(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return ms;
}

/** The canonical form the catalog stores: China time with its +08:00 offset, to the second. */
export function toChinaIso(ms: number): string {
  const shifted = new Date(ms + CHINA_OFFSET_MS).toISOString();
  const fraction = ms % 1000 === 0 ? '' : shifted.slice(19, 23);
  return `${shifted.slice(0, 19)}${fraction}+08:00`;
}

export function normalizeInstant(instant: string): string {
  return toChinaIso(toEpochMs(instant));
}

/** A date alone means the start of that day in China time. */
export function instantOf(dateOrInstant: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant) ? `${dateOrInstant}T00:00:00+08:00` : normalizeInstant(dateOrInstant);
}

/**
 * An end instant as the bureau writes it: midnight is "24:00" of the day before (2023-01-01
 * 00:00 is "2022-12-31 24:00", 24时), anything else "YYYY-MM-DD HH:mm", in China time.
 */
export function chinaEndLabel(instant: string): string {
  const ms = toEpochMs(instant);
  const local = toChinaIso(ms);
  if (local.slice(11, 19) === '00:00:00') return `${toChinaIso(ms - 1000).slice(0, 10)} 24:00`;
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** An instant as people read it: "YYYY-MM-DD HH:mm" in China time. */
export function chinaDateTimeLabel(instant: string): string {
  const local = toChinaIso(toEpochMs(instant));
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
