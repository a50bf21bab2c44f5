import type { EntryKind } from '#catalog/kinds.ts';

/**
 * Every key of the single table, built in one place. The table has a string partition key `pk`
 * and a string sort key `sk`; nothing outside this module writes a key string.
 *
 * | record                         | pk                     | sk                 |
 * |--------------------------------|------------------------|--------------------|
 * | change set                     | CHANGESETS             | <id>               |
 * | a change of a change set       | CS#<id>                | CHANGE#<n, 8 wide> |
 * | release (the commit point)     | RELEASES               | REL#<n, 10 wide>   |
 * | an entry's timeline at release | ENTRY#<kind>#<code>    | REL#<n, 10 wide>   |
 * | the current view of a kind     | VIEW#<kind>            | <code>             |
 * | the visible-release pointer    | POINTER                | VISIBLE            |
 * | a downstream system's client   | MCLIENTS               | <client id>        |
 * | a green-channel application    | APPS                   | <type>#<id>        |
 * | an idempotent write's answer   | IDEMPOTENCY            | <scope>            |
 * | an organisation's open drafts  | ORG#<orgId>            | OPEN-DRAFTS#<type> |
 * | a user's organisation changed  | ORGCHANGES             | <at>#<username>    |
 * | an organisation (its name)     | ORGS                   | <orgId>            |
 * | an import of a large file      | IMPORTS#<change set>   | <import id>        |
 * | a downstream webhook endpoint  | WEBHOOKS               | <webhook id>       |
 * | an organisation's app event    | ORGEVENTS#<orgId>      | <ms>#<type>#<id>#<version> |
 * | an attempt to deliver to one   | WEBHOOK#<webhook id>   | <at>#<rel>#<try>   |
 * | an application's file          | DOCS#<type>#<app id>   | <document id>      |
 *
 * A green-channel application also carries the keys of two global secondary indexes, named for
 * the lists they serve (see `applicationIndexes` below); every create and save writes them, so
 * a step that changes the state or the due date moves the item in the index by itself:
 *
 * | index        | partition (pk attribute)        | sort (sk attribute)             | serves                      |
 * |--------------|---------------------------------|---------------------------------|-----------------------------|
 * | `byOrg`      | gsi1pk = ORG#<orgId>#<type>     | gsi1sk = <due>#<created>#<id>   | a hospital's or firm's own  |
 * | `byStateDue` | gsi2pk = <type>#<state>         | gsi2sk = <due>#<created>#<id>   | the bureau's inbox, overdue |
 *
 * `<due>` and `<created>` are epoch milliseconds, 15 digits (no due date: all nines), so both
 * indexes read soonest due first, and "due by now" is a range on the sort key.
 *
 * The same two indexes serve the change sets (single-table overloading: other key prefixes in
 * the same attributes, so no new index is needed):
 *
 * | item                 | byOrg (gsi1pk / gsi1sk)                        | byStateDue (gsi2pk / gsi2sk)           |
 * |----------------------|------------------------------------------------|----------------------------------------|
 * | change set record    | CHANGESETS-BY#<author sub> / <updated>#<id>    | CHANGESETS#<state> / <updated>#<id>    |
 * | a change of one      | PENDING#<kind>#<code> / <change set id>#<n>    | —                                      |
 *
 * so change sets list by state and by author, newest first, and an entry's pending changes are
 * one query (the change sets they belong to are then read to drop published or rejected ones).
 */
export interface Key {
  pk: string;
  sk: string;
}

const RELEASE_PREFIX = 'REL#';
const CHANGE_PREFIX = 'CHANGE#';

