import type { CodedMessage } from '../problem-codes.ts';
import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { ChinaDate, Instant } from '../time.ts';
import { applicationLimits } from './limits.ts';

/**
 * A hospital's new service price item application, a firm's procurement listing application, or a
 * hospital's application to be designated a COVID-19 treatment hospital (2020 No.2 §2(6)2).
 */
export const ApplicationType = z.enum(['service', 'listing', 'designation']).meta({ id: 'ApplicationType' });
export type ApplicationType = z.infer<typeof ApplicationType>;

export interface MaterialSpec {
  key: string;
  name: string;
  /** 关键性材料: can never be deferred or declared unavailable (2020 No.2 §2(7)). */
  critical: boolean;
  /** Required only of a green-channel application. */
  greenChannelOnly?: boolean;
}

/** The materials each type of application requires, keyed by stable English keys. */
export const checklists: Record<ApplicationType, readonly MaterialSpec[]> = {
  service: [
    { key: 'application-form', name: '新增医疗服务价格项目申报表', critical: true },
    { key: 'cost-calculation', name: '项目成本测算表', critical: true },
    { key: 'technical-specification', name: '技术规范及临床应用说明', critical: true },
    { key: 'green-channel-statement', name: '绿色通道申请理由说明', critical: true, greenChannelOnly: true },
    { key: 'ethics-or-access-approval', name: '医学伦理审查意见或医疗技术准入批件', critical: false },
    { key: 'device-registration', name: '所用设备、耗材、试剂注册证复印件', critical: false },
    { key: 'regional-price-reference', name: '外省（区、市）同类项目价格参考', critical: false },
  ],
  listing: [
    { key: 'registration-certificate', name: '药品注册证书或医疗器械注册证', critical: true },
    { key: 'production-license', name: '药品生产许可证或医疗器械生产许可证', critical: true },
    { key: 'business-license', name: '企业营业执照', critical: true },
    { key: 'ninth-edition-plan-evidence', name: '纳入《新型冠状病毒肺炎诊疗方案（试行第九版）》的证明材料', critical: true, greenChannelOnly: true },
    { key: 'price-commitment', name: '价格承诺函及全国最低挂网价格证明', critical: false },
    { key: 'package-insert', name: '产品说明书', critical: false },
    { key: 'authorization-letter', name: '法定代表人授权委托书', critical: false },
  ],
  // 2020 No.2 §2(6)2 opens the channel (协议管理、定点确立、资金拨付和结算) but lists no materials: this
  // checklist is illustrative, the bureau's reading. Critical are the documents without which the
  // bureau cannot know who it designates or that the health authority assigned it COVID-19 patients
  // (集中收治); the rest may follow on commitment (容缺后补, §2(7)).
  designation: [
    { key: 'designation-form', name: '新冠肺炎定点救治医院医保协议管理申请表', critical: true },
    { key: 'practice-license', name: '医疗机构执业许可证', critical: true },
    { key: 'health-authority-designation', name: '卫生健康部门确定为新冠肺炎集中收治（定点救治）医院的文件', critical: true },
    { key: 'treatment-capacity', name: '收治床位及救治能力说明', critical: false },
    { key: 'settlement-readiness', name: '医保信息系统接入及直接结算条件说明', critical: false },
    { key: 'fund-account', name: '医保基金拨付收款账户信息', critical: false },
    { key: 'authorization-letter', name: '法定代表人授权委托书', critical: false },
  ],
};

export function requiredMaterials(type: ApplicationType, greenChannel: boolean): MaterialSpec[] {
  return checklists[type].filter((material) => greenChannel || !material.greenChannelOnly);
}

export function materialSpec(type: ApplicationType, key: string): MaterialSpec | undefined {
  return checklists[type].find((material) => material.key === key);
}

export const MaterialKey = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case key')
  .max(60)
  .meta({ id: 'MaterialKey' });

