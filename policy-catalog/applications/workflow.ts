import type { Change } from '../change.ts';
import { clauses } from '../clauses.ts';
import { type Identity, personOf } from '../identity.ts';
import { normalizeInstant, toEpochMs } from '../time.ts';
import { accessRefusal } from './access.ts';
import { type ActionInput, actionInputs, reasonRequired } from './actions.ts';
import { type Application, type ApplicationAction, applicationPayloads, type HistoryEvent } from './application.ts';
import { approvalChange } from './approval.ts';
import { addWorkingDays, chinaDateOf, startOfNextDay, type WorkingCalendar } from './calendar.ts';
import { type DeadlineConfig, defaultDeadlines, reviewDueAt } from './deadlines.ts';
import { type ChecklistIssue, checklistIssues, checkMaterials, type MaterialDeclaration, materialSpec, requiredMaterials } from './materials.ts';
import { type ExistingEntry, existingEntryRefusal } from './existing-entry.ts';
import type { DocumentFact } from './documents.ts';
import { suppliedWithFiles, unansweredSupplement, unknownDocument } from './material-files.ts';
import { invalidInput, type Refusal } from './refusal.ts';
import { type AgreementTermination, isInForce } from './termination.ts';
import { nextState } from './transitions.ts';

export interface TransitionRequest {
  application: Application;
  action: ApplicationAction;
  actor: Identity;
  now: string;
  /** The action's body, checked against `actionInputs[action]`. */
  input?: unknown;
  /** The working-day calendar in force (a catalog measure). */
  calendar: WorkingCalendar;
  deadlines?: DeadlineConfig;
  /** The applicant's terminated service agreement, if the catalog holds one (2020 No.2 §3). */
  termination?: AgreementTermination;
  /** The catalog entry this application would duplicate, if the visible catalog holds one (2022 No.13 §3). */
  existingEntry?: ExistingEntry;
  /** The application's stored files (documents.ts), for the steps that change materials. */
  documents?: readonly DocumentFact[];
}

export type TransitionResult = { ok: true; application: Application; event: HistoryEvent; change?: Change } | { ok: false; refusal: Refusal };

/**
 * Take one step of an application's workflow. The checks run in this order: may the actor see
 * it, may the actor's role take the action, does the table allow it from this state, is the
 * input well formed, then the action's own rules. A successful step bumps the version and
 * appends a history event; an approval also returns the catalog change to draft.
 */
export function transition(request: TransitionRequest): TransitionResult {
  const { application, action, actor } = request;
  const denied = accessRefusal(application, action, actor);
  if (denied) return { ok: false, refusal: denied };
  const to = nextState(application.type, application.state, action);
  if (to === undefined) {
    return refuse({
      code: 'invalid-state',
      state: application.state,
      action,
      message: `cannot ${action} a ${application.type} application that is ${application.state}`,
    });
  }
  const parsed = actionInputs[action].safeParse(request.input ?? {});
  if (!parsed.success) return refuse(invalidInput(parsed.error));
  const reason = parsed.data.reason || undefined;
  if (reasonRequired.has(action) && reason === undefined) return refuse({ code: 'missing-reason', message: `${action} needs a reason` });

  const now = normalizeInstant(request.now);
  const step = effect({ ...request, now, reason, deadlines: request.deadlines ?? defaultDeadlines }, parsed.data);
  if ('refusal' in step) return refuse(step.refusal);
  const event: HistoryEvent = {
    at: now,
    actor: { sub: actor.sub, name: actor.name, role: actor.role },
    from: application.state,
    to,
    action,
    ...(reason === undefined ? {} : { reason }),
    ...materialsOf(action, parsed.data),
  };
  const next = { ...step.application, state: to, updatedAt: now, version: application.version + 1, history: [...application.history, event] } as Application;
  return { ok: true, application: next, event, ...(step.change === undefined ? {} : { change: step.change }) };
}

interface Context extends TransitionRequest {
  now: string;
  reason: string | undefined;
  deadlines: DeadlineConfig;
}

type Step = { application: Application; change?: Change } | { refusal: Refusal };

function effect(context: Context, input: unknown): Step {
  const { application, actor, now, reason, calendar, deadlines } = context;
  switch (context.action) {
    case 'edit':
      return edit(application, input as ActionInput<'edit'>, context.documents ?? []);
    case 'submit':
      return submit(context);
    case 'withdraw':
      return { application: { ...application, decision: decision('withdrawn', actor, now, reason) } };
    case 'supply-supplement':
      return supplySupplement(context, input as ActionInput<'supply-supplement'>);
    case 'supply-material':
      return supplyMaterial(application, now, input as ActionInput<'supply-material'>, context.documents ?? []);
    case 'request-reconsideration':
      return requestReconsideration(context);
    case 'accept':
      return { application };
    case 'start-review':
      // From reconsideration this overturns the rejection: the application is reviewed again.
      return { application: without(application, 'decision') };
    case 'request-supplement':
      return requestSupplement(context, input as ActionInput<'request-supplement'>);
    case 'publish-notice': {
      const outstanding = outstandingDeferral(application);
      if (outstanding) return { refusal: outstanding };
      return { application: { ...application, noticeEndsAt: addWorkingDays(now, deadlines.publicNoticeWorkingDays, calendar) } as Application };
    }
    case 'object':
      // An objection during the public notice sends the listing back to review, on a new clock.
      return { application: { ...without(application, 'noticeEndsAt'), dueAt: reviewDueAt(application, now, calendar, deadlines) } };
    case 'approve':
      return approve(context, input as ActionInput<'approve'>);
    case 'reject':
      return reject(context);
  }
}

