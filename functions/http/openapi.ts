import type { Context } from 'hono';
import * as z from 'zod';
import { can, type Action } from '#catalog/access.ts';
import type { Identity } from '#catalog/identity.ts';
import { Problem, ProblemError, problemTypes, type ProblemType } from './problem.ts';

/** Hono's typing for this app: the verified identity travels in the context. */
export interface AppEnv {
  Variables: { identity: Identity };
}

export function jsonBody<S extends z.ZodType>(schema: S, description?: string) {
  return { content: { 'application/json': { schema } }, required: true, ...(description ? { description } : {}) } as const;
}

export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** The problem responses a route may answer with, for the OpenAPI document. */
export function problems(...types: ProblemType[]) {
  const responses: Record<number, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }> = {};
  for (const type of types) {
    const { status, title } = problemTypes[type];
    const existing = responses[status];
    responses[status] = {
      description: existing ? `${existing.description}; ${title}` : title,
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return responses;
}

/** The one place routes check roles: the access policy table in policy-catalog. */
export function authorize(c: Context<AppEnv>, action: Action): Identity {
  const identity = c.get('identity');
  if (!can(identity.role, action)) {
    throw new ProblemError('forbidden', `the role ${identity.role} may not ${action.replace(':', ' ')}`);
  }
  return identity;
}

export const bearerSecurity = [{ bearerAuth: [] }];

/** A page's link to the next one: every paged answer carries it the same way. */
export const nextCursor = z.string().optional().meta({ description: 'Pass as ?cursor= for the next page; absent on the last page' });
