import { describe, expect, it } from 'vitest';
import { Change } from '../../../policy-catalog/change.ts';
import { MeasureAttributes, type AssistanceCategory } from '../../../policy-catalog/measure.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';
import { decideMedicalAssistance, MedicalAssistanceRequest } from '../../../policy-catalog/rules/medical-assistance.ts';

const ratios = (percent: Record<AssistanceCategory, number>, poolingArea = '220000'): EntryFact<MeasureAttributes> => ({
  kind: 'measures',
  code: `${poolingArea}-assistance`,
  release: 6,
  timeline: [{ validFrom: '2022-04-28T00:00:00+08:00', validTo: null, attributes: { type: 'assistance-ratios', poolingArea, reducedFloor: false, percent } }],
});
const province = ratios({ 'extremely-poor': 100, subsistence: 70, marginal: 60, 'at-risk': 60 });

const decide = (request: Partial<MedicalAssistanceRequest>, measures = [province], at = '2022-06-01T00:00:00+08:00') =>
  decideMedicalAssistance(
    {
      ...MedicalAssistanceRequest.parse({
        poolingArea: '220100',
        category: 'subsistence',
        outOfPocketFen: 1_000_000,
        deductibleFen: 100_000,
        annualCapFen: 5_000_000,
        paidThisYearFen: 0,
        ...request,
      }),
      at,
    },
    { measures, asOfRelease: 9 },
  );

