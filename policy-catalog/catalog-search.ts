import * as z from 'zod';
import { EntryKind } from './kinds.ts';
import { Instant, toEpochMs } from './time.ts';
import { resolve, type Timeline } from './timeline.ts';

/**
 * Search across the catalog's kinds by code, name and pinyin initials (拼音首字母, "hsjc" →
 * 核酸检测), as a hospital clerk types it into a HIS. The meaning of a match and the order of
 * the hits live here, pure; the index that finds candidates fast is in functions/store.
 *
 * A query is cut into words at whitespace; every word must match, each in one of three ways:
 * a prefix of the code, a substring of a name, or a substring of a name's initials (letters and
 * digits only). Hits are ranked in tiers: the exact code, then code prefixes, then the rest by
 * relevance.
 */
export const SearchMatch = z.enum(['code', 'code-prefix', 'name', 'initials']).meta({
  id: 'SearchMatch',
  description: 'How the hit matched: its exact code, a code prefix, its name, or its name’s pinyin initials',
});
export type SearchMatch = z.infer<typeof SearchMatch>;

export const SearchHeadline = z
  .object({
    attribute: z.enum(['priceFen', 'listedPriceFen', 'paymentClass', 'type']),
    value: z.union([z.number().int(), z.string()]),
  })
  .meta({
    id: 'SearchHeadline',
    description: 'The kind’s headline attribute in the shown period: a price item’s ceiling, a listing’s price (fen), a drug’s payment class, a measure’s type',
  });
export type SearchHeadline = z.infer<typeof SearchHeadline>;

