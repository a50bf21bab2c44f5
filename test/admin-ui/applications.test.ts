import { describe, expect, it } from 'vitest';
import { checklists, requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import { en } from '../../admin-ui/src/i18n/en/index.ts';
import { zhCN } from '../../admin-ui/src/i18n/zh-CN/index.ts';
import type { Application, Identity, MaterialDeclaration } from '../../admin-ui/src/api/api.ts';
import { payloadOf } from '../../admin-ui/src/specs/application-spec.ts';
import { applicationSpecOf } from '../../admin-ui/src/specs/application-specs.ts';
import { availableSteps, statesOf } from '../../admin-ui/src/specs/application-steps.ts';
import { changedDeclarations, draftsOf, readDrafts } from '../../admin-ui/src/forms/material-drafts.ts';
import { href, parseRoute } from '../../admin-ui/src/app/router.ts';

const hospital: Identity = { sub: 'h', name: '刘医生', role: 'hospital', orgId: 'hosp-a' };
const otherHospital: Identity = { sub: 'o', name: '孙医生', role: 'hospital', orgId: 'hosp-b' };
const firm: Identity = { sub: 'f', name: '陈经理', role: 'firm', orgId: 'firm-a' };
const reviewer: Identity = { sub: 'r', name: '赵敏', role: 'reviewer' };
const pricingStaff: Identity = { sub: 'p', name: '王芳', role: 'pricing-staff' };

function application(type: 'service' | 'listing', state: Application['state'], orgId: string): Application {
  return {
    type,
    state,
    orgId,
    id: 'a-1',
    materials: [],
    history: [],
    version: 1,
    payload: {},
    createdBy: { sub: 'x', name: 'x' },
    createdAt: '',
    updatedAt: '',
  } as unknown as Application;
}

describe('the console’s application routes', () => {
  it('reads the list, the page and the form of each type from the hash, and builds the same hashes', () => {
    expect(parseRoute('#/applications')).toEqual({ page: 'applications' });
    expect(parseRoute(href.applications('listing'))).toEqual({ page: 'applications', type: 'listing' });
    expect(parseRoute(href.application('service', 'mwt8-ab/c'))).toEqual({ page: 'application', type: 'service', id: 'mwt8-ab/c' });
    expect(parseRoute(href.newApplication('listing'))).toEqual({ page: 'new-application', type: 'listing' });
    expect(parseRoute('#/applications/drugs')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/applications/service/a/b')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/apply')).toEqual({ page: 'not-found' });
  });
});

describe('the steps offered', () => {
  it.each([
    ['the hospital, on its draft', application('service', 'draft', 'hosp-a'), hospital, ['edit', 'submit', 'withdraw']],
    ['another hospital', application('service', 'draft', 'hosp-a'), otherHospital, []],
    ['a firm, on a service application', application('service', 'submitted', 'hosp-a'), firm, []],
    ['the reviewer, on a submitted one', application('service', 'submitted', 'hosp-a'), reviewer, ['accept', 'request-supplement', 'reject']],
    ['the reviewer, on a service under review', application('service', 'under-review', 'hosp-a'), reviewer, ['approve', 'request-supplement', 'reject']],
    ['the reviewer, on a listing under review', application('listing', 'under-review', 'firm-a'), reviewer, ['publish-notice', 'request-supplement', 'reject']],
    ['the hospital, under review', application('service', 'under-review', 'hosp-a'), hospital, ['supply-material', 'withdraw']],
    ['the firm, on its rejected listing', application('listing', 'rejected', 'firm-a'), firm, ['request-reconsideration']],
    ['pricing staff, who only publish the result', application('service', 'under-review', 'hosp-a'), pricingStaff, []],
  ] as const)('offers %s only the steps the workflow gives them', (_label, subject, identity, steps) => {
    expect(availableSteps(subject, identity)).toEqual(steps);
  });

  it('filters service applications by the states they can be in (no public notice, no reconsideration)', () => {
    expect(statesOf('service')).not.toContain('public-notice');
    expect(statesOf('service')).not.toContain('reconsideration');
    expect(statesOf('listing')).toContain('public-notice');
  });
});

