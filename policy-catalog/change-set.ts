import * as z from 'zod';
import { type Identity, Person } from './identity.ts';
import { Acknowledgement } from './acknowledgement.ts';
import type { Change } from './change.ts';
import { EntryKind } from './kinds.ts';
import { Instant } from './time.ts';

export const ChangeSetState = z.enum(['draft', 'submitted', 'approved', 'rejected', 'published']).meta({ id: 'ChangeSetState' });
export type ChangeSetState = z.infer<typeof ChangeSetState>;

export const ChangeSet = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    state: ChangeSetState,
    author: Person,
    createdAt: Instant,
    updatedAt: Instant,
    changeCount: z.number().int().min(0),
    submittedAt: Instant.optional(),
    approvedBy: Person.optional(),
    approvedAt: Instant.optional(),
    rejectedBy: Person.optional(),
    rejectedAt: Instant.optional(),
    rejectReason: z.string().optional(),
    publishedBy: Person.optional(),
    releaseNumber: z.number().int().min(1).optional(),
    source: z
      .strictObject({
        applicationType: z.enum(['service', 'listing']),
        applicationId: z.string(),
        entry: z
          .strictObject({ kind: EntryKind, code: z.string() })
          .optional()
          .meta({ description: 'The one catalog entry the application asked for; the change set may change nothing else' }),
      })
      .optional()
      .meta({ description: 'The green-channel application whose approval made this change set' }),
    revertOf: z.number().int().min(1).optional().meta({ description: 'The release this change set undoes (made by POST /v1/releases/{n}/revert)' }),
    acknowledgements: z.array(Acknowledgement).optional().meta({ description: 'The impact warnings acknowledged at approval and publication' }),
    version: z.number().int().min(1).meta({ description: 'Optimistic-concurrency version; the ETag is "v<version>"' }),
  })
  .meta({ id: 'ChangeSet' });
export type ChangeSet = z.infer<typeof ChangeSet>;

export type ChangeSetAction = 'edit' | 'submit' | 'approve' | 'reject' | 'publish';

/**
 * The change-set workflow in one table: state × action → next state. Editing a rejected change
 * set reopens it as a draft. Publishing is done by the store (it needs a release number); this
 * table only says when it is allowed.
 */
const transitions: Record<ChangeSetState, Partial<Record<ChangeSetAction, ChangeSetState>>> = {
  draft: { edit: 'draft', submit: 'submitted' },
  rejected: { edit: 'draft' },
  submitted: { approve: 'approved', reject: 'rejected' },
  approved: { publish: 'published' },
  published: {},
};

export type Refusal =
  | { code: 'invalid-state'; message: string; params: { action: ChangeSetAction; state: ChangeSetState } }
  | { code: 'not-author'; message: string; params: { action: ChangeSetAction; author: string } }
  | { code: 'own-change-set'; message: string }
  | { code: 'empty'; message: string };

export type Transition = { ok: true; changeSet: ChangeSet } | { ok: false; refusal: Refusal };

export interface TransitionInput {
  changeSet: ChangeSet;
  action: ChangeSetAction;
  actor: Identity;
  now: string;
  reason?: string;
}

/** Decide a change-set transition. Role checks are the access policy's; this checks the workflow. */
export function transition({ changeSet, action, actor, now, reason }: TransitionInput): Transition {
  const next = transitions[changeSet.state][action];
  if (next === undefined) {
    return refuse('invalid-state', `cannot ${action} a change set that is ${changeSet.state}`, { action, state: changeSet.state });
  }
  const isAuthor = changeSet.author.sub === actor.sub;
  if ((action === 'edit' || action === 'submit') && !isAuthor) {
    return refuse('not-author', `only the author (${changeSet.author.name}) may ${action} this change set`, { action, author: changeSet.author.name });
  }
  // Four eyes: whoever approves or rejects must not be the author.
  if ((action === 'approve' || action === 'reject') && isAuthor) {
    return refuse('own-change-set', 'the author of a change set may not approve or reject it; a second person must');
  }
  if (action === 'submit' && changeSet.changeCount === 0) {
    return refuse('empty', 'a change set needs at least one change before it is submitted');
  }
  const person = { sub: actor.sub, name: actor.name };
  const base = { ...changeSet, state: next, updatedAt: now, version: changeSet.version + 1 };
  switch (action) {
    case 'edit':
      return ok(stripDecision(base));
    case 'submit':
      return ok({ ...base, submittedAt: now });
    case 'approve':
      return ok({ ...base, approvedBy: person, approvedAt: now });
    case 'reject':
      return ok({ ...base, rejectedBy: person, rejectedAt: now, ...(reason === undefined ? {} : { rejectReason: reason }) });
    case 'publish':
      return ok({ ...base, publishedBy: person });
  }
}

function stripDecision(changeSet: ChangeSet): ChangeSet {
  const { rejectedBy: _by, rejectedAt: _at, rejectReason: _reason, submittedAt: _submitted, ...rest } = changeSet;
  return rest;
}

function ok(changeSet: ChangeSet): Transition {
  return { ok: true, changeSet };
}

function refuse(code: Refusal['code'], message: string, params?: Record<string, string>): Transition {
  return { ok: false, refusal: { code, message, ...(params ? { params } : {}) } as Refusal };
}

/** An edit of a change set's content, as far as its scope goes. */
export type ContentEdit = { op: 'add'; changes: readonly Change[] } | { op: 'remove' } | { op: 'import' } | { op: 'discard' };

/**
 * A change set made by an application's approval holds exactly what the application asked for:
 * nobody may slip other rows into it under the application's title. The generated change may be
 * corrected (a `set` or `end` on the application's own entry), but nothing else may be added,
 * imported or removed, and the draft may not be discarded (the application points at it).
 * Returns why an edit is refused, or undefined when it is in scope.
 */
export function scopeRefusal(changeSet: ChangeSet, edit: ContentEdit): string | undefined {
  const source = changeSet.source;
  if (!source) return undefined;
  const made = `change set ${changeSet.id} was made by the approval of ${source.applicationType} application ${source.applicationId}`;
  switch (edit.op) {
    case 'import':
      return `${made}: nothing may be imported into it`;
    case 'remove':
      return `${made}: its changes may be corrected, not removed`;
    case 'discard':
      return `${made}: it cannot be discarded; reject it instead`;
    case 'add': {
      const entry = source.entry;
      const outside = edit.changes.find((change) => !entry || change.kind !== entry.kind || change.code !== entry.code);
      if (!outside) return undefined;
      return `${made}: it may change only ${entry ? `${entry.kind} ${entry.code}` : 'the entry the application asked for'}, not ${outside.kind} ${outside.code}`;
    }
  }
}
