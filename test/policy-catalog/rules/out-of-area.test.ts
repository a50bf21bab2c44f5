import { describe, expect, it } from 'vitest';
import { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';
import { decideOutOfArea, OutOfAreaRequest } from '../../../policy-catalog/rules/out-of-area.ts';

const EPIDEMIC_ENDS = '2023-01-08T00:00:00+08:00';
const fact = (code: string, validFrom: string, validTo: string | null, attributes: Record<string, unknown>): EntryFact<MeasureAttributes> => ({
  kind: 'measures',
  code,
  release: 6,
  timeline: [{ validFrom, validTo, attributes: MeasureAttributes.parse(attributes) }],
});
const covid = fact('covid', '2020-02-04T00:00:00+08:00', null, { type: 'out-of-area', poolingArea: '220000', reasons: ['covid-confirmed', 'covid-suspected'] });
const lockdown = fact('lockdown', '2022-04-28T00:00:00+08:00', EPIDEMIC_ENDS, { type: 'out-of-area', poolingArea: '220000', reasons: ['lockdown-stranded'] });
const changchun = fact('220100-ratios', '2020-01-01T00:00:00+08:00', null, {
  type: 'same-grade-ratios',
  poolingArea: '220100',
  ratioPercent: { '1': 90, '2': 85, '3': 80 },
});
const jilin = fact('220200-ratios', '2020-01-01T00:00:00+08:00', null, {
  type: 'same-grade-ratios',
  poolingArea: '220200',
  ratioPercent: { '1': 88, '2': 83, '3': 78 },
});

const decide = (request: Partial<OutOfAreaRequest>, at = '2022-06-01T00:00:00+08:00') =>
  decideOutOfArea(
    { ...OutOfAreaRequest.parse({ insuredArea: '220100', institutionGrade: 3, reason: 'none', ...request }), at },
    { measures: [covid, lockdown, changchun, jilin], asOfRelease: 9 },
  );

describe('out-of-area care', () => {
  it.each([
    ['lockdown-stranded', '2022 No.13 §11', 'lockdown', false],
    ['covid-confirmed', '2020 No.2 §2(4)1', 'covid', true],
    ['covid-suspected', '2020 No.2 §2(4)1', 'covid', true],
  ] as const)('%s (%s): the insured area’s same-grade ratio, no filing; treat first, settle at discharge: %s', (reason, clause, code, treatFirst) => {
    const answer = decide({ reason, institutionGrade: 2 });
    expect(answer).toMatchObject({
      decision: 'insured-area-ratio',
      filingRequired: false,
      treatFirstSettleAtDischarge: treatFirst,
      ratioRule: { rule: 'same-grade-in-insured-area', institutionGrade: 2, ratioPercent: 85 },
      basis: [
        { kind: 'measures', code, release: 6 },
        { kind: 'measures', code: '220100-ratios', release: 6 },
      ],
    });
    expect(answer.reasons.every((entry) => entry.clause === clause)).toBe(true);
    expect(answer.reasons.some((entry) => entry.text.includes('先救治'))).toBe(treatFirst);
  });

  it.each([
    ['220100', 1, 90],
    ['220100', 2, 85],
    ['220100', 3, 80],
    ['220200', 1, 88],
    ['220200', 2, 83],
    ['220200', 3, 78],
  ] as const)(
    '2020 No.2 §2(4)1: an insured of %s treated at a grade %s institution keeps %s%%, the area’s own ratio',
    (insuredArea, institutionGrade, ratioPercent) => {
      expect(decide({ insuredArea, institutionGrade, reason: 'covid-confirmed' }).ratioRule).toEqual({
        rule: 'same-grade-in-insured-area',
        institutionGrade,
        ratioPercent,
      });
    },
  );

  it('2020 No.2 §2(4)1: an area without its own ratios gets no province-wide figure', () => {
    const answer = decide({ insuredArea: '220300', reason: 'covid-suspected' });
    expect(answer).toMatchObject({ decision: 'insured-area-ratio', filingRequired: false, basis: [{ code: 'covid' }] });
    expect(answer.ratioRule.ratioPercent).toBeUndefined();
    expect(answer.reasons).toContainEqual({
      clause: '2020 No.2 §2(4)1',
      code: 'out_of_area_no_area_ratio',
      params: { insuredArea: '220300', grade: 3 },
      text: expect.stringContaining('不采用全省统一比例'),
    });
  });

  it('2020 No.2 §2(4)1: a province-wide ratio measure is refused', () => {
    const result = MeasureAttributes.safeParse({ type: 'same-grade-ratios', poolingArea: '220000', ratioPercent: { '1': 90, '2': 85, '3': 80 } });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['poolingArea']);
  });

  it.each(['filed-referral', 'none'] as const)('sends a %s patient to the ordinary out-of-area policy, which needs filing', (reason) => {
    expect(decide({ reason })).toMatchObject({
      decision: 'out-of-area-ratio',
      filingRequired: true,
      treatFirstSettleAtDischarge: false,
      eligibleUntil: null,
      ratioRule: { rule: 'out-of-area-policy' },
      basis: [],
    });
  });

  it.each([
    ['one second before the epidemic period ends', '2023-01-07T23:59:59+08:00', 'insured-area-ratio', EPIDEMIC_ENDS],
    ['when it ends', EPIDEMIC_ENDS, 'out-of-area-ratio', null],
    ['one second after', '2023-01-08T00:00:01+08:00', 'out-of-area-ratio', null],
    ['one second before it starts', '2022-04-27T23:59:59+08:00', 'out-of-area-ratio', null],
    ['when it starts', '2022-04-28T00:00:00+08:00', 'insured-area-ratio', EPIDEMIC_ENDS],
  ])('2022 No.13 §11: eligibility ends with the epidemic period the measure sets: %s', (_label, at, decision, eligibleUntil) => {
    expect(decide({ reason: 'lockdown-stranded' }, at)).toMatchObject({ decision, eligibleUntil });
  });
});