describe('the materials checklist', () => {
  const checklist = requiredMaterials('service', true);
  const today = '2026-11-23';

  it('names every material of both checklists in both languages, in Chinese as the checklist does', () => {
    for (const material of [...checklists.service, ...checklists.listing]) {
      const key = `material.${material.key}` as keyof typeof zhCN;
      expect(zhCN[key], material.key).toBe(material.name);
      expect(en[key], material.key).toBeTruthy();
    }
  });

  it('never defers a critical material, lets it be unavailable, and asks a deferral for its commitment and a day not before today (2020 No.2 §2(7))', () => {
    const { declarations, errors } = readDrafts(
      checklist,
      {
        'cost-calculation': { status: 'deferred', commitment: '', dueDate: '', explanation: '', consent: false },
        'technical-specification': { status: 'unavailable', commitment: '', dueDate: '', explanation: '原件毁损', consent: true },
        'device-registration': { status: 'deferred', commitment: ' ', dueDate: '2026-11-22', explanation: '', consent: false },
        'regional-price-reference': { status: 'unavailable', commitment: '', dueDate: '', explanation: '外省尚无同类项目', consent: false },
      },
      today,
    );
    expect(declarations.find((material) => material.key === 'cost-calculation')).toEqual({ key: 'cost-calculation', status: 'provided' });
    expect(declarations.find((material) => material.key === 'technical-specification')).toEqual({
      key: 'technical-specification',
      status: 'unavailable',
      explanation: '原件毁损',
      consentToReviewOnMaterialsAtHand: true,
    });
    expect(declarations).toHaveLength(checklist.length);
    expect(errors).toEqual({
      'device-registration': { commitment: { key: 'field.error.required' }, dueDate: { key: 'material.error.dueInPast', params: { today } } },
      'regional-price-reference': { consent: { key: 'material.error.consent' } },
    });
  });

  it('sends with a supplement only the declarations that changed', () => {
    const current = [
      { key: 'device-registration', status: 'deferred', commitment: '承诺补交', dueDate: '2026-12-01' },
      { key: 'regional-price-reference', status: 'provided', suppliedAt: '2026-11-20T10:00:00+08:00' },
    ] as const;
    const next = [
      { key: 'device-registration', status: 'deferred', commitment: '承诺补交', dueDate: '2026-12-01' },
      { key: 'regional-price-reference', status: 'unavailable', explanation: '无', consentToReviewOnMaterialsAtHand: true },
    ] as const;
    expect(changedDeclarations([...current], [...next])).toEqual([next[1]]);
  });

  it('keeps the files a provided material names, and counts naming other files as a change (issue 14 §2)', () => {
    const file = '7f1c2a10-0000-4000-8000-000000000001';
    const drafts = draftsOf([{ key: 'cost-calculation', status: 'provided', documents: [file] }]);
    expect(drafts['cost-calculation']).toMatchObject({ status: 'provided', documents: [file] });
    const { declarations } = readDrafts(checklist, drafts, today);
    expect(declarations.find((material) => material.key === 'cost-calculation')).toEqual({ key: 'cost-calculation', status: 'provided', documents: [file] });
    const before: MaterialDeclaration[] = [{ key: 'cost-calculation', status: 'provided', documents: [file] }];
    const other = '7f1c2a10-0000-4000-8000-000000000002';
    expect(changedDeclarations(before, [{ key: 'cost-calculation', status: 'provided', documents: [file] }])).toEqual([]);
    expect(changedDeclarations(before, [{ key: 'cost-calculation', status: 'provided', documents: [file, other] }])).toHaveLength(1);
  });
});

describe('the application form’s payload', () => {
  it('sends a service price in fen and drops the green-channel case of a normal application', () => {
    const values = {
      itemCode: '250403100099901',
      itemName: '中和抗体检测',
      unit: '人次',
      category: '检验',
      priceFen: '45.50',
      grade: '3',
      reason: '应对疫情',
      greenChannel: false,
      greenChannelReason: 'major-epidemic',
    };
    expect(payloadOf(applicationSpecOf('service'), values).payload).toEqual({ ...values, priceFen: 4550, greenChannel: false, greenChannelReason: undefined });
  });

  it('keeps a listing out of the green channel and offline purchase unless it is in the 9th-edition plan (2022 No.13 §6)', () => {
    const values = {
      product: '阿兹夫定片',
      productType: 'drug',
      specification: '1mg×35片/瓶',
      manufacturer: '示例制药',
      registrationNumber: '国药准字H20210000',
      listedPriceFen: '270',
      firm: '示例医药',
      inNinthEditionPlan: false,
      greenChannel: true,
      offlinePurchaseAllowed: true,
    };
    expect(payloadOf(applicationSpecOf('listing'), values).payload).toMatchObject({
      listedPriceFen: 27000,
      inNinthEditionPlan: false,
      greenChannel: false,
      offlinePurchaseAllowed: false,
    });
    expect(payloadOf(applicationSpecOf('listing'), { ...values, inNinthEditionPlan: true }).payload).toMatchObject({
      greenChannel: true,
      offlinePurchaseAllowed: true,
    });
    expect(payloadOf(applicationSpecOf('listing'), { ...values, listedPriceFen: '2.705' }).errors).toEqual({ listedPriceFen: { key: 'field.error.yuan' } });
  });
});
