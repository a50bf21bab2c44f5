import { describe, expect, it } from 'vitest';
import { listScope, visibleTo } from '#catalog/applications/access.ts';
import { ApplicationAction, ApplicationState, DesignationApplicationPayload } from '#catalog/applications/application.ts';
import { calendar2022 } from '#catalog/applications/calendar-2022.ts';
import { DeadlineConfig, defaultDeadlines, designationWorkingDays, overdue, reviewDueAt } from '#catalog/applications/deadlines.ts';
import { draftApplication } from '#catalog/applications/draft.ts';
import { checkMaterials, requiredMaterials } from '#catalog/applications/materials.ts';
import { transition } from '#catalog/applications/workflow.ts';
import type { Identity } from '#catalog/identity.ts';
import {
  admin,
  designationApplication,
  designationPayload,
  downstream,
  firm,
  hospital,
  otherHospital,
  pricingStaff,
  reviewer,
  serviceApplication,
} from './fixtures.ts';

// 2020 No.2 §2(6)2: 开辟集中收治新型冠状病毒感染肺炎患者的医疗机构协议管理、定点确立、资金拨付和结算等“绿色通道”，
// 按照特事特办、急事急办的原则优先处理.
const clause = '2020 No.2 §2(6)2';
const now = '2022-05-10T10:00:00+08:00';

describe(`${clause}: what a designated treatment hospital asks`, () => {
  it('takes the pooling area, grade, COVID-19 beds and any of the four requests, and is always a green channel', () => {
    const { greenChannel: _always, ...input } = designationPayload;
    expect(DesignationApplicationPayload.parse({ ...input, requests: ['settlement'] })).toEqual({ ...input, requests: ['settlement'], greenChannel: true });
  });

  it.each([
    ['no request', { requests: [] }, 'requests'],
    ['a request twice', { requests: ['designation', 'designation'] }, 'requests'],
    ['a request the clause does not name', { requests: ['price-adjustment'] }, 'requests.0'],
    ['no beds for COVID-19 patients', { covidBeds: 0 }, 'covidBeds'],
    ['a fractional bed count', { covidBeds: 10.5 }, 'covidBeds'],
    ['a pooling area that is not a 6-digit code', { poolingArea: '长春' }, 'poolingArea'],
    ['a grade other than 三级/二级/一级', { grade: '4' }, 'grade'],
    ['a normal (non-green) channel', { greenChannel: false }, 'greenChannel'],
  ])('refuses %s', (_label, change, path) => {
    const result = DesignationApplicationPayload.safeParse({ ...designationPayload, ...change });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });

  it.each([
    ['a hospital of its own organisation', hospital, 'ok'],
    ['a firm', firm, 'forbidden'],
    ['a hospital user without an organisation', { ...hospital, orgId: undefined }, 'forbidden'],
    ['a reviewer', reviewer, 'forbidden'],
  ] as const)('is drafted by %s: %s', (_label, actor, outcome) => {
    const result = draftApplication({ id: 'd-1', type: 'designation', payload: designationPayload, actor, now });
    expect(result.ok ? 'ok' : result.refusal.code).toBe(outcome);
    if (result.ok) expect(result.application).toMatchObject({ type: 'designation', orgId: hospital.orgId, state: 'draft' });
  });
});

describe(`${clause}: materials (illustrative checklist; the clause names none)`, () => {
  const critical = ['designation-form', 'practice-license', 'health-authority-designation'];
  const deferrable = ['treatment-capacity', 'settlement-readiness', 'fund-account', 'authorization-letter'];

  it('asks for the same checklist with or without the green-channel flag: the channel is always green', () => {
    expect(requiredMaterials('designation', true).map((m) => m.key)).toEqual([...critical, ...deferrable]);
    expect(requiredMaterials('designation', false)).toEqual(requiredMaterials('designation', true));
  });

  it.each(critical)('refuses to defer the critical material %s on commitment (2020 No.2 §2(7))', (key) => {
    const declarations = requiredMaterials('designation', true).map((m) =>
      m.key === key ? { key, status: 'deferred' as const, commitment: '承诺补交', dueDate: '2022-05-20' } : { key: m.key, status: 'provided' as const },
    );
    expect(checkMaterials('designation', true, declarations, '2022-05-10').map((refusal) => refusal.code)).toEqual(['critical-material-deferred']);
  });

  it.each(deferrable)('accepts the non-critical material %s deferred on commitment', (key) => {
    const declarations = requiredMaterials('designation', true).map((m) =>
      m.key === key ? { key, status: 'deferred' as const, commitment: '承诺补交', dueDate: '2022-05-20' } : { key: m.key, status: 'provided' as const },
    );
    expect(checkMaterials('designation', true, declarations, '2022-05-10')).toEqual([]);
  });
});

