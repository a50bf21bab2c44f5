/**
 * The texts of the header's search and its results page (zh-CN; the English ones are in ../en/, loaded when chosen); `messages.ts`
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
