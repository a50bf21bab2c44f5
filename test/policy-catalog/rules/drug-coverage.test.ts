import { describe, expect, it } from 'vitest';
import type { DrugEntryAttributes } from '../../../policy-catalog/drug-entry.ts';
import type { MeasureAttributes } from '../../../policy-catalog/measure.ts';
import type { EntryFact } from '../../../policy-catalog/rules/decision.ts';
import { decideDrugCoverage, DrugCoverageRequest } from '../../../policy-catalog/rules/drug-coverage.ts';

// 2022 No.13 §1: the third batch leaves the payment scope at 2022-12-31 24:00.
const CUTOFF = '2023-01-01T00:00:00+08:00';
const ONE_SECOND_BEFORE = '2022-12-31T23:59:59+08:00';
const ONE_SECOND_AFTER = '2023-01-01T00:00:01+08:00';

const provincialDrug: EntryFact<DrugEntryAttributes> = {
  kind: 'drug-entries',
  code: 'SZ3-0001',
  release: 6,
  timeline: [
    {
      validFrom: '2020-01-01T00:00:00+08:00',
      validTo: '2022-07-01T00:00:00+08:00',
      attributes: { genericName: '黄芪益气颗粒', dosageForm: '颗粒剂', paymentClass: 'provincial', batch: '第三批省增药品' },
    },
    {
      validFrom: '2022-07-01T00:00:00+08:00',
      validTo: CUTOFF,
      attributes: { genericName: '黄芪益气颗粒', dosageForm: '颗粒剂', paymentClass: 'provincial', batch: '第三批省增药品' },
    },
  ],
};
const classBDrug: EntryFact<DrugEntryAttributes> = {
  kind: 'drug-entries',
  code: 'COVID-PLAN-0002',
  release: 2,
  timeline: [{ validFrom: '2020-01-01T00:00:00+08:00', validTo: null, attributes: { genericName: '阿比多尔片', dosageForm: '片剂', paymentClass: 'B' } }],
};
const temporaryClassA: EntryFact<MeasureAttributes> = {
  kind: 'measures',
  code: '220000-temporary-class-a-covid',
  release: 9,
  timeline: [
    {
      validFrom: '2020-02-04T00:00:00+08:00',
      validTo: '2023-04-01T00:00:00+08:00',
      attributes: { type: 'temporary-class-a', poolingArea: '220000', drugCodes: ['COVID-PLAN-0002', 'COVID-PLAN-0003'] },
    },
  ],
};

const inpatientGrace: EntryFact<MeasureAttributes> = {
  kind: 'measures',
  code: '220000-inpatient-grace-third-batch',
  release: 6,
  timeline: [
    {
      validFrom: '2022-04-28T00:00:00+08:00',
      validTo: null,
      attributes: { type: 'inpatient-grace', poolingArea: '220000', batch: '第三批省增药品', cutoff: CUTOFF },
    },
  ],
};

function decide(
  request: Partial<DrugCoverageRequest>,
  drugOrNone: EntryFact<DrugEntryAttributes> | null = provincialDrug,
  measures: EntryFact<MeasureAttributes>[] = [temporaryClassA, inpatientGrace],
) {
  const drug = drugOrNone ?? undefined;
  const parsed = DrugCoverageRequest.parse({
    drugCode: drug?.code ?? 'COVID-PLAN-0003',
    setting: 'inpatient',
    usedAt: '2023-01-05T10:00:00+08:00',
    covidStatus: 'none',
    ...request,
  });
  return decideDrugCoverage(parsed, { drug, measures, asOfRelease: 9 });
}