/**
 * What accepting a review on the materials at hand (认同审核) means for the applicant, in the words
 * the API and the console show them. 2020 No.2 §2(7): 「在个人作出书面情况说明并承诺认同依据现有材料审核结果，
 * 可先行受理」.
 */
export const REVIEW_ON_MATERIALS_AT_HAND =
  '您已书面说明该材料因客观原因无法提供，并承诺认同依据现有材料作出的审核结果。申请将先行受理，审核只依据您已提交的材料进行，不再等待该材料，也不要求补交；现有材料不足以证明的事项，可能导致申请不予通过。您认同该审核结果，不以缺少该材料为由提出异议。';

/** A stored file of an application (documents.ts), as a provided material's declaration names it. */
export const DocumentId = z.uuid().meta({ id: 'DocumentId' });

/**
 * What the applicant declares about one material (2020 No.2 §2(7)): provided (with the files
 * that carry it, uploaded to the application); deferred on a
 * written commitment to supply it by a date (容缺后补); or unavailable for objective reasons,
 * explained in writing, with consent to a review on the materials at hand (容缺受理、认同审核).
 */
export const MaterialDeclaration = z
  .discriminatedUnion('status', [
    z.strictObject({
      key: MaterialKey,
      status: z.literal('provided'),
      suppliedAt: Instant.optional().meta({ description: 'When a deferred material was supplied later' }),
      documents: z
        .array(DocumentId)
        .min(1)
        .max(applicationLimits.documentsPerMaterial)
        .optional()
        .meta({ description: 'The stored files of this application that carry the material (POST …/{id}/documents, then confirm)' }),
    }),
    z.strictObject({
      key: MaterialKey,
      status: z.literal('deferred'),
      commitment: z.string().trim().min(1).max(applicationLimits.materialTextLength).meta({ description: 'The written commitment (书面承诺)' }),
      dueDate: ChinaDate.meta({ description: 'Supplied by the end of this day, China time' }),
    }),
    z.strictObject({
      key: MaterialKey,
      status: z.literal('unavailable'),
      explanation: z
        .string()
        .trim()
        .min(1)
        .max(applicationLimits.materialTextLength)
        .meta({ description: 'The written statement of the objective reason (书面情况说明)' }),
      consentToReviewOnMaterialsAtHand: z.literal(true).meta({
        description: `Agrees to the result of a review on the materials at hand (认同审核). What it means, as the applicant is told: ${REVIEW_ON_MATERIALS_AT_HAND}`,
      }),
    }),
  ])
  .meta({ id: 'MaterialDeclaration' });
export type MaterialDeclaration = z.infer<typeof MaterialDeclaration>;

export const ReviewOnMaterialsAtHand = z
  .object({
    materials: z.array(z.object({ key: MaterialKey, name: z.string() })).meta({ description: 'The materials declared unavailable' }),
    meaning: z.string().meta({ description: 'What the applicant accepted, in Chinese', example: REVIEW_ON_MATERIALS_AT_HAND }),
  })
  .meta({ id: 'ReviewOnMaterialsAtHand', description: '容缺受理、认同审核 (2020 No.2 §2(7)): the application is reviewed on what was provided' });
export type ReviewOnMaterialsAtHand = z.infer<typeof ReviewOnMaterialsAtHand>;

/** The materials declared unavailable, with what accepting the review means; undefined when there are none. */
export function reviewOnMaterialsAtHand(type: ApplicationType, declarations: readonly MaterialDeclaration[]): ReviewOnMaterialsAtHand | undefined {
  const unavailable = declarations.filter((declaration) => declaration.status === 'unavailable');
  if (unavailable.length === 0) return undefined;
  return {
    materials: unavailable.map((declaration) => ({ key: declaration.key, name: materialSpec(type, declaration.key)?.name ?? declaration.key })),
    meaning: REVIEW_ON_MATERIALS_AT_HAND,
  };
}

