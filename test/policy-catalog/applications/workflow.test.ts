import { describe, expect, it } from 'vitest';
import type { Application, ApplicationAction } from '#catalog/applications/application.ts';
import { calendar2022 } from '#catalog/applications/calendar-2022.ts';
import type { MaterialDeclaration } from '#catalog/applications/materials.ts';
import type { AgreementTermination } from '#catalog/applications/termination.ts';
import { transition, type TransitionRequest, type TransitionResult } from '#catalog/applications/workflow.ts';
import type { Identity } from '#catalog/identity.ts';
import { allProvided, firm, hospital, listingApplication, listingPayload, reviewer, serviceApplication, servicePayload } from './fixtures.ts';

const step = (application: Application, action: ApplicationAction, actor: Identity, now: string, extra: Partial<TransitionRequest> = {}) =>
  transition({ application, action, actor, now, calendar: calendar2022, ...extra });

const outcome = (result: TransitionResult) => (result.ok ? result.application.state : result.refusal.code);

function chain(application: Application, steps: [ApplicationAction, Identity, string, unknown?][]): Application {
  return steps.reduce((current, [action, actor, now, input]) => {
    const result = step(current, action, actor, now, { input });
    if (!result.ok) throw new Error(`${action}: ${result.refusal.message}`);
    return result.application;
  }, application);
}

const deferred = (key: string, dueDate = '2022-05-20'): MaterialDeclaration => ({ key, status: 'deferred', commitment: '我院承诺按期补交该材料', dueDate });
const unavailable = (key: string): MaterialDeclaration => ({
  key,
  status: 'unavailable',
  explanation: '因疫情封控无法取得',
  consentToReviewOnMaterialsAtHand: true,
});
const withMaterial = (application: Application, declaration: MaterialDeclaration) =>
  ({
    ...application,
    materials: application.materials.map((material) => (material.key === declaration.key ? declaration : material)),
  }) as Application;

describe('deadlines on submission, in working days', () => {
  const normal = serviceApplication('draft', {
    payload: { ...servicePayload, greenChannel: false, greenChannelReason: undefined },
    materials: serviceApplication().materials.filter((m) => m.key !== 'green-channel-statement'),
  });
  const green = serviceApplication('draft');

  it.each([
    // Submitted the Friday before the Spring Festival (Jan 31–Feb 6 off; Jan 29 and 30 worked).
    ['2022-01-28T10:00:00+08:00', '2022-02-10T00:00:00+08:00', '2022-03-03T00:00:00+08:00'],
    // Submitted the Friday before Labour Day (Apr 30–May 4 off; Apr 24 and May 7 worked).
    ['2022-04-29T09:00:00+08:00', '2022-05-11T00:00:00+08:00', '2022-06-01T00:00:00+08:00'],
    // Submitted on a Labour Day holiday: received Thursday May 5; Saturday May 7 is worked.
    ['2022-05-01T10:00:00+08:00', '2022-05-12T00:00:00+08:00', '2022-06-02T00:00:00+08:00'],
  ])('submitted at %s, a green-channel application is due at %s and a normal one at %s (2022 No.13 §3)', (now, greenDue, normalDue) => {
    expect(step(green, 'submit', hospital, now)).toMatchObject({ ok: true, application: { submittedAt: now, dueAt: greenDue } });
    expect(step(normal, 'submit', hospital, now)).toMatchObject({ ok: true, application: { dueAt: normalDue } });
  });

  it('makes a green-channel listing due before a normal one submitted at the same time (2022 No.13 §6)', () => {
    const now = '2022-04-29T09:00:00+08:00';
    const plain = listingApplication('draft', {
      payload: { ...listingPayload, inNinthEditionPlan: false, greenChannel: false, offlinePurchaseAllowed: false },
      materials: listingApplication().materials.filter((m) => m.key !== 'ninth-edition-plan-evidence'),
    });
    const greenDue = step(listingApplication('draft'), 'submit', firm, now);
    const normalDue = step(plain, 'submit', firm, now);
    expect(greenDue.ok && normalDue.ok && greenDue.application.dueAt! < normalDue.application.dueAt!).toBe(true);
  });

  it('takes the working-day counts from the configuration', () => {
    const deadlines = { normalWorkingDays: 10, greenChannelWorkingDays: 1, publicNoticeWorkingDays: 5, reconsiderationWindowWorkingDays: 10 };
    expect(step(green, 'submit', hospital, '2022-04-29T09:00:00+08:00', { deadlines })).toMatchObject({ application: { dueAt: '2022-05-06T00:00:00+08:00' } });
  });

  it('restarts the clock when a requested supplement is supplied', () => {
    const waiting = chain(green, [
      ['submit', hospital, '2022-04-29T09:00:00+08:00'],
      ['request-supplement', reviewer, '2022-05-05T09:00:00+08:00', { reason: '成本测算表缺少设备折旧', materials: ['cost-calculation'] }],
    ]);
    expect(waiting.supplementRequest).toMatchObject({
      reason: '成本测算表缺少设备折旧',
      materials: ['cost-calculation'],
      requestedBy: { name: reviewer.name },
    });
    // The cost calculation asked for comes as a file stored after the request (issue 14 §2).
    const file = { id: '5d0c1a52-6b1e-4f0e-9a55-0d2f3b9a7c11', materialKey: 'cost-calculation', storedAt: '2022-05-09T14:58:00+08:00' };
    const supplied = step(waiting, 'supply-supplement', hospital, '2022-05-09T15:00:00+08:00', {
      input: { reason: '已补充', materials: [{ key: 'cost-calculation', status: 'provided', documents: [file.id] }] },
      documents: [file],
    });
    expect(supplied).toMatchObject({ ok: true, application: { state: 'submitted', dueAt: '2022-05-17T00:00:00+08:00' } });
    expect(supplied.ok && supplied.application).not.toHaveProperty('supplementRequest');
  });
});

