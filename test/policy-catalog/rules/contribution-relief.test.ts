import { describe, expect, it } from 'vitest';
import { Change } from '../../../policy-catalog/change.ts';
import type { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import { ContributionReliefRequest, decideContributionRelief } from '../../../policy-catalog/rules/contribution-relief.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';

const halving: EntryFact<MeasureAttributes> = {
  kind: 'measures',
  code: '220100-contribution-halving-2022',
  release: 6,
  timeline: [
    { validFrom: '2022-05-01T00:00:00+08:00', validTo: '2022-08-01T00:00:00+08:00', attributes: { type: 'contribution-halving', poolingArea: '220100' } },
  ],
};
const deferral: EntryFact<MeasureAttributes> = {
  kind: 'measures',
  code: '220100-contribution-deferral-2022',
  release: 6,
  timeline: [
    { validFrom: '2022-03-01T00:00:00+08:00', validTo: '2022-07-01T00:00:00+08:00', attributes: { type: 'contribution-deferral', poolingArea: '220100' } },
  ],
};

const decide = (request: Partial<ContributionReliefRequest>) =>
  decideContributionRelief(
    ContributionReliefRequest.parse({ poolingArea: '220100', month: '2022-06', closedManagement: true, fundMonthsCovered: 8, ...request }),
    {
      measures: [halving, deferral],
      asOfRelease: 9,
    },
  );

describe('contribution relief (2022 No.13 §2)', () => {
  it.each([
    ['2022-04', false, true],
    ['2022-05', true, true],
    ['2022-06', true, true],
    ['2022-07', true, false],
    ['2022-08', false, false],
  ])('in %s: halving %s, deferral %s', (month, halvingAllowed, deferralAllowed) => {
    const answer = decide({ month });
    expect(answer.halving.allowed).toBe(halvingAllowed);
    expect(answer.deferral.allowed).toBe(deferralAllowed);
    expect(answer.decision).toBe(halvingAllowed || deferralAllowed ? 'allowed' : 'not-allowed');
    expect(answer.reasons.every((reason) => reason.clause === '2022 No.13 §2')).toBe(true);
  });

  it('says until when: halving to the end of July, deferral to the end of June, together', () => {
    expect(decide({ month: '2022-06' })).toMatchObject({
      halving: { allowed: true, until: '2022-08-01T00:00:00+08:00' },
      deferral: { allowed: true, until: '2022-07-01T00:00:00+08:00' },
      basis: [
        { code: '220100-contribution-halving-2022', release: 6 },
        { code: '220100-contribution-deferral-2022', release: 6 },
      ],
    });
  });

  it('does not halve in an area that was not under closed management', () => {
    expect(decide({ closedManagement: false }).halving.allowed).toBe(false);
  });

  it.each([
    [5.9, false],
    [6, true],
  ])('halves only where the fund covers at least 6 months: %s months → %s', (fundMonthsCovered, allowed) => {
    expect(decide({ fundMonthsCovered }).halving.allowed).toBe(allowed);
  });

  it('does not apply another area’s measures', () => {
    expect(decide({ poolingArea: '220200' })).toMatchObject({ decision: 'not-allowed', basis: [] });
  });
});

describe('the bounds of contribution measures (2022 No.13 §2)', () => {
  const change = (type: 'contribution-halving' | 'contribution-deferral', validFrom: string, validTo?: string) =>
    Change.safeParse({ kind: 'measures', code: 'm', op: 'set', validFrom, ...(validTo ? { validTo } : {}), attributes: { type, poolingArea: '220100' } });
  const messages = (result: ReturnType<typeof change>) => (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it.each([
    ['a halving of exactly 3 months from May 2022', 'contribution-halving', '2022-05-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00', []],
    [
      'a halving longer than 3 months',
      'contribution-halving',
      '2022-05-01T00:00:00+08:00',
      '2022-09-01T00:00:00+08:00',
      ['validTo: 2022 No.13 §2: a halving lasts at most 3 months'],
    ],
    [
      'a halving from April 2022',
      'contribution-halving',
      '2022-04-01T00:00:00+08:00',
      '2022-06-01T00:00:00+08:00',
      ['validFrom: 2022 No.13 §2: a halving starts in May 2022 at the earliest'],
    ],
    [
      'a halving starting one second before May 2022',
      'contribution-halving',
      '2022-04-30T23:59:59+08:00',
      '2022-07-01T00:00:00+08:00',
      [
        'validFrom: contributions are monthly: start at 00:00 on the 1st of a month, China time',
        'validFrom: 2022 No.13 §2: a halving starts in May 2022 at the earliest',
      ],
    ],
    [
      'a halving with no end',
      'contribution-halving',
      '2022-05-01T00:00:00+08:00',
      undefined,
      ['validTo: a contribution measure needs an end: validTo is required'],
    ],
    ['a deferral of 4 months, March to June 2022', 'contribution-deferral', '2022-03-01T00:00:00+08:00', '2022-07-01T00:00:00+08:00', []],
    [
      'a deferral from February 2022',
      'contribution-deferral',
      '2022-02-01T00:00:00+08:00',
      '2022-05-01T00:00:00+08:00',
      ['validFrom: 2022 No.13 §2: a deferral starts in March 2022 at the earliest'],
    ],
    [
      'a deferral ending after June 2022',
      'contribution-deferral',
      '2022-04-01T00:00:00+08:00',
      '2022-08-01T00:00:00+08:00',
      ['validTo: 2022 No.13 §2: a deferral ends by the end of June 2022 (2022-07-01T00:00:00+08:00) at the latest'],
    ],
    [
      'a deferral ending one second after June 2022',
      'contribution-deferral',
      '2022-04-01T00:00:00+08:00',
      '2022-07-01T00:00:01+08:00',
      [
        'validTo: contributions are monthly: end at 00:00 on the 1st of a month, China time',
        'validTo: 2022 No.13 §2: a deferral ends by the end of June 2022 (2022-07-01T00:00:00+08:00) at the latest',
      ],
    ],
  ] as const)('%s', (_label, type, validFrom, validTo, expected) => {
    expect(messages(change(type, validFrom, validTo))).toEqual(expected);
  });

  it('rejects a deferral longer than 4 months', () => {
    // Within March–June no deferral can exceed 4 months, so the length bound shows with an early start too.
    expect(messages(change('contribution-deferral', '2022-03-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00'))).toContain(
      'validTo: 2022 No.13 §2: a deferral lasts at most 4 months',
    );
  });
});