function edit(application: Application, input: ActionInput<'edit'>, documents: readonly DocumentFact[]): Step {
  let payload: unknown = application.payload;
  if (input.payload !== undefined) {
    const parsed = applicationPayloads[application.type].safeParse(input.payload);
    if (!parsed.success) return { refusal: invalidInput(parsed.error, 'payload') };
    payload = parsed.data;
  }
  if (input.materials !== undefined) {
    const issues = checklistIssues(application.type, input.materials);
    if (issues.length > 0) return { refusal: checklistRefusal(issues) };
    const unknown = unknownDocument(input.materials, documents);
    if (unknown) return { refusal: unknown };
  }
  return { application: { ...application, payload, ...(input.materials === undefined ? {} : { materials: input.materials }) } as Application };
}

function checklistRefusal(issues: ChecklistIssue[]): Refusal {
  const located = issues.map(({ path, ...coded }) => ({ path: ['materials', ...path].join('.'), ...coded }));
  return { code: 'invalid-input', issues: located, message: located.map((issue) => `${issue.path}: ${issue.message}`).join('; ') };
}

function submit(context: Context): Step {
  const { application, now, calendar, deadlines } = context;
  const barred = terminated(context);
  if (barred) return { refusal: barred };
  const duplicate = existingEntryRefusal(application, context.existingEntry);
  if (duplicate) return { refusal: duplicate };
  // 2020 No.2 §2(7): critical materials are provided; others may be deferred or unavailable.
  const [problem] = checkMaterials(application.type, application.payload.greenChannel, application.materials, chinaDateOf(now));
  if (problem) return { refusal: problem };
  return { application: { ...application, submittedAt: now, dueAt: reviewDueAt(application, now, calendar, deadlines) } };
}

function supplySupplement(context: Context, input: ActionInput<'supply-supplement'>): Step {
  const { application, now, calendar, deadlines } = context;
  const updates = input.materials ?? [];
  const documents = context.documents ?? [];
  const unanswered = unknownDocument(updates, documents) ?? unansweredSupplement(application, updates, documents);
  if (unanswered) return { refusal: unanswered };
  const materials = mergeDeclarations(application.materials, updates);
  // An earlier deferral that has fallen due is the scheduled job's to flag, not a reason to refuse the supplement.
  const [problem] = checkMaterials(application.type, application.payload.greenChannel, materials, chinaDateOf(now)).filter(
    (refusal) => refusal.code !== 'deferral-due-in-past' || updates.some((update) => update.key === refusal.material),
  );
  if (problem) return { refusal: problem };
  return { application: { ...without(application, 'supplementRequest'), materials, dueAt: reviewDueAt(application, now, calendar, deadlines) } };
}

function supplyMaterial(application: Application, now: string, input: ActionInput<'supply-material'>, documents: readonly DocumentFact[]): Step {
  const supplied = new Set(input.materials);
  for (const key of supplied) {
    const declared = application.materials.find((material) => material.key === key);
    if (declared === undefined || declared.status === 'provided') {
      return {
        refusal: { code: 'material-not-deferred', material: key, message: `material ${key} is not outstanding: it is ${declared?.status ?? 'not declared'}` },
      };
    }
  }
  const materials = application.materials.map(
    (material): MaterialDeclaration => (supplied.has(material.key) ? suppliedWithFiles(material.key, now, documents) : material),
  );
  return { application: { ...application, materials } };
}

function requestSupplement(context: Context, input: ActionInput<'request-supplement'>): Step {
  const { application, actor, now, reason } = context;
  const checklist = requiredMaterials(application.type, application.payload.greenChannel);
  const unknown = input.materials?.find((key) => !checklist.some((material) => material.key === key));
  if (unknown !== undefined)
    return { refusal: { code: 'unknown-material', material: unknown, message: `material ${unknown} is not on the checklist of this application` } };
  const supplementRequest = {
    reason: reason ?? '',
    requestedAt: now,
    requestedBy: personOf(actor),
    ...(input.materials === undefined ? {} : { materials: input.materials }),
  };
  return { application: { ...application, supplementRequest } };
}

function requestReconsideration(context: Context): Step {
  const { now, calendar, deadlines } = context;
  const application = context.application;
  if (application.type !== 'listing') throw new Error('only listings are reconsidered');
  if (application.reconsidered) return { refusal: { code: 'reconsideration-used', message: 'a rejected listing is reconsidered once; this one has been' } };
  if (application.reconsiderationDueAt !== undefined && toEpochMs(now) >= toEpochMs(application.reconsiderationDueAt)) {
    return {
      refusal: {
        code: 'reconsideration-window-closed',
        reconsiderationDueAt: application.reconsiderationDueAt,
        message: `reconsideration had to be requested before ${application.reconsiderationDueAt}`,
      },
    };
  }
  return { application: { ...without(application, 'reconsiderationDueAt'), reconsidered: true, dueAt: reviewDueAt(application, now, calendar, deadlines) } };
}

