import type { Context } from 'hono';
import * as z from 'zod';
import { ProblemError } from './problem.ts';

/** The If-Match header of every state change on a versioned record (validated by `checkIfMatch`, so that a missing one is 428, not 400). */
export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Required: the ETag last read ("v<version>"). Missing → 428 precondition-required; stale → 412 precondition-failed.' }),
});

/** The ETag of a versioned record (change sets, applications). */
export function etag(record: { version: number }): string {
  return `"v${record.version}"`;
}

/**
 * Optimistic concurrency at the edge: every change to a versioned record names the version it
 * was made against. No If-Match (or `*`, which names no version) gets 428; a stale one 412.
 */
export function checkIfMatch(c: Context, record: { id: string; version: number }): void {
  const ifMatch = c.req.header('If-Match');
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') {
    throw new ProblemError('precondition-required', `send If-Match with the ETag of ${record.id} you last read (it is now ${etag(record)})`);
  }
  const accepted = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!accepted.includes(etag(record))) {
    throw new ProblemError('precondition-failed', `${record.id} is at ${etag(record)}, not ${ifMatch}`);
  }
}
