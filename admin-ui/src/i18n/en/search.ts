import type { searchZhCN } from '../zh-CN/search.ts';

/** The English of ../zh-CN/search.ts: the same keys and placeholders. */
export const searchEn: Record<keyof typeof searchZhCN, string> = {
  'search.label': 'Search the catalog',
  'search.placeholder': 'Code, name or pinyin initials (e.g. hsjc)',
  'search.title': 'Search for “{query}”',
  'search.kindFilter': 'Filter by kind',
  'search.allKinds': 'All kinds',
  'search.total': '{total} found, as of release {release}',
  'search.none': 'Nothing matches. Type the start of a code, words of a name, or the pinyin initials of a name.',
  'search.kind': 'Kind',
  'search.name': 'Name',
  'search.price': 'Current price (yuan) / headline',
};
