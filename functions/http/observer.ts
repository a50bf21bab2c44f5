import type { Role } from '#catalog/identity.ts';

/** One answered request, as the operator's logs and metrics see it (never a token's contents). */
export interface RequestSeen {
  method: string;
  /** The route's pattern (`/v1/catalog/:kind/:code`), not the path: a bounded set of values. */
  route: string;
  status: number;
  durationMs: number;
  /** The caller's role, once signed in. */
  role?: Role;
}

/**
 * What the app tells whoever watches it (issue 11 §4): on Lambda, structured log lines and
 * CloudWatch metrics (Powertools, EMF); locally, nobody. Each hook is optional.
 */
export interface Observer {
  request?(seen: RequestSeen): void;
  published?(seen: { release: number; changeCount: number; state: 'visible' | 'committed'; durationMs: number }): void;
}
