import type { usersZhCN } from '../zh-CN/users.ts';

/** The English of ../zh-CN/users.ts: the same keys and placeholders. */
export const usersEn: Record<keyof typeof usersZhCN, string> = {
  'nav.users': 'Users & organisations',
  'users.title': 'Users and organisations',
  'users.subtitle':
    'People in the identity provider, with their role and organisation. Only an admin changes a hospital’s or firm’s user’s organisation, here, and every change is recorded.',
  'users.username': 'Username',
  'users.name': 'Name',
  'users.role': 'Role',
  'users.org': 'Organisation',
  'users.status': 'Status',
  'users.enabled': 'Enabled',
  'users.disabled': 'Disabled',
  'users.noRole': 'No role (can do nothing)',
  'users.noOrg': '—',
  'users.changeOrg': 'Change organisation',
  'users.changeTitle': 'Change the organisation of {name}',
  'users.newOrg': 'New organisation code',
  'users.orgHint': '2–64 letters, digits, - or _, e.g. hosp-cczx',
  'users.reason': 'Reason',
  'users.reasonPlaceholder': 'e.g. moved to the IT office of Changchun Central Hospital',
  'users.confirm': 'Change',
  'users.cancel': 'Cancel',
  'users.confirmMessage':
    '{name} moves from “{before}” to “{after}”. From their next sign-in or token refresh they act for the new organisation and no longer see the old one’s applications. Change it?',
  'users.changes': 'Changes',
  'users.noChanges': 'No changes yet',
  'users.changeAt': 'When',
  'users.changeBy': 'By',
  'users.changeWho': 'User',
  'users.changeFromTo': 'Before → after',
  'users.changeReason': 'Reason',
  'users.more': 'More',
  'users.external': 'This deployment uses the bureau’s own identity provider: people and organisations are managed there.',
};
