import { describe, expect, it } from 'vitest';
import { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import { DeadlineRequest, decideDeadline } from '../../../policy-catalog/rules/deadline.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';

const EXTENDED_TO = '2020-07-01T00:00:00+08:00';
const extension = (deadline: string): EntryFact<MeasureAttributes> => ({
  kind: 'measures',
  code: `ext-${deadline}`,
  release: 2,
  timeline: [
    {
      validFrom: '2020-02-04T00:00:00+08:00',
      validTo: EXTENDED_TO,
      attributes: MeasureAttributes.parse({ type: 'deadline-extension', poolingArea: '220000', deadline, extendedTo: EXTENDED_TO }),
    },
  ],
});
const measures = ['reimbursement-window', 'contribution-payment', 'settlement-statement', 'base-declaration'].map(extension);

const decide = (request: Partial<DeadlineRequest>) =>
  decideDeadline(
    DeadlineRequest.parse({
      deadline: 'settlement-statement',
      poolingArea: '220100',
      dueAt: '2020-03-01T00:00:00+08:00',
      submittedAt: '2020-05-01T00:00:00+08:00',
      ...request,
    }),
    { measures, asOfRelease: 3 },
  );

describe('deadline extensions (2020 No.2 §2(3); 2022 No.13 §12)', () => {
  it.each([
    ['reimbursement-window', '2020 No.2 §2(3)1'],
    ['contribution-payment', '2020 No.2 §2(3)2'],
    ['settlement-statement', '2020 No.2 §2(3)3'],
    ['base-declaration', '2022 No.13 §12'],
  ] as const)('%s (%s): a deadline that falls in the extension moves to extendedTo', (deadline, clause) => {
    const answer = decide({ deadline, costsOfYear: 2019 });
    expect(answer).toMatchObject({ decision: 'on-time', deadline: EXTENDED_TO, extended: true, basis: [{ code: `ext-${deadline}`, release: 2 }] });
    expect(answer.reasons.every((reason) => reason.clause === clause)).toBe(true);
  });

  it.each([
    ['one second before the extended deadline', '2020-06-30T23:59:59+08:00', 'on-time'],
    ['the extended deadline itself (2020-06-30 24:00)', EXTENDED_TO, 'late'],
  ])('2020 No.2 §2(3)3: a statement submitted %s → %s', (_label, submittedAt, decision) => {
    expect(decide({ submittedAt }).decision).toBe(decision);
  });

  it.each([
    ['one second before the measure starts', '2020-02-03T23:59:59+08:00', false],
    ['the instant it starts', '2020-02-04T00:00:00+08:00', true],
    ['one second before it ends', '2020-06-30T23:59:59+08:00', true],
    ['the instant it ends', EXTENDED_TO, false],
  ])('2020 No.2 §2(3)3: an ordinary deadline %s is extended: %s', (_label, dueAt, extended) => {
    expect(decide({ dueAt, submittedAt: dueAt }).extended).toBe(extended);
  });

  it.each([
    [2018, false],
    [2019, true],
    [2020, false],
  ])('2020 No.2 §2(3)1: the window for costs of %s is extended: %s (2019 costs only)', (costsOfYear, extended) => {
    expect(decide({ deadline: 'reimbursement-window', costsOfYear }).extended).toBe(extended);
  });

  it('2020 No.2 §2(3)1: asks the year of the costs for the reimbursement window', () => {
    expect(
      DeadlineRequest.safeParse({
        deadline: 'reimbursement-window',
        poolingArea: '220100',
        dueAt: '2020-03-01T00:00:00+08:00',
        submittedAt: '2020-03-01T00:00:00+08:00',
      }).success,
    ).toBe(false);
  });
});
