import { describe, expect, it } from 'vitest';
import type { Change } from '../../policy-catalog/change.ts';
import { computeImpact, type ImpactEntry } from '../../policy-catalog/impact.ts';
import { ImpactWarning, type ImpactWarningCode } from '../../policy-catalog/impact-warning.ts';
import type { PriceItemAttributes } from '../../policy-catalog/price-item.ts';
import type { Period, Timeline } from '../../policy-catalog/timeline.ts';

const PCR = '250403100010000';
const ANTIGEN = '250403100020000';
const at = (date: string) => `${date}T00:00:00+08:00`;
const pcr = (priceFen: number, extra: Partial<PriceItemAttributes> = {}): PriceItemAttributes => ({
  name: '新型冠状病毒核酸检测（单样本）',
  unit: '人次',
  category: '核酸检测',
  priceFen,
  ...extra,
});
const antigen = (serviceCapFen: number, reagentCapFen: number): PriceItemAttributes => ({
  name: '新型冠状病毒抗原检测',
  unit: '人份',
  category: '抗原检测',
  priceFen: 800,
  components: [
    { name: '检测服务', capFen: serviceCapFen },
    { name: '检测试剂', capFen: reagentCapFen },
  ],
});
const period = (from: string, to: string | null, attributes: PriceItemAttributes): Period<PriceItemAttributes> => ({
  validFrom: at(from),
  validTo: to === null ? null : at(to),
  attributes,
});
const set = (from: string, to: string | null, attributes: PriceItemAttributes, code = PCR): Change => ({
  kind: 'price-items',
  code,
  op: 'set',
  validFrom: at(from),
  ...(to === null ? {} : { validTo: at(to) }),
  attributes,
});
const end = (date: string, code = PCR): Change => ({ kind: 'price-items', code, op: 'end', at: at(date) });

/** The impact on the one entry touched, the PCR test unless the changes say otherwise. */
function impactOf(before: Timeline | null, changes: Change[], now = '2023-01-01', largeChangeThreshold?: number): ImpactEntry {
  const code = changes[0]?.code ?? PCR;
  const published = new Map(before === null ? [] : [[`price-items/${code}`, before]]);
  const entry = computeImpact({ published, changes, now: at(now), largeChangeThreshold }).entries[0];
  if (entry === undefined) throw new Error('no entry');
  for (const warning of entry.warnings) expect(ImpactWarning.parse(warning)).toEqual(warning);
  return entry;
}
const codesOf = (entry: ImpactEntry) => entry.warnings.map((warning) => warning.code);
function warningOf<C extends ImpactWarningCode>(entry: ImpactEntry, code: C): Extract<ImpactWarning, { code: C }> | undefined {
  return entry.warnings.find((warning): warning is Extract<ImpactWarning, { code: C }> => warning.code === code);
}
const span = (from: string, to: string | null) => ({ validFrom: at(from), validTo: to === null ? null : at(to) });