describe(`${clause}: deadlines, 特事特办、急事急办 (3 working days, sooner than the other green channels)`, () => {
  it.each([
    ['a Tuesday, received the same day', '2022-05-10T10:00:00+08:00', '2022-05-14T00:00:00+08:00'],
    ['the last minute of a working day', '2022-05-10T23:59:59+08:00', '2022-05-14T00:00:00+08:00'],
    ['a Saturday, received on Monday', '2022-05-14T09:00:00+08:00', '2022-05-20T00:00:00+08:00'],
    ['the day before National Day, across the holiday and its make-up weekend', '2022-09-29T10:00:00+08:00', '2022-10-10T00:00:00+08:00'],
  ])('a submission on %s is due at %s', (_label, submittedAt, due) => {
    const result = transition({ application: designationApplication('draft'), action: 'submit', actor: hospital, now: submittedAt, calendar: calendar2022 });
    expect(result.ok && result.application.dueAt).toBe(due);
  });

  it('is sooner than a green-channel service item submitted at the same instant', () => {
    const service = reviewDueAt(serviceApplication('submitted'), now, calendar2022);
    const designation = reviewDueAt(designationApplication('submitted'), now, calendar2022);
    expect([designation, service]).toEqual(['2022-05-14T00:00:00+08:00', '2022-05-18T00:00:00+08:00']);
  });

  it.each([
    ['the instant before the deadline', '2022-05-13T23:59:59.999+08:00', false],
    ['the deadline itself', '2022-05-14T00:00:00+08:00', true],
  ])('marks the bureau late at %s: %s', (_label, at, late) => {
    expect(overdue(designationApplication('accepted', { dueAt: '2022-05-14T00:00:00+08:00' }), at)).toBe(late);
  });

  it('restarts the 3 days when a supplement is supplied', () => {
    const waiting = designationApplication('supplement-requested', { dueAt: '2022-05-14T00:00:00+08:00' });
    const input = { materials: [{ key: 'fund-account', status: 'deferred', commitment: '承诺补交', dueDate: '2022-05-25' }] };
    const result = transition({
      application: waiting,
      action: 'supply-supplement',
      actor: hospital,
      now: '2022-05-16T08:00:00+08:00',
      input,
      calendar: calendar2022,
    });
    expect(result.ok && result.application.dueAt).toBe('2022-05-20T00:00:00+08:00');
  });

  it.each([
    ['the default', defaultDeadlines, 3],
    ['a measure published before the setting existed (green channel 5)', { ...defaultDeadlines, designationWorkingDays: undefined }, 3],
    [
      'a measure with a faster green channel and no setting of its own',
      { ...defaultDeadlines, greenChannelWorkingDays: 2, designationWorkingDays: undefined },
      2,
    ],
    ['a measure setting 1 day', { ...defaultDeadlines, designationWorkingDays: 1 }, 1],
  ])('takes %s: %i working days', (_label, config, days) => {
    expect(designationWorkingDays(config)).toBe(days);
  });

  it.each([
    ['as fast as the green channel', 5, true],
    ['slower than the green channel', 6, false],
  ])('a deadline measure may set it %s: %s', (_label, days, valid) => {
    expect(DeadlineConfig.safeParse({ ...defaultDeadlines, designationWorkingDays: days }).success).toBe(valid);
  });
});

/** An application in `state`, with one non-critical material deferred so that supply-material can run. */
function inState(state: ApplicationState) {
  const materials = designationApplication().materials.map((m) =>
    m.key === 'fund-account' ? { key: m.key, status: 'deferred' as const, commitment: '承诺补交', dueDate: '2022-05-20' } : m,
  );
  return designationApplication(state, { materials });
}

const inputs: Partial<Record<ApplicationAction, unknown>> = {
  'supply-material': { materials: ['fund-account'] },
  'request-supplement': { reason: '请补充收治能力说明' },
  reject: { reason: '未被确定为集中收治医院' },
  object: { reason: '异议' },
  'request-reconsideration': { reason: '复议' },
};

/** The refusals that say "not you" or "not now", as against the action's own rules. */
const notYours = new Set(['not-visible', 'forbidden', 'invalid-state']);

