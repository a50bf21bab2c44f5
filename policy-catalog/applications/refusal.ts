import type { z } from 'zod';
import { type CodedMessage, codeOfIssue } from '../problem-codes.ts';
import type { ApplicationAction, ApplicationState } from './application.ts';
import type { MaterialRefusal } from './materials.ts';
import type { ExistingEntry } from './existing-entry.ts';
import type { AgreementTermination } from './termination.ts';

/**
 * Why an application step was refused. `not-visible` means the actor may not even know the
 * application exists (the API answers 404); the rest are answered as 4xx with the details.
 */
export type Refusal =
  | { code: 'not-visible'; message: string }
  | { code: 'forbidden'; message: string }
  | { code: 'invalid-state'; state: ApplicationState; action: ApplicationAction; message: string }
  | { code: 'invalid-input'; issues: ({ path: string } & CodedMessage)[]; message: string }
  | { code: 'missing-reason'; message: string }
  | { code: 'agreement-terminated'; termination: AgreementTermination; message: string }
  | { code: 'deferred-material-outstanding'; material: string; name: string; dueDate: string; message: string }
  | { code: 'material-not-deferred'; material: string; message: string }
  | { code: 'notice-window-open'; noticeEndsAt: string; message: string }
  | { code: 'reconsideration-used'; message: string }
  | { code: 'reconsideration-window-closed'; reconsiderationDueAt: string; message: string }
  | { code: 'existing-entry'; entry: ExistingEntry; message: string }
  | MaterialRefusal;

export type RefusalCode = Refusal['code'];

/** A zod error as an `invalid-input` refusal; `prefix` places the issues inside the input. */
export function invalidInput(error: z.ZodError, prefix?: string): Refusal {
  const issues = error.issues.map((issue) => ({
    path: [prefix, ...issue.path]
      .filter((part) => part !== undefined)
      .map(String)
      .join('.'),
    ...codeOfIssue(issue),
    message: issue.message,
  }));
  return { code: 'invalid-input', issues, message: issues.map((issue) => `${issue.path || '(input)'}: ${issue.message}`).join('; ') };
}
