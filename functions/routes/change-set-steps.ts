import type { Context } from 'hono';
import * as z from 'zod';
import { type ChangeSet, type ChangeSetAction, type ContentEdit, scopeRefusal, transition } from '#catalog/change-set.ts';
import type { Identity } from '#catalog/identity.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { checkIfMatch, etag, IfMatchHeader } from '../http/etag.ts';
import type { AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

/** What the change-set routes share: their path parameter, the If-Match header, and taking a workflow step. */
export const tags = ['Change sets'];
export const IdParam = z.strictObject({ id: z.string().min(1).max(100) });
export const IfMatch = IfMatchHeader;

export async function load(store: Store, id: string): Promise<ChangeSet> {
  const changeSet = await store.changeSets.get(id);
  if (!changeSet) throw new ProblemError('not-found', `no change set ${id}`);
  return changeSet;
}

/** A change set made by an application may change only that application's entry (see `scopeRefusal`). */
export function inScope(changeSet: ChangeSet, edit: ContentEdit): void {
  const refusal = scopeRefusal(changeSet, edit);
  if (refusal) throw new ProblemError('out-of-scope', refusal);
}

/** The workflow's transition, its refusal as problem+json. */
export function decide(changeSet: ChangeSet, action: ChangeSetAction, actor: Identity, now: Date, reason?: string): ChangeSet {
  const result = transition({ changeSet, action, actor, now: toChinaIso(now.getTime()), ...(reason === undefined ? {} : { reason }) });
  if (result.ok) return result.changeSet;
  const { code, message } = result.refusal;
  const type = code === 'own-change-set' ? 'four-eyes' : code === 'empty' ? 'unprocessable' : code;
  // Stable, so that the console says it in its own words (problemDetail.change-set.*).
  const params = 'params' in result.refusal ? result.refusal.params : undefined;
  throw new ProblemError(type, message, undefined, { extensions: { code: `change-set.${code}`, ...(params ? { params } : {}) } });
}

/**
 * Take a plain step (submit, reject): load, check If-Match, decide, run the step's own `check`
 * (which throws to refuse), save under the version read.
 */
export async function move(
  c: Context<AppEnv>,
  { store, clock }: { store: Store; clock: Clock },
  action: ChangeSetAction,
  actor: Identity,
  options: { reason?: string; check?: (changeSet: ChangeSet) => Promise<void> } = {},
): Promise<ChangeSet> {
  const current = await load(store, c.req.param('id') as string);
  checkIfMatch(c, current);
  const now = clock.now();
  const next = decide(current, action, actor, now, options.reason);
  await options.check?.(current);
  await store.changeSets.save(next, current.version, now.getTime());
  c.header('ETag', etag(next));
  return next;
}