describe('medical assistance (2022 No.13 §10)', () => {
  it.each([
    ['extremely-poor', 100, 900_000],
    ['subsistence', 70, 630_000],
    ['marginal', 60, 540_000],
    ['at-risk', 60, 540_000],
  ] as const)('pays a %s person %i%% of the cost above the deductible', (category, percent, amountFen) => {
    const answer = decide({ category });
    expect(answer).toMatchObject({
      decision: 'pay',
      ratioPercent: percent,
      ratio: percent / 100,
      amountFen,
      basis: [{ code: '220000-assistance', release: 6 }],
    });
    expect(answer.reasons[0]?.clause).toBe('2022 No.13 §10');
  });

  it('stops at the annual cap', () => {
    expect(decide({ annualCapFen: 600_000, paidThisYearFen: 500_000 }).amountFen).toBe(100_000);
    expect(decide({ annualCapFen: 600_000, paidThisYearFen: 700_000 }).amountFen).toBe(0);
  });

  it('pays nothing below the deductible, and rounds down to the fen', () => {
    expect(decide({ outOfPocketFen: 90_000 }).amountFen).toBe(0);
    expect(decide({ outOfPocketFen: 100_001 + 0, deductibleFen: 100_000 }).amountFen).toBe(0); // 70% of 1 fen
    expect(decide({ outOfPocketFen: 100_003, deductibleFen: 100_000 }).amountFen).toBe(2); // 70% of 3 fen = 2.1
  });

  it('prefers the area’s own ratios to the province’s, and falls back to the notice’s floor where none is set', () => {
    const city = ratios({ 'extremely-poor': 100, subsistence: 80, marginal: 65, 'at-risk': 65 }, '220100');
    expect(decide({}, [province, city]).ratioPercent).toBe(80);
    expect(decide({ category: 'marginal' }, []).ratioPercent).toBe(60);
  });

  // 2022 No.13 is dated 2022-04-28: the extension and the floors start at 00:00 that day, China time.
  const NOTICE_DATE = '2022-04-28T00:00:00+08:00';
  const SECOND_BEFORE = '2022-04-27T23:59:59+08:00';
  const older = (poolingArea = '220100'): EntryFact<MeasureAttributes> => ({
    ...ratios({ 'extremely-poor': 100, subsistence: 75, marginal: 60, 'at-risk': 60 }, poolingArea),
    timeline: [
      {
        validFrom: '2021-01-01T00:00:00+08:00',
        validTo: null,
        attributes: {
          type: 'assistance-ratios',
          poolingArea,
          reducedFloor: false,
          percent: { 'extremely-poor': 100, subsistence: 75, marginal: 60, 'at-risk': 60 },
        },
      },
    ],
  });

  it.each([
    ['marginal', SECOND_BEFORE, 'province', 'not-eligible', null],
    ['marginal', NOTICE_DATE, 'province', 'pay', 60],
    ['at-risk', SECOND_BEFORE, 'province', 'not-eligible', null],
    ['at-risk', NOTICE_DATE, 'province', 'pay', 60],
    ['marginal', SECOND_BEFORE, 'an older city measure', 'not-eligible', null],
    ['marginal', SECOND_BEFORE, 'none', 'not-eligible', null],
    ['marginal', NOTICE_DATE, 'none', 'pay', 60],
    ['subsistence', SECOND_BEFORE, 'province', 'no-measure', null],
    ['subsistence', SECOND_BEFORE, 'none', 'no-measure', null],
    ['subsistence', NOTICE_DATE, 'none', 'pay', 70],
    ['extremely-poor', SECOND_BEFORE, 'an older city measure', 'pay', 100],
    ['subsistence', SECOND_BEFORE, 'an older city measure', 'pay', 75],
  ] as const)('2022 No.13 §10: a %s person at %s, measures: %s → %s at %s%%', (category, at, measures, decision, ratioPercent) => {
    const answer = decide({ category }, { province: [province], 'an older city measure': [older()], none: [] }[measures], at);
    expect(answer).toMatchObject({ decision, ratioPercent });
    if (decision !== 'pay') expect(answer).toMatchObject({ amountFen: 0, ratio: null, basis: [] });
    expect(answer.reasons.every((reason) => reason.clause === '2022 No.13 §10')).toBe(true);
    if (decision === 'not-eligible') expect(answer.reasons[0]?.text).toContain('2022年4月28日');
  });

  it('2022 No.13 §10: says which date the floors start from when it falls back to them', () => {
    expect(decide({ category: 'subsistence' }, [], NOTICE_DATE).reasons[0]?.text).toContain('吉医保发〔2022〕13号（2022年4月28日）起按通知底线 70%');
  });

  it.each([
    ['one second before the notice date', SECOND_BEFORE, false],
    ['on the notice date', NOTICE_DATE, true],
  ])('2022 No.13 §10: an assistance-ratios measure starting %s is %s', (_label, validFrom, valid) => {
    const result = Change.safeParse({
      kind: 'measures',
      code: 'm',
      op: 'set',
      validFrom,
      attributes: {
        type: 'assistance-ratios',
        poolingArea: '220100',
        reducedFloor: false,
        percent: { 'extremely-poor': 100, subsistence: 70, marginal: 60, 'at-risk': 60 },
      },
    });
    expect(result.success).toBe(valid);
  });

  it.each([
    ['subsistence', 69, 'percent.subsistence: 2022 No.13 §10: the ratio for subsistence is at least 70%'],
    ['extremely-poor', 99, 'percent.extremely-poor: 2022 No.13 §10: the ratio for extremely-poor is at least 100%'],
    ['marginal', 59, 'percent.marginal: 2022 No.13 §10: the ratio for marginal is at least 60%'],
  ] as const)('rejects a %s ratio of %i%% with the clause', (category, percent, message) => {
    const result = MeasureAttributes.safeParse({
      type: 'assistance-ratios',
      poolingArea: '220100',
      reducedFloor: false,
      percent: { 'extremely-poor': 100, subsistence: 70, marginal: 60, 'at-risk': 60, [category]: percent },
    });
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([message]);
  });

  it('allows 40% for marginal families where the area cannot yet afford 60%, never below', () => {
    const measure = (marginal: number) =>
      MeasureAttributes.safeParse({
        type: 'assistance-ratios',
        poolingArea: '220100',
        reducedFloor: true,
        percent: { 'extremely-poor': 100, subsistence: 70, marginal, 'at-risk': 40 },
      });
    expect(measure(40).success).toBe(true);
    expect(measure(39).success).toBe(false);
  });
});
