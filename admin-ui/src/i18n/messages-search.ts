/**
 * The texts of the header's search and its results page, in zh-CN and English; `messages.ts`
 * spreads them into its tables. `{name}` placeholders are filled by `t()`.
 */
export const searchZhCN = {
  'search.label': '搜索目录',
  'search.placeholder': '编码、名称或拼音首字母（如 hsjc）',
  'search.title': '搜索“{query}”',
  'search.kindFilter': '按类别筛选',
  'search.allKinds': '全部类别',
  'search.total': '共 {total} 条，截至第 {release} 版',
  'search.none': '没有找到匹配的条目。可输入编码开头、名称中的字词，或名称的拼音首字母。',
  'search.kind': '类别',
  'search.name': '名称',
  'search.price': '现行价格（元）/ 要点',
} as const;

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
