/**
 * The organisations registry (机构名录, issue 14 §7): the admin's page that names the codes, and
 * an organisation's name said beside its code, in zh-CN (the English ones are in ../en/).
 */
export const organisationsZhCN = {
  'nav.organisations': '机构名录',
  'organisation.withCode': '{name}（{code}）',
  'organisationType.hospital': '定点医疗机构',
  'organisationType.firm': '医药企业',
  'organisations.title': '机构名录',
  'organisations.subtitle':
    '医疗机构和医药企业的机构代码及其名称。控制台各处（审核待办、申报详情、页眉、用户与机构）按此显示机构名称；名录中没有的代码只显示代码。',
  'organisations.code': '机构代码',
  'organisations.name': '机构名称',
  'organisations.type': '机构类型',
  'organisations.changed': '最后修改',
  'organisations.changedByAt': '{name} · {at}',
  'organisations.none': '名录中尚无机构',
  'organisations.more': '更多机构',
  'organisations.add': '新增机构',
  'organisations.addTitle': '新增机构',
  'organisations.rename': '改名',
  'organisations.renameTitle': '修改 {code} 的名称',
  'organisations.codeHint': '2–64 位字母、数字、- 或 _，与该机构用户令牌中的机构代码一致，例如 hosp-cczx',
  'organisations.namePlaceholder': '例如：长春市中心医院',
  'organisations.save': '保存',
  'organisations.cancel': '取消',
  'organisations.confirmTitle': '确认改名',
  'organisations.confirmMessage': '机构 {code} 将从「{before}」改名为「{after}」，控制台各处随即显示新名称。确定修改吗？',
  'organisations.confirm': '确认改名',
  'organisations.saved': '已保存：{name}',
  'problemDetail.organisation.exists': '机构代码 {orgId} 已在名录中（{name}）；要改名，请在列表中点“改名”。',
} as const;
