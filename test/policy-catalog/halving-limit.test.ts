import { describe, expect, it } from 'vitest';
import type { Change } from '../../policy-catalog/change.ts';
import { areaHalvingMonths, halvingIssues, halvingIssuesOfChanges, type MeasureTimeline } from '../../policy-catalog/halving-limit.ts';
import type { MeasureAttributes } from '../../policy-catalog/measure.ts';
import type { Timeline } from '../../policy-catalog/timeline.ts';

const halving = (poolingArea: string, validFrom: string, validTo: string | null): Timeline<MeasureAttributes> => [
  { validFrom, validTo, attributes: { type: 'contribution-halving', poolingArea } },
];
const month = (m: string) => `2022-${m}-01T00:00:00+08:00`;
const set = (code: string, poolingArea: string, validFrom: string, validTo: string): Change => ({
  kind: 'measures',
  code,
  op: 'set',
  validFrom,
  validTo,
  attributes: { type: 'contribution-halving', poolingArea },
});

describe('the halving limit per pooling area (2022 No.13 §2: 自2022年5月起，不超过3个月)', () => {
  it('2022 No.13 §2: counts two back-to-back measures of one area together', () => {
    const measures: MeasureTimeline[] = [
      { code: 'a', timeline: halving('220100', month('05'), month('07')) },
      { code: 'b', timeline: halving('220100', month('07'), month('09')) },
    ];
    expect(areaHalvingMonths('220100', measures).map((m) => m.month)).toEqual(['2022-05', '2022-06', '2022-07', '2022-08']);
    expect(halvingIssues(measures)).toMatchObject([
      { code: 'halving-outside-window', poolingArea: '220100', months: ['2022-08'], measures: ['b'] },
      { code: 'halving-over-limit', poolingArea: '220100', measures: ['a', 'b'] },
    ]);
  });

  it('2022 No.13 §2: counts a province-wide measure in every area, and a month covered twice once', () => {
    const measures: MeasureTimeline[] = [
      { code: 'city', timeline: halving('220100', month('05'), month('07')) },
      { code: 'province', timeline: halving('220000', month('06'), month('08')) },
    ];
    expect(areaHalvingMonths('220100', measures)).toEqual([
      { month: '2022-05', measures: ['city'] },
      { month: '2022-06', measures: ['city', 'province'] },
      { month: '2022-07', measures: ['province'] },
    ]);
    expect(halvingIssues(measures)).toEqual([]);
  });

  it.each([
    ['the first allowed month, May 2022', month('05'), month('06'), []],
    ['the last allowed month, July 2022', month('07'), month('08'), []],
    ['April 2022, the month before', month('04'), month('05'), ['halving-outside-window']],
    ['August 2022, the month after', month('08'), month('09'), ['halving-outside-window']],
    ['December 2022', month('12'), '2023-01-01T00:00:00+08:00', ['halving-outside-window']],
    ['May–July ending one second into August', month('05'), '2022-08-01T00:00:01+08:00', ['halving-outside-window', 'halving-over-limit']],
    ['May–July ending one second before August', month('05'), '2022-07-31T23:59:59+08:00', []],
  ])('2022 No.13 §2: an area halving in %s has issues %j', (_label, validFrom, validTo, codes) => {
    expect(halvingIssues([{ code: 'm', timeline: halving('220100', validFrom, validTo) }]).map((issue) => issue.code)).toEqual(codes);
  });

  it('2022 No.13 §2: names an open-ended halving', () => {
    expect(halvingIssues([{ code: 'm', timeline: halving('220100', month('05'), null) }]).map((issue) => issue.code)).toEqual(['halving-open-ended']);
  });
});

describe('a change set’s halving, checked against the area’s other measures (2022 No.13 §2)', () => {
  it('2022 No.13 §2: refuses a second measure that takes the area past 3 months', () => {
    // April was published before the window was checked; the change adds July: 4 months in all.
    const published = new Map([['april-june', halving('220100', month('04'), month('07'))]]);
    const issues = halvingIssuesOfChanges(published, [set('july', '220100', month('07'), month('08'))]);
    expect(issues.map((issue) => issue.code)).toEqual(['halving-outside-window', 'halving-over-limit']);
    expect(issues[1]).toMatchObject({ poolingArea: '220100', measures: ['april-june', 'july'] });
  });

  it('2022 No.13 §2: accepts a second measure that keeps the area within May–July', () => {
    const published = new Map([['may-june', halving('220100', month('05'), month('07'))]]);
    expect(halvingIssuesOfChanges(published, [set('july', '220100', month('07'), month('08'))])).toEqual([]);
  });

  it('checks the areas a province-wide halving reaches, and leaves other areas’ old issues alone', () => {
    const published = new Map([
      ['city', halving('220100', month('05'), month('08'))],
      ['other-old', halving('220200', month('09'), month('10'))],
    ]);
    const issues = halvingIssuesOfChanges(published, [set('province', '220000', month('04'), month('05'))]);
    expect(issues.map((issue) => [issue.code, issue.poolingArea])).toEqual([
      ['halving-outside-window', '220000'],
      ['halving-outside-window', '220100'],
      ['halving-over-limit', '220100'],
      ['halving-outside-window', '220200'],
    ]);
    expect(halvingIssuesOfChanges(published, [set('city-2', '220100', month('05'), month('06'))])).toEqual([]);
  });
});
