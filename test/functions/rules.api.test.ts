import { beforeAll, describe, expect, it } from 'vitest';
import { planDrugCodes } from '../../policy-catalog/seed/notices.ts';
import { publishThroughApi, seedReleaseNumber, SEED_RELEASES, startTestApp, type TestApp } from '../support/fixtures.ts';

let t: TestApp;
let settlement: string;
let officerA: string;
let officerB: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  settlement = await t.tokenFor('downstream', '结算系统');
  officerA = await t.tokenFor('pricing-staff', '王芳');
  officerB = await t.tokenFor('pricing-staff', '李强');
});

const ask = (rule: string, body: unknown, token = settlement) => t.call('POST', `/v1/rules/${rule}`, { token, body });

describe('POST /v1/rules/drug-coverage on the seeded catalog', () => {
  it('keeps an inpatient admitted before 2022-12-31 24:00 covered until discharge, citing the clause and the releases used', async () => {
    const response = await ask('drug-coverage', {
      drugCode: 'SZ3-0002',
      setting: 'inpatient',
      admittedAt: '2022-12-30T09:00:00+08:00',
      firstUsedAt: '2022-12-30T12:00:00+08:00',
      usedAt: '2023-01-03T09:00:00+08:00',
      covidStatus: 'none',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      decision: 'covered',
      paymentClass: 'provincial',
      asOfRelease: SEED_RELEASES,
      basis: [
        { kind: 'drug-entries', code: 'SZ3-0002', release: seedReleaseNumber('seed-2022-no13-measures') },
        { kind: 'measures', code: '220000-inpatient-grace-third-batch', release: seedReleaseNumber('seed-2022-no13-measures') },
      ],
    });
    expect(response.body.reasons[0]).toMatchObject({
      clause: '2022 No.13 §1',
      code: 'grace_applies',
      params: { drugCode: 'SZ3-0002', endedAt: '2023-01-01T00:00:00+08:00' },
    });
  });

  it('2022 No.13 §1: refuses the grace when the drug was first used before this admission', async () => {
    const response = await ask('drug-coverage', {
      drugCode: 'SZ3-0002',
      setting: 'inpatient',
      admittedAt: '2022-12-30T09:00:00+08:00',
      firstUsedAt: '2022-12-30T08:59:59+08:00',
      usedAt: '2023-01-03T09:00:00+08:00',
      covidStatus: 'none',
    });
    expect(response.body).toMatchObject({ decision: 'not-covered', paymentClass: null });
    expect(response.body.reasons[0]).toMatchObject({
      clause: '2022 No.13 §1',
      code: 'grace_first_use_before_admission',
      text: expect.stringContaining('入院之前'),
    });
  });

  it('refuses the same drug to an outpatient chronic-disease patient after the cutoff', async () => {
    const response = await ask('drug-coverage', {
      drugCode: 'SZ3-0002',
      setting: 'outpatient-chronic',
      firstUsedAt: '2022-11-01T09:00:00+08:00',
      usedAt: '2023-01-03T09:00:00+08:00',
      covidStatus: 'none',
    });
    expect(response.body).toMatchObject({ decision: 'not-covered', paymentClass: null });
  });

  it('pays a plan drug outside the list as Class A for a confirmed COVID-19 patient', async () => {
    const response = await ask('drug-coverage', {
      drugCode: planDrugCodes.lopinavir,
      setting: 'inpatient',
      usedAt: '2022-04-01T09:00:00+08:00',
      covidStatus: 'confirmed',
    });
    expect(response.body).toMatchObject({
      decision: 'covered',
      paymentClass: 'A',
      basis: [{ kind: 'measures', code: '220000-temporary-class-a-covid', release: seedReleaseNumber('seed-temporary-class-a-extension-2023') }],
    });
  });

  it('answers bad input with 400 naming the field', async () => {
    const response = await ask('drug-coverage', { drugCode: 'SZ3-0002', setting: 'ward', usedAt: 'yesterday', covidStatus: 'none' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['setting', 'usedAt']);
  });
});

describe('POST /v1/rules/contribution-relief', () => {
  it('allows Changchun to halve and defer in June 2022', async () => {
    const response = await ask('contribution-relief', {
      poolingArea: '220100',
      month: '2022-06',
      scheme: 'employee',
      payer: 'employer',
      closedManagement: true,
      fundMonthsCovered: 9,
    });
    expect(response.body).toMatchObject({ decision: 'allowed', halving: { allowed: true, until: '2022-08-01T00:00:00+08:00' }, deferral: { allowed: true } });
    // Halving, deferral, and the province's extended base declaration (2022 No.13 §12).
    expect(response.body.basis).toHaveLength(3);
  });

  it('refuses halving where the fund covers fewer than 6 months', async () => {
    const response = await ask('contribution-relief', {
      poolingArea: '220100',
      month: '2022-07',
      scheme: 'employee',
      payer: 'employer',
      closedManagement: true,
      fundMonthsCovered: 4,
    });
    expect(response.body).toMatchObject({ decision: 'not-allowed', halving: { allowed: false }, deferral: { allowed: false } });
  });
});

describe('POST /v1/rules/medical-assistance', () => {
  it('pays a subsistence-allowance recipient 70% above the deductible within the cap', async () => {
    const response = await ask('medical-assistance', {
      poolingArea: '220100',
      category: 'subsistence',
      outOfPocketFen: 500_000,
      deductibleFen: 100_000,
      annualCapFen: 10_000_000,
      paidThisYearFen: 0,
    });
    expect(response.body).toMatchObject({ decision: 'pay', amountFen: 280_000, ratio: 0.7, basis: [{ code: '220000-assistance-ratios-2022' }] });
  });

  it.each([
    ['2022-04-27T23:59:59+08:00', 'not-eligible', 'assistance_not_yet_eligible'],
    ['2022-04-28T00:00:00+08:00', 'pay', 'assistance_area_ratio'],
  ])('2022 No.13 §10: a low-income marginal family member with costs at %s → %s (%s)', async (at, decision, code) => {
    const response = await ask('medical-assistance', {
      poolingArea: '220100',
      category: 'marginal',
      outOfPocketFen: 500_000,
      deductibleFen: 100_000,
      annualCapFen: 10_000_000,
      paidThisYearFen: 0,
      at,
    });
    expect(response.status).toBe(200);
    expect(response.body.decision).toBe(decision);
    expect(response.body.reasons[0]).toMatchObject({ clause: '2022 No.13 §10', code, params: { category: 'marginal' } });
  });

  it('rejects a fractional fen amount', async () => {
    const response = await ask('medical-assistance', {
      poolingArea: '220100',
      category: 'subsistence',
      outOfPocketFen: 1.5,
      deductibleFen: 0,
      annualCapFen: 0,
      paidThisYearFen: 0,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('outOfPocketFen');
  });
});

describe('the seeded temporary Class A inclusion, read as of each release (2020 No.2 §2(4)3)', () => {
  it('2020 No.2 §2(4)3: shows no end date as of the 2020 release, and 2023-03-31 24:00 as of the later one', async () => {
    const read = (id: string) => t.call('GET', `/v1/catalog/measures/220000-temporary-class-a-covid?release=${seedReleaseNumber(id)}`, { token: settlement });
    const in2020 = await read('seed-2020-no2-measures');
    expect(in2020.status).toBe(200);
    expect(in2020.body.timeline.map((period: { validTo: string | null }) => period.validTo)).toEqual([null]);
    const in2023 = await read('seed-temporary-class-a-extension-2023');
    expect(in2023.body.timeline.map((period: { validTo: string | null }) => period.validTo)).toEqual(['2023-04-01T00:00:00+08:00']);
  });
});

describe('POST /v1/rules/out-of-area', () => {
  it('needs no filing for a patient stranded by lockdown in 2022', async () => {
    const response = await ask('out-of-area', { insuredArea: '220100', institutionGrade: 3, reason: 'lockdown-stranded', at: '2022-05-10T10:00:00+08:00' });
    expect(response.body).toMatchObject({
      decision: 'insured-area-ratio',
      filingRequired: false,
      ratioRule: { rule: 'same-grade-in-insured-area', ratioPercent: 80 },
    });
  });

  it('answers an unknown rule with 404', async () => {
    expect((await ask('lottery', {})).status).toBe(404);
  });
});

describe('measures in change sets', () => {
  it('refuses a halving longer than 3 months with 400 naming the bound and the clause', async () => {
    const created = await t.call('POST', '/v1/change-sets', { token: officerA, body: { title: '减征' } });
    const response = await t.call('POST', `/v1/change-sets/${created.body.id}/changes`, {
      token: officerA,
      body: {
        changes: [
          {
            kind: 'measures',
            code: '220200-halving',
            op: 'set',
            validFrom: '2022-05-01T00:00:00+08:00',
            validTo: '2022-09-01T00:00:00+08:00',
            attributes: { type: 'contribution-halving', poolingArea: '220200' },
          },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        path: 'changes.0.validTo',
        in: 'body',
        code: 'ends_too_late',
        params: { limit: '2022-08-01T00:00:00+08:00' },
        message:
          '2022 No.13 §2: a halving runs from May 2022 for at most 3 months, so it ends by the end of July 2022 (2022-08-01T00:00:00+08:00) at the latest',
      },
    ]);
  });

  it('changes a rule’s answer once a new measure is published, and cites the new release', async () => {
    const before = await ask('contribution-relief', {
      poolingArea: '220200',
      month: '2022-06',
      scheme: 'employee',
      payer: 'employer',
      closedManagement: true,
      fundMonthsCovered: 9,
    });
    expect(before.body.decision).toBe('no-measure');
    const release = await publishThroughApi(
      t,
      [
        {
          kind: 'measures',
          code: '220200-halving',
          op: 'set',
          validFrom: '2022-06-01T00:00:00+08:00',
          validTo: '2022-08-01T00:00:00+08:00',
          attributes: { type: 'contribution-halving', poolingArea: '220200' },
        },
      ],
      officerA,
      officerB,
      '吉林市减半征收',
    );
    const after = await ask('contribution-relief', {
      poolingArea: '220200',
      month: '2022-06',
      scheme: 'employee',
      payer: 'employer',
      closedManagement: true,
      fundMonthsCovered: 9,
    });
    expect(after.body.decision).toBe('allowed');
    expect(after.body.basis).toContainEqual({ kind: 'measures', code: '220200-halving', release });
  });
});

describe('reads of the other kinds', () => {
  it('shows the third batch’s phase-out as a timeline that a later release extended', async () => {
    const asOfFirst = await t.call('GET', `/v1/catalog/drug-entries/SZ3-0001?release=${seedReleaseNumber('seed-third-batch-provincial-drugs')}`, {
      token: settlement,
    });
    expect(asOfFirst.body.timeline.at(-1).validTo).toBe('2022-07-01T00:00:00+08:00');
    const current = await t.call('GET', '/v1/catalog/drug-entries/SZ3-0001', { token: settlement });
    expect(current.body.timeline.at(-1).validTo).toBe('2023-01-01T00:00:00+08:00');
    expect(current.body.release).toBe(seedReleaseNumber('seed-2022-no13-measures'));
  });

  it('lists listings and measures', async () => {
    const listings = await t.call('GET', '/v1/catalog/listings', { token: settlement });
    expect(listings.body.items.map((item: { code: string }) => item.code)).toContain('GW-2022-AZV-001');
    const measures = await t.call('GET', '/v1/catalog/measures?codePrefix=220100', { token: settlement });
    // Halving, deferral, and Changchun's own same-grade ratios.
    expect(measures.body.items).toHaveLength(3);
  });
});