export const keys = {
  changeSets: () => 'CHANGESETS',
  changeSet: (id: string): Key => ({ pk: 'CHANGESETS', sk: id }),
  changesOf: (changeSetId: string) => `CS#${changeSetId}`,
  change: (changeSetId: string, n: number): Key => ({ pk: `CS#${changeSetId}`, sk: `${CHANGE_PREFIX}${pad(n, 8)}` }),
  changePrefix: CHANGE_PREFIX,
  changeNumber: (sk: string) => Number(sk.slice(CHANGE_PREFIX.length)),
  releases: () => 'RELEASES',
  release: (n: number): Key => ({ pk: 'RELEASES', sk: releaseSk(n) }),
  releaseSk,
  releaseNumber: (sk: string) => Number(sk.slice(RELEASE_PREFIX.length)),
  entryHistory: (kind: EntryKind, code: string) => `ENTRY#${kind}#${code}`,
  entryVersion: (kind: EntryKind, code: string, n: number): Key => ({ pk: `ENTRY#${kind}#${code}`, sk: releaseSk(n) }),
  view: (kind: EntryKind) => `VIEW#${kind}`,
  viewEntry: (kind: EntryKind, code: string): Key => ({ pk: `VIEW#${kind}`, sk: code }),
  visiblePointer: (): Key => ({ pk: 'POINTER', sk: 'VISIBLE' }),
  applications: () => 'APPS',
  applicationPrefix: (type: string) => `${type}#`,
  application: (type: string, id: string): Key => ({ pk: 'APPS', sk: `${type}#${id}` }),
  idempotency: (scope: string): Key => ({ pk: 'IDEMPOTENCY', sk: scope }),
  machineClients: () => 'MCLIENTS',
  machineClient: (clientId: string): Key => ({ pk: 'MCLIENTS', sk: clientId }),
  importJob: (changeSetId: string, importId: string): Key => ({ pk: `IMPORTS#${changeSetId}`, sk: importId }),
  webhooks: () => 'WEBHOOKS',
  orgEvents: (orgId: string) => `ORGEVENTS#${orgId}`,
  orgEvent: (orgId: string, atMs: number, type: string, id: string, version: number): Key => ({
    pk: `ORGEVENTS#${orgId}`,
    sk: `${pad(atMs, 15)}#${type}#${id}#${pad(version, 6)}`,
  }),
  /** An organisation-event position: nothing before `atMs` (a new endpoint starts here). */
  orgEventsFrom: (atMs: number) => pad(atMs, 15),
  webhook: (id: string): Key => ({ pk: 'WEBHOOKS', sk: id }),
  webhookDeliveries: (id: string) => `WEBHOOK#${id}`,
  webhookDelivery: (id: string, at: string, release: number, attempt: number): Key => ({
    pk: `WEBHOOK#${id}`,
    sk: `${at}#${pad(release, 10)}#${pad(attempt, 4)}`,
  }),
  documents: (applicationType: string, applicationId: string) => `DOCS#${applicationType}#${applicationId}`,
  document: (applicationType: string, applicationId: string, documentId: string): Key => ({
    pk: `DOCS#${applicationType}#${applicationId}`,
    sk: documentId,
  }),
  organisationChanges: () => 'ORGCHANGES',
  organisationChange: (at: string, username: string): Key => ({ pk: 'ORGCHANGES', sk: `${at}#${username}` }),
  organisations: () => 'ORGS',
  organisation: (orgId: string): Key => ({ pk: 'ORGS', sk: orgId }),
};

function releaseSk(n: number): string {
  return `${RELEASE_PREFIX}${pad(n, 10)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// --- green-channel application indexes ------------------------------------------------------------

/** The global secondary indexes of the table and the item attributes that key them. */
export const applicationIndexes = {
  byOrg: { name: 'byOrg', pk: 'gsi1pk', sk: 'gsi1sk' },
  byStateDue: { name: 'byStateDue', pk: 'gsi2pk', sk: 'gsi2sk' },
} as const;
export type ApplicationIndex = (typeof applicationIndexes)[keyof typeof applicationIndexes];

const NO_DUE_DATE = '9'.repeat(15);

export const applicationKeys = {
  byOrg: (orgId: string, type: string) => `ORG#${orgId}#${type}`,
  byStateDue: (type: string, state: string) => `${type}#${state}`,
  /** The sort key of both indexes: soonest due first, then oldest first; the id makes it unique. */
  dueOrder: (dueMs: number | undefined, createdMs: number, id: string) => `${dueMs === undefined ? NO_DUE_DATE : pad(dueMs, 15)}#${pad(createdMs, 15)}#${id}`,
  /** The greatest sort key whose due date is at or before `ms` (nothing sorts equal to it). */
  dueBy: (ms: number) => `${pad(ms, 15)}$`,
  /** The least sort key whose due date is after `ms`. */
  dueAfter: (ms: number) => pad(ms + 1, 15),
  /** Below and above every sort key, for a range with one open end. */
  first: '0',
  last: '~',
  /** What `dueOrder` makes, for checking a position that came back from a client. */
  dueOrderPattern: /^\d{15}#\d{15}#[0-9A-Za-z][0-9A-Za-z._-]{0,36}$/,
  openDrafts: (orgId: string, type: string): Key => ({ pk: `ORG#${orgId}`, sk: `OPEN-DRAFTS#${type}` }),
};

/** The change sets' keys in the two indexes (see the table above). */
export const changeSetIndexKeys = {
  byState: (state: string) => `CHANGESETS#${state}`,
  byAuthor: (sub: string) => `CHANGESETS-BY#${sub}`,
  /** Newest first when read backwards. */
  updatedOrder: (updatedMs: number, id: string) => `${pad(updatedMs, 15)}#${id}`,
  updatedOrderPattern: /^\d{15}#[0-9A-Za-z][0-9A-Za-z._-]{0,99}$/,
  pending: (kind: string, code: string) => `PENDING#${kind}#${code}`,
  pendingOrder: (changeSetId: string, n: number) => `${changeSetId}#${pad(n, 8)}`,
};
