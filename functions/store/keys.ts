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
 * | a machine client's token       | MTOKENS                | <id>               |
 * | a green-channel application    | APPS                   | <type>#<id>        |
 * | an idempotent write's answer   | IDEMPOTENCY            | <scope>            |
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
  machineTokens: () => 'MTOKENS',
  applications: () => 'APPS',
  applicationPrefix: (type: string) => `${type}#`,
  application: (type: string, id: string): Key => ({ pk: 'APPS', sk: `${type}#${id}` }),
  idempotency: (scope: string): Key => ({ pk: 'IDEMPOTENCY', sk: scope }),
  machineToken: (id: string): Key => ({ pk: 'MTOKENS', sk: id }),
};

function releaseSk(n: number): string {
  return `${RELEASE_PREFIX}${pad(n, 10)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
