import type { Refusal } from '#catalog/applications/refusal.ts';
import { ProblemError, type ProblemType } from '../http/problem.ts';

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
