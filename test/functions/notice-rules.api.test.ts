import { beforeAll, describe, expect, it } from 'vitest';
import { planDrugCodes, planServiceCodes } from '../../policy-catalog/seed/notices.ts';
import { seedReleaseNumber, SEED_RELEASES, startTestApp, type TestApp } from '../support/fixtures.ts';

let t: TestApp;
let settlement: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  settlement = await t.tokenFor('downstream', '结算系统');
});

const ask = (rule: string, body: unknown) => t.call('POST', `/v1/rules/${rule}`, { token: settlement, body });

/** The request schema of a rule, as the OpenAPI document gives it, with every property's description. */
async function requestDescriptions(rule: string): Promise<Record<string, string | undefined>> {
  const document = await t.call('GET', '/openapi.json');
  const operation = document.body.paths[`/v1/rules/${rule}`].post;
  const reference: string = operation.requestBody.content['application/json'].schema.$ref;
  const schema = document.body.components.schemas[reference.split('/').at(-1) as string];
  return Object.fromEntries(
    Object.entries(schema.properties as Record<string, { description?: string }>).map(([name, property]) => [name, property.description]),
  );
}

describe('POST /v1/rules/service-coverage on the seeded catalog (2020 No.2 §2(4)3)', () => {
  it('2020 No.2 §2(4)3: pays the plan’s PCR test as Class A for a suspected patient, citing the price item and the measure', async () => {
    const response = await ask('service-coverage', { serviceCode: planServiceCodes.pcrSingle, usedAt: '2022-06-01T09:00:00+08:00', covidStatus: 'suspected' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      decision: 'class-a',
      paymentClass: 'A',
      asOfRelease: SEED_RELEASES,
      basis: [
        { kind: 'price-items', code: planServiceCodes.pcrSingle },
        { kind: 'measures', code: '220000-temporary-class-a-covid', release: seedReleaseNumber('seed-temporary-class-a-extension-2023') },
      ],
    });
    expect(response.body.reasons.at(-1)).toMatchObject({ clause: '2020 No.2 §2(4)3', code: 'temporary_class_a_service', params: { covidStatus: 'suspected' } });
  });

  it('2020 No.2 §2(4)3: after 2023-03-31 24:00 the same test is paid by the ordinary rules', async () => {
    const response = await ask('service-coverage', { serviceCode: planServiceCodes.pcrSingle, usedAt: '2023-04-01T00:00:00+08:00', covidStatus: 'confirmed' });
    expect(response.body).toMatchObject({ decision: 'ordinary', paymentClass: null });
  });

  it('describes every request field in the OpenAPI document', async () => {
    const descriptions = await requestDescriptions('service-coverage');
    expect(Object.keys(descriptions).sort()).toEqual(['covidStatus', 'serviceCode', 'usedAt']);
    for (const [name, description] of Object.entries(descriptions)) expect(description, name).toMatch(/\w/);
  });
});

describe('POST /v1/rules/prepayment on the seeded catalog (2022 No.13 §5, §7; 2020 No.2 §2(1)1)', () => {
  it('2022 No.13 §5: prepays a treating hospital 6 months without an application, its COVID-19 costs outside the total budget', async () => {
    const response = await ask('prepayment', {
      poolingArea: '220100',
      institution: 'covid-treatment',
      applied: false,
      months: 6,
      at: '2022-06-01T00:00:00+08:00',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      decision: 'allowed',
      maxMonths: null,
      covidCostsOutsideTotalBudget: true,
      settlement: 'after-epidemic',
      basis: [{ kind: 'measures', code: '220000-prepayment-covid-treatment', release: seedReleaseNumber('seed-2020-no2-measures') }],
    });
  });

  it.each([
    [3, true, 'allowed'],
    [4, true, 'not-allowed'],
    [1, false, 'not-allowed'],
  ])('2022 No.13 §5: another designated institution asking %s months (applied: %s) → %s', async (months, applied, decision) => {
    const response = await ask('prepayment', { poolingArea: '220100', institution: 'other', applied, months, at: '2022-06-01T00:00:00+08:00' });
    expect(response.body).toMatchObject({ decision, maxMonths: 3, onApplication: true, basis: [{ code: '220000-prepayment-2022' }] });
  });

  it('2022 No.13 §5: before the notice, other institutions have no prepayment measure', async () => {
    const response = await ask('prepayment', { poolingArea: '220100', institution: 'other', applied: true, months: 1, at: '2022-04-27T23:59:59+08:00' });
    expect(response.body).toMatchObject({ decision: 'no-measure', basis: [] });
  });

  it('describes every request field in the OpenAPI document', async () => {
    const descriptions = await requestDescriptions('prepayment');
    expect(Object.keys(descriptions).sort()).toEqual(['applied', 'at', 'institution', 'months', 'poolingArea']);
    for (const [name, description] of Object.entries(descriptions)) expect(description, name).toMatch(/\w/);
  });
});

