import { describe, expect, it } from 'vitest';
import { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import { ContributionReliefRequest, decideContributionRelief } from '../../../policy-catalog/rules/contribution-relief.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';

const fact = (code: string, validFrom: string, validTo: string | null, attributes: Record<string, unknown>): EntryFact<MeasureAttributes> => ({
  kind: 'measures',
  code,
  release: 5,
  timeline: [{ validFrom, validTo, attributes: MeasureAttributes.parse({ poolingArea: '220100', ...attributes }) }],
});
const halving = (extra: Record<string, unknown> = {}) =>
  fact('halving', '2022-05-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00', { type: 'contribution-halving', ...extra });
const deferral = (extra: Record<string, unknown> = {}) =>
  fact('deferral', '2022-03-01T00:00:00+08:00', '2022-07-01T00:00:00+08:00', { type: 'contribution-deferral', ...extra });
const latePayment = fact('late-payment', '2020-02-04T00:00:00+08:00', '2020-07-01T00:00:00+08:00', {
  type: 'deadline-extension',
  poolingArea: '220000',
  deadline: 'contribution-payment',
  extendedTo: '2020-07-01T00:00:00+08:00',
});
const baseDeclaration = fact('base-declaration', '2022-04-28T00:00:00+08:00', '2022-08-01T00:00:00+08:00', {
  type: 'deadline-extension',
  poolingArea: '220000',
  deadline: 'base-declaration',
  extendedTo: '2022-08-01T00:00:00+08:00',
});

const decide = (request: Partial<ContributionReliefRequest>, measures = [halving(), deferral(), latePayment, baseDeclaration]) =>
  decideContributionRelief(
    ContributionReliefRequest.parse({
      poolingArea: '220100',
      month: '2022-06',
      scheme: 'employee',
      payer: 'employer',
      closedManagement: true,
      fundMonthsCovered: 8,
      ...request,
    }),
    { measures, asOfRelease: 9 },
  );

describe('contribution relief by scheme and payer part (2022 No.13 §2)', () => {
  it.each([
    ['employee', 'employer', 'allowed', 50, 'allowed'],
    ['employee', 'individual', 'not-applicable', 100, 'not-allowed'],
    ['resident', 'individual', 'not-applicable', 100, 'not-applicable'],
  ] as const)('2022 No.13 §2: %s insurance, %s part: halving %s (%s%% due), deferral %s', (scheme, payer, halvingStatus, payablePercent, deferralStatus) => {
    const answer = decide({ scheme, payer });
    expect(answer.halving).toMatchObject({ status: halvingStatus, payablePercent });
    expect(answer.deferral.status).toBe(deferralStatus);
  });

  it('2022 No.13 §2: resident insurance has no employer part', () => {
    const result = ContributionReliefRequest.safeParse({
      poolingArea: '220100',
      month: '2022-06',
      scheme: 'resident',
      payer: 'employer',
      closedManagement: true,
      fundMonthsCovered: 8,
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['payer']);
  });

  it('2022 No.13 §2: defers the individual part only where the area’s deferral names it', () => {
    const answer = decide({ payer: 'individual' }, [deferral({ payers: ['employer', 'individual'] })]);
    expect(answer.deferral).toMatchObject({ status: 'allowed', benefitsContinue: true, makeUpBy: '2022-07-01T00:00:00+08:00' });
  });

  it.each([
    ['2022-02', 'not-allowed'],
    ['2022-03', 'allowed'],
    ['2022-06', 'allowed'],
    ['2022-07', 'not-allowed'],
  ])(
    '2022 No.13 §2: deferral of %s → %s (March to the end of June 2022); benefits continue and payment is made up by the end of the deferral',
    (month, status) => {
      const answer = decide({ month }, [
        deferral({ payers: ['employer'] }),
        fact('wide', '2022-01-01T00:00:00+08:00', '2022-09-01T00:00:00+08:00', { type: 'contribution-deferral', poolingArea: '220000' }),
      ]);
      expect(answer.deferral.status).toBe(status);
      if (status === 'allowed') expect(answer.deferral).toMatchObject({ benefitsContinue: true, makeUpBy: '2022-07-01T00:00:00+08:00' });
    },
  );

  it.each([
    [5.9, false, 'not-allowed'],
    [5.9, true, 'allowed'],
    [6, false, 'allowed'],
  ])('2022 No.13 §2: a fund covering %s months, exception in the measure %s → halving %s (原则上)', (fundMonthsCovered, lowReserveException, status) => {
    const answer = decide({ fundMonthsCovered }, [halving({ lowReserveException })]);
    expect(answer.halving.status).toBe(status);
    if (lowReserveException)
      expect(answer.reasons).toContainEqual({
        clause: '2022 No.13 §2',
        code: 'halving_low_reserve_exception',
        params: { fundMonthsCovered: 5.9 },
        text: expect.stringContaining('作为例外'),
      });
  });

  it('2022 No.13 §2: tells "no measure for this area" apart from "not allowed"', () => {
    expect(decide({ poolingArea: '220200' }, [halving(), deferral()])).toMatchObject({ decision: 'no-measure', basis: [] });
    expect(decide({ closedManagement: false, month: '2022-07' }, [halving(), deferral()])).toMatchObject({
      decision: 'not-allowed',
      halving: { status: 'not-allowed' },
      deferral: { status: 'not-allowed' },
    });
  });
});

describe('late payment with benefits unaffected (2020 No.2 §2(3)2)', () => {
  it.each([
    ['2020-01', 'no-measure'],
    ['2020-02', 'allowed'],
    ['2020-06', 'allowed'],
    ['2020-07', 'no-measure'],
  ])('2020 No.2 §2(3)2: contributions of %s → %s', (month, status) => {
    for (const [scheme, payer] of [
      ['employee', 'employer'],
      ['employee', 'individual'],
      ['resident', 'individual'],
    ] as const) {
      const answer = decide({ month, scheme, payer });
      expect(answer.latePayment.status, `${scheme} ${payer}`).toBe(status);
      if (status === 'allowed') {
        expect(answer.latePayment).toEqual({ status, allowed: true, extendedTo: '2020-07-01T00:00:00+08:00', benefitsContinue: true });
        expect(answer.decision).toBe('allowed');
        expect(answer.reasons).toContainEqual({
          clause: '2020 No.2 §2(3)2',
          code: 'late_payment_extended',
          params: { extendedTo: '2020-07-01T00:00:00+08:00' },
          text: expect.stringContaining('不影响参保人员享受待遇'),
        });
        expect(answer.basis).toContainEqual({ kind: 'measures', code: 'late-payment', release: 5 });
      }
    }
  });
});

describe('employers’ late base declaration (2022 No.13 §12)', () => {
  it.each([
    ['employee', 'employer', '2022-04', 'allowed'],
    ['employee', 'employer', '2022-07', 'allowed'],
    ['employee', 'employer', '2022-08', 'no-measure'],
    ['employee', 'individual', '2022-05', 'not-applicable'],
    ['resident', 'individual', '2022-05', 'not-applicable'],
  ] as const)('2022 No.13 §12: %s insurance, %s, %s → %s', (scheme, payer, month, status) => {
    const answer = decide({ scheme, payer, month });
    expect(answer.baseDeclaration.status).toBe(status);
    if (status === 'allowed') expect(answer.baseDeclaration).toMatchObject({ extendedTo: '2022-08-01T00:00:00+08:00', benefitsContinue: true });
  });
});
