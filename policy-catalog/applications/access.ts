import type { Identity, Role } from '../identity.ts';
import { performedBy } from './actions.ts';
import type { Application, ApplicationAction } from './application.ts';
import type { ApplicationType } from './materials.ts';
import type { Refusal } from './refusal.ts';

/** Hospitals apply for service items and to be designated treatment hospitals, firms for listings. */
export function applicantRole(type: ApplicationType): Role {
  return type === 'listing' ? 'firm' : 'hospital';
}

/**
 * Whether the actor may know the application exists. The bureau (reviewers, pricing staff who
 * publish the results, admins) sees all; an applicant sees only its own organisation's, of its
 * own kind; downstream systems see none (they read the published catalog).
 */
export function visibleTo(application: Application, actor: Identity): boolean {
  if (actor.role === 'reviewer' || actor.role === 'pricing-staff' || actor.role === 'admin') return true;
  return actor.role === applicantRole(application.type) && actor.orgId !== undefined && actor.orgId === application.orgId;
}

/**
 * Which applications of a type the actor's lists hold, as `visibleTo` decides one by one: the
 * bureau's inbox, one organisation's own, or none.
 */
export function listScope(type: ApplicationType, actor: Identity): { kind: 'bureau' } | { kind: 'organisation'; orgId: string } | { kind: 'none' } {
  if (actor.role === 'reviewer' || actor.role === 'pricing-staff' || actor.role === 'admin') return { kind: 'bureau' };
  if (actor.role === applicantRole(type) && actor.orgId !== undefined) return { kind: 'organisation', orgId: actor.orgId };
  return { kind: 'none' };
}

/** Whether the actor may take this action on this application at all, whatever its state. */
export function accessRefusal(application: Application, action: ApplicationAction, actor: Identity): Refusal | undefined {
  if (!visibleTo(application, actor)) return { code: 'not-visible', message: 'no such application' };
  const allowed = performedBy[action] === 'applicant' ? applicantRole(application.type) : 'reviewer';
  if (actor.role !== allowed) return { code: 'forbidden', message: `only a ${allowed} may ${action} this application` };
  return undefined;
}