describe('impact: published periods removed or cut short', () => {
  // PCR ceiling 16 yuan now, with two scheduled reductions (2022 No.13 §9: prices lowered again and again).
  const scheduled = [period('2022-12-01', '2023-03-01', pcr(1600)), period('2023-03-01', '2023-06-01', pcr(1200)), period('2023-06-01', null, pcr(800))];

  it('names the scheduled reductions that an open-ended set removes, and the current period it cuts', () => {
    const entry = impactOf(scheduled, [set('2023-01-01', null, pcr(1500))], '2022-12-15');
    expect(warningOf(entry, 'removes-published-periods')?.periods).toEqual([
      { ...span('2022-12-01', '2023-03-01'), how: 'cut-at-end', scheduled: false, kept: [span('2022-12-01', '2023-01-01')] },
      { ...span('2023-03-01', '2023-06-01'), how: 'removed', scheduled: true, kept: [] },
      { ...span('2023-06-01', null), how: 'removed', scheduled: true, kept: [] },
    ]);
    expect(entry.after).toEqual([period('2022-12-01', '2023-01-01', pcr(1600)), period('2023-01-01', null, pcr(1500))]);
    expect(entry.removed).toEqual(scheduled);
    expect(entry.added).toEqual(entry.after);
    expect(entry.changed).toEqual([
      { before: scheduled[0], after: entry.after?.[1] },
      { before: scheduled[1], after: entry.after?.[1] },
      { before: scheduled[2], after: entry.after?.[1] },
    ]);
  });

  const march = [period('2023-03-01', '2023-06-01', pcr(1200))];
  it.each([
    [
      'cuts a period at its start when a change covers its beginning',
      [set('2023-03-01', '2023-04-01', pcr(1000))],
      'cut-at-start',
      [span('2023-04-01', '2023-06-01')],
    ],
    [
      'cuts a period at its end when a change covers its last weeks',
      [set('2023-05-01', '2023-06-01', pcr(1000))],
      'cut-at-end',
      [span('2023-03-01', '2023-05-01')],
    ],
    ['cuts a period at its end when the entry is ended inside it', [end('2023-05-01')], 'cut-at-end', [span('2023-03-01', '2023-05-01')]],
    [
      'splits a period when a bounded change lands in its middle',
      [set('2023-04-01', '2023-05-01', pcr(1000))],
      'split',
      [span('2023-03-01', '2023-04-01'), span('2023-05-01', '2023-06-01')],
    ],
    [
      'cuts a period at both ends when changes cover its beginning and its end',
      [set('2023-03-01', '2023-04-01', pcr(1000)), set('2023-05-01', '2023-06-01', pcr(1000))],
      'cut-at-both-ends',
      [span('2023-04-01', '2023-05-01')],
    ],
    ['removes a period that a longer change covers entirely', [set('2023-02-01', '2023-07-01', pcr(1000))], 'removed', []],
    ['removes a period when the entry is ended before it starts', [end('2023-02-01')], 'removed', []],
  ])('%s', (_name, changes, how, kept) => {
    const entry = impactOf(march, changes);
    expect(warningOf(entry, 'removes-published-periods')?.periods).toEqual([{ ...span('2023-03-01', '2023-06-01'), how, scheduled: true, kept }]);
  });

  it.each([
    ['a change that sets the same attributes over part of a period', march, [set('2023-04-01', '2023-05-01', pcr(1200))]],
    ['a change after the period', march, [set('2023-06-01', null, pcr(1000))]],
    ['a new price taking over an open-ended period from a later date', [period('2022-01-01', null, pcr(2800))], [set('2023-06-01', null, pcr(1600))]],
  ])('does not warn of removed periods for %s', (_name, before, changes) => {
    expect(codesOf(impactOf(before, changes))).not.toContain('removes-published-periods');
  });
});

describe('impact: retroactive changes', () => {
  const current = [period('2022-01-01', null, pcr(2800))];
  it.each([
    ['a price from a past date, up to now', current, [set('2022-12-01', null, pcr(1600))], [span('2022-12-01', '2023-01-01')]],
    ['a bounded price in the past', current, [set('2022-06-01', '2022-07-01', pcr(1600))], [span('2022-06-01', '2022-07-01')]],
    ['an end in the past', current, [end('2022-12-01')], [span('2022-12-01', '2023-01-01')]],
    ['a new entry that applies from a past date', null, [set('2022-12-01', null, pcr(1600))], [span('2022-12-01', '2023-01-01')]],
  ])('warns of %s, naming where the past changed', (_name, before, changes, periods) => {
    const entry = impactOf(before, changes);
    expect(warningOf(entry, 'retroactive')).toEqual({ code: 'retroactive', periods, params: { now: at('2023-01-01') } });
  });

  it.each([
    ['a price from a future date', [set('2023-02-01', null, pcr(1600))]],
    ['a price from now on', [set('2023-01-01', null, pcr(1600))]],
    ['a past date with unchanged attributes', [set('2022-12-01', null, pcr(2800))]],
    ['an end in the future', [end('2023-06-01')]],
  ])('does not warn of %s as retroactive', (_name, changes) => {
    expect(codesOf(impactOf(current, changes))).not.toContain('retroactive');
  });
});

