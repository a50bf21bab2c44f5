import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { applyChanges, entryKey, type Change } from '../../policy-catalog/change.ts';
import { computeImpact, impactEntrySchema, type ImpactEntry } from '../../policy-catalog/impact.ts';
import type { PriceItemAttributes } from '../../policy-catalog/price-item.ts';
import { toChinaIso, toEpochMs } from '../../policy-catalog/time.ts';
import { periodSchema, resolve, type Timeline } from '../../policy-catalog/timeline.ts';

// Instants on an hourly grid, and a few prices, so that generated periods often touch, overlap
// and repeat the same attributes.
const BASE = toEpochMs('2022-01-01T00:00:00+08:00');
const HOUR = 3_600_000;
const instant = (hour: number) => toChinaIso(BASE + hour * HOUR);
const CODES = ['250403100010000', '250403100020000'];
const pcr = (priceFen: number): PriceItemAttributes => ({ name: '核酸检测', unit: '人次', category: '核酸检测', priceFen });

const changeArbitrary = (codes: string[]): fc.Arbitrary<Change> =>
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...codes),
        fc.integer({ min: 0, max: 200 }),
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        fc.constantFrom(0, 800, 1200, 1600, 2000),
      )
      .map(
        ([code, from, length, price]): Change => ({
          kind: 'price-items',
          code,
          op: 'set',
          validFrom: instant(from),
          ...(length === undefined ? {} : { validTo: instant(from + length) }),
          attributes: pcr(price),
        }),
      ),
    fc
      .tuple(fc.constantFrom(...codes), fc.integer({ min: 0, max: 300 }))
      .map(([code, at]): Change => ({ kind: 'price-items', code, op: 'end', at: instant(at) })),
  );

/** Published timelines for some of the codes (a code left out is new), and a change set over all of them. */
const scenario = fc.record({
  published: fc.array(fc.array(changeArbitrary(CODES), { maxLength: 8 }), { minLength: CODES.length, maxLength: CODES.length }),
  publishedCodes: fc.subarray(CODES),
  changes: fc.array(changeArbitrary(CODES), { maxLength: 12 }),
  nowHour: fc.integer({ min: -10, max: 320 }),
  probes: fc.array(fc.integer({ min: -5, max: 320 }), { maxLength: 20 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run({ published, publishedCodes, changes, nowHour }: Scenario) {
  const timelines = new Map<string, Timeline>(
    CODES.flatMap((code, index) => (publishedCodes.includes(code) ? [[`price-items/${code}`, applyChanges([], published[index] ?? [])] as const] : [])),
  );
  return { timelines, impact: computeImpact({ published: timelines, changes, now: instant(nowHour) }) };
}

/** Instants worth comparing at: the probes, and each boundary with the seconds either side. */
function instantsOf(entry: ImpactEntry, probes: number[]): number[] {
  const boundaries = [...(entry.before ?? []), ...(entry.after ?? [])].flatMap((period) => [period.validFrom, ...(period.validTo ? [period.validTo] : [])]);
  return [...probes.map((hour) => BASE + hour * HOUR), ...boundaries.flatMap((boundary) => [-1000, 0, 1000].map((delta) => toEpochMs(boundary) + delta))];
}

const priceAt = (timeline: Timeline | null, at: number) => (resolve(timeline ?? [], toChinaIso(at))?.attributes as PriceItemAttributes | undefined)?.priceFen;
const EntrySchema = impactEntrySchema(periodSchema(z.unknown()));

describe('impact properties', () => {
  it('gives as `after` what applying the entry’s changes to `before` gives, and as `before` the published timeline', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { timelines, impact } = run(input);
        expect(impact.entries.map((entry) => entryKey(entry))).toEqual([...new Set(input.changes.map((change) => entryKey(change)))].sort());
        for (const entry of impact.entries) {
          const before = timelines.get(entryKey(entry)) ?? null;
          const after = applyChanges(
            before ?? [],
            input.changes.filter((change) => change.code === entry.code),
          );
          expect(entry.before).toEqual(before);
          expect(entry.after).toEqual(after.length === 0 ? null : after);
          expect(EntrySchema.parse(entry)).toEqual(entry);
        }
      }),
    );
  });

  it('turns `before` into `after` by taking out the removed periods and putting in the added ones', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        for (const entry of run(input).impact.entries) {
          const rebuilt = [...(entry.before ?? []).filter((period) => !entry.removed.includes(period)), ...entry.added].sort(
            (a, b) => toEpochMs(a.validFrom) - toEpochMs(b.validFrom),
          );
          expect(rebuilt).toEqual(entry.after ?? []);
        }
      }),
    );
  });

  it('changes nothing before `now` when there is no retroactive warning, and something at the start of each retroactive period', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const nowMs = BASE + input.nowHour * HOUR;
        for (const entry of run(input).impact.entries) {
          const retroactive = entry.warnings.find((warning) => warning.code === 'retroactive');
          if (retroactive === undefined) {
            for (const at of instantsOf(entry, input.probes).filter((at) => at < nowMs)) expect(priceAt(entry.after, at)).toBe(priceAt(entry.before, at));
          }
          for (const period of retroactive?.periods ?? []) {
            const start = toEpochMs(period.validFrom);
            expect(start).toBeLessThan(nowMs);
            expect(period.validTo !== null && toEpochMs(period.validTo) <= nowMs).toBe(true);
            expect(priceAt(entry.after, start)).not.toBe(priceAt(entry.before, start));
          }
        }
      }),
    );
  });

  it('raises no price where both apply when there is no ceiling-raised warning', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        for (const entry of run(input).impact.entries) {
          if (entry.warnings.some((warning) => warning.code === 'ceiling-raised')) continue;
          for (const at of instantsOf(entry, input.probes)) {
            const [before, after] = [priceAt(entry.before, at), priceAt(entry.after, at)];
            if (before !== undefined && after !== undefined) expect(after).toBeLessThanOrEqual(before);
          }
        }
      }),
    );
  });

  it('keeps every bounded published period whole when there is no removes-published-periods warning', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        for (const entry of run(input).impact.entries) {
          if (entry.warnings.some((warning) => warning.code === 'removes-published-periods')) continue;
          const instants = instantsOf(entry, input.probes);
          for (const period of (entry.before ?? []).filter((candidate) => candidate.validTo !== null)) {
            const [start, end] = [toEpochMs(period.validFrom), toEpochMs(period.validTo as string)];
            for (const at of instants.filter((at) => start <= at && at < end))
              expect(priceAt(entry.after, at)).toBe((period.attributes as PriceItemAttributes).priceFen);
          }
        }
      }),
    );
  });
});
