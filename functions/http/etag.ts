import type { Context } from 'hono';
import { ProblemError } from './problem.ts';

/** The ETag of a versioned record (change sets, applications). */
export function etag(record: { version: number }): string {
  return `"v${record.version}"`;
}

/** Optimistic concurrency at the edge: a stale If-Match gets 412; none, or `*`, passes. */
export function checkIfMatch(c: Context, record: { id: string; version: number }): void {
  const ifMatch = c.req.header('If-Match');
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const accepted = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!accepted.includes(etag(record))) {
    throw new ProblemError('precondition-failed', `${record.id} is at ${etag(record)}, not ${ifMatch}`);
  }
}