describe('impact: ceilings raised and large price changes', () => {
  // Published from 2023-01-01 open-ended; the change takes over from 2023-06-01 (future only).
  it.each([
    ['the price ceiling goes up', pcr(1600), pcr(2000), [{ ceiling: 'priceFen', fromFen: 1600, toFen: 2000 }]],
    [
      'a grade price goes up',
      pcr(1600, { gradePriceFen: { '3': 1500 } }),
      pcr(1600, { gradePriceFen: { '3': 1550 } }),
      [{ ceiling: 'gradePriceFen', grade: '3', fromFen: 1500, toFen: 1550 }],
    ],
    [
      'a grade price is dropped and falls back to the higher item ceiling',
      pcr(1600, { gradePriceFen: { '2': 1400 } }),
      pcr(1600),
      [{ ceiling: 'gradePriceFen', grade: '2', fromFen: 1400, toFen: 1600 }],
    ],
    ['a component cap goes up', antigen(300, 500), antigen(300, 550), [{ ceiling: 'componentCap', component: '检测试剂', fromFen: 500, toFen: 550 }]],
  ])('warns when %s', (_name, before, after, moves) => {
    const entry = impactOf([period('2023-01-01', null, before)], [set('2023-06-01', null, after)]);
    expect(warningOf(entry, 'ceiling-raised')?.periods).toEqual(moves.map((move) => ({ ...span('2023-06-01', null), ...move })));
  });

  it.each([
    ['a price going down', pcr(1600), pcr(1200)],
    ['a grade price going down', pcr(1600, { gradePriceFen: { '1': 1200 } }), pcr(1600, { gradePriceFen: { '1': 1000 } })],
    ['a renamed component, which cannot be compared', antigen(300, 500), { ...antigen(300, 500), components: [{ name: '试剂', capFen: 700 }] }],
    ['a changed name with the same prices', pcr(1600), { ...pcr(1600), name: '核酸检测（单采）' }],
  ])('does not warn of a raised ceiling for %s', (_name, before, after) => {
    const entry = impactOf([period('2023-01-01', null, before)], [set('2023-06-01', null, after)]);
    expect(codesOf(entry)).not.toContain('ceiling-raised');
  });

  it('compares pointwise, merging the stretches where the same raise applies', () => {
    const before = [
      period('2023-01-01', '2023-03-01', pcr(1000)),
      period('2023-03-01', '2023-06-01', { ...pcr(1000), note: '第二期' }),
      period('2023-06-01', null, pcr(800)),
    ];
    const entry = impactOf(before, [set('2023-02-01', null, pcr(1100))]);
    expect(warningOf(entry, 'ceiling-raised')?.periods).toEqual([
      { ...span('2023-02-01', '2023-06-01'), ceiling: 'priceFen', fromFen: 1000, toFen: 1100 },
      { ...span('2023-06-01', null), ceiling: 'priceFen', fromFen: 800, toFen: 1100 },
    ]);
  });

  it.each([
    { move: 'exactly 50% up', fromFen: 1000, toFen: 1500, threshold: undefined, large: false },
    { move: 'just over 50% up', fromFen: 1000, toFen: 1501, threshold: undefined, large: true },
    { move: 'exactly 50% down', fromFen: 1000, toFen: 500, threshold: undefined, large: false },
    { move: 'just over 50% down', fromFen: 1000, toFen: 499, threshold: undefined, large: true },
    { move: '25% up against a 20% threshold', fromFen: 1000, toFen: 1250, threshold: 0.2, large: true },
    { move: 'from free to any price', fromFen: 0, toFen: 100, threshold: undefined, large: true },
  ])('judges a ceiling moving $move as a large price change: $large', ({ fromFen, toFen, threshold, large }) => {
    const entry = impactOf([period('2023-01-01', null, pcr(fromFen))], [set('2023-06-01', null, pcr(toFen))], '2023-01-01', threshold);
    const warning = warningOf(entry, 'large-price-change');
    expect(warning !== undefined).toBe(large);
    if (warning)
      expect(warning).toEqual({
        code: 'large-price-change',
        periods: [{ ...span('2023-06-01', null), ceiling: 'priceFen', fromFen, toFen }],
        params: { threshold: threshold ?? 0.5 },
      });
  });

  it('does not compare prices where only one side applies', () => {
    const entry = impactOf([period('2023-01-01', '2023-06-01', pcr(1000))], [set('2023-06-01', null, pcr(9000))]);
    expect(codesOf(entry)).toEqual(['existing-entry']);
  });
});

