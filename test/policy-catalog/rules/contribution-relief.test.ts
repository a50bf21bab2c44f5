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
    ContributionReliefRequest.parse({
      poolingArea: '220100',
      month: '2022-06',
      scheme: 'employee',
      payer: 'employer',
      closedManagement: true,
      fundMonthsCovered: 8,
      ...request,
    }),
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
    // Halving and deferral cite §2; the payment deadline (2020 No.2 §2(3)2) and base declaration (§12) answer beside them.
    expect(answer.reasons.filter((reason) => reason.clause === '2022 No.13 §2')).toHaveLength(2);
    expect(answer.reasons.every((reason) => ['2022 No.13 §2', '2020 No.2 §2(3)2', '2022 No.13 §12'].includes(reason.clause))).toBe(true);
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

  it.each([
    ['2022-05', true],
    ['2022-07', true],
    ['2022-08', false],
    ['2022-12', false],
  ])('2022 No.13 §2: halves in %s → %s, even where a published measure runs May–December (May–July 2022 only)', (month, allowed) => {
    const wide: EntryFact<MeasureAttributes> = {
      ...halving,
      timeline: [
        { validFrom: '2022-05-01T00:00:00+08:00', validTo: '2023-01-01T00:00:00+08:00', attributes: { type: 'contribution-halving', poolingArea: '220100' } },
      ],
    };
    const answer = decideContributionRelief(
      ContributionReliefRequest.parse({ poolingArea: '220100', month, scheme: 'employee', payer: 'employer', closedManagement: true, fundMonthsCovered: 8 }),
      {
        measures: [wide],
        asOfRelease: 9,
      },
    );
    expect(answer.halving.allowed).toBe(allowed);
    if (!allowed) {
      expect(answer.reasons).toContainEqual({
        clause: '2022 No.13 §2',
        code: 'halving_month_outside',
        params: { firstMonth: '2022-05', lastMonth: '2022-07', month },
        text: expect.stringContaining('减征时间自2022年5月起'),
      });
    }
  });

  it('2022 No.13 §2: counts 3 months per area across measures, the province’s too: the 4th month is refused', () => {
    const measure = (code: string, poolingArea: string, validFrom: string, validTo: string): EntryFact<MeasureAttributes> => ({
      kind: 'measures',
      code,
      release: 3,
      timeline: [{ validFrom, validTo, attributes: { type: 'contribution-halving', poolingArea } }],
    });
    // Published before the bounds were checked: April by the province, May–July by the city.
    const measures = [
      measure('220000-halving-april', '220000', '2022-04-01T00:00:00+08:00', '2022-05-01T00:00:00+08:00'),
      measure('220100-halving-may-june', '220100', '2022-05-01T00:00:00+08:00', '2022-07-01T00:00:00+08:00'),
      measure('220100-halving-july', '220100', '2022-07-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00'),
    ];
    const ask = (month: string) =>
      decideContributionRelief(
        ContributionReliefRequest.parse({ poolingArea: '220100', month, scheme: 'employee', payer: 'employer', closedManagement: true, fundMonthsCovered: 8 }),
        {
          measures,
          asOfRelease: 9,
        },
      );
    expect(ask('2022-06').halving.allowed).toBe(true);
    expect(ask('2022-07').halving.allowed).toBe(false);
    expect(ask('2022-07').reasons).toContainEqual({
      clause: '2022 No.13 §2',
      code: 'halving_months_used',
      params: { poolingArea: '220100', maxMonths: 3, months: '2022-04,2022-05,2022-06', month: '2022-07' },
      text: expect.stringContaining('已满3个月'),
    });
  });

  it('2022 No.13 §2: does not apply another area’s measures, and says there is no measure rather than "not allowed"', () => {
    expect(decide({ poolingArea: '220200' })).toMatchObject({
      decision: 'no-measure',
      halving: { status: 'no-measure', allowed: false },
      deferral: { status: 'no-measure', allowed: false },
      basis: [],
    });
  });
});

const LATEST_END =
  'validTo: 2022 No.13 §2: a halving runs from May 2022 for at most 3 months, so it ends by the end of July 2022 (2022-08-01T00:00:00+08:00) at the latest';

describe('the bounds of contribution measures (2022 No.13 §2)', () => {
  const change = (type: 'contribution-halving' | 'contribution-deferral', validFrom: string, validTo?: string) =>
    Change.safeParse({ kind: 'measures', code: 'm', op: 'set', validFrom, ...(validTo ? { validTo } : {}), attributes: { type, poolingArea: '220100' } });
  const messages = (result: ReturnType<typeof change>) => (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it.each([
    ['a halving of exactly 3 months from May 2022', 'contribution-halving', '2022-05-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00', []],
    ['a halving longer than 3 months', 'contribution-halving', '2022-05-01T00:00:00+08:00', '2022-09-01T00:00:00+08:00', [LATEST_END]],
    ['a halving of the last allowed month, July 2022', 'contribution-halving', '2022-07-01T00:00:00+08:00', '2022-08-01T00:00:00+08:00', []],
    ['a halving of the first allowed month, May 2022', 'contribution-halving', '2022-05-01T00:00:00+08:00', '2022-06-01T00:00:00+08:00', []],
    ['a halving of August 2022, one month after the window', 'contribution-halving', '2022-08-01T00:00:00+08:00', '2022-09-01T00:00:00+08:00', [LATEST_END]],
    [
      'a halving ending one second after July 2022',
      'contribution-halving',
      '2022-06-01T00:00:00+08:00',
      '2022-08-01T00:00:01+08:00',
      ['validTo: contributions are monthly: end at 00:00 on the 1st of a month, China time', LATEST_END],
    ],
    ['a halving at the end of 2022', 'contribution-halving', '2022-12-01T00:00:00+08:00', '2023-01-01T00:00:00+08:00', [LATEST_END]],
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
