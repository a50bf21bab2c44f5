import { describe, expect, it } from 'vitest';
import { compareRanked, rankMatch, type SearchableEntry, searchHit, searchWords } from '../../policy-catalog/catalog-search.ts';

describe('ranking', () => {
  const entry = (code: string, name: string, initials: string): SearchableEntry => ({ code, names: [name], initials: [initials] });

  it('orders the exact code, then code prefixes, then names and initials', () => {
    const words = searchWords('2504');
    const ranked = [
      { rank: rankMatch(entry('9', '2504 项目', '2504xm'), words), kind: 'price-items' as const, code: '9', score: 9 },
      { rank: rankMatch(entry('25040', '甲', 'j'), words), kind: 'price-items' as const, code: '25040', score: 1 },
      { rank: rankMatch(entry('2504', '乙', 'y'), words), kind: 'price-items' as const, code: '2504', score: 0.1 },
    ].map((hit) => ({ ...hit, rank: hit.rank ?? expect.unreachable() }));
    expect(ranked.sort(compareRanked).map(({ code }) => code)).toEqual(['2504', '25040', '9']);
  });

  it('puts a name or initials starting with the word above one containing it later, whatever the score', () => {
    const words = searchWords('hs');
    const leading = rankMatch(entry('a', '核酸', 'hs'), words);
    const inner = rankMatch(entry('b', '新冠核酸', 'xghs'), words);
    expect(leading?.leading).toBe(true);
    expect(inner?.leading).toBe(false);
    const hits = [
      { rank: inner ?? expect.unreachable(), kind: 'price-items' as const, code: 'b', score: 10 },
      { rank: leading ?? expect.unreachable(), kind: 'price-items' as const, code: 'a', score: 1 },
    ];
    expect(hits.sort(compareRanked).map(({ code }) => code)).toEqual(['a', 'b']);
  });

  it('matches no entry when a word matches nothing', () => {
    expect(rankMatch(entry('a', '核酸', 'hs'), searchWords('hs zz'))).toBeUndefined();
    expect(searchWords('  （）  ')).toEqual([]);
  });
});

describe('a hit', () => {
  it('shows the price in force now, else the next period, else the last', () => {
    const timeline = [
      { validFrom: '2022-01-01T00:00:00+08:00', validTo: '2022-05-01T00:00:00+08:00', attributes: { name: '甲', priceFen: 2800 } },
      { validFrom: '2022-05-01T00:00:00+08:00', validTo: '2023-01-01T00:00:00+08:00', attributes: { name: '甲', priceFen: 1600 } },
    ];
    const hit = (now: string) => searchHit({ kind: 'price-items', code: 'X', release: 3, timeline }, 'name', now);
    expect(hit('2022-06-01T00:00:00+08:00')).toMatchObject({ priceFen: 1600, period: { status: 'in-force' } });
    expect(hit('2021-06-01T00:00:00+08:00')).toMatchObject({ priceFen: 2800, period: { status: 'upcoming' } });
    expect(hit('2024-06-01T00:00:00+08:00')).toMatchObject({ priceFen: 1600, period: { status: 'ended' }, release: 3, name: '甲' });
  });

  it('shows a drug’s payment class as its headline and no price', () => {
    const timeline = [
      { validFrom: '2022-01-01T00:00:00+08:00', validTo: null, attributes: { genericName: '阿比多尔片', dosageForm: '片剂', paymentClass: 'A' } },
    ];
    expect(searchHit({ kind: 'drug-entries', code: 'D', release: 1, timeline }, 'name', '2022-06-01T00:00:00+08:00')).toMatchObject({
      name: '阿比多尔片',
      priceFen: null,
      headline: { attribute: 'paymentClass', value: 'A' },
    });
  });
});
