import { describe, expect, it } from 'vitest';
import type { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';
import { decideOutOfArea, OutOfAreaRequest } from '../../../policy-catalog/rules/out-of-area.ts';

const measure = (
  code: string,
  reasons: ('lockdown-stranded' | 'covid-confirmed' | 'covid-suspected')[],
  validFrom: string,
  validTo: string | null,
): EntryFact<MeasureAttributes> => ({
  kind: 'measures',
  code,
  release: 6,
  timeline: [{ validFrom, validTo, attributes: { type: 'out-of-area', poolingArea: '220000', reasons, sameGradeRatioPercent: { '1': 90, '2': 85, '3': 80 } } }],
});
const covid = measure('covid', ['covid-confirmed', 'covid-suspected'], '2020-02-04T00:00:00+08:00', null);
const lockdown = measure('lockdown', ['lockdown-stranded'], '2022-04-28T00:00:00+08:00', '2023-01-08T00:00:00+08:00');

const decide = (request: Partial<OutOfAreaRequest>, at = '2022-06-01T00:00:00+08:00') =>
  decideOutOfArea(
    { ...OutOfAreaRequest.parse({ insuredArea: '220100', institutionGrade: 3, reason: 'none', ...request }), at },
    { measures: [covid, lockdown], asOfRelease: 9 },
  );

describe('out-of-area care', () => {
  it.each([
    ['lockdown-stranded', '2022 No.13 §11', 'lockdown'],
    ['covid-confirmed', '2020 No.2 §2(4)1', 'covid'],
    ['covid-suspected', '2020 No.2 §2(4)1', 'covid'],
  ] as const)('reimburses a %s patient at the insured area’s same-grade ratio without filing (%s)', (reason, clause, code) => {
    expect(decide({ reason, institutionGrade: 2 })).toMatchObject({
      decision: 'insured-area-ratio',
      filingRequired: false,
      ratioRule: { rule: 'same-grade-in-insured-area', institutionGrade: 2, ratioPercent: 85 },
      reasons: [{ clause }],
      basis: [{ kind: 'measures', code, release: 6 }],
    });
  });

  it.each(['filed-referral', 'none'] as const)('sends a %s patient to the ordinary out-of-area policy, which needs filing', (reason) => {
    expect(decide({ reason })).toMatchObject({ decision: 'out-of-area-ratio', filingRequired: true, ratioRule: { rule: 'out-of-area-policy' }, basis: [] });
  });

  it.each([
    ['one second before the lockdown measure ends', '2023-01-07T23:59:59+08:00', 'insured-area-ratio'],
    ['when it ends', '2023-01-08T00:00:00+08:00', 'out-of-area-ratio'],
    ['one second after', '2023-01-08T00:00:01+08:00', 'out-of-area-ratio'],
  ])('applies the lockdown measure only while in force: %s', (_label, at, decision) => {
    expect(decide({ reason: 'lockdown-stranded' }, at).decision).toBe(decision);
  });
});
