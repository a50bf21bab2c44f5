import type { Change, NumberedChange } from '../../policy-catalog/change.ts';
import type { ChangeSet, ChangeSetState } from '../../policy-catalog/change-set.ts';
import type { Identity, Role } from '../../policy-catalog/identity.ts';
import type { PriceItemAttributes } from '../../policy-catalog/price-item.ts';
import type { Release } from '../../policy-catalog/release.ts';
import type { Period, Timeline } from '../../policy-catalog/timeline.ts';

export type { Change, ChangeSet, ChangeSetState, Identity, NumberedChange, PriceItemAttributes, Release, Role };
export type PriceItemChange = Extract<Change, { kind: 'price-items' }>;
export type PriceItemPeriod = Period<PriceItemAttributes>;

/** One field that failed, as the API names it (`changes.0.attributes.priceFen`, in the body). */
export interface FieldProblem {
  path: string;
  in: 'body' | 'query' | 'path' | 'header';
  message: string;
}

/** An application/problem+json answer (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
}

export interface PriceItemEntry {
  kind: 'price-items';
  code: string;
  /** The release that produced this version of the entry. */
  release: number;
  timeline: Timeline<PriceItemAttributes>;
}

export interface PriceItemPage {
  kind: 'price-items';
  release: number;
  items: PriceItemEntry[];
  cursor?: string;
}

export interface PriceItemAsOf extends PriceItemEntry {
  asOfRelease: number;
}

export interface PriceItemOnDate {
  kind: 'price-items';
  code: string;
  release: number;
  asOfRelease: number;
  on: string;
  period: PriceItemPeriod;
}

export interface ChangeSetWithChanges extends ChangeSet {
  changes: NumberedChange[];
}

/** A change set as last read, with the ETag to send back as If-Match on the next write. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface ReleasePage {
  items: Release[];
  visibleRelease: number;
  next?: number;
}

export interface ReleaseWithChanges extends Release {
  changes: NumberedChange[];
}

export interface DemoIdentity {
  role: Role;
  name: string;
  orgId?: string;
}

/** The API answered with a problem; `problem` says what and which fields. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    options?: { cause?: unknown },
  ) {
    super(problem.detail ?? problem.title, options);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: Query;
  body?: unknown;
  ifMatch?: string;
  signal?: AbortSignal;
  /** Sign-in itself needs no token. */
  anonymous?: boolean;
}

const TOKEN_KEY = 'gc.token';
const SESSION_EVENT = 'gc-session-change';

/**
 * The typed client of the Green Channel HTTP API. It is the only code that builds URLs (each
 * path segment through encodeURIComponent) and the only keeper of the sign-in token
 * (sessionStorage, so a token never outlives the browser tab).
 */
export class ApiClient {
  constructor(private baseUrl = '') {}

  /** Where the API lives; '' means the console's own origin (local server). */
  configure({ baseUrl }: { baseUrl: string }): void {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  // --- session -------------------------------------------------------------------------------

  /** The signed-in identity, read from the token's claims; undefined when signed out or expired. */
  identity(): Identity | undefined {
    const token = this.token();
    if (!token) return undefined;
    const claims = decodeClaims(token);
    if (!claims || typeof claims.role !== 'string' || typeof claims.name !== 'string' || typeof claims.sub !== 'string') return undefined;
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return undefined;
    return {
      sub: claims.sub,
      name: claims.name,
      role: claims.role as Role,
      ...(typeof claims.orgId === 'string' ? { orgId: claims.orgId } : {}),
    };
  }

  /** Local sign-in as a demo identity (`POST /auth/dev-token`; absent on AWS). */
  async signIn(identity: DemoIdentity): Promise<Identity> {
    const { token } = await this.request<{ token: string }>(['auth', 'dev-token'], { method: 'POST', body: identity, anonymous: true });
    sessionStorage.setItem(TOKEN_KEY, token);
    notifySessionChange();
    const signedIn = this.identity();
    if (!signedIn) throw new Error('the API gave out a token without an identity');
    return signedIn;
  }

  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    notifySessionChange();
  }

  // --- catalog -------------------------------------------------------------------------------

  listPriceItems(query: { limit?: number; cursor?: string; codePrefix?: string }, signal?: AbortSignal): Promise<PriceItemPage> {
    return this.request(['v1', 'catalog', 'price-items'], { query, ...withSignal(signal) });
  }

  getPriceItem(code: string, signal?: AbortSignal): Promise<PriceItemAsOf> {
    return this.request(['v1', 'catalog', 'price-items', code], withSignal(signal));
  }

