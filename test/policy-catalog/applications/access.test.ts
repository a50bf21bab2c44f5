import { describe, expect, it } from 'vitest';
import { visibleTo } from '#catalog/applications/access.ts';
import { performedBy } from '#catalog/applications/actions.ts';
import { type Application, ApplicationAction, type ApplicationState } from '#catalog/applications/application.ts';
import { calendar2022 } from '#catalog/applications/calendar-2022.ts';
import { transition } from '#catalog/applications/workflow.ts';
import type { Identity } from '#catalog/identity.ts';
import { admin, downstream, firm, hospital, listingApplication, otherFirm, otherHospital, pricingStaff, reviewer, serviceApplication } from './fixtures.ts';

const now = '2022-05-10T10:00:00+08:00';

/** A listing state from which each action is allowed, and an input it accepts. */
const setup: Record<ApplicationAction, [ApplicationState, unknown?]> = {
  edit: ['draft'],
  submit: ['draft'],
  withdraw: ['submitted'],
  'supply-supplement': ['supplement-requested', { materials: [{ key: 'package-insert', status: 'deferred', commitment: '承诺补交', dueDate: '2022-05-20' }] }],
  'supply-material': ['under-review', { materials: ['package-insert'] }],
  'request-reconsideration': ['rejected', { reason: '申请复议' }],
  accept: ['submitted'],
  'request-supplement': ['submitted', { reason: '请补充' }],
  'start-review': ['accepted'],
  'publish-notice': ['under-review'],
  object: ['public-notice', { reason: '收到异议' }],
  approve: ['public-notice'],
  reject: ['under-review', { reason: '不符合条件' }],
};

function listingFor(action: ApplicationAction): Application {
  const application = listingApplication(setup[action][0], { noticeEndsAt: '2022-05-09T00:00:00+08:00', reconsiderationDueAt: '2022-05-20T00:00:00+08:00' });
  if (action !== 'supply-material') return application;
  return {
    ...application,
    materials: application.materials.map((m) =>
      m.key === 'package-insert' ? { key: m.key, status: 'deferred', commitment: '承诺补交', dueDate: '2022-05-20' } : m,
    ),
  };
}

// Hospitals, firms and downstream systems see only what is theirs; the bureau sees all but only reviewers review.
const actors: [string, Identity, (action: ApplicationAction) => string][] = [
  ['the applying firm', firm, (action) => (performedBy[action] === 'applicant' ? 'ok' : 'forbidden')],
  ['another firm', otherFirm, () => 'not-visible'],
  ['a hospital, even with the same organisation id', { ...hospital, orgId: firm.orgId }, () => 'not-visible'],
  ['a reviewer', reviewer, (action) => (performedBy[action] === 'reviewer' ? 'ok' : 'forbidden')],
  ['pricing staff', pricingStaff, () => 'forbidden'],
  ['an admin', admin, () => 'forbidden'],
  ['a downstream system', downstream, () => 'not-visible'],
];

describe('who may act on a listing application: every role × every action × own or other organisation', () => {
  const cases = actors.flatMap(([label, actor, expected]) => ApplicationAction.options.map((action) => [label, action, actor, expected(action)] as const));

  it.each(cases)('%s taking %s gets %s', (_label, action, actor, expected) => {
    const result = transition({ application: listingFor(action), action, actor, now, input: setup[action][1], calendar: calendar2022 });
    expect(result.ok ? 'ok' : result.refusal.code).toBe(expected);
  });

  it('tells another organisation nothing about the application it asked about', () => {
    const result = transition({ application: listingApplication('submitted'), action: 'withdraw', actor: otherFirm, now, calendar: calendar2022 });
    expect(result).toEqual({ ok: false, refusal: { code: 'not-visible', message: 'no such application' } });
  });
});

describe('who may see an application', () => {
  it.each([
    ['the applying hospital', hospital, true],
    ['another hospital', otherHospital, false],
    ['a hospital user without an organisation', { ...hospital, orgId: undefined }, false],
    ['a firm', firm, false],
    ['a reviewer', reviewer, true],
    ['pricing staff, who publish the result', pricingStaff, true],
    ['an admin', admin, true],
    ['a downstream system', downstream, false],
  ] as const)('a service application is visible to %s: %s', (_label, actor, visible) => {
    expect(visibleTo(serviceApplication('submitted'), actor)).toBe(visible);
  });

  it('refuses a hospital acting on another hospital’s service application as if it did not exist', () => {
    const result = transition({ application: serviceApplication('draft'), action: 'submit', actor: otherHospital, now, calendar: calendar2022 });
    expect(result.ok ? 'ok' : result.refusal.code).toBe('not-visible');
  });
});
