import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, type Change } from '../../policy-catalog/change.ts';
import { chinaEndLabel, toChinaIso, toEpochMs } from '../../policy-catalog/time.ts';
import { endAt, isWellFormed, resolve, setPeriod, type Timeline } from '../../policy-catalog/timeline.ts';

const pcr = (priceFen: number) => ({ name: '新型冠状病毒核酸检测（单样本）', unit: '人次', category: '核酸检测', priceFen });
const set = (validFrom: string, validTo: string | undefined, priceFen: number): Change => ({
  kind: 'price-items',
  code: '250403100010000',
  op: 'set',
  validFrom,
  ...(validTo ? { validTo } : {}),
  attributes: pcr(priceFen),
});

describe('timeline', () => {
  it('splits an open-ended period when a price reduction starts later', () => {
    const timeline = applyChanges([], [set('2022-01-15T00:00:00+08:00', undefined, 2800), set('2022-05-01T00:00:00+08:00', undefined, 1600)]);
    expect(timeline).toEqual([
      { validFrom: '2022-01-15T00:00:00+08:00', validTo: '2022-05-01T00:00:00+08:00', attributes: pcr(2800) },
      { validFrom: '2022-05-01T00:00:00+08:00', validTo: null, attributes: pcr(1600) },
    ]);
  });

  it('keeps both ends of a period that a bounded change lands inside', () => {
    const timeline = setPeriod<unknown>([{ validFrom: '2022-01-01T00:00:00+08:00', validTo: null, attributes: 'a' }], {
      validFrom: '2022-03-01T00:00:00+08:00',
      validTo: '2022-04-01T00:00:00+08:00',
      attributes: 'b',
    });
    expect(timeline.map((period) => [period.validFrom, period.validTo, period.attributes])).toEqual([
      ['2022-01-01T00:00:00+08:00', '2022-03-01T00:00:00+08:00', 'a'],
      ['2022-03-01T00:00:00+08:00', '2022-04-01T00:00:00+08:00', 'b'],
      ['2022-04-01T00:00:00+08:00', null, 'a'],
    ]);
  });

  it('normalizes instants given in UTC to China time', () => {
    const timeline = setPeriod<unknown>([], { validFrom: '2022-04-30T16:00:00Z', validTo: null, attributes: 'x' });
    expect(timeline[0]?.validFrom).toBe('2022-05-01T00:00:00+08:00');
  });

  it('ends an entry at 24:00 on 2022-12-31, i.e. 2023-01-01T00:00:00+08:00', () => {
    const ended = endAt<unknown>([{ validFrom: '2021-01-01T00:00:00+08:00', validTo: null, attributes: 'drug' }], '2023-01-01T00:00:00+08:00');
    expect(ended).toEqual([{ validFrom: '2021-01-01T00:00:00+08:00', validTo: '2023-01-01T00:00:00+08:00', attributes: 'drug' }]);
    expect(resolve(ended, '2022-12-31T23:59:59+08:00')?.attributes).toBe('drug');
    expect(resolve(ended, '2023-01-01T00:00:00+08:00')).toBeUndefined();
  });

  it('drops periods that start at or after the end instant', () => {
    const timeline: Timeline = [
      { validFrom: '2022-01-01T00:00:00+08:00', validTo: '2022-06-01T00:00:00+08:00', attributes: 1 },
      { validFrom: '2022-06-01T00:00:00+08:00', validTo: null, attributes: 2 },
    ];
    expect(endAt(timeline, '2022-06-01T00:00:00+08:00')).toEqual([timeline[0]]);
  });

  it('resolves the period start inclusively and its end exclusively', () => {
    const timeline = applyChanges([], [set('2022-05-01T00:00:00+08:00', '2022-06-01T00:00:00+08:00', 1600)]);
    expect(resolve(timeline, '2022-04-30T23:59:59+08:00')).toBeUndefined();
    expect(resolve(timeline, '2022-05-01T00:00:00+08:00')?.attributes).toEqual(pcr(1600));
    expect(resolve(timeline, '2022-05-31T23:59:59+08:00')?.attributes).toEqual(pcr(1600));
    expect(resolve(timeline, '2022-06-01T00:00:00+08:00')).toBeUndefined();
  });

  it('refuses an empty or inverted period', () => {
    expect(() => setPeriod([], { validFrom: '2022-05-01T00:00:00+08:00', validTo: '2022-05-01T00:00:00+08:00', attributes: 1 })).toThrow(RangeError);
  });
});

// Instants on an hourly grid through 2022, so that generated periods often touch and overlap.
const BASE = toEpochMs('2022-01-01T00:00:00+08:00');
const HOUR = 3_600_000;
const instant = (hour: number) => toChinaIso(BASE + hour * HOUR);

const changeArbitrary: fc.Arbitrary<Change> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 200 }), fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }), fc.integer({ min: 0, max: 5000 }))
    .map(([from, length, price]) => set(instant(from), length === undefined ? undefined : instant(from + length), price)),
  fc.integer({ min: 0, max: 300 }).map((at): Change => ({ kind: 'price-items', code: '250403100010000', op: 'end', at: instant(at) })),
);

/** The intended timeline, pointwise: what the last change covering `at` says. */
function intended(changes: readonly Change[], at: number): number | undefined {
  let price: number | undefined;
  for (const change of changes) {
    if (change.op === 'end') {
      if (at >= toEpochMs(change.at)) price = undefined;
    } else if (change.kind === 'price-items' && at >= toEpochMs(change.validFrom) && (change.validTo === undefined || at < toEpochMs(change.validTo))) {
      price = change.attributes.priceFen;
    }
  }
  return price;
}

describe('timeline properties', () => {
  it('never has overlapping periods after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(changeArbitrary, { maxLength: 25 }), (changes) => {
        expect(isWellFormed(applyChanges([], changes))).toBe(true);
      }),
    );
  });

  it('resolves every instant as the intended timeline does', () => {
    fc.assert(
      fc.property(fc.array(changeArbitrary, { maxLength: 25 }), fc.array(fc.integer({ min: -5, max: 320 }), { maxLength: 20 }), (changes, probes) => {
        const timeline = applyChanges<{ priceFen: number }>([], changes);
        const boundaries = changes.flatMap((change) => (change.op === 'end' ? [change.at] : [change.validFrom, ...(change.validTo ? [change.validTo] : [])]));
        const instants = [...probes.map((hour) => BASE + hour * HOUR), ...boundaries.flatMap((b) => [toEpochMs(b) - 1000, toEpochMs(b), toEpochMs(b) + 1000])];
        for (const at of instants) {
          expect(resolve(timeline, toChinaIso(at))?.attributes.priceFen).toBe(intended(changes, at));
        }
      }),
    );
  });
});

describe('end labels', () => {
  it('writes midnight as 24:00 of the day before, as the notices do', () => {
    expect(chinaEndLabel('2023-01-01T00:00:00+08:00')).toBe('2022-12-31 24:00');
    expect(chinaEndLabel('2022-06-30T16:00:00Z')).toBe('2022-06-30 24:00');
    expect(chinaEndLabel('2022-12-31T23:59:59+08:00')).toBe('2022-12-31 23:59');
  });
});
