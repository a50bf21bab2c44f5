import { beforeAll, describe, expect, it } from 'vitest';
import { searchWords } from '../../policy-catalog/catalog-search.ts';
import { applyChanges } from '../../policy-catalog/change.ts';
import type { EntryKind } from '../../policy-catalog/kinds.ts';
import { priceItemCodes } from '../../policy-catalog/seed/covid-test-prices.ts';
import { seedReleases } from '../../policy-catalog/seed/index.ts';
import type { Timeline } from '../../policy-catalog/timeline.ts';
import { grams, type IndexedEntry, type InitialsOf, loadInitials, SearchIndex, searchableEntry } from '../../functions/store/search-index.ts';

/** The seed catalog as one release of every kind: each entry's timeline after all seed releases. */
function seedCatalog(): { kind: EntryKind; code: string; release: number; timeline: Timeline }[] {
  const entries = new Map<string, { kind: EntryKind; code: string; release: number; timeline: Timeline }>();
  seedReleases.forEach((release, index) => {
    for (const change of release.changes) {
      const key = `${change.kind}/${change.code}`;
      const before = entries.get(key)?.timeline ?? [];
      entries.set(key, { kind: change.kind, code: change.code, release: index + 1, timeline: applyChanges(before, [change]) });
    }
  });
  return [...entries.values()].sort((a, b) => a.kind.localeCompare(b.kind) || (a.code < b.code ? -1 : 1));
}

let initialsOf: InitialsOf;
let index: SearchIndex;
const codes = (words: string) => index.search(searchWords(words)).map(({ entry }) => entry.code);

beforeAll(async () => {
  initialsOf = await loadInitials();
  const entries: IndexedEntry[] = seedCatalog().map((entry) => ({ ...entry, searchable: searchableEntry(entry.kind, entry, initialsOf) }));
  index = new SearchIndex(seedReleases.length, entries);
});

describe('pinyin initials', () => {
  it('take one letter per Chinese character, in context, and keep letters and digits', () => {
    expect(initialsOf('新型冠状病毒核酸检测(单样本)')).toBe('xxgzbdhsjcdyb');
    expect(initialsOf('新型冠状病毒(2019-ncov)抗原检测试剂盒')).toBe('xxgzbd2019ncovkyjcsjh');
    expect(initialsOf('长春市职工医保')).toBe('ccszgyb');
  });
});

describe('searching the seed catalog', () => {
  it('finds the PCR tests by the initials of 核酸检测 ("hsjc")', () => {
    const found = codes('hsjc');
    expect(found).toEqual(expect.arrayContaining([priceItemCodes.pcrSingle, priceItemCodes.pcrPooled5, priceItemCodes.pcrPooled10]));
    expect(found).not.toContain(priceItemCodes.antigen);
  });

  it('finds the antigen test and the antigen reagent listing by "kyjc" (抗原检测)', () => {
    const hits = index.search(searchWords('kyjc'));
    expect(hits.map(({ entry }) => entry.code)).toContain(priceItemCodes.antigen);
    expect(hits.map(({ entry }) => entry.kind)).toContain('listings');
    expect(hits.every(({ rank }) => rank.match === 'initials')).toBe(true);
  });

  it('finds items by a prefix of their code, and the exact code before every prefix', () => {
    expect(codes('2504031000')).toEqual([priceItemCodes.pcrSingle, priceItemCodes.pcrPooled5, priceItemCodes.pcrPooled10]);
    const exact = index.search(searchWords(priceItemCodes.pcrPooled5));
    expect(exact[0]).toMatchObject({ entry: { code: priceItemCodes.pcrPooled5 }, rank: { match: 'code', tier: 0 } });
  });

  it('finds names by any part of two characters or more, and by one character', () => {
    expect(codes('核酸检测')).toHaveLength(3);
    expect(codes('单样本')).toEqual([priceItemCodes.pcrSingle]);
    expect(codes('阿兹夫定').length).toBeGreaterThan(0);
    expect(codes('测')).toEqual(expect.arrayContaining([priceItemCodes.pcrSingle, priceItemCodes.antigen]));
  });

  it('needs every word to match, each in its own way', () => {
    expect(codes('hsjc 单样本')).toEqual([priceItemCodes.pcrSingle]);
    expect(codes('hsjc 10混1')).toEqual([priceItemCodes.pcrPooled10]);
    expect(codes('hsjc 阿兹夫定')).toEqual([]);
  });

  it('takes full-width letters and upper case as typed on a Chinese keyboard', () => {
    expect(codes('ＨＳＪＣ')).toEqual(codes('hsjc'));
  });

  it('does not count bigrams that are present but not next to each other', () => {
    // 核酸检测 has the bigrams 核酸 and 检测; "酸核" is not in any name.
    expect(codes('酸核')).toEqual([]);
    expect(codes('jchs')).toEqual([]);
  });
});

describe('n-grams', () => {
  it('index every neighbouring pair and the tail, split at punctuation', () => {
    expect(grams('核酸检测(单样本)', 2)).toEqual(['核酸', '酸检', '检测', '测', '单样', '样本', '本']);
    expect(grams('hsjc', 3)).toEqual(['hsj', 'sjc', 'jc', 'c']);
  });
});
