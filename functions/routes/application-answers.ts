import type { Application } from '#catalog/applications/application.ts';
import type { WorkingCalendar } from '#catalog/applications/calendar.ts';
import { workingDaysLeft } from '#catalog/applications/deadlines.ts';
import { type ReviewOnMaterialsAtHand, reviewOnMaterialsAtHand } from '#catalog/applications/materials.ts';
import type { Refusal } from '#catalog/applications/refusal.ts';
import type { Store } from '#store/store.ts';
import { ProblemError, type ProblemType } from '../http/problem.ts';

/** What the application routes answer besides the application: a refusal as a problem, and the status extras. */
const refusalTypes: Partial<Record<Refusal['code'], ProblemType>> = {
  'not-visible': 'not-found',
  forbidden: 'forbidden',
  'invalid-state': 'invalid-state',
  'invalid-input': 'validation-failed',
  'missing-reason': 'validation-failed',
};

/** A workflow refusal as problem+json: 4xx, naming what refused (the material, the termination…). */
export function refusalProblem(refusal: Refusal, location: 'body' | undefined = 'body'): ProblemError {
  const type = refusalTypes[refusal.code] ?? 'unprocessable';
  const errors =
    refusal.code === 'invalid-input'
      ? refusal.issues.map(({ path, ...coded }) => ({ path: path || '(root)', in: location ?? 'body', ...coded }))
      : refusal.code === 'missing-reason'
        ? [{ path: 'reason', in: 'body' as const, code: 'required' as const, message: refusal.message }]
        : undefined;
  const { message, ...details } = refusal;
  return new ProblemError(type, message, errors, { extensions: { refusal: details } });
}

/** While the bureau owes the next step: the working days it has left (calendar-aware). */
export function daysLeft(application: Application, now: string, calendar: WorkingCalendar | undefined): { workingDaysLeft?: number } {
  const left = calendar && workingDaysLeft(application, now, calendar);
  return left === undefined ? {} : { workingDaysLeft: left };
}

export function atHand(application: Application): { reviewOnMaterialsAtHand?: ReviewOnMaterialsAtHand } {
  const review = reviewOnMaterialsAtHand(application.type, application.materials);
  return review ? { reviewOnMaterialsAtHand: review } : {};
}

/**
 * The answers with their organisations' names from the registry (issue 14 §7), read in one batch
 * for a page; an organisation the registry does not know keeps its code alone (no `orgName`).
 */
export async function withOrgNames<T extends { application: Application }>(store: Store, answers: T[]): Promise<(T & { orgName?: string })[]> {
  const names = await store.organisations.names(answers.map(({ application }) => application.orgId));
  return answers.map((answer) => {
    const orgName = names.get(answer.application.orgId);
    return orgName === undefined ? answer : { ...answer, orgName };
  });
}

export async function withOrgName<T extends { application: Application }>(store: Store, answer: T): Promise<T & { orgName?: string }> {
  const [named] = await withOrgNames(store, [answer]);
  return named ?? answer;
}
