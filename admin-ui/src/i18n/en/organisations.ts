import type { organisationsZhCN } from '../zh-CN/organisations.ts';

/** The English of ../zh-CN/organisations.ts: the same keys and placeholders. */
export const organisationsEn: Record<keyof typeof organisationsZhCN, string> = {
  'nav.organisations': 'Organisations',
  'organisation.withCode': '{name} ({code})',
  'organisationType.hospital': 'Designated hospital',
  'organisationType.firm': 'Pharmaceutical firm',
  'organisations.title': 'Organisations',
  'organisations.subtitle':
    'The codes of hospitals and firms with their names. The console shows these names everywhere (the inbox, applications, the header, users and organisations); a code not listed here is shown as the code alone.',
  'organisations.code': 'Code',
  'organisations.name': 'Name',
  'organisations.type': 'Type',
  'organisations.changed': 'Last changed',
  'organisations.changedByAt': '{name} · {at}',
  'organisations.none': 'No organisations yet',
  'organisations.more': 'More',
  'organisations.add': 'Add organisation',
  'organisations.addTitle': 'Add an organisation',
  'organisations.rename': 'Rename',
  'organisations.renameTitle': 'Rename {code}',
  'organisations.codeHint': '2–64 letters, digits, - or _, as the organisation’s users’ tokens carry it, e.g. hosp-cczx',
  'organisations.namePlaceholder': 'e.g. 长春市中心医院',
  'organisations.save': 'Save',
  'organisations.cancel': 'Cancel',
  'organisations.confirmTitle': 'Rename the organisation',
  'organisations.confirmMessage': 'Organisation {code} is renamed from “{before}” to “{after}”; the console shows the new name everywhere at once. Rename it?',
  'organisations.confirm': 'Rename',
  'organisations.saved': 'Saved: {name}',
  'problemDetail.organisation.exists': 'The code {orgId} is in the registry already ({name}); to rename it, use Rename in the list.',
};