  /** The period that applied on `on` (a China-time date), as published in `release` (default: the newest). */
  getPriceItemOn(code: string, on: string, release?: number, signal?: AbortSignal): Promise<PriceItemOnDate> {
    return this.request(['v1', 'catalog', 'price-items', code], { query: { on, release }, ...withSignal(signal) });
  }

  // --- change sets ---------------------------------------------------------------------------

  async listChangeSets(state?: ChangeSetState, signal?: AbortSignal): Promise<ChangeSet[]> {
    const page = await this.request<{ items: ChangeSet[] }>(['v1', 'change-sets'], { query: { state }, ...withSignal(signal) });
    return page.items;
  }

  getChangeSet(id: string, signal?: AbortSignal): Promise<Versioned<ChangeSetWithChanges>> {
    return this.versioned(['v1', 'change-sets', id], withSignal(signal));
  }

  createChangeSet(title: string): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets'], { method: 'POST', body: { title } });
  }

  addChanges(id: string, etag: string, changes: Change[]): Promise<Versioned<{ changeSet: ChangeSet; added: NumberedChange[] }>> {
    return this.versioned(['v1', 'change-sets', id, 'changes'], { method: 'POST', body: { changes }, ifMatch: etag });
  }

  removeChange(id: string, etag: string, n: number): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets', id, 'changes', String(n)], { method: 'DELETE', ifMatch: etag });
  }

  submitChangeSet(id: string, etag: string): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets', id, 'submit'], { method: 'POST', ifMatch: etag });
  }

  approveChangeSet(id: string, etag: string): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets', id, 'approve'], { method: 'POST', ifMatch: etag });
  }

  rejectChangeSet(id: string, etag: string, reason: string): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets', id, 'reject'], { method: 'POST', body: { reason }, ifMatch: etag });
  }

  publishChangeSet(id: string, etag: string): Promise<Versioned<{ changeSet: ChangeSet; release: Release }>> {
    return this.versioned(['v1', 'change-sets', id, 'publish'], { method: 'POST', ifMatch: etag });
  }

  // --- releases ------------------------------------------------------------------------------

  /** Releases after number `after`, oldest first. */
  listReleases(query: { after?: number; limit?: number }, signal?: AbortSignal): Promise<ReleasePage> {
    return this.request(['v1', 'releases'], { query, ...withSignal(signal) });
  }

  getRelease(number: number, signal?: AbortSignal): Promise<ReleaseWithChanges> {
    return this.request(['v1', 'releases', String(number)], withSignal(signal));
  }

  // --- plumbing ------------------------------------------------------------------------------

  private token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  /** `segments` are path segments, each encoded; `query` drops undefined and empty values. */
  private url(segments: readonly string[], query: Query = {}): string {
    const path = segments.map((segment) => encodeURIComponent(segment)).join('/');
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') search.set(name, String(value));
    }
    const queryString = search.toString();
    return `${this.baseUrl}/${path}${queryString ? `?${queryString}` : ''}`;
  }

  private async versioned<T>(segments: readonly string[], options: RequestOptions): Promise<Versioned<T>> {
    let etag = '';
    const value = await this.request<T>(segments, options, (response) => (etag = response.headers.get('ETag') ?? ''));
    return { value, etag };
  }

  private async request<T>(segments: readonly string[], options: RequestOptions = {}, onResponse?: (response: Response) => void): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const token = this.token();
    if (token && !options.anonymous) headers.Authorization = `Bearer ${token}`;
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    const init: RequestInit = { method: options.method ?? 'GET', headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.signal) init.signal = options.signal;
    let response: Response;
    try {
      response = await fetch(this.url(segments, options.query), init);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError({ type: 'network', title: 'network', status: 0, detail: String(error) }, { cause: error });
    }
    onResponse?.(response);
    const text = await response.text();
    const body: unknown = text ? parseJson(text) : undefined;
    if (!response.ok) {
      const problem = isProblem(body) ? body : { type: 'http', title: response.statusText, status: response.status, ...(text ? { detail: text.slice(0, 300) } : {}) };
      // A token the API no longer accepts (expired, new signing key): back to the sign-in page.
      if (response.status === 401 && !options.anonymous && token) this.signOut();
      throw new ApiError(problem);
    }
    return body as T;
  }
}

/** The one client of the console. */
export const api = new ApiClient();

/** Dispatched on window whenever someone signs in or out. */
export function onSessionChange(listener: () => void): () => void {
  window.addEventListener(SESSION_EVENT, listener);
  return () => window.removeEventListener(SESSION_EVENT, listener);
}

function notifySessionChange(): void {
  window.dispatchEvent(new CustomEvent(SESSION_EVENT));
}

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).status === 'number' && typeof (body as Problem).title === 'string';
}

/** The claims of a JWT, without verifying it (the API verifies; the console only shows who is signed in). */
function decodeClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
