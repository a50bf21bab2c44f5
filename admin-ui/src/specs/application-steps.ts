import { applicantRole } from '../../../policy-catalog/applications/access.ts';
import { performedBy, reasonRequired } from '../../../policy-catalog/applications/actions.ts';
import { ApplicationState } from '../../../policy-catalog/applications/application.ts';
import { transitionTables } from '../../../policy-catalog/applications/transitions.ts';
import type { Application, ApplicationAction, ApplicationType, Identity } from '../api/api.ts';

/**
 * The steps the signed-in person may take on an application now, from the same tables the API
 * decides with: the workflow's state × action table and who performs each action. Editing a
 * draft is the form's, and supplying a deferred material the materials table's, so they are
 * left to those.
 */
export function availableSteps(application: Application, identity: Identity | undefined): ApplicationAction[] {
  if (!identity || !mayAct(application, identity)) return [];
  const allowed = Object.keys(transitionTables[application.type][application.state]) as ApplicationAction[];
  return allowed.filter((action) => performerRole(application, action) === identity.role);
}

/** Whether `action` is possible in the application's state for the signed-in person. */
export function canTake(application: Application, identity: Identity | undefined, action: ApplicationAction): boolean {
  return availableSteps(application, identity).includes(action);
}

/** The states an application of the type can be in (service applications have no public notice or reconsideration). */
export function statesOf(type: ApplicationType): ApplicationState[] {
  const table = transitionTables[type];
  const reached = new Set<string>(['draft', ...Object.values(table).flatMap((steps) => Object.values(steps))]);
  return ApplicationState.options.filter((state) => reached.has(state));
}

export function needsReason(action: ApplicationAction): boolean {
  return reasonRequired.has(action);
}

/** The applicant's own organisation, or a reviewer (the API also lets only these act). */
function mayAct(application: Application, identity: Identity): boolean {
  if (identity.role === 'reviewer') return true;
  return identity.role === applicantRole(application.type) && identity.orgId === application.orgId;
}

function performerRole(application: Application, action: ApplicationAction) {
  return performedBy[action] === 'applicant' ? applicantRole(application.type) : 'reviewer';
}