export const SearchHit = z
  .object({
    kind: EntryKind,
    code: z.string(),
    name: z.string().meta({ description: 'The name in the shown period (a measure without a title: its type)' }),
    release: z.number().int().meta({ description: 'The release that produced this version of the entry' }),
    match: SearchMatch,
    period: z
      .object({ validFrom: Instant, validTo: Instant.nullable(), status: z.enum(['in-force', 'upcoming', 'ended']), attributes: z.unknown() })
      .nullable()
      .meta({ description: 'The period shown: the one in force now, else the next to come, else the last' }),
    priceFen: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The shown period’s price in fen (a price item’s ceiling, a listing’s listed price); null for other kinds' }),
    headline: SearchHeadline.nullable(),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = z
  .object({
    q: z.string(),
    kind: EntryKind.optional(),
    release: z.number().int().meta({ description: 'The release searched (the visible one, or the one the cursor was made for)' }),
    total: z.number().int().meta({ description: 'Hits in all pages' }),
    items: z.array(SearchHit),
    cursor: z.string().optional().meta({ description: 'Pass as ?cursor= (with the same q and kind) for the next page; absent on the last page' }),
  })
  .meta({ id: 'SearchPage' });
export type SearchPage = z.infer<typeof SearchPage>;

/** What the search knows of one entry: lower-case code, normalized names, and their initials. */
export interface SearchableEntry {
  code: string;
  names: readonly string[];
  initials: readonly string[];
}

/** A hit's place in the order: tier 0 the exact code, 1 a code prefix, 2 a name or initials. */
export interface MatchRank {
  match: SearchMatch;
  tier: 0 | 1 | 2;
  /** A name or initials that starts with the first word ranks above one that contains it later. */
  leading: boolean;
}

/** Full-width letters, digits and brackets as their ASCII forms (NFKC), lower case, spaces collapsed. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a query (each must match); a word of punctuation alone says nothing and is left out. */
export function searchWords(query: string): string[] {
  const normalized = normalizeSearchText(query);
  return [...new Set(normalized.split(' '))].filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** Letters and digits only: a word that may be pinyin initials. */
export function isInitialsWord(word: string): boolean {
  return /^[a-z0-9]+$/.test(word);
}

/**
 * Whether `entry` matches every word, and how well; undefined when a word does not match. The
 * candidates an index gives are checked here, so the index may over-approximate (n-grams).
 */
export function rankMatch(entry: SearchableEntry, words: readonly string[]): MatchRank | undefined {
  if (words.length === 0) return undefined;
  let best: SearchMatch | undefined;
  for (const word of words) {
    const match = wordMatch(entry, word);
    if (match === undefined) return undefined;
    if (best === undefined || MATCH_ORDER.indexOf(match) < MATCH_ORDER.indexOf(best)) best = match;
  }
  const match = words.length === 1 && entry.code === words[0] ? 'code' : (best as SearchMatch);
  const tier = match === 'code' ? 0 : match === 'code-prefix' ? 1 : 2;
  const first = words[0] as string;
  const leading = entry.names.some((name) => name.startsWith(first)) || entry.initials.some((initials) => initials.startsWith(first));
  return { match, tier, leading };
}

/** The order of hits: tier, then a leading match, then relevance (higher first), then kind and code for a stable order. */
export function compareRanked(
  a: { rank: MatchRank; score: number; kind: EntryKind; code: string },
  b: { rank: MatchRank; score: number; kind: EntryKind; code: string },
): number {
  return (
    a.rank.tier - b.rank.tier ||
    Number(b.rank.leading) - Number(a.rank.leading) ||
    b.score - a.score ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/**
 * A hit as the search answers it, at `now`: the period in force (else the next to come, else the
 * last), its name, its price and the kind's headline attribute.
 */
export function searchHit(entry: { kind: EntryKind; code: string; release: number; timeline: Timeline }, match: SearchMatch, now: string): SearchHit {
  const { kind, code, release, timeline } = entry;
  const at = toEpochMs(now);
  const inForce = resolve(timeline, now);
  const shown = inForce ?? timeline.find((period) => toEpochMs(period.validFrom) > at) ?? timeline.at(-1);
  if (!shown) return { kind, code, name: code, release, match, period: null, priceFen: null, headline: null };
  const status = inForce ? 'in-force' : toEpochMs(shown.validFrom) > at ? 'upcoming' : 'ended';
  const headline = entryHeadline(kind, shown.attributes);
  return {
    kind,
    code,
    name: entryName(kind, shown.attributes),
    release,
    match,
    period: { ...shown, status },
    priceFen: typeof headline.value === 'number' ? headline.value : null,
    headline,
  };
}

/** The name an entry is known by in one period's attributes (a measure without a title: its type). */
export function entryName(kind: EntryKind, attributes: unknown): string {
  const value = attributes as Record<string, unknown>;
  switch (kind) {
    case 'price-items':
      return String(value.name);
    case 'drug-entries':
      return String(value.genericName);
    case 'listings':
      return String(value.product);
    case 'measures':
      return String(value.title ?? value.type);
  }
}

/** The headline attribute of one period's attributes, as the search shows it. */
export function entryHeadline(kind: EntryKind, attributes: unknown): SearchHeadline {
  const value = attributes as Record<string, unknown>;
  switch (kind) {
    case 'price-items':
      return { attribute: 'priceFen', value: Number(value.priceFen) };
    case 'listings':
      return { attribute: 'listedPriceFen', value: Number(value.listedPriceFen) };
    case 'drug-entries':
      return { attribute: 'paymentClass', value: String(value.paymentClass) };
    case 'measures':
      return { attribute: 'type', value: String(value.type) };
  }
}

const MATCH_ORDER: readonly SearchMatch[] = ['code', 'code-prefix', 'name', 'initials'];
const KIND_ORDER: readonly EntryKind[] = EntryKind.options;

function wordMatch(entry: SearchableEntry, word: string): SearchMatch | undefined {
  if (entry.code.startsWith(word)) return 'code-prefix';
  if (entry.names.some((name) => name.includes(word))) return 'name';
  if (isInitialsWord(word) && entry.initials.some((initials) => initials.includes(word))) return 'initials';
  return undefined;
}