describe('impact: entries that end, new and existing entries', () => {
  const current = [period('2022-01-01', null, pcr(2800))];
  it.each([
    ['an open-ended entry ended at a date', current, [end('2023-06-01')], [span('2023-06-01', null)], [period('2022-01-01', '2023-06-01', pcr(2800))]],
    [
      'an open-ended entry given a last, bounded price',
      current,
      [set('2023-01-01', '2023-06-01', pcr(1600)), end('2023-06-01')],
      [span('2023-06-01', null)],
      [period('2022-01-01', '2023-01-01', pcr(2800)), period('2023-01-01', '2023-06-01', pcr(1600))],
    ],
    ['an entry ended before it ever applied', [period('2023-03-01', '2023-06-01', pcr(1200))], [end('2023-02-01')], [span('2023-03-01', '2023-06-01')], null],
  ])('warns that the entry stops applying for %s', (_name, before, changes, periods, after) => {
    const entry = impactOf(before, changes);
    expect(warningOf(entry, 'ends-entry')?.periods).toEqual(periods);
    if (after !== undefined) expect(entry.after).toEqual(after);
  });

  it('does not warn of an end that the entry already had', () => {
    const entry = impactOf([period('2023-03-01', '2023-06-01', pcr(1200))], [end('2023-06-01')]);
    expect(codesOf(entry)).toEqual(['existing-entry']);
    expect(entry).toMatchObject({ added: [], removed: [], changed: [] });
  });

  it('reports a code absent from the published timelines as a new entry with nothing before', () => {
    const entry = impactOf(null, [set('2023-02-01', null, pcr(1600))]);
    expect(entry).toMatchObject({ kind: 'price-items', code: PCR, before: null, removed: [], changed: [] });
    expect(entry.added).toEqual([period('2023-02-01', null, pcr(1600))]);
    expect(entry.warnings).toEqual([{ code: 'new-entry', periods: [span('2023-02-01', null)] }]);
  });

  it('reports a published code as an existing entry, naming its published periods', () => {
    const entry = impactOf(current, [set('2023-02-01', null, pcr(1600))]);
    expect(warningOf(entry, 'existing-entry')).toEqual({ code: 'existing-entry', periods: [span('2022-01-01', null)] });
    expect(codesOf(entry)).not.toContain('new-entry');
  });
});

describe('impact of a change set', () => {
  const drug: Change = {
    kind: 'drug-entries',
    code: 'XJ01DHT062A001010104054',
    op: 'end',
    at: at('2023-01-01'),
  };
  const changes = [set('2023-02-01', null, pcr(2000), PCR), drug, set('2023-02-01', null, antigen(300, 500), ANTIGEN), set('2023-03-01', null, pcr(1800), PCR)];
  const drugListing = [
    { validFrom: at('2020-01-01'), validTo: null, attributes: { genericName: '血塞通注射液', dosageForm: '注射剂', paymentClass: 'provincial' } },
  ];
  const published = new Map<string, Timeline>([
    [`price-items/${PCR}`, [period('2022-01-01', null, pcr(1600))]],
    ['drug-entries/XJ01DHT062A001010104054', drugListing],
  ]);

  it('lists each touched entry once, by kind then code, with its changes applied in order', () => {
    const impact = computeImpact({ published, changes, now: at('2023-01-15') });
    expect(impact.entries.map((entry) => `${entry.kind}/${entry.code}`)).toEqual([
      'drug-entries/XJ01DHT062A001010104054',
      `price-items/${PCR}`,
      `price-items/${ANTIGEN}`,
    ]);
    expect(impact.entries[1]?.after).toEqual([
      period('2022-01-01', '2023-02-01', pcr(1600)),
      period('2023-02-01', '2023-03-01', pcr(2000)),
      period('2023-03-01', null, pcr(1800)),
    ]);
  });

  it('counts, per warning code, the entries carrying it', () => {
    const impact = computeImpact({ published: (entry) => published.get(`${entry.kind}/${entry.code}`), changes, now: at('2023-01-15') });
    expect(impact.totals).toEqual({
      'removes-published-periods': 0,
      retroactive: 1,
      'ceiling-raised': 1,
      'large-price-change': 0,
      'ends-entry': 1,
      'new-entry': 1,
      'existing-entry': 2,
    });
  });

  it('takes `now` as a Date as well as an instant', () => {
    const impact = computeImpact({ published, changes, now: new Date(at('2023-01-15')) });
    expect(impact.totals.retroactive).toBe(1);
  });

  it('refuses a threshold that is not a positive fraction, a programming error', () => {
    expect(() => computeImpact({ published, changes, now: at('2023-01-15'), largeChangeThreshold: 0 })).toThrow(RangeError);
  });
});
