import { applyChanges, type Change } from './change.ts';
import { clauses } from './clauses.ts';
import { addMonths, HALVING_EARLIEST, HALVING_LATEST_END, type MeasureAttributes, PROVINCE } from './measure.ts';
import { toChinaIso, toEpochMs } from './time.ts';
import type { Timeline } from './timeline.ts';

/**
 * 2022 No.13 (二): 「减征时间自2022年5月起，减征时限不超过3个月」. Read together: the halving
 * months are counted from May 2022, so they lie in May–July 2022, and a pooling area gets at
 * most 3 of them in total, however many measures grant them (two back to back count together; a
 * province-wide measure counts for every area).
 */
export const HALVING_MAX_MONTHS = 3;
export const HALVING_FIRST_MONTH = monthOf(HALVING_EARLIEST);
export const HALVING_LAST_MONTH = monthOf(addMonths(HALVING_LATEST_END, -1));

/** A measure as the limit sees it: its code and timeline. */
export interface MeasureTimeline {
  code: string;
  timeline: Timeline<MeasureAttributes>;
}

/** One month of halving in an area, with the measures that grant it. */
export interface HalvingMonth {
  month: string;
  measures: string[];
}

export type HalvingIssue =
  | { code: 'halving-outside-window'; poolingArea: string; months: string[]; measures: string[]; message: string }
  | { code: 'halving-over-limit'; poolingArea: string; months: string[]; measures: string[]; message: string }
  | { code: 'halving-open-ended'; poolingArea: string; measures: string[]; message: string };

/**
 * The months in which `area` halves, in order: those of its own halving measures and of the
 * province's. A month partly covered counts as a month (contributions are monthly).
 */
export function areaHalvingMonths(area: string, measures: readonly MeasureTimeline[]): HalvingMonth[] {
  const byMonth = new Map<string, Set<string>>();
  for (const { code, timeline } of measures) {
    for (const period of timeline) {
      const { attributes } = period;
      if (attributes.type !== 'contribution-halving' || ![area, PROVINCE].includes(attributes.poolingArea) || period.validTo === null) continue;
      for (const month of monthsOf(period.validFrom, period.validTo)) byMonth.set(month, (byMonth.get(month) ?? new Set()).add(code));
    }
  }
  return [...byMonth.keys()].sort().map((month) => ({ month, measures: [...(byMonth.get(month) as Set<string>)].sort() }));
}

/** Where the areas' halving breaks 2022 No.13 (二): outside May–July 2022, more than 3 months, or without an end. */
export function halvingIssues(measures: readonly MeasureTimeline[], areas: Iterable<string> = halvingAreas(measures)): HalvingIssue[] {
  const clause = clauses.contributionRelief;
  const issues: HalvingIssue[] = [];
  for (const poolingArea of [...new Set(areas)].sort()) {
    const openEnded = measures.filter(({ timeline }) =>
      timeline.some(
        (period) =>
          period.validTo === null && period.attributes.type === 'contribution-halving' && [poolingArea, PROVINCE].includes(period.attributes.poolingArea),
      ),
    );
    if (openEnded.length > 0) {
      const codes = openEnded.map((measure) => measure.code);
      issues.push({
        code: 'halving-open-ended',
        poolingArea,
        measures: codes,
        message: `${clause}: 统筹区 ${poolingArea} 的减半征收措施 ${codes.join('、')} 没有截止时间`,
      });
    }
    const months = areaHalvingMonths(poolingArea, measures);
    const outside = months.filter(({ month }) => month < HALVING_FIRST_MONTH || month > HALVING_LAST_MONTH);
    if (outside.length > 0) {
      issues.push({
        code: 'halving-outside-window',
        poolingArea,
        months: outside.map(({ month }) => month),
        measures: codesOf(outside),
        message: `${clause}: 减征时间自2022年5月起、不超过3个月，即在 ${HALVING_FIRST_MONTH} 至 ${HALVING_LAST_MONTH} 之间；统筹区 ${poolingArea} 在 ${outside.map(({ month }) => month).join('、')} 减半征收`,
      });
    }
    if (months.length > HALVING_MAX_MONTHS) {
      const over = months.slice(HALVING_MAX_MONTHS);
      issues.push({
        code: 'halving-over-limit',
        poolingArea,
        months: months.map(({ month }) => month),
        measures: codesOf(months),
        message: `${clause}: 统筹区 ${poolingArea} 减半征收合计 ${months.length} 个月（${codesOf(months).join('、')}），超过3个月；超出的月份：${over.map(({ month }) => month).join('、')}`,
      });
    }
  }
  return issues;
}

/**
 * The halving issues a change set would bring into the catalog: its measure changes applied to
 * the published measures, checked in every area whose halving it touches (before or after; all
 * areas when it touches a province-wide halving). Issues the catalog already had elsewhere are
 * not the change set's.
 */
export function halvingIssuesOfChanges(published: ReadonlyMap<string, Timeline<MeasureAttributes>>, changes: readonly Change[]): HalvingIssue[] {
  const measureChanges = changes.filter((change) => change.kind === 'measures');
  const touched = new Set(measureChanges.map((change) => change.code));
  if (touched.size === 0) return [];
  const after = new Map(published);
  for (const code of touched) {
    after.set(
      code,
      applyChanges(
        published.get(code) ?? [],
        measureChanges.filter((change) => change.code === code),
      ),
    );
  }
  const asList = (map: ReadonlyMap<string, Timeline<MeasureAttributes>>) => [...map].map(([code, timeline]) => ({ code, timeline }));
  const touchedMeasures = [...touched].flatMap((code) => [published.get(code) ?? [], after.get(code) ?? []].map((timeline) => ({ code, timeline })));
  const areas = halvingAreas(touchedMeasures);
  if (areas.size === 0) return [];
  return halvingIssues(asList(after), areas.has(PROVINCE) ? new Set([...areas, ...halvingAreas(asList(after))]) : areas);
}

/** The pooling areas that have a halving measure. */
function halvingAreas(measures: readonly MeasureTimeline[]): Set<string> {
  const areas = new Set<string>();
  for (const { timeline } of measures) {
    for (const { attributes } of timeline) if (attributes.type === 'contribution-halving') areas.add(attributes.poolingArea);
  }
  return areas;
}

/** The China-time months that [validFrom, validTo) touches. */
function monthsOf(validFrom: string, validTo: string): string[] {
  const months: string[] = [];
  const last = monthOf(toChinaIso(toEpochMs(validTo) - 1));
  for (let start = `${monthOf(validFrom)}-01T00:00:00+08:00`; monthOf(start) <= last; start = addMonths(start, 1)) months.push(monthOf(start));
  return months;
}

function monthOf(instant: string): string {
  return toChinaIso(toEpochMs(instant)).slice(0, 7);
}

function codesOf(months: readonly HalvingMonth[]): string[] {
  return [...new Set(months.flatMap((month) => month.measures))].sort();
}
