import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApplicationType, EntryKind, RuleName } from '../api/api.ts';

export const entryKinds: readonly EntryKind[] = ['price-items', 'drug-entries', 'listings', 'measures'];
export const applicationTypes: readonly ApplicationType[] = ['service', 'listing', 'designation'];
export const ruleNames: readonly RuleName[] = [
  'drug-coverage',
  'service-coverage',
  'contribution-relief',
  'medical-assistance',
  'out-of-area',
  'prepayment',
  'offline-purchase',
  'deadline',
];

/** The console's pages. Hash routing: the server only ever serves index.html. */
export type Route =
  | { page: 'entries'; kind: EntryKind }
  /** `release`: the entry as published in that release; absent for the newest. */
  | { page: 'entry'; kind: EntryKind; code: string; release?: number }
  | { page: 'change-sets' }
  | { page: 'change-set'; id: string }
  | { page: 'releases' }
  | { page: 'release'; number: number }
  /** Two releases compared for one kind; absent parts are still to be picked. */
  | { page: 'compare-releases'; kind?: EntryKind; from?: number; to?: number }
  | { page: 'rules'; rule: RuleName }
  | { page: 'machine-clients' }
  | { page: 'users' }
  | { page: 'organisations' }
  | { page: 'webhooks' }
  | { page: 'notifications' }
  | { page: 'email-outbox' }
  /** What takes effect when: a month of the catalog (YYYY-MM; absent, this month). */
  | { page: 'calendar'; month?: string }
  /** The header search's results: code, name or pinyin initials, of every kind or one. */
  | { page: 'search'; query: string; kind?: EntryKind }
  /** `type` absent: the signed-in person's own kind (a hospital's service applications, a firm's listings). */
  | { page: 'applications'; type?: ApplicationType }
  | { page: 'application'; type: ApplicationType; id: string }
  | { page: 'new-application'; type: ApplicationType }
  | { page: 'not-found' };

/** The navigation section a route belongs to (the list it is reached from). */
export type Section =
  | EntryKind
  | 'applications'
  | 'change-sets'
  | 'releases'
  | 'calendar'
  | 'rules'
  | 'machine-clients'
  | 'users'
  | 'organisations'
  | 'webhooks';

/** Links to pages; the only place hashes are built (each segment encoded). */
export const href = {
  entries: (kind: EntryKind) => `#/${kind}`,
  entry: (kind: EntryKind, code: string, release?: number) => `#/${kind}/${encodeURIComponent(code)}${release ? `?release=${release}` : ''}`,
  changeSets: () => '#/change-sets',
  changeSet: (id: string) => `#/change-sets/${encodeURIComponent(id)}`,
  releases: () => '#/releases',
  release: (number: number) => `#/releases/${number}`,
  compareReleases: (query: { kind?: EntryKind; from?: number; to?: number } = {}) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
    const text = search.toString();
    return `#/releases/compare${text ? `?${text}` : ''}`;
  },
  rules: (rule: RuleName = 'drug-coverage') => `#/rules/${rule}`,
  machineClients: () => '#/machine-clients',
  users: () => '#/users',
  organisations: () => '#/organisations',
  webhooks: () => '#/webhooks',
  notifications: () => '#/notifications',
  emailOutbox: () => '#/notifications/outbox',
  calendar: (month?: string) => (month ? `#/calendar?month=${month}` : '#/calendar'),
  search: (query: string, kind?: EntryKind) => `#/search?${new URLSearchParams(kind ? { q: query, kind } : { q: query }).toString()}`,
  applications: (type?: ApplicationType) => (type ? `#/applications/${type}` : '#/applications'),
  application: (type: ApplicationType, id: string) => `#/applications/${type}/${encodeURIComponent(id)}`,
  newApplication: (type: ApplicationType) => `#/apply/${type}`,
};

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const segments = path.split('/').filter(Boolean).map(decodeSegment);
  const [first, second, ...rest] = segments;
  if (first === 'applications' && rest.length === 1) return applicationRoute(second, rest[0]);
  if (rest.length > 0 || second === null || first === null) return { page: 'not-found' };
  const kind = entryKinds.find((candidate) => candidate === (first ?? 'price-items'));
  if (kind) {
    if (second === undefined) return { page: 'entries', kind };
    const release = new URLSearchParams(search).get('release');
    if (release === null) return { page: 'entry', kind, code: second };
    return isReleaseNumber(release) ? { page: 'entry', kind, code: second, release: Number(release) } : { page: 'not-found' };
  }
  switch (first) {
    case 'change-sets':
      return second === undefined ? { page: 'change-sets' } : { page: 'change-set', id: second };
    case 'releases':
      if (second === undefined) return { page: 'releases' };
      if (second === 'compare') return compareRoute(new URLSearchParams(search));
      return isReleaseNumber(second) ? { page: 'release', number: Number(second) } : { page: 'not-found' };
    case 'rules': {
      const rule = ruleNames.find((candidate) => candidate === (second ?? 'drug-coverage'));
      return rule ? { page: 'rules', rule } : { page: 'not-found' };
    }
    case 'machine-clients':
      return second === undefined ? { page: 'machine-clients' } : { page: 'not-found' };
    case 'users':
      return second === undefined ? { page: 'users' } : { page: 'not-found' };
    case 'organisations':
      return second === undefined ? { page: 'organisations' } : { page: 'not-found' };
    case 'webhooks':
      return second === undefined ? { page: 'webhooks' } : { page: 'not-found' };
    case 'notifications':
      if (second === 'outbox') return { page: 'email-outbox' };
      return second === undefined ? { page: 'notifications' } : { page: 'not-found' };
    case 'calendar': {
      const month = new URLSearchParams(search).get('month');
      if (second !== undefined || (month !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))) return { page: 'not-found' };
      return month ? { page: 'calendar', month } : { page: 'calendar' };
    }
    case 'search':
      return second === undefined ? searchRoute(new URLSearchParams(search)) : { page: 'not-found' };
    case 'applications': {
      if (second === undefined) return { page: 'applications' };
      const type = applicationTypes.find((candidate) => candidate === second);
      return type ? { page: 'applications', type } : { page: 'not-found' };
    }
    case 'apply': {
      const type = applicationTypes.find((candidate) => candidate === second);
      return type ? { page: 'new-application', type } : { page: 'not-found' };
    }
    default:
      return { page: 'not-found' };
  }
}