describe('drug coverage: the provincially-added grace (2022 No.13 §1)', () => {
  it.each([
    ['admitted one second before the cutoff', 'covered', ONE_SECOND_BEFORE],
    ['admitted exactly at the cutoff', 'not-covered', CUTOFF],
    ['admitted one second after the cutoff', 'not-covered', ONE_SECOND_AFTER],
  ])('2022 No.13 §1: an inpatient %s and using the drug from then is %s after the cutoff', (_label, decision, admittedAt) => {
    const answer = decide({ admittedAt, firstUsedAt: admittedAt, usedAt: '2023-01-05T10:00:00+08:00' });
    expect(answer.decision).toBe(decision);
    expect(answer.reasons.map((reason) => reason.clause)).toContain('2022 No.13 §1');
    expect(answer.basis[0]).toEqual({ kind: 'drug-entries', code: 'SZ3-0001', release: 6 });
    if (decision === 'covered') expect(answer.basis[1]).toEqual({ kind: 'measures', code: '220000-inpatient-grace-third-batch', release: 6 });
  });

  it.each([
    ['first used one second before the cutoff', 'covered', ONE_SECOND_BEFORE],
    ['first used exactly at the cutoff', 'not-covered', CUTOFF],
    ['first used one second after the cutoff', 'not-covered', ONE_SECOND_AFTER],
  ])('2022 No.13 §1: an inpatient admitted before the cutoff and %s is %s', (_label, decision, firstUsedAt) => {
    expect(decide({ admittedAt: '2022-12-20T08:00:00+08:00', firstUsedAt }).decision).toBe(decision);
  });

  it.each([
    ['one second before admission', 'not-covered', '2022-12-20T07:59:59+08:00'],
    ['at admission', 'covered', '2022-12-20T08:00:00+08:00'],
    ['one second after admission', 'covered', '2022-12-20T08:00:01+08:00'],
  ])('2022 No.13 §1: a first use %s (the drug used during that stay) is %s after the cutoff', (_label, decision, firstUsedAt) => {
    const answer = decide({ admittedAt: '2022-12-20T08:00:00+08:00', firstUsedAt });
    expect(answer.decision).toBe(decision);
    if (decision === 'not-covered')
      expect(answer.reasons).toContainEqual({
        clause: '2022 No.13 §1',
        code: 'grace_first_use_before_admission',
        params: { drugCode: 'SZ3-0001', drugName: '黄芪益气颗粒', batch: '第三批省增药品', endedAt: CUTOFF },
        text: expect.stringContaining('入院之前'),
      });
  });

  it('2022 No.13 §1: gives no grace to a drug of another batch leaving at the same cutoff', () => {
    const otherBatch = {
      ...provincialDrug,
      timeline: provincialDrug.timeline.map((period) => ({ ...period, attributes: { ...period.attributes, batch: '第二批省增药品' } })),
    };
    const answer = decide({ admittedAt: '2022-12-20T08:00:00+08:00', firstUsedAt: '2022-12-21T08:00:00+08:00' }, otherBatch);
    expect(answer.decision).toBe('not-covered');
    expect(answer.reasons).toContainEqual({
      clause: '2022 No.13 §1',
      code: 'grace_no_measure',
      params: { drugCode: 'SZ3-0001', drugName: '黄芪益气颗粒', batch: '第二批省增药品', endedAt: CUTOFF },
      text: expect.stringContaining('没有对该批次'),
    });
  });

  it('2022 No.13 §1: gives no grace without the measure that sets the cutoff', () => {
    const answer = decide({ admittedAt: '2022-12-20T08:00:00+08:00', firstUsedAt: '2022-12-21T08:00:00+08:00' }, provincialDrug, [temporaryClassA]);
    expect(answer.decision).toBe('not-covered');
  });

  it('2022 No.13 §1: takes the cutoff from the measure, so a measure with another cutoff gives no grace', () => {
    const otherCutoff = {
      ...inpatientGrace,
      timeline: inpatientGrace.timeline.map((period) => ({ ...period, attributes: { ...period.attributes, cutoff: '2022-07-01T00:00:00+08:00' } })),
    };
    const stay = { admittedAt: '2022-12-20T08:00:00+08:00', firstUsedAt: '2022-12-21T08:00:00+08:00' };
    expect(decide(stay, provincialDrug, [otherCutoff]).decision).toBe('not-covered');
  });

  it('keeps reimbursing until the stay ends, and not after discharge', () => {
    const stay = { admittedAt: '2022-12-20T08:00:00+08:00', firstUsedAt: '2022-12-21T08:00:00+08:00', dischargedAt: '2023-02-01T10:00:00+08:00' };
    expect(decide({ ...stay, usedAt: '2023-02-01T10:00:00+08:00' })).toMatchObject({ decision: 'covered', paymentClass: 'provincial' });
    expect(decide({ ...stay, usedAt: '2023-02-01T10:00:01+08:00' }).decision).toBe('not-covered');
  });

  it.each(['outpatient-chronic', 'outpatient-special'] as const)('never extends to %s diseases', (setting) => {
    const answer = decide({ setting, firstUsedAt: '2022-12-01T08:00:00+08:00' });
    expect(answer.decision).toBe('not-covered');
    expect(answer.reasons).toContainEqual({
      clause: '2022 No.13 §1',
      code: 'grace_not_for_chronic_or_special',
      params: { drugCode: 'SZ3-0001', drugName: '黄芪益气颗粒', batch: '第三批省增药品', endedAt: CUTOFF },
      text: expect.stringContaining('门诊慢病及特病'),
    });
  });

  it('covers anyone one second before the cutoff, and nobody after it without the grace', () => {
    expect(decide({ setting: 'outpatient', usedAt: ONE_SECOND_BEFORE })).toMatchObject({ decision: 'covered', paymentClass: 'provincial' });
    expect(decide({ setting: 'outpatient', usedAt: CUTOFF }).decision).toBe('not-covered');
    expect(decide({ setting: 'outpatient', usedAt: ONE_SECOND_AFTER }).decision).toBe('not-covered');
  });

  it('2022 No.13 §1: gives no grace at the old cutoff of 2022-06-30 24:00 (as the catalog read before the extension): the clause is for 2022-12-31 24:00', () => {
    const beforeExtension = { ...provincialDrug, release: 2, timeline: provincialDrug.timeline.slice(0, 1) };
    const answer = decide(
      { admittedAt: '2022-06-20T08:00:00+08:00', firstUsedAt: '2022-06-21T08:00:00+08:00', usedAt: '2022-07-05T08:00:00+08:00' },
      beforeExtension,
    );
    expect(answer).toMatchObject({ decision: 'not-covered', basis: [{ release: 2 }] });
  });
});