describe('POST /v1/rules/contribution-relief by scheme and payer (2022 No.13 §2, §12; 2020 No.2 §2(3)2)', () => {
  const relief = (body: Record<string, unknown>) =>
    ask('contribution-relief', {
      poolingArea: '220100',
      month: '2022-06',
      scheme: 'employee',
      payer: 'employer',
      closedManagement: true,
      fundMonthsCovered: 9,
      ...body,
    });

  it('2022 No.13 §2: Changchun employers pay 50% in June 2022 and may defer, benefits unaffected, made up by the end of June', async () => {
    const response = await relief({});
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      decision: 'allowed',
      halving: { status: 'allowed', payablePercent: 50 },
      deferral: { status: 'allowed', benefitsContinue: true, makeUpBy: '2022-07-01T00:00:00+08:00' },
      baseDeclaration: { status: 'allowed', extendedTo: '2022-08-01T00:00:00+08:00' },
    });
  });

  it('2022 No.13 §2: the individual part is neither halved nor, by the seeded measure, deferred', async () => {
    const response = await relief({ payer: 'individual' });
    expect(response.body).toMatchObject({
      decision: 'not-allowed',
      halving: { status: 'not-applicable', payablePercent: 100 },
      deferral: { status: 'not-allowed' },
    });
  });

  it('2020 No.2 §2(3)2: a resident who cannot pay in March 2020 may pay later, benefits unaffected', async () => {
    const response = await relief({ month: '2020-03', scheme: 'resident', payer: 'individual' });
    expect(response.body).toMatchObject({
      decision: 'allowed',
      latePayment: { status: 'allowed', benefitsContinue: true, extendedTo: '2020-07-01T00:00:00+08:00' },
      basis: [{ code: '220000-deadline-contribution-payment-2020', release: seedReleaseNumber('seed-2020-no2-measures') }],
    });
  });

  it('2022 No.13 §2: an area without measures gets "no-measure", not "not-allowed"', async () => {
    expect((await relief({ poolingArea: '220300', month: '2022-09' })).body.decision).toBe('not-allowed');
    expect((await relief({ poolingArea: '220300', month: '2022-05' })).body).toMatchObject({
      decision: 'no-measure',
      halving: { status: 'no-measure' },
      deferral: { status: 'no-measure' },
      baseDeclaration: { status: 'allowed' },
    });
    expect((await relief({ poolingArea: '220300', month: '2021-05' })).body.decision).toBe('not-allowed');
  });

  it('answers a resident employer part with 400 on payer', async () => {
    const response = await relief({ scheme: 'resident', payer: 'employer' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['payer']);
  });

  it('describes every request field in the OpenAPI document', async () => {
    const descriptions = await requestDescriptions('contribution-relief');
    expect(Object.keys(descriptions).sort()).toEqual(['closedManagement', 'fundMonthsCovered', 'month', 'payer', 'poolingArea', 'scheme']);
    for (const [name, description] of Object.entries(descriptions)) expect(description, name).toMatch(/\w/);
  });
});

describe('POST /v1/rules/out-of-area on the seeded catalog (2020 No.2 §2(4)1; 2022 No.13 §11)', () => {
  it.each([
    ['220100', 3, 80],
    ['220200', 3, 78],
    ['220200', 1, 88],
  ])(
    '2020 No.2 §2(4)1: a confirmed patient insured in %s, treated at grade %s, keeps %s%%: the area’s own ratio, treated first',
    async (insuredArea, institutionGrade, ratioPercent) => {
      const response = await ask('out-of-area', { insuredArea, institutionGrade, reason: 'covid-confirmed', at: '2022-05-10T10:00:00+08:00' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        decision: 'insured-area-ratio',
        filingRequired: false,
        treatFirstSettleAtDischarge: true,
        ratioRule: { rule: 'same-grade-in-insured-area', institutionGrade, ratioPercent },
        basis: [{ code: '220000-out-of-area-covid' }, { code: `${insuredArea}-same-grade-ratios` }],
      });
    },
  );

  it('describes every request field in the OpenAPI document', async () => {
    const descriptions = await requestDescriptions('out-of-area');
    expect(Object.keys(descriptions).sort()).toEqual(['at', 'institutionGrade', 'insuredArea', 'reason']);
    for (const [name, description] of Object.entries(descriptions)) expect(description, name).toMatch(/\w/);
  });
});

