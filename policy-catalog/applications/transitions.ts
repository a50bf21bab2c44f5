import type { ApplicationAction, ApplicationState } from './application.ts';
import type { ApplicationType } from './materials.ts';

export type TransitionTable = Record<ApplicationState, Partial<Record<ApplicationAction, ApplicationState>>>;

/**
 * Both workflows in one screen: state × action → next state; anything not listed is refused as
 * `invalid-state`. Applicant actions: edit, submit, withdraw, supply-supplement, supply-material,
 * request-reconsideration; the rest are a reviewer's (see actions.ts).
 *
 * - A supplement request stops the application; supplying it puts it back in the queue as
 *   submitted, to be accepted again, and restarts the clock (like 补正).
 * - Deferred materials (容缺后补, 2020 No.2 §2(7)) may be supplied at any point before a decision.
 * - Listings (2022 No.13 §6 and provincial listing practice) go through a public notice (公示)
 *   before approval; an objection sends them back to review. A rejected listing may be
 *   reconsidered (复议) once: the reviewer either reviews it again or upholds the rejection.
 * - Designated treatment hospitals (2020 No.2 §2(6)2) take the service workflow: the clause asks
 *   for speed (特事特办、急事急办), so no public notice and no reconsideration step are added.
 */
const serviceTable: TransitionTable = {
  draft: { edit: 'draft', submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { accept: 'accepted', 'request-supplement': 'supplement-requested', reject: 'rejected', 'supply-material': 'submitted', withdraw: 'withdrawn' },
  accepted: {
    'start-review': 'under-review',
    'request-supplement': 'supplement-requested',
    reject: 'rejected',
    'supply-material': 'accepted',
    withdraw: 'withdrawn',
  },
  'supplement-requested': { 'supply-supplement': 'submitted', withdraw: 'withdrawn' },
  'under-review': {
    approve: 'approved',
    'request-supplement': 'supplement-requested',
    reject: 'rejected',
    'supply-material': 'under-review',
    withdraw: 'withdrawn',
  },
  'public-notice': {},
  approved: {},
  rejected: {},
  reconsideration: {},
  withdrawn: {},
};

export const transitionTables: Record<ApplicationType, TransitionTable> = {
  service: serviceTable,
  designation: serviceTable,
  listing: {
    draft: { edit: 'draft', submit: 'submitted', withdraw: 'withdrawn' },
    submitted: { accept: 'accepted', 'request-supplement': 'supplement-requested', reject: 'rejected', 'supply-material': 'submitted', withdraw: 'withdrawn' },
    accepted: {
      'start-review': 'under-review',
      'request-supplement': 'supplement-requested',
      reject: 'rejected',
      'supply-material': 'accepted',
      withdraw: 'withdrawn',
    },
    'supplement-requested': { 'supply-supplement': 'submitted', withdraw: 'withdrawn' },
    'under-review': {
      'publish-notice': 'public-notice',
      'request-supplement': 'supplement-requested',
      reject: 'rejected',
      'supply-material': 'under-review',
      withdraw: 'withdrawn',
    },
    'public-notice': { approve: 'approved', object: 'under-review', withdraw: 'withdrawn' },
    approved: {},
    rejected: { 'request-reconsideration': 'reconsideration' },
    reconsideration: { 'start-review': 'under-review', reject: 'rejected' },
    withdrawn: {},
  },
};

export function nextState(type: ApplicationType, state: ApplicationState, action: ApplicationAction): ApplicationState | undefined {
  return transitionTables[type][state][action];
}