describe('materials on submission (2020 No.2 §2(7))', () => {
  const now = '2022-05-10T10:00:00+08:00';

  it('2020 No.2 §2(7): refuses a submission with a critical material deferred on commitment (容缺后补 is for non-critical ones), naming it', () => {
    const result = step(withMaterial(serviceApplication(), deferred('cost-calculation')), 'submit', hospital, now);
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'critical-material-deferred', material: 'cost-calculation', name: '项目成本测算表', declared: 'deferred' },
    });
    expect(!result.ok && result.refusal.message).toMatch(/2020 No\.2 §2\(7\).*项目成本测算表/);
  });

  it('2020 No.2 §2(7): accepts a critical material declared unavailable with consent to review on the materials at hand (容缺受理、认同审核)', () => {
    expect(outcome(step(withMaterial(serviceApplication(), unavailable('cost-calculation')), 'submit', hospital, now))).toBe('submitted');
  });

  it('accepts a non-critical material deferred on a written commitment (容缺后补)', () => {
    expect(outcome(step(withMaterial(serviceApplication(), deferred('regional-price-reference')), 'submit', hospital, now))).toBe('submitted');
  });

  it('accepts a non-critical material declared unavailable with consent to review on the materials at hand (容缺受理、认同审核)', () => {
    expect(outcome(step(withMaterial(listingApplication(), unavailable('authorization-letter')), 'submit', firm, now))).toBe('submitted');
  });

  it('refuses a deferral promised for a day already past', () => {
    expect(step(withMaterial(serviceApplication(), deferred('regional-price-reference', '2022-05-09')), 'submit', hospital, now)).toMatchObject({
      refusal: { code: 'deferral-due-in-past', material: 'regional-price-reference', dueDate: '2022-05-09' },
    });
  });

  it('refuses a submission that leaves a checklist material undeclared', () => {
    const application = serviceApplication('draft', { materials: serviceApplication().materials.filter((m) => m.key !== 'application-form') });
    expect(step(application, 'submit', hospital, now)).toMatchObject({ refusal: { code: 'missing-material', material: 'application-form' } });
  });

  it('refuses a supplement that would defer a critical material', () => {
    const waiting = serviceApplication('supplement-requested');
    expect(step(waiting, 'supply-supplement', hospital, now, { input: { materials: [deferred('technical-specification')] } })).toMatchObject({
      refusal: { code: 'critical-material-deferred', material: 'technical-specification' },
    });
  });

  it('takes a supplement even when an earlier deferral has fallen due, but not a new deferral into the past', () => {
    const waiting = withMaterial(serviceApplication('supplement-requested'), deferred('regional-price-reference', '2022-05-06'));
    expect(outcome(step(waiting, 'supply-supplement', hospital, now, { input: { materials: [unavailable('device-registration')] } }))).toBe('submitted');
    expect(step(waiting, 'supply-supplement', hospital, now, { input: { materials: [deferred('device-registration', '2022-05-09')] } })).toMatchObject({
      refusal: { code: 'deferral-due-in-past', material: 'device-registration' },
    });
  });

  it('holds the decision until a deferred material is supplied, then records when it came', () => {
    const underReview = withMaterial(serviceApplication('under-review'), deferred('regional-price-reference'));
    expect(step(underReview, 'approve', reviewer, now)).toMatchObject({
      refusal: { code: 'deferred-material-outstanding', material: 'regional-price-reference', dueDate: '2022-05-20' },
    });
    const supplied = step(underReview, 'supply-material', hospital, now, { input: { materials: ['regional-price-reference'] } });
    expect(supplied.ok && supplied.application.materials.find((m) => m.key === 'regional-price-reference')).toEqual({
      key: 'regional-price-reference',
      status: 'provided',
      suppliedAt: now,
    });
    expect(supplied.ok && outcome(step(supplied.application, 'approve', reviewer, now))).toBe('approved');
  });

  it('does not hold the decision for a material declared unavailable: it is reviewed on the materials at hand', () => {
    expect(outcome(step(withMaterial(serviceApplication('under-review'), unavailable('regional-price-reference')), 'approve', reviewer, now))).toBe('approved');
  });

  it('refuses to supply a material that was already provided', () => {
    expect(step(serviceApplication('under-review'), 'supply-material', hospital, now, { input: { materials: ['application-form'] } })).toMatchObject({
      refusal: { code: 'material-not-deferred', material: 'application-form' },
    });
  });

  it('refuses a supplement request for a material not on the checklist', () => {
    expect(step(serviceApplication('submitted'), 'request-supplement', reviewer, now, { input: { reason: '补充', materials: ['tax-records'] } })).toMatchObject(
      {
        refusal: { code: 'unknown-material', material: 'tax-records' },
      },
    );
  });
});

