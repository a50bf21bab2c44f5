import MiniSearch from 'minisearch';
import { compareRanked, entryName, isInitialsWord, type MatchRank, normalizeSearchText, rankMatch, type SearchableEntry } from '#catalog/catalog-search.ts';
import type { EntryKind } from '#catalog/kinds.ts';
import type { EntryVersion } from './release-store.ts';

/** One entry as the index holds it: its kind and code, and what the search matches against. */
export interface IndexedEntry {
  kind: EntryKind;
  code: string;
  /** The release that made this version of the entry: the same version needs no new analysis. */
  release: number;
  searchable: SearchableEntry;
}

/** A verified hit: the entry's place in the index, and how it matched. */
export interface RankedHit {
  entry: IndexedEntry;
  rank: MatchRank;
}

/** Pinyin initials of a normalized name: one letter per Chinese character, letters and digits as they are, nothing else. */
export type InitialsOf = (name: string) => string;

/**
 * The full-text index of one release of the whole catalog (every kind), built once and only read
 * afterwards. MiniSearch finds candidates and scores them (BM25 over three fields): the code as
 * one term (found by prefix), the names as character bigrams, the way CJK text is indexed without
 * a dictionary (Lucene's CJK analyzer does the same), and their pinyin initials as trigrams. So
 * any part of a name or of its initials is found, and n-grams over-approximate a substring: every
 * candidate is checked against the words (`rankMatch`) before it counts.
 */
export class SearchIndex {
  /** Estimated bytes held (strings and the inverted index), for the catalog cache's bound. */
  readonly bytes: number;
  private readonly mini: MiniSearch<{ id: number; code: string; name: string; initials: string }>;

  constructor(
    readonly release: number,
    readonly entries: readonly IndexedEntry[],
  ) {
    this.mini = new MiniSearch({
      fields: ['code', 'name', 'initials'],
      tokenize: (text) => (text === '' ? [] : text.split(' ')),
      processTerm: (term) => term,
      searchOptions: { tokenize: (text) => [text], processTerm: (term) => term, boost: { code: 3, name: 2, initials: 1 } },
    });
    // The size estimate's inputs: n-gram text (which grows with the postings) and the strings kept.
    let postings = 0;
    let chars = 0;
    const documents = entries.map(({ searchable }, id) => {
      const name = searchable.names.flatMap((text) => grams(text, NAME_GRAM)).join(' ');
      const initials = searchable.initials.flatMap((text) => grams(text, INITIALS_GRAM)).join(' ');
      postings += 1 + name.length / 2 + initials.length / 2;
      chars += searchable.code.length + searchable.names.join('').length + searchable.initials.join('').length;
      return { id, code: searchable.code, name, initials };
    });
    this.mini.addAll(documents);
    this.bytes = Math.round(postings * BYTES_PER_POSTING + chars * 2 + entries.length * BYTES_PER_ENTRY);
  }

  /** Every entry matching all `words` (normalized, see `searchWords`), best first. */
  search(words: readonly string[]): RankedHit[] {
    if (words.length === 0) return [];
    const candidates = this.mini.search({ combineWith: 'AND', queries: words.map(wordQuery) });
    const hits: (RankedHit & { score: number; kind: EntryKind; code: string })[] = [];
    for (const candidate of candidates) {
      const entry = this.entries[candidate.id as number] as IndexedEntry;
      const rank = rankMatch(entry.searchable, words);
      if (rank) hits.push({ entry, rank, score: candidate.score, kind: entry.kind, code: entry.code });
    }
    hits.sort(compareRanked);
    return hits.map(({ entry, rank }) => ({ entry, rank }));
  }
}

/**
 * What the search matches of an entry: its code, the distinct names of its periods (a renamed
 * item is found by its old name too) and their initials.
 */
export function searchableEntry(kind: EntryKind, entry: EntryVersion, initialsOf: InitialsOf): SearchableEntry {
  const names = [...new Set(entry.timeline.map((period) => normalizeSearchText(entryName(kind, period.attributes))))];
  return { code: entry.code.toLowerCase(), names, initials: names.map(initialsOf) };
}

/**
 * Pinyin initials with pinyin-pro, loaded on first use: its dictionary is about 450 KB, which
 * the API's cold start should not pay for before anyone searches. Readings follow the word
 * (核酸 hé suān), as pinyin-pro resolves polyphonic characters in context.
 */
export async function loadInitials(): Promise<InitialsOf> {
  const { pinyin } = await import('pinyin-pro');
  return (name) =>
    pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
      .map((part) => part.toLowerCase())
      .filter((part) => /^[a-z0-9]+$/.test(part))
      .join('');
}

/**
 * Measured with 20,000 entries (test/bench/search.ts, heap before and after): MiniSearch's maps
 * per n-gram posting, and per entry its analysis and MiniSearch's document data.
 */
const BYTES_PER_POSTING = 48;
const BYTES_PER_ENTRY = 1100;

/**
 * A word matches by code prefix, by its n-grams among the names' (bigrams) or, letters and digits,
 * among the initials' (trigrams: an alphabet of 26 letters makes bigram lists long). A run shorter
 * than n is looked up as a prefix, which finds it anywhere: as the start of an n-gram, or in a
 * run's tail.
 */
function wordQuery(word: string) {
  const prefixOfShort = (length: number) => (term: string) => term.length < length;
  const queries: { queries: string[] }[] = [];
  if (/^[0-9a-z._-]+$/.test(word)) queries.push({ queries: [word], fields: ['code'], prefix: true } as never);
  const nameTerms = queryGrams(word, NAME_GRAM);
  if (nameTerms.length > 0) queries.push({ queries: nameTerms, fields: ['name'], combineWith: 'AND', prefix: prefixOfShort(NAME_GRAM) } as never);
  if (isInitialsWord(word))
    queries.push({ queries: queryGrams(word, INITIALS_GRAM), fields: ['initials'], combineWith: 'AND', prefix: prefixOfShort(INITIALS_GRAM) } as never);
  return { combineWith: 'OR' as const, queries };
}

const NAME_GRAM = 2;
const INITIALS_GRAM = 3;

/** A word's terms: the n-grams of each run, or a run shorter than n as it is (looked up as a prefix). */
function queryGrams(word: string, n: number): string[] {
  return runs(word).flatMap((characters) =>
    characters.length < n ? [characters.join('')] : characters.slice(n - 1).map((_, index) => characters.slice(index, index + n).join('')),
  );
}

/**
 * The indexed terms of a text: for every run between spaces, punctuation and symbols, each n
 * neighbouring characters, and the run's tail shorter than that (so a short word is found at
 * the end too).
 */
export function grams(text: string, n: number): string[] {
  const terms: string[] = [];
  for (const characters of runs(text)) {
    for (let index = 0; index < characters.length; index++) {
      let term = '';
      for (let offset = index; offset < index + n && offset < characters.length; offset++) term += characters[offset];
      terms.push(term);
    }
  }
  return terms;
}

/** The runs of characters between spaces, punctuation and symbols, each as its characters. */
function runs(text: string): string[][] {
  return text
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((run) => run !== '')
    .map((run) => [...run]);
}