/** The most declarations any application holds: one per key of the longest checklist. */
export const MAX_DECLARATIONS = Math.max(...Object.values(checklists).map((list) => list.length));

export type ChecklistIssue = { path: (string | number)[] } & CodedMessage;

/**
 * Declarations an application of this type may hold at all, whatever its state: keys from its
 * checklist only, each at most once. Each issue names the offending declaration's key, so the
 * form can point at it; the checklist's stricter checks (required, critical) wait for submission.
 */
export function checklistIssues(type: ApplicationType, declarations: readonly { key: string }[]): ChecklistIssue[] {
  const issues: ChecklistIssue[] = [];
  const seen = new Set<string>();
  declarations.forEach((declaration, index) => {
    if (materialSpec(type, declaration.key) === undefined) {
      issues.push({
        path: [index, 'key'],
        code: 'not_on_checklist',
        params: { material: declaration.key },
        message: `material ${declaration.key} is not on the checklist of a ${type} application`,
      });
    } else if (seen.has(declaration.key)) {
      issues.push({
        path: [index, 'key'],
        code: 'declared_twice',
        params: { material: declaration.key },
        message: `material ${declaration.key} is declared more than once`,
      });
    }
    seen.add(declaration.key);
  });
  return issues;
}

export type MaterialRefusal =
  | { code: 'critical-material-deferred'; material: string; name: string; declared: 'deferred'; message: string }
  | { code: 'missing-material'; material: string; name: string; message: string }
  | { code: 'unknown-material'; material: string; message: string }
  | { code: 'duplicate-material'; material: string; message: string }
  | { code: 'deferral-due-in-past'; material: string; dueDate: string; message: string }
  | { code: 'unknown-document'; material: string; document: string; message: string }
  | { code: 'supplement-not-answered'; material?: string; name?: string; message: string };

/**
 * Check declarations against the checklist: every required material declared once, nothing
 * off the list, and no critical material deferred (2020 No.2 §2(7): 容缺后补 is for non-critical
 * materials; 容缺受理、认同审核 is not limited so). A deferral must be due no earlier than `today`
 * (the China date of submission). Empty when all is well.
 */
export function checkMaterials(type: ApplicationType, greenChannel: boolean, declarations: readonly MaterialDeclaration[], today: string): MaterialRefusal[] {
  const refusals: MaterialRefusal[] = [];
  const required = requiredMaterials(type, greenChannel);
  const seen = new Set<string>();
  for (const declaration of declarations) {
    const spec = required.find((material) => material.key === declaration.key);
    if (seen.has(declaration.key)) {
      refusals.push({ code: 'duplicate-material', material: declaration.key, message: `material ${declaration.key} is declared more than once` });
    } else if (spec === undefined) {
      refusals.push({
        code: 'unknown-material',
        material: declaration.key,
        message: `material ${declaration.key} is not on the checklist of this application`,
      });
    } else if (spec.critical && declaration.status === 'deferred') {
      refusals.push({
        code: 'critical-material-deferred',
        material: spec.key,
        name: spec.name,
        declared: declaration.status,
        message: `${clauses.acceptWithMissingMaterials}: ${spec.name} (${spec.key}) is a critical material: it cannot be deferred on commitment; provide it, or declare it unavailable and accept a review on the materials at hand`,
      });
    } else if (declaration.status === 'deferred' && declaration.dueDate < today) {
      refusals.push({
        code: 'deferral-due-in-past',
        material: declaration.key,
        dueDate: declaration.dueDate,
        message: `${spec.name} is promised for ${declaration.dueDate}, which is before ${today}`,
      });
    }
    seen.add(declaration.key);
  }
  for (const spec of required) {
    if (!seen.has(spec.key))
      refusals.push({
        code: 'missing-material',
        material: spec.key,
        name: spec.name,
        message: `${spec.name} (${spec.key}) must be declared: provided, deferred or unavailable`,
      });
  }
  return refusals;
}
