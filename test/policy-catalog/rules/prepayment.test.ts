import { describe, expect, it } from 'vitest';
import { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';
import { decidePrepayment, PrepaymentRequest } from '../../../policy-catalog/rules/prepayment.ts';

const EPIDEMIC_ENDS = '2023-01-08T00:00:00+08:00';
const measure = (code: string, attributes: Record<string, unknown>, validFrom = '2022-04-28T00:00:00+08:00', validTo: string | null = EPIDEMIC_ENDS) =>
  ({
    kind: 'measures',
    code,
    release: 7,
    timeline: [{ validFrom, validTo, attributes: MeasureAttributes.parse({ type: 'prepayment', poolingArea: '220000', ...attributes }) }],
  }) as EntryFact<MeasureAttributes>;
const treating = measure('treating', { institutions: 'covid-treatment' });
const other = measure('other', { institutions: 'other', maxMonths: 3 });

const decide = (request: Partial<PrepaymentRequest>, at = '2022-06-01T00:00:00+08:00', measures = [treating, other]) =>
  decidePrepayment(
    { ...PrepaymentRequest.parse({ poolingArea: '220100', institution: 'other', applied: true, months: 3, ...request }), at },
    { measures, asOfRelease: 11 },
  );

describe('prepayment (2022 No.13 §5, §7; 2020 No.2 §2(1)1)', () => {
  it.each([
    [1, 'allowed'],
    [3, 'allowed'],
    [4, 'not-allowed'],
  ] as const)('2022 No.13 §5: another designated institution that applied for %s months → %s (at most 3)', (months, decision) => {
    expect(decide({ months })).toMatchObject({
      decision,
      maxMonths: 3,
      onApplication: true,
      covidCostsOutsideTotalBudget: false,
      settlement: 'after-epidemic',
      basis: [{ code: 'other', release: 7 }],
    });
  });

  it('2022 No.13 §5: another designated institution that has not applied gets no prepayment (依申请)', () => {
    const answer = decide({ applied: false, months: 1 });
    expect(answer.decision).toBe('not-allowed');
    expect(answer.reasons).toContainEqual({ clause: '2022 No.13 §5', code: 'prepayment_not_applied', text: expect.stringContaining('依其申请') });
  });

  it.each([3, 4, 12])('2022 No.13 §5: a hospital treating COVID-19 patients gets %s months without applying: no 3-month cap', (months) => {
    const answer = decide({ institution: 'covid-treatment', applied: false, months });
    expect(answer).toMatchObject({
      decision: 'allowed',
      maxMonths: null,
      onApplication: false,
      covidCostsOutsideTotalBudget: true,
      settlement: 'after-epidemic',
    });
    expect(answer.reasons.map((reason) => reason.clause)).toEqual(
      expect.arrayContaining(['2022 No.13 §5', '2022 No.13 §7', '2020 No.2 §2(1)1', '2020 No.2 §2(4)2']),
    );
    expect(answer.reasons).toContainEqual({
      clause: '2022 No.13 §5',
      code: 'prepayment_outside_total_budget',
      text: '新冠肺炎疫情救治费用单列预算、不受总额控制限制',
    });
  });

  it('2022 No.13 §5: an area’s own figure for treating hospitals is applied where it sets one', () => {
    const own = measure('220100-treating', { poolingArea: '220100', institutions: 'covid-treatment', maxMonths: 6 });
    expect(decide({ institution: 'covid-treatment', months: 6 }, undefined, [own, treating]).decision).toBe('allowed');
    expect(decide({ institution: 'covid-treatment', months: 7 }, undefined, [own, treating])).toMatchObject({ decision: 'not-allowed', maxMonths: 6 });
  });

  it.each([
    ['one second before the epidemic period ends', '2023-01-07T23:59:59+08:00', 'allowed', EPIDEMIC_ENDS],
    ['the instant it ends', EPIDEMIC_ENDS, 'no-measure', null],
    ['one second after', '2023-01-08T00:00:01+08:00', 'no-measure', null],
    ['one second before the measure starts', '2022-04-27T23:59:59+08:00', 'no-measure', null],
    ['the instant it starts', '2022-04-28T00:00:00+08:00', 'allowed', EPIDEMIC_ENDS],
  ])('2022 No.13 §5: prepays only within the epidemic period the measure sets: %s', (_label, at, decision, periodEnds) => {
    expect(decide({}, at)).toMatchObject({ decision, periodEnds });
  });

  it('2022 No.13 §5: tells "no measure" apart from "not allowed"', () => {
    expect(decide({}, undefined, [treating])).toMatchObject({ decision: 'no-measure', basis: [] });
    expect(decide({ months: 4 }).decision).toBe('not-allowed');
  });

  it.each([
    ['other, 3 months', { institutions: 'other', maxMonths: 3 }, []],
    ['other, 4 months', { institutions: 'other', maxMonths: 4 }, ['2022 No.13 §5: a prepayment to other designated institutions covers at most 3 months']],
    ['other, months missing', { institutions: 'other' }, ['2022 No.13 §5: a prepayment to other designated institutions needs its months (at most 3)']],
    ['covid-treatment, no months', { institutions: 'covid-treatment' }, []],
    ['covid-treatment, 12 months', { institutions: 'covid-treatment', maxMonths: 12 }, []],
  ])('2022 No.13 §5: the measure’s bounds: %s', (_label, attributes, messages) => {
    const result = MeasureAttributes.safeParse({ type: 'prepayment', poolingArea: '220000', ...attributes });
    expect((result.error?.issues ?? []).map((issue) => issue.message)).toEqual(messages);
  });
});
