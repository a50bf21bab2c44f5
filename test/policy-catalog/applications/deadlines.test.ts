import { describe, expect, it } from 'vitest';
import { ApplicationState } from '#catalog/applications/application.ts';
import { DeadlineConfig, defaultDeadlines, deferredMaterialsPastDue, overdue, workingDaysLeft } from '#catalog/applications/deadlines.ts';
import { serviceApplication } from './fixtures.ts';

const dueAt = '2022-05-11T00:00:00+08:00';

describe('overdue applications', () => {
  const waitingOnBureau = ['submitted', 'accepted', 'under-review', 'reconsideration'];

  it.each(ApplicationState.options.map((state) => [state, waitingOnBureau.includes(state)] as const))(
    'an application %s past its due time is overdue: %s (only while it waits on the bureau)',
    (state, expected) => {
      expect(overdue(serviceApplication(state, { dueAt }), '2022-05-11T00:00:00+08:00')).toBe(expected);
    },
  );

  it.each([
    ['2022-05-10T23:59:59+08:00', false],
    ['2022-05-11T00:00:00+08:00', true],
    ['2022-05-10T16:00:00Z', true],
  ])('at %s an application due at the end of May 10 is overdue: %s', (now, expected) => {
    expect(overdue(serviceApplication('under-review', { dueAt }), now)).toBe(expected);
  });

  it('is never overdue without a due time', () => {
    expect(overdue(serviceApplication('submitted'), '2030-01-01T00:00:00+08:00')).toBe(false);
  });
});

describe('deferred materials past due (容缺后补, 2020 No.2 §2(7))', () => {
  const application = (state: ApplicationState) =>
    serviceApplication(state, {
      materials: [
        { key: 'application-form', status: 'provided' },
        { key: 'regional-price-reference', status: 'deferred', commitment: '承诺补交', dueDate: '2022-05-10' },
        { key: 'device-registration', status: 'deferred', commitment: '承诺补交', dueDate: '2022-05-20' },
        { key: 'ethics-or-access-approval', status: 'unavailable', explanation: '无法取得', consentToReviewOnMaterialsAtHand: true },
      ],
    });

  it('lists a deferred material once the end of its promised day has passed', () => {
    expect(deferredMaterialsPastDue(application('under-review'), '2022-05-10T23:59:59+08:00')).toEqual([]);
    expect(deferredMaterialsPastDue(application('under-review'), '2022-05-11T00:00:00+08:00').map((m) => m.key)).toEqual(['regional-price-reference']);
    expect(deferredMaterialsPastDue(application('under-review'), '2022-05-21T00:00:00+08:00').map((m) => m.key)).toEqual([
      'regional-price-reference',
      'device-registration',
    ]);
  });

  it.each(['draft', 'approved', 'rejected', 'withdrawn'] as const)('lists nothing for an application that is %s', (state) => {
    expect(deferredMaterialsPastDue(application(state), '2022-06-01T00:00:00+08:00')).toEqual([]);
  });
});

describe('the deadline configuration', () => {
  it('defaults to 20 working days, 5 in the green channel', () => {
    expect(DeadlineConfig.parse(defaultDeadlines)).toMatchObject({ normalWorkingDays: 20, greenChannelWorkingDays: 5 });
  });

  it.each([
    ['a green channel no faster than normal', { ...defaultDeadlines, greenChannelWorkingDays: 20 }],
    ['a fractional number of days', { ...defaultDeadlines, normalWorkingDays: 7.5 }],
    ['zero days', { ...defaultDeadlines, publicNoticeWorkingDays: 0 }],
  ])('refuses %s', (_label, config) => {
    expect(DeadlineConfig.safeParse(config).success).toBe(false);
  });
});

describe('working days left (shown beside deadlines)', () => {
  // 2022-05-11 24:00 is the deadline's end; 2022-05-07 (Saturday) was a make-up working day that year.
  const calendar = { holidays: ['2022-05-02', '2022-05-03', '2022-05-04'], makeUpWorkdays: ['2022-05-07'] };
  const due = '2022-05-12T00:00:00+08:00';
  it.each([
    ['2022-05-11T09:00:00+08:00', 1],
    ['2022-05-10T09:00:00+08:00', 2],
    ['2022-05-06T09:00:00+08:00', 5],
    ['2022-05-01T09:00:00+08:00', 6],
    ['2022-05-12T00:00:00+08:00', 0],
  ])('at %s: %i', (now, expected) => {
    expect(workingDaysLeft(serviceApplication('under-review', { dueAt: due }), now, calendar)).toBe(expected);
  });

  it('says nothing while the bureau owes nothing', () => {
    expect(workingDaysLeft(serviceApplication('supplement-requested', { dueAt: due }), '2022-05-10T09:00:00+08:00', calendar)).toBeUndefined();
    expect(workingDaysLeft(serviceApplication('submitted'), '2022-05-10T09:00:00+08:00', calendar)).toBeUndefined();
  });
});
