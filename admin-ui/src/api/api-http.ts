import type { Problem, Versioned } from './api-types.ts';
import { isProblem, parseJson } from './api-helpers.ts';
import * as auth from '../app/auth.ts';

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

export type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** A file sent as it is (an import), instead of a JSON body. */
  file?: { body: Blob; contentType: string };
  accept?: string;
  ifMatch?: string;
  /** A write that creates something: a retry with the same key changes nothing twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/**
 * The transport under the typed client (api.ts): URLs (each path segment through
 * encodeURIComponent), the access token, JSON, ETags, and problems as ApiError. The endpoints
 * are api.ts's; nothing else sends requests to the API.
 */
export class HttpClient {
  constructor(protected baseUrl = '') {}

  /** Where the API lives; '' means the console's own origin (local server). */
  configure({ baseUrl }: { baseUrl: string }): void {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
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

  protected async versioned<T>(segments: readonly string[], options: RequestOptions): Promise<Versioned<T>> {
    let etag = '';
    const value = await this.request<T>(segments, options, (response) => (etag = response.headers.get('ETag') ?? ''));
    return { value, etag };
  }

  protected async request<T>(segments: readonly string[], options: RequestOptions = {}, onResponse?: (response: Response) => void): Promise<T> {
    const response = await this.send(segments, options);
    onResponse?.(response);
    const text = await response.text();
    return (text ? parseJson(text) : undefined) as T;
  }

  /**
   * One HTTP exchange; any answer but 2xx becomes an ApiError carrying the problem. A 401 (the
   * token ran out or the API no longer accepts it) renews the token once and tries again; when
   * renewal is refused the console is signed out and shows the sign-in page.
   */
  protected async send(segments: readonly string[], options: RequestOptions, renewed = false): Promise<Response> {
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json, application/problem+json' };
    const token = auth.accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const init: RequestInit = { method: options.method ?? 'GET', headers };
    if (options.file) {
      headers['Content-Type'] = options.file.contentType;
      init.body = options.file.body;
    } else if (options.body !== undefined) {
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
    if (response.ok) return response;
    if (response.status === 401 && token && !renewed && (await auth.renew())) return this.send(segments, options, true);
    const text = await response.text();
    const body: unknown = text ? parseJson(text) : undefined;
    const problem = isProblem(body)
      ? body
      : { type: 'http', title: response.statusText, status: response.status, ...(text ? { detail: text.slice(0, 300) } : {}) };
    throw new ApiError(problem);
  }
}