describe('POST /v1/rules/offline-purchase on the seeded catalog (2022 No.13 §6)', () => {
  it.each([
    [{ listingCode: 'GW-2022-AZV-001' }, 'allowed', 'listing', 'offline_allowed_by_listing'],
    [{ listingCode: 'GW-2022-AG-001' }, 'not-allowed', null, 'listing_not_a_drug'],
    [{ drugCode: planDrugCodes.arbidol }, 'allowed', 'measure', 'offline_drug_in_measure'],
    [{ drugCode: planDrugCodes.chloroquine }, 'not-allowed', null, 'offline_drug_not_allowed'],
  ])('2022 No.13 §6: %o in September 2022 → %s (%s, %s)', async (codes, decision, source, code) => {
    const response = await ask('offline-purchase', { ...codes, at: '2022-09-01T09:00:00+08:00' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ decision, source });
    expect(response.body.reasons[0]).toMatchObject({ clause: '2022 No.13 §6', code, params: codes });
  });

  it('2022 No.13 §6: the drug measure starts with the notice', async () => {
    const response = await ask('offline-purchase', { drugCode: planDrugCodes.arbidol, at: '2022-04-27T23:59:59+08:00' });
    expect(response.body.decision).toBe('not-allowed');
  });

  it('answers neither or both codes with 400', async () => {
    expect((await ask('offline-purchase', {})).status).toBe(400);
    expect((await ask('offline-purchase', { listingCode: 'GW-2022-AZV-001', drugCode: planDrugCodes.arbidol })).status).toBe(400);
  });

  it('describes every request field in the OpenAPI document', async () => {
    const descriptions = await requestDescriptions('offline-purchase');
    expect(Object.keys(descriptions).sort()).toEqual(['at', 'drugCode', 'listingCode']);
    for (const [name, description] of Object.entries(descriptions)) expect(description, name).toMatch(/\w/);
  });
});

describe('POST /v1/rules/deadline on the seeded catalog (2020 No.2 §2(3))', () => {
  it.each([
    ['settlement-statement', '2020-06-30T23:59:59+08:00', 'on-time', '220000-deadline-settlement-statement'],
    ['settlement-statement', '2020-07-01T00:00:00+08:00', 'late', '220000-deadline-settlement-statement'],
    ['contribution-payment', '2020-06-30T23:59:59+08:00', 'on-time', '220000-deadline-contribution-payment-2020'],
  ])('2020 No.2 §2(3): %s submitted at %s → %s, extended by %s', async (deadline, submittedAt, decision, code) => {
    const response = await ask('deadline', { deadline, poolingArea: '220100', dueAt: '2020-03-01T00:00:00+08:00', submittedAt });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ decision, extended: true, deadline: '2020-07-01T00:00:00+08:00', basis: [{ code }] });
  });

  it('2020 No.2 §2(3)1: the 2019 window is extended, the 2020 one is not', async () => {
    const body = { deadline: 'reimbursement-window', poolingArea: '220100', dueAt: '2020-03-01T00:00:00+08:00', submittedAt: '2020-04-01T00:00:00+08:00' };
    expect((await ask('deadline', { ...body, costsOfYear: 2019 })).body).toMatchObject({ decision: 'on-time', extended: true });
    expect((await ask('deadline', { ...body, costsOfYear: 2020 })).body).toMatchObject({ decision: 'late', extended: false });
  });

  it('describes every request field in the OpenAPI document', async () => {
    const descriptions = await requestDescriptions('deadline');
    expect(Object.keys(descriptions).sort()).toEqual(['costsOfYear', 'deadline', 'dueAt', 'poolingArea', 'submittedAt']);
    for (const [name, description] of Object.entries(descriptions)) expect(description, name).toMatch(/\w/);
  });
});

describe('the OpenAPI document of the rules', () => {
  it.each(['drug-coverage', 'service-coverage', 'contribution-relief', 'medical-assistance', 'out-of-area', 'prepayment', 'offline-purchase', 'deadline'])(
    'describes what every request field of %s means',
    async (rule) => {
      const descriptions = await requestDescriptions(rule);
      expect(Object.keys(descriptions).length).toBeGreaterThan(0);
      for (const [name, description] of Object.entries(descriptions)) expect(description, `${rule}.${name}`).toMatch(/\w/);
    },
  );
});
