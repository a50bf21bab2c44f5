import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, type Change } from '../../policy-catalog/change.ts';
import { restoreChanges } from '../../policy-catalog/revert.ts';
import type { Timeline } from '../../policy-catalog/timeline.ts';

const day = (d: number) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000 - 8 * 3_600_000).toISOString().replace('.000Z', 'Z');
const setOn = (from: number, to: number | null, priceFen: number): Change =>
  ({
    kind: 'price-items',
    code: 'PCR',
    op: 'set',
    validFrom: day(from),
    ...(to === null ? {} : { validTo: day(to) }),
    attributes: { name: '核酸检测', unit: '人次', category: '核酸检测', priceFen },
  }) as Change;

describe('restoring an entry to its timeline before a release', () => {
  it('undoes an open-ended price change that removed two scheduled reductions', () => {
    const before = applyChanges<unknown>([], [setOn(0, null, 2800), setOn(60, null, 1600), setOn(120, null, 1200)]);
    const current = applyChanges(before, [setOn(30, null, 2000)]);
    expect(applyChanges(current, restoreChanges('price-items', 'PCR', current, before))).toEqual(before);
  });

  it('makes an entry the release created apply nowhere', () => {
    const current = applyChanges<unknown>([], [setOn(10, 20, 100)]);
    expect(applyChanges(current, restoreChanges('price-items', 'PCR', current, null))).toEqual([]);
  });

  it('gives back, for any published timeline and any release on top of it, the timeline before the release', () => {
    const changeArbitrary = fc
      .tuple(fc.integer({ min: 0, max: 300 }), fc.option(fc.integer({ min: 1, max: 100 })), fc.integer({ min: 0, max: 5000 }))
      .map(([from, length, price]) => setOn(from, length === null ? null : from + length, price));
    fc.assert(
      fc.property(fc.array(changeArbitrary, { maxLength: 6 }), fc.array(changeArbitrary, { minLength: 1, maxLength: 4 }), (earlier, release) => {
        const target: Timeline = applyChanges<unknown>([], earlier);
        const current = applyChanges(target, release);
        expect(applyChanges(current, restoreChanges('price-items', 'PCR', current, target.length > 0 ? target : null))).toEqual(target);
      }),
    );
  });
});