describe('terminated service agreements (2020 No.2 §3)', () => {
  const termination: AgreementTermination = {
    orgId: hospital.orgId!,
    reason: '疫情期间哄抬口罩价格，被市场监管部门行政处罚',
    terminatedAt: '2022-03-15T00:00:00+08:00',
  };
  const normalPath = serviceApplication('draft', {
    payload: { ...servicePayload, greenChannel: false, greenChannelReason: undefined },
    materials: allProvided('service', false),
  });

  it('2020 No.2 §3: refuses a green-channel submission by the institution from its termination on, naming the termination', () => {
    const result = step(serviceApplication('draft'), 'submit', hospital, '2022-05-10T10:00:00+08:00', { termination });
    expect(result).toMatchObject({ ok: false, refusal: { code: 'agreement-terminated', termination } });
    expect(!result.ok && result.refusal.message).toMatch(/2020 No\.2 §3.*2022-03-15T00:00:00\+08:00.*哄抬口罩价格.*normal path/);
  });

  it.each([
    ['one second before the termination', '2022-03-14T23:59:59+08:00', 'submitted'],
    ['at the termination', '2022-03-15T00:00:00+08:00', 'agreement-terminated'],
  ])('2020 No.2 §3: a green-channel submission %s is %s', (_label, now, expected) => {
    expect(outcome(step(serviceApplication('draft'), 'submit', hospital, now, { termination }))).toBe(expected);
  });

  it('2020 No.2 §3: lets the terminated institution apply on the normal path', () => {
    expect(outcome(step(normalPath, 'submit', hospital, '2022-05-10T10:00:00+08:00', { termination }))).toBe('submitted');
  });

  it('2020 No.2 §3: does not bar a firm’s listing, nor its reconsideration: firms hold no service agreement', () => {
    const firmTermination = { ...termination, orgId: firm.orgId! };
    expect(outcome(step(listingApplication('draft'), 'submit', firm, '2022-05-10T10:00:00+08:00', { termination: firmTermination }))).toBe('submitted');
    const rejected = listingApplication('rejected', { reconsiderationDueAt: '2022-05-20T00:00:00+08:00' });
    expect(
      outcome(step(rejected, 'request-reconsideration', firm, '2022-05-10T10:00:00+08:00', { input: { reason: '申请复议' }, termination: firmTermination })),
    ).toBe('reconsideration');
  });

  it.each([
    ['a termination that takes effect later', { ...termination, terminatedAt: '2022-06-01T00:00:00+08:00' }],
    ["another organisation's termination", { ...termination, orgId: 'hospital-other' }],
  ])('lets the institution take the green channel despite %s', (_label, other) => {
    expect(outcome(step(serviceApplication('draft'), 'submit', hospital, '2022-05-10T10:00:00+08:00', { termination: other }))).toBe('submitted');
  });
});