function mayAct(actor: Identity, state: ApplicationState): ApplicationAction[] {
  return ApplicationAction.options.filter((action) => {
    const result = transition({ application: inState(state), action, actor, now, input: inputs[action], calendar: calendar2022 });
    return result.ok || !notYours.has(result.refusal.code);
  });
}

describe(`${clause}: who may act in each state`, () => {
  const expected: Record<ApplicationState, { hospital: ApplicationAction[]; reviewer: ApplicationAction[] }> = {
    draft: { hospital: ['edit', 'submit', 'withdraw'], reviewer: [] },
    submitted: { hospital: ['withdraw', 'supply-material'], reviewer: ['accept', 'request-supplement', 'reject'] },
    accepted: { hospital: ['withdraw', 'supply-material'], reviewer: ['request-supplement', 'start-review', 'reject'] },
    'supplement-requested': { hospital: ['withdraw', 'supply-supplement'], reviewer: [] },
    'under-review': { hospital: ['withdraw', 'supply-material'], reviewer: ['request-supplement', 'approve', 'reject'] },
    'public-notice': { hospital: [], reviewer: [] },
    approved: { hospital: [], reviewer: [] },
    rejected: { hospital: [], reviewer: [] },
    reconsideration: { hospital: [], reviewer: [] },
    withdrawn: { hospital: [], reviewer: [] },
  };

  it.each(ApplicationState.options)('in %s, the applying hospital and a reviewer take only their own steps', (state) => {
    expect({ hospital: mayAct(hospital, state), reviewer: mayAct(reviewer, state) }).toEqual(expected[state]);
  });

  it.each([
    ['another hospital', otherHospital],
    ['a firm with the same organisation id', { ...firm, orgId: hospital.orgId }],
    ['pricing staff', pricingStaff],
    ['an admin', admin],
    ['a downstream system', downstream],
  ] as const)('lets %s take no step in any state', (_label, actor) => {
    for (const state of ApplicationState.options) expect(mayAct(actor, state)).toEqual([]);
  });
});

describe(`${clause}: a hospital never sees another hospital's application`, () => {
  it.each([
    ['the applying hospital', hospital, true],
    ['another hospital', otherHospital, false],
    ['a hospital user without an organisation', { ...hospital, orgId: undefined }, false],
    ['a firm with the same organisation id', { ...firm, orgId: hospital.orgId }, false],
    ['a reviewer', reviewer, true],
    ['a downstream system', downstream, false],
  ] as const)('visible to %s: %s', (_label, actor, visible) => {
    expect(visibleTo(designationApplication('submitted'), actor)).toBe(visible);
  });

  it.each([
    ['a hospital', hospital, { kind: 'organisation', orgId: hospital.orgId }],
    ['a firm', firm, { kind: 'none' }],
    ['a reviewer', reviewer, { kind: 'bureau' }],
  ] as const)('lists for %s: %o', (_label, actor, scope) => {
    expect(listScope('designation', actor)).toEqual(scope);
  });

  it('answers another hospital as if the application did not exist', () => {
    const result = transition({ application: designationApplication('submitted'), action: 'withdraw', actor: otherHospital, now, calendar: calendar2022 });
    expect(result).toEqual({ ok: false, refusal: { code: 'not-visible', message: 'no such application' } });
  });
});

describe(`${clause}: what approval produces`, () => {
  it('records the decision and makes no catalog change', () => {
    const result = transition({
      application: designationApplication('under-review'),
      action: 'approve',
      actor: reviewer,
      now,
      input: { reason: '同意' },
      calendar: calendar2022,
    });
    expect(result.ok && result.application.decision).toMatchObject({ outcome: 'approved', at: now, reason: '同意' });
    expect(result.ok && 'change' in result).toBe(false);
  });

  it('is final on rejection: no reconsideration window', () => {
    const result = transition({
      application: designationApplication('under-review'),
      action: 'reject',
      actor: reviewer,
      now,
      input: { reason: '不符合' },
      calendar: calendar2022,
    });
    expect(result.ok && result.application).toMatchObject({ state: 'rejected', decision: { outcome: 'rejected' } });
    expect(result.ok && 'reconsiderationDueAt' in result.application).toBe(false);
  });

  it('refuses a hospital whose service agreement was terminated (2020 No.2 §3): the channel is green only', () => {
    const termination = { orgId: hospital.orgId as string, reason: '哄抬物价', terminatedAt: '2022-05-01T00:00:00+08:00' };
    const result = transition({ application: designationApplication('draft'), action: 'submit', actor: hospital, now, calendar: calendar2022, termination });
    expect(result.ok ? 'ok' : result.refusal.code).toBe('agreement-terminated');
  });
});
