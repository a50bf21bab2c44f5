import { describe, expect, it } from 'vitest';
import { performedBy } from '#catalog/applications/actions.ts';
import { type Application, ApplicationAction, ApplicationState } from '#catalog/applications/application.ts';
import { calendar2022 } from '#catalog/applications/calendar-2022.ts';
import type { MaterialDeclaration } from '#catalog/applications/materials.ts';
import { transition } from '#catalog/applications/workflow.ts';
import { designationApplication, firm, hospital, listingApplication, reviewer, serviceApplication } from './fixtures.ts';

const now = '2022-05-10T10:00:00+08:00';

type Expected = Partial<Record<ApplicationState, Partial<Record<ApplicationAction, ApplicationState>>>>;

// The workflows as the issue describes them, written out independently of the source table.
const service: Expected = {
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
};

// Listings: a public notice (公示) before approval, one reconsideration (复议) after a rejection.
const listing: Expected = {
  ...service,
  'under-review': {
    'publish-notice': 'public-notice',
    'request-supplement': 'supplement-requested',
    reject: 'rejected',
    'supply-material': 'under-review',
    withdraw: 'withdrawn',
  },
  'public-notice': { approve: 'approved', object: 'under-review', withdraw: 'withdrawn' },
  rejected: { 'request-reconsideration': 'reconsideration' },
  reconsideration: { 'start-review': 'under-review', reject: 'rejected' },
};

/** Inputs and application details that satisfy every action's own rules, so only the table decides. */
const inputs: Partial<Record<ApplicationAction, unknown>> = {
  'request-supplement': { reason: '请补充成本测算明细' },
  reject: { reason: '不符合条件' },
  object: { reason: '收到价格异议' },
  'request-reconsideration': { reason: '申请复议' },
};

// supply-material needs a deferred (non-critical) material, and supply-supplement an answer (here a written
// 容缺后补 for that material); every other action runs with all materials provided.
const deferrable = { service: 'regional-price-reference', listing: 'package-insert', designation: 'treatment-capacity' } as const;

function subject(type: Application['type'], state: ApplicationState, action: ApplicationAction): Application {
  const defer = (material: MaterialDeclaration): MaterialDeclaration =>
    action === 'supply-material' && material.key === deferrable[type]
      ? { key: material.key, status: 'deferred', commitment: '承诺于5月20日前补交', dueDate: '2022-05-20' }
      : material;
  if (type === 'service') return serviceApplication(state, { materials: serviceApplication().materials.map(defer) });
  if (type === 'designation') return designationApplication(state, { materials: designationApplication().materials.map(defer) });
  return listingApplication(state, {
    materials: listingApplication().materials.map(defer),
    noticeEndsAt: '2022-05-09T00:00:00+08:00',
    reconsiderationDueAt: '2022-05-20T00:00:00+08:00',
  });
}

describe.each([
  ['service', service, hospital],
  ['listing', listing, firm],
  // 2020 No.2 §2(6)2 asks for speed (特事特办、急事急办): the service workflow, no public notice, no reconsideration.
  ['designation', service, hospital],
] as const)('the %s application workflow, every state × every action', (type, expected, applicant) => {
  const cases = ApplicationState.options.flatMap((state) =>
    ApplicationAction.options.map((action) => [state, action, expected[state]?.[action] ?? 'invalid-state'] as const),
  );

  it.each(cases)('from %s, %s gives %s', (state, action, outcome) => {
    const actor = performedBy[action] === 'applicant' ? applicant : reviewer;
    const answer = { key: deferrable[type], status: 'deferred', commitment: '承诺于5月20日前补交', dueDate: '2022-05-20' };
    const input = action === 'supply-material' ? { materials: [deferrable[type]] } : action === 'supply-supplement' ? { materials: [answer] } : inputs[action];
    const result = transition({ application: subject(type, state, action), action, actor, now, input, calendar: calendar2022 });
    expect(result.ok ? result.application.state : result.refusal.code).toBe(outcome);
  });
});

describe('the ends of the workflow', () => {
  it.each(['approved', 'withdrawn'] as const)('allows nothing once an application is %s', (state) => {
    for (const action of ApplicationAction.options) {
      const actor = performedBy[action] === 'applicant' ? firm : reviewer;
      const result = transition({ application: listingApplication(state), action, actor, now, input: inputs[action], calendar: calendar2022 });
      expect(result.ok ? result.application.state : result.refusal.code).toBe('invalid-state');
    }
  });
});