describe('reasons', () => {
  it.each([
    ['request-supplement', 'submitted'],
    ['reject', 'under-review'],
    ['object', 'public-notice'],
    ['request-reconsideration', 'rejected'],
  ] as const)('refuses to %s without a reason', (action, state) => {
    const actor = action === 'request-reconsideration' ? firm : reviewer;
    for (const input of [undefined, { reason: '   ' }]) {
      expect(outcome(step(listingApplication(state), action, actor, '2022-05-10T10:00:00+08:00', { input }))).toBe('missing-reason');
    }
  });

  it('refuses input with fields the action does not take', () => {
    expect(step(serviceApplication('submitted'), 'accept', reviewer, '2022-05-10T10:00:00+08:00', { input: { priceFen: 1 } })).toMatchObject({
      refusal: { code: 'invalid-input' },
    });
  });

  it('checks an edited payload against the application type (2022 No.13 §3: a green-channel reason is stated)', () => {
    const result = step(serviceApplication('draft'), 'edit', hospital, '2022-05-10T10:00:00+08:00', {
      input: { payload: { ...servicePayload, greenChannelReason: undefined } },
    });
    expect(result).toMatchObject({ refusal: { code: 'invalid-input', issues: [{ path: 'payload.greenChannelReason' }] } });
  });

  it('refuses an edit declaring materials off the checklist or twice, naming each', () => {
    const result = step(serviceApplication('draft'), 'edit', hospital, '2022-05-10T10:00:00+08:00', {
      input: {
        materials: [
          { key: 'application-form', status: 'provided' },
          { key: 'made-up', status: 'provided' },
          { key: 'application-form', status: 'provided' },
        ],
      },
    });
    expect(result).toMatchObject({ refusal: { code: 'invalid-input', issues: [{ path: 'materials.1.key' }, { path: 'materials.2.key' }] } });
  });
});

describe('the public notice and reconsideration of a listing', () => {
  const underReview = listingApplication('under-review');

  it('publishes a notice of 5 working days and refuses approval until it ends', () => {
    const notice = step(underReview, 'publish-notice', reviewer, '2022-04-28T10:00:00+08:00');
    expect(notice).toMatchObject({ ok: true, application: { state: 'public-notice', noticeEndsAt: '2022-05-10T00:00:00+08:00' } });
    const published = notice.ok ? notice.application : underReview;
    expect(step(published, 'approve', reviewer, '2022-05-09T18:00:00+08:00')).toMatchObject({
      refusal: { code: 'notice-window-open', noticeEndsAt: '2022-05-10T00:00:00+08:00' },
    });
    expect(outcome(step(published, 'approve', reviewer, '2022-05-10T00:00:00+08:00'))).toBe('approved');
  });

  it('sends an objected listing back to review with a new deadline', () => {
    const published = listingApplication('public-notice', { noticeEndsAt: '2022-05-17T00:00:00+08:00' });
    const result = step(published, 'object', reviewer, '2022-05-10T10:00:00+08:00', { input: { reason: '价格高于其他省份挂网价' } });
    expect(result).toMatchObject({ ok: true, application: { state: 'under-review', dueAt: '2022-05-18T00:00:00+08:00' } });
    expect(result.ok && result.application).not.toHaveProperty('noticeEndsAt');
  });

  it('opens a 10-working-day reconsideration window on rejection, once', () => {
    const rejected = step(underReview, 'reject', reviewer, '2022-04-28T10:00:00+08:00', { input: { reason: '价格高于全国最低价' } });
    expect(rejected).toMatchObject({
      ok: true,
      application: { reconsiderationDueAt: '2022-05-17T00:00:00+08:00', decision: { outcome: 'rejected', reason: '价格高于全国最低价' } },
    });
    const again = chain(rejected.ok ? rejected.application : underReview, [
      ['request-reconsideration', firm, '2022-05-05T09:00:00+08:00', { reason: '已下调价格' }],
      ['reject', reviewer, '2022-05-06T09:00:00+08:00', { reason: '维持原决定' }],
    ]);
    expect(again).toMatchObject({ state: 'rejected', reconsidered: true });
    expect(again).not.toHaveProperty('reconsiderationDueAt');
    expect(step(again, 'request-reconsideration', firm, '2022-05-06T10:00:00+08:00', { input: { reason: '再次申请' } })).toMatchObject({
      refusal: { code: 'reconsideration-used' },
    });
  });

  it('refuses a reconsideration requested after the window closed', () => {
    const rejected = listingApplication('rejected', { reconsiderationDueAt: '2022-05-17T00:00:00+08:00' });
    expect(step(rejected, 'request-reconsideration', firm, '2022-05-17T00:00:00+08:00', { input: { reason: '申请复议' } })).toMatchObject({
      refusal: { code: 'reconsideration-window-closed', reconsiderationDueAt: '2022-05-17T00:00:00+08:00' },
    });
  });

  it('reviews an overturned rejection again, without the old decision', () => {
    const reconsidering = listingApplication('reconsideration', {
      decision: { outcome: 'rejected', by: { sub: 'r-1', name: '王芳' }, at: '2022-04-28T10:00:00+08:00' },
    });
    const result = step(reconsidering, 'start-review', reviewer, '2022-05-06T09:00:00+08:00');
    expect(result.ok && result.application.state).toBe('under-review');
    expect(result.ok && result.application).not.toHaveProperty('decision');
  });
});