describe('drug coverage: temporary Class A for COVID-19 patients (2020 No.2 §2(4)3)', () => {
  it.each(['confirmed', 'suspected'] as const)('pays a plan drug outside the list as Class A for a %s patient', (covidStatus) => {
    const answer = decide({ covidStatus }, null);
    expect(answer).toMatchObject({ decision: 'covered', paymentClass: 'A' });
    expect(answer.reasons.map((reason) => reason.clause)).toContain('2020 No.2 §2(4)3');
    expect(answer.basis).toEqual([{ kind: 'measures', code: '220000-temporary-class-a-covid', release: 9 }]);
  });

  it('pays the self-paid part of a Class B plan drug as Class A for a confirmed patient', () => {
    expect(decide({ covidStatus: 'confirmed', setting: 'outpatient' }, classBDrug)).toMatchObject({ decision: 'covered', paymentClass: 'A' });
    expect(decide({ covidStatus: 'none', setting: 'outpatient' }, classBDrug)).toMatchObject({ decision: 'covered', paymentClass: 'B' });
  });

  it('does not cover the same drug for a patient without COVID-19', () => {
    expect(decide({ covidStatus: 'none' }, null)).toMatchObject({ decision: 'not-covered', paymentClass: null });
  });

  it.each([
    ['one second before the inclusion ends', 'covered', '2023-03-31T23:59:59+08:00'],
    ['exactly when it ends', 'not-covered', '2023-04-01T00:00:00+08:00'],
    ['one second after', 'not-covered', '2023-04-01T00:00:01+08:00'],
  ])('applies the inclusion up to its end: used %s is %s', (_label, decision, usedAt) => {
    expect(decide({ covidStatus: 'confirmed', usedAt, setting: 'outpatient' }, null).decision).toBe(decision);
  });

  it('does not cover a non-plan drug for a confirmed patient once it has left the list', () => {
    expect(decide({ covidStatus: 'confirmed', setting: 'outpatient', usedAt: ONE_SECOND_AFTER }).decision).toBe('not-covered');
  });
});

describe('drug coverage request', () => {
  it('rejects a first use after the use being asked about', () => {
    const result = DrugCoverageRequest.safeParse({
      drugCode: 'X',
      setting: 'inpatient',
      usedAt: '2022-01-01T00:00:00+08:00',
      firstUsedAt: '2022-02-01T00:00:00+08:00',
      covidStatus: 'none',
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['firstUsedAt']);
  });

  it('rejects an inpatient use before the admission', () => {
    const result = DrugCoverageRequest.safeParse({
      drugCode: 'X',
      setting: 'inpatient',
      admittedAt: '2022-02-01T00:00:00+08:00',
      usedAt: '2022-01-31T23:59:59+08:00',
      covidStatus: 'none',
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['usedAt']);
  });
});
