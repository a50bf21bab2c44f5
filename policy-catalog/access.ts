import type { Role } from './identity.ts';

/**
 * Who may do what: the one policy table (role × action). Routes ask `can(role, action)`;
 * nothing else decides access by role. Organisation scope (hospitals and firms see only their
 * own applications) is checked beside this, where the organisation is known.
 */
const everyone: readonly Role[] = ['pricing-staff', 'reviewer', 'hospital', 'firm', 'downstream', 'admin'];
const bureau: readonly Role[] = ['pricing-staff', 'reviewer', 'admin'];

export const policy = {
  'catalog:read': everyone,
  'release:read': everyone,
  'rule:decide': everyone,
  'machine-client:manage': ['pricing-staff', 'admin'],
  // People's roles and organisations (issue 10 §7).
  'user:manage': ['admin'],
  // The organisations registry (issue 14 §7): the bureau reads every organisation, a hospital or
  // firm only its own (organisation.ts); only an admin names them.
  'organisation:read': ['pricing-staff', 'reviewer', 'hospital', 'firm', 'admin'],
  'organisation:manage': ['admin'],
  // A downstream system registers and manages its own webhook endpoints; staff see every one.
  // Hospitals' and firms' own systems are told of their own applications only.
  'webhook:manage': ['downstream', 'hospital', 'firm'],
  'webhook:read': ['downstream', 'hospital', 'firm', 'pricing-staff', 'admin'],
  // Which application, and which step, is decided by policy-catalog/applications/access.ts.
  'application:read': ['hospital', 'firm', 'reviewer', 'pricing-staff', 'admin'],
  'application:create': ['hospital', 'firm'],
  // An application's files: uploaded by its applicant, read by it and the bureau (which ones: documents.ts).
  'application-document:upload': ['hospital', 'firm'],
  'application-document:read': ['hospital', 'firm', 'reviewer', 'pricing-staff', 'admin'],
  // What people are told in the console (issue 14 §3): their own, their organisation's, their role's.
  'notification:read': ['pricing-staff', 'reviewer', 'hospital', 'firm', 'admin'],
  // The mail outbox: every mail queued and what became of it (locally the only place mail goes).
  'email-outbox:read': ['admin'],
  'change-set:read': bureau,
  'change-set:create': ['pricing-staff'],
  // Reviewers edit and submit only the draft change sets their approvals of applications make.
  'change-set:edit': ['pricing-staff', 'reviewer'],
  'change-set:submit': ['pricing-staff', 'reviewer'],
  'change-set:approve': ['pricing-staff'],
  'change-set:reject': ['pricing-staff'],
  'change-set:publish': ['pricing-staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof policy;

export function can(role: Role, action: Action): boolean {
  return (policy[action] as readonly Role[]).includes(role);
}
