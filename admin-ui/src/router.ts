import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The console's pages. Hash routing: the server only ever serves index.html. */
export type Route =
  | { page: 'price-items' }
  | { page: 'price-item'; code: string }
  | { page: 'change-sets' }
  | { page: 'change-set'; id: string }
  | { page: 'releases' }
  | { page: 'release'; number: number }
  | { page: 'not-found' };

/** Links to pages; the only place hashes are built (each segment encoded). */
export const href = {
  priceItems: () => '#/price-items',
  priceItem: (code: string) => `#/price-items/${encodeURIComponent(code)}`,
  changeSets: () => '#/change-sets',
  changeSet: (id: string) => `#/change-sets/${encodeURIComponent(id)}`,
  releases: () => '#/releases',
  release: (number: number) => `#/releases/${number}`,
};

export function parseRoute(hash: string): Route {
  const segments = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeSegment);
  const [first, second, ...rest] = segments;
  if (rest.length > 0 || second === null || first === null) return { page: 'not-found' };
  switch (first) {
    case undefined:
    case 'price-items':
      return second === undefined ? { page: 'price-items' } : { page: 'price-item', code: second };
    case 'change-sets':
      return second === undefined ? { page: 'change-sets' } : { page: 'change-set', id: second };
    case 'releases':
      if (second === undefined) return { page: 'releases' };
      return /^[1-9]\d{0,8}$/.test(second) ? { page: 'release', number: Number(second) } : { page: 'not-found' };
    default:
      return { page: 'not-found' };
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

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