function approve(context: Context, input: ActionInput<'approve'>): Step {
  const { application, actor, now, reason } = context;
  const outstanding = outstandingDeferral(application);
  if (outstanding) return { refusal: outstanding };
  const duplicate = existingEntryRefusal(application, context.existingEntry);
  if (duplicate) return { refusal: duplicate };
  if (application.type === 'listing' && application.noticeEndsAt !== undefined && toEpochMs(now) < toEpochMs(application.noticeEndsAt)) {
    return {
      refusal: { code: 'notice-window-open', noticeEndsAt: application.noticeEndsAt, message: `the public notice runs until ${application.noticeEndsAt}` },
    };
  }
  const validFrom = input.validFrom === undefined ? startOfNextDay(now) : normalizeInstant(input.validFrom);
  const change = approvalChange(application, validFrom);
  return { application: { ...application, decision: decision('approved', actor, now, reason) }, ...(change === undefined ? {} : { change }) };
}

function reject(context: Context): Step {
  const { application, actor, now, reason, calendar, deadlines } = context;
  const rejected = { ...application, decision: decision('rejected', actor, now, reason) };
  if (application.type !== 'listing') return { application: rejected };
  // A listing may be reconsidered once, within the window; a rejection upheld on reconsideration is final.
  if (application.reconsidered) return { application: without(rejected, 'reconsiderationDueAt') };
  return { application: { ...rejected, reconsiderationDueAt: addWorkingDays(now, deadlines.reconsiderationWindowWorkingDays, calendar) } as Application };
}

/**
 * 2020 No.2 §3 ends a designated institution's service agreement; it does not bar every
 * application. The product's decision (README, agreement termination): from the termination on,
 * the institution may not submit in the green channel, which fast-tracks items for the fund's
 * patients; it may still apply on the normal path, since a price item is a price it charges with or
 * without the fund. Listings are firms' applications, and firms hold no service agreement. A
 * designated treatment hospital's application (2020 No.2 §2(6)2) is a green channel only, and asks
 * for the agreement that was terminated: refused too, with no normal path in this system.
 */
function terminated({ application, termination, now }: Context): Refusal | undefined {
  if (application.type === 'listing' || !application.payload.greenChannel) return undefined;
  if (termination === undefined || !isInForce(termination, application.orgId, now)) return undefined;
  const rest =
    application.type === 'service'
      ? 'it may not take the green channel, and may apply on the normal path'
      : 'it may not take the designated treatment hospitals’ green channel';
  return {
    code: 'agreement-terminated',
    termination,
    message: `${clauses.agreementTermination}: the service agreement of ${application.orgId} was terminated on ${termination.terminatedAt} (${termination.reason}); ${rest}`,
  };
}

/** A deferred material (容缺后补) must arrive before a decision; an unavailable one does not hold it up (认同审核). */
function outstandingDeferral(application: Application): Refusal | undefined {
  const deferred = application.materials.find((material) => material.status === 'deferred');
  if (deferred === undefined || deferred.status !== 'deferred') return undefined;
  const name = materialSpec(application.type, deferred.key)?.name ?? deferred.key;
  return {
    code: 'deferred-material-outstanding',
    material: deferred.key,
    name,
    dueDate: deferred.dueDate,
    message: `${clauses.acceptWithMissingMaterials}: ${name} was deferred on commitment (due ${deferred.dueDate}) and has not been supplied yet`,
  };
}

function mergeDeclarations(current: readonly MaterialDeclaration[], updates: readonly MaterialDeclaration[]): MaterialDeclaration[] {
  const merged = current.map((material) => updates.find((update) => update.key === material.key) ?? material);
  return [...merged, ...updates.filter((update) => !current.some((material) => material.key === update.key))];
}

function decision(
  outcome: 'approved' | 'rejected' | 'withdrawn',
  actor: Identity,
  now: string,
  reason: string | undefined,
): NonNullable<Application['decision']> {
  return { outcome, by: personOf(actor), at: now, ...(reason === undefined ? {} : { reason }) };
}

function without<T extends object>(object: T, key: string): T {
  const { [key]: _dropped, ...rest } = object as Record<string, unknown>;
  return rest as T;
}

function refuse(refusal: Refusal): TransitionResult {
  return { ok: false, refusal };
}

/** The materials a step is about, so that the history says which were supplied or asked for. */
function materialsOf(action: ApplicationAction, input: unknown): { materials?: string[] } {
  const materials = (input as { materials?: (string | { key: string })[] }).materials;
  if (materials === undefined || materials.length === 0) return {};
  if (action !== 'supply-material' && action !== 'supply-supplement' && action !== 'request-supplement') return {};
  return { materials: materials.map((material) => (typeof material === 'string' ? material : material.key)) };
}
