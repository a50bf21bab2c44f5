import { requiredMaterials, type MaterialSpec } from '../../../policy-catalog/applications/materials.ts';
import type { ApplicationType, MaterialDeclaration } from '../api/api.ts';
import type { FieldError } from './fields.ts';

export type MaterialStatus = MaterialDeclaration['status'];
export const materialStatuses: readonly MaterialStatus[] = ['provided', 'deferred', 'unavailable'];

/** One material as it is edited: every status's inputs kept, so switching back and forth loses nothing. */
export interface MaterialDraft {
  status: MaterialStatus;
  /** Provided: the stored files it names (issue 14 §2). */
  documents?: string[];
  /** 容缺后补: the written commitment and the China date it is promised for. */
  commitment: string;
  dueDate: string;
  /** 容缺受理、认同审核: the written statement of the objective reason, and the consent. */
  explanation: string;
  consent: boolean;
}

export type MaterialDrafts = Record<string, MaterialDraft>;
export type MaterialInput = 'status' | 'commitment' | 'dueDate' | 'explanation' | 'consent';
/** Errors by material key, then by input. */
export type MaterialErrors = Record<string, Partial<Record<MaterialInput, FieldError>>>;

const blank: MaterialDraft = { status: 'provided', commitment: '', dueDate: '', explanation: '', consent: false };

/** The checklist of the type, for the green channel or not (2020 No.2 §2(7) keeps critical ones from being deferred, not from being declared unavailable). */
export function checklistOf(type: ApplicationType, greenChannel: boolean): MaterialSpec[] {
  return requiredMaterials(type, greenChannel);
}

/** Drafts for declarations already made; a material not declared yet starts as provided. */
export function draftsOf(declarations: readonly MaterialDeclaration[]): MaterialDrafts {
  return Object.fromEntries(
    declarations.map((declaration): [string, MaterialDraft] => {
      switch (declaration.status) {
        case 'provided':
          return [declaration.key, { ...blank, documents: [...(declaration.documents ?? [])] }];
        case 'deferred':
          return [declaration.key, { ...blank, status: 'deferred', commitment: declaration.commitment, dueDate: declaration.dueDate }];
        case 'unavailable':
          return [declaration.key, { ...blank, status: 'unavailable', explanation: declaration.explanation, consent: true }];
        default:
          return declaration satisfies never;
      }
    }),
  );
}

export function draftOf(drafts: MaterialDrafts, key: string): MaterialDraft {
  return drafts[key] ?? blank;
}

/**
 * The checklist's declarations, or what is missing: a commitment and a day not before `today`
 * for a deferral, an explanation and the consent for an unavailable material. A critical
 * material is never deferred (2020 No.2 §2(7)): the form offers provided or unavailable only.
 */
export function readDrafts(
  checklist: readonly MaterialSpec[],
  drafts: MaterialDrafts,
  today: string,
): { declarations: MaterialDeclaration[]; errors: MaterialErrors } {
  const declarations: MaterialDeclaration[] = [];
  const errors: MaterialErrors = {};
  for (const material of checklist) {
    const draft = draftOf(drafts, material.key);
    const status = material.critical && draft.status === 'deferred' ? 'provided' : draft.status;
    const problems: Partial<Record<MaterialInput, FieldError>> = {};
    if (status === 'provided') {
      declarations.push({ key: material.key, status, ...(draft.documents?.length ? { documents: [...draft.documents] } : {}) });
    } else if (status === 'deferred') {
      if (!draft.commitment.trim()) problems.commitment = { key: 'field.error.required' };
      if (!draft.dueDate) problems.dueDate = { key: 'field.error.required' };
      else if (draft.dueDate < today) problems.dueDate = { key: 'material.error.dueInPast', params: { today } };
      declarations.push({ key: material.key, status, commitment: draft.commitment.trim(), dueDate: draft.dueDate });
    } else {
      if (!draft.explanation.trim()) problems.explanation = { key: 'field.error.required' };
      if (!draft.consent) problems.consent = { key: 'material.error.consent' };
      declarations.push({ key: material.key, status, explanation: draft.explanation.trim(), consentToReviewOnMaterialsAtHand: true });
    }
    if (Object.keys(problems).length > 0) errors[material.key] = problems;
  }
  return { declarations, errors };
}

/** The declarations that differ from the current ones (a supplement sends only what it changes). */
export function changedDeclarations(current: readonly MaterialDeclaration[], next: readonly MaterialDeclaration[]): MaterialDeclaration[] {
  return next.filter((declaration) => {
    const before = current.find((material) => material.key === declaration.key);
    return before === undefined || !sameDeclaration(before, declaration);
  });
}

function sameDeclaration(a: MaterialDeclaration, b: MaterialDeclaration): boolean {
  if (a.status === 'deferred' && b.status === 'deferred') return a.commitment === b.commitment && a.dueDate === b.dueDate;
  if (a.status === 'unavailable' && b.status === 'unavailable') return a.explanation === b.explanation;
  if (a.status === 'provided' && b.status === 'provided') return (a.documents ?? []).join() === (b.documents ?? []).join();
  return a.status === b.status;
}
