import { describe, expect, it } from 'vitest';
import { transition, type ChangeSet, type ChangeSetAction, type ChangeSetState } from '../../policy-catalog/change-set.ts';
import type { Identity } from '../../policy-catalog/identity.ts';
import { diffViews } from '../../policy-catalog/release.ts';

const author: Identity = { sub: 'a', name: '王芳', role: 'pricing-staff' };
const second: Identity = { sub: 'b', name: '李强', role: 'pricing-staff' };
const now = '2026-11-23T10:00:00+08:00';

function changeSet(state: ChangeSetState, changeCount = 1): ChangeSet {
  return { id: 'cs', title: 't', state, author: { sub: author.sub, name: author.name }, createdAt: now, updatedAt: now, changeCount, version: 3 };
}

describe('change-set workflow', () => {
  it.each<[ChangeSetState, ChangeSetAction, Identity, ChangeSetState | string]>([
    ['draft', 'edit', author, 'draft'],
    ['draft', 'submit', author, 'submitted'],
    ['draft', 'approve', second, 'invalid-state'],
    ['draft', 'edit', second, 'not-author'],
    ['draft', 'submit', second, 'not-author'],
    ['submitted', 'approve', second, 'approved'],
    ['submitted', 'approve', author, 'own-change-set'],
    ['submitted', 'reject', second, 'rejected'],
    ['submitted', 'reject', author, 'own-change-set'],
    ['submitted', 'edit', author, 'invalid-state'],
    ['rejected', 'edit', author, 'draft'],
    ['rejected', 'submit', author, 'invalid-state'],
    ['approved', 'publish', author, 'published'],
    ['approved', 'publish', second, 'published'],
    ['approved', 'edit', author, 'invalid-state'],
    ['published', 'publish', second, 'invalid-state'],
    ['published', 'edit', author, 'invalid-state'],
  ])('from %s, %s by %o gives %s', (state, action, actor, expected) => {
    const result = transition({ changeSet: changeSet(state), action, actor, now });
    expect(result.ok ? result.changeSet.state : result.refusal.code).toBe(expected);
  });

  it('refuses to submit an empty draft', () => {
    const result = transition({ changeSet: changeSet('draft', 0), action: 'submit', actor: author, now });
    expect(result.ok ? 'ok' : result.refusal.code).toBe('empty');
  });

  it('records the approver and bumps the version', () => {
    const result = transition({ changeSet: changeSet('submitted'), action: 'approve', actor: second, now });
    expect(result.ok && result.changeSet).toMatchObject({ state: 'approved', approvedBy: { sub: 'b', name: '李强' }, approvedAt: now, version: 4 });
  });

  it('clears the rejection when the author reopens the change set', () => {
    const rejected = transition({ changeSet: changeSet('submitted'), action: 'reject', actor: second, now, reason: '价格有误' });
    expect(rejected.ok && rejected.changeSet.rejectReason).toBe('价格有误');
    const reopened = rejected.ok ? transition({ changeSet: rejected.changeSet, action: 'edit', actor: author, now }) : rejected;
    expect(reopened.ok && reopened.changeSet).not.toHaveProperty('rejectReason');
  });
});

describe('diffing two releases', () => {
  it('lists the entries added, changed and removed, by code', () => {
    const period = (price: number) => [{ validFrom: '2022-05-01T00:00:00+08:00', validTo: null, attributes: { price } }];
    const before = new Map([
      ['a', period(1)],
      ['b', period(2)],
      ['c', period(3)],
    ]);
    const after = new Map([
      ['a', period(1)],
      ['b', period(5)],
      ['d', period(4)],
    ]);
    expect(diffViews(before, after).map((diff) => [diff.code, diff.before !== null, diff.after !== null])).toEqual([
      ['b', true, true],
      ['c', true, false],
      ['d', false, true],
    ]);
  });
});