export function sectionOf(route: Route): Section | undefined {
  switch (route.page) {
    case 'entries':
    case 'entry':
      return route.kind;
    case 'change-sets':
    case 'change-set':
      return 'change-sets';
    case 'releases':
    case 'release':
    case 'compare-releases':
      return 'releases';
    case 'rules':
      return 'rules';
    case 'machine-clients':
      return 'machine-clients';
    case 'users':
      return 'users';
    case 'organisations':
      return 'organisations';
    case 'webhooks':
      return 'webhooks';
    case 'search':
    case 'notifications':
    case 'email-outbox':
      return undefined;
    case 'calendar':
      return 'calendar';
    case 'applications':
    case 'application':
    case 'new-application':
      return 'applications';
    case 'not-found':
      return undefined;
  }
}

export function navigate(to: string): void {
  if (location.hash === to) return;
  location.hash = to;
}

/** The current route; re-renders its host when the hash changes. */
export class RouteController implements ReactiveController {
  route: Route = parseRoute(location.hash);
  private readonly onHashChange = () => {
    this.route = parseRoute(location.hash);
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.onHashChange);
    this.onHashChange();
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }
}

function applicationRoute(typeSegment: string | null | undefined, id: string | null | undefined): Route {
  const type = applicationTypes.find((candidate) => candidate === typeSegment);
  return type && id ? { page: 'application', type, id } : { page: 'not-found' };
}

/** The compare view with what the link picks: a kind, and two releases (0 is the empty catalog before the first). */
function compareRoute(search: URLSearchParams): Route {
  const kind = entryKinds.find((candidate) => candidate === search.get('kind'));
  const number = (name: string) => {
    const text = search.get(name);
    return text !== null && /^(0|[1-9]\d{0,8})$/.test(text) ? Number(text) : undefined;
  };
  const from = number('from');
  const to = number('to');
  return { page: 'compare-releases', ...(kind ? { kind } : {}), ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/** A search needs something to search for; `kind` keeps to one kind when it names one. */
function searchRoute(search: URLSearchParams): Route {
  const query = (search.get('q') ?? '').trim();
  if (query === '') return { page: 'not-found' };
  const kind = entryKinds.find((candidate) => candidate === search.get('kind'));
  return { page: 'search', query, ...(kind ? { kind } : {}) };
}

function isReleaseNumber(text: string): boolean {
  return /^[1-9]\d{0,8}$/.test(text);
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