describe('history', () => {
  it('records every step of a green-channel service application: who, when, from, to and why', () => {
    const approved = chain(serviceApplication('draft'), [
      ['submit', hospital, '2022-04-29T09:00:00+08:00'],
      ['request-supplement', reviewer, '2022-05-05T09:00:00+08:00', { reason: '请补充成本测算' }],
      ['supply-supplement', hospital, '2022-05-06T09:00:00+08:00', { materials: [unavailable('regional-price-reference')] }],
      ['accept', reviewer, '2022-05-06T14:00:00+08:00'],
      ['start-review', reviewer, '2022-05-07T09:00:00+08:00'],
      ['approve', reviewer, '2022-05-09T16:00:00+08:00', { reason: '同意新增' }],
    ]);
    expect(approved.history.map((event) => [event.action, event.from, event.to, event.actor.role, event.reason])).toEqual([
      ['submit', 'draft', 'submitted', 'hospital', undefined],
      ['request-supplement', 'submitted', 'supplement-requested', 'reviewer', '请补充成本测算'],
      ['supply-supplement', 'supplement-requested', 'submitted', 'hospital', undefined],
      ['accept', 'submitted', 'accepted', 'reviewer', undefined],
      ['start-review', 'accepted', 'under-review', 'reviewer', undefined],
      ['approve', 'under-review', 'approved', 'reviewer', '同意新增'],
    ]);
    expect(approved.history[5]).toEqual({
      at: '2022-05-09T16:00:00+08:00',
      actor: { sub: reviewer.sub, name: reviewer.name, role: 'reviewer' },
      from: 'under-review',
      to: 'approved',
      action: 'approve',
      reason: '同意新增',
    });
    expect(approved).toMatchObject({ version: 7, updatedAt: '2022-05-09T16:00:00+08:00', decision: { outcome: 'approved', by: { sub: reviewer.sub } } });
  });

  it('returns the event it appended, with the time in China time', () => {
    const result = step(serviceApplication('submitted'), 'accept', reviewer, '2022-05-10T02:00:00Z');
    expect(result.ok && result.event).toEqual({
      at: '2022-05-10T10:00:00+08:00',
      actor: { sub: 'r-1', name: '王芳', role: 'reviewer' },
      from: 'submitted',
      to: 'accepted',
      action: 'accept',
    });
    expect(result.ok && result.application.history.at(-1)).toEqual(result.ok && result.event);
  });

  it('leaves the application it was given untouched', () => {
    const application = serviceApplication('submitted');
    const before = structuredClone(application);
    step(application, 'accept', reviewer, '2022-05-10T10:00:00+08:00');
    expect(application).toEqual(before);
  });
});
