import { describe, expect, it } from 'vitest';
import {
  checklistIssues,
  checkMaterials,
  checklists,
  MAX_DECLARATIONS,
  MaterialDeclaration,
  REVIEW_ON_MATERIALS_AT_HAND,
  requiredMaterials,
  reviewOnMaterialsAtHand,
} from '#catalog/applications/materials.ts';
import { applicationsZhCN } from '../../../admin-ui/src/i18n/zh-CN/applications.ts';
import { allProvided } from './fixtures.ts';

const today = '2022-05-10';
const deferred = (key: string): MaterialDeclaration => ({ key, status: 'deferred', commitment: '承诺5个工作日内补交', dueDate: '2022-05-17' });

describe('the materials checklists', () => {
  it.each([
    ['service', ['application-form', 'cost-calculation', 'technical-specification']],
    ['listing', ['registration-certificate', 'production-license', 'business-license']],
  ] as const)('marks the %s application’s core documents critical', (type, critical) => {
    expect(
      requiredMaterials(type, false)
        .filter((m) => m.critical)
        .map((m) => m.key),
    ).toEqual(critical);
  });

  it('asks green-channel applications for the evidence of their case', () => {
    expect(requiredMaterials('service', true).map((m) => m.key)).toContain('green-channel-statement');
    expect(requiredMaterials('service', false).map((m) => m.key)).not.toContain('green-channel-statement');
    expect(requiredMaterials('listing', true).find((m) => m.key === 'ninth-edition-plan-evidence')).toMatchObject({ critical: true });
  });

  it('has unique keys and names in every checklist', () => {
    for (const list of Object.values(checklists)) {
      expect(new Set(list.map((m) => m.key)).size).toBe(list.length);
      expect(new Set(list.map((m) => m.name)).size).toBe(list.length);
    }
  });
});

describe('checking declared materials (2020 No.2 §2(7))', () => {
  it('passes when everything is provided', () => {
    expect(checkMaterials('listing', true, allProvided('listing', true), today)).toEqual([]);
  });

  it.each(requiredMaterials('listing', true).map((m) => [m.key, m.name, m.critical] as const))(
    'deferring %s (%s, critical: %s) is refused exactly when it is critical',
    (key, name, critical) => {
      const declarations = allProvided('listing', true).map((m) => (m.key === key ? deferred(key) : m));
      const refusals = checkMaterials('listing', true, declarations, today);
      expect(refusals).toEqual(critical ? [expect.objectContaining({ code: 'critical-material-deferred', material: key, name, declared: 'deferred' })] : []);
    },
  );

  it('reports every problem at once, for the form to show', () => {
    const declarations: MaterialDeclaration[] = [
      { key: 'application-form', status: 'deferred', commitment: '承诺补交', dueDate: '2022-06-01' },
      { key: 'cost-calculation', status: 'provided' },
      { key: 'cost-calculation', status: 'provided' },
      { key: 'tax-records', status: 'provided' },
    ];
    expect(checkMaterials('service', false, declarations, today).map((r) => [r.code, r.material])).toEqual([
      ['critical-material-deferred', 'application-form'],
      ['duplicate-material', 'cost-calculation'],
      ['unknown-material', 'tax-records'],
      ['missing-material', 'technical-specification'],
      ['missing-material', 'ethics-or-access-approval'],
      ['missing-material', 'device-registration'],
      ['missing-material', 'regional-price-reference'],
    ]);
  });

  it.each([
    ['a deferral without a written commitment', { key: 'package-insert', status: 'deferred', commitment: ' ', dueDate: '2022-05-17' }],
    ['a deferral without a due date', { key: 'package-insert', status: 'deferred', commitment: '承诺补交' }],
    ['an unavailable material without the consent to review on the materials at hand', { key: 'package-insert', status: 'unavailable', explanation: '停产' }],
    ['an unavailable material without an explanation', { key: 'package-insert', status: 'unavailable', consentToReviewOnMaterialsAtHand: true }],
    ['a status it does not know', { key: 'package-insert', status: 'lost' }],
  ])('refuses %s as a declaration', (_label, declaration) => {
    expect(MaterialDeclaration.safeParse(declaration).success).toBe(false);
  });
});

describe('the declarations an application may hold at all (bounds, before any submission)', () => {
  it('names each declaration off its checklist or repeated, by index', () => {
    const declarations = [{ key: 'application-form' }, { key: 'tax-records' }, { key: 'application-form' }, { key: 'registration-certificate' }];
    expect(checklistIssues('service', declarations).map((issue) => issue.path)).toEqual([
      [1, 'key'],
      [2, 'key'],
      [3, 'key'],
    ]);
  });

  it.each(['service', 'listing'] as const)('takes every key of the %s checklist once, green-channel ones included', (type) => {
    expect(checklistIssues(type, checklists[type])).toEqual([]);
  });

  it('holds at most one declaration per key of the longest checklist', () => {
    expect(MAX_DECLARATIONS).toBe(Math.max(checklists.service.length, checklists.listing.length));
  });

  it.each([
    ['commitment', { key: 'package-insert', status: 'deferred', dueDate: '2022-05-17' }],
    ['explanation', { key: 'package-insert', status: 'unavailable', consentToReviewOnMaterialsAtHand: true }],
  ] as const)('bounds a written %s at 500 characters', (field, declaration) => {
    expect(MaterialDeclaration.safeParse({ ...declaration, [field]: '字'.repeat(500) }).success).toBe(true);
    const tooLong = MaterialDeclaration.safeParse({ ...declaration, [field]: '字'.repeat(501) });
    expect(tooLong.success ? [] : tooLong.error.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });
});

describe('the two modes of 容缺 (2020 No.2 §2(7))', () => {
  const withDeclaration = (key: string, declaration: MaterialDeclaration): MaterialDeclaration[] =>
    requiredMaterials('service', true).map((m) => (m.key === key ? declaration : { key: m.key, status: 'provided' }));

  it.each(requiredMaterials('service', true).map((m) => [m.key, m.critical] as const))(
    '2020 No.2 §2(7): %s (critical: %s) may be declared unavailable with consent to review on the materials at hand',
    (key) => {
      const declaration: MaterialDeclaration = { key, status: 'unavailable', explanation: '因客观原因无法提供', consentToReviewOnMaterialsAtHand: true };
      expect(checkMaterials('service', true, withDeclaration(key, declaration), today)).toEqual([]);
    },
  );

  it('2020 No.2 §2(7): tells the applicant what accepting a review on the materials at hand means, naming the materials', () => {
    const declarations = withDeclaration('cost-calculation', {
      key: 'cost-calculation',
      status: 'unavailable',
      explanation: '成本核算系统受疫情影响停用',
      consentToReviewOnMaterialsAtHand: true,
    });
    expect(reviewOnMaterialsAtHand('service', declarations)).toEqual({
      materials: [{ key: 'cost-calculation', name: '项目成本测算表' }],
      meaning: REVIEW_ON_MATERIALS_AT_HAND,
    });
    expect(REVIEW_ON_MATERIALS_AT_HAND).toContain('审核只依据您已提交的材料进行');
    expect(reviewOnMaterialsAtHand('service', allProvided('service', true))).toBeUndefined();
  });

  it('says the same in the console as in the API', () => {
    expect(applicationsZhCN['material.consentMeaning']).toBe(REVIEW_ON_MATERIALS_AT_HAND);
  });
});
