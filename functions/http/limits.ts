import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ProblemError } from './problem.ts';

/** URLs longer than this get 414: no route of the API needs more. */
export const MAX_URL_LENGTH = 8 * 1024;

/**
 * Request body limits by route, the first match winning: a file import may be large, a batch of
 * changes fairly large, everything else (JSON commands, rule questions) small. Unauthenticated
 * routes are covered too, since the limit runs before sign-in.
 */
export const bodyLimits: { pattern: RegExp; maxBytes: number }[] = [
  { pattern: /^\/v1\/change-sets\/[^/]+\/import$/, maxBytes: 21 * 1024 * 1024 },
  { pattern: /^\/v1\/change-sets\/[^/]+\/changes$/, maxBytes: 8 * 1024 * 1024 },
  // The local stand-in for S3's presigned POST: the file and its signed form fields.
  { pattern: /^\/files\/upload$/, maxBytes: 21 * 1024 * 1024 },
  { pattern: /^/, maxBytes: 256 * 1024 },
];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bounds every request before any route reads it: the URL's length, the body's size (by route),
 * and for JSON bodies their encoding: bytes that are not UTF-8 are refused rather than stored as
 * U+FFFD.
 */
export function requestLimits(): MiddlewareHandler {
  const limiters = bodyLimits.map(({ pattern, maxBytes }) => ({
    pattern,
    limit: bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new ProblemError('payload-too-large', `the request body is larger than ${formatBytes(maxBytes)}`);
      },
    }),
  }));
  return async (c, next) => {
    if (c.req.url.length > MAX_URL_LENGTH) throw new ProblemError('uri-too-long', `the URL is longer than ${MAX_URL_LENGTH} characters`);
    // No body to bound; and not touching the body keeps the Node adapter from building a full Request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const path = c.req.path;
    const limiter = limiters.find(({ pattern }) => pattern.test(path));
    await limiter?.limit(c, async () => {
      if (isJson(c.req.header('Content-Type')) && c.req.raw.body) {
        const bytes = await c.req.arrayBuffer();
        try {
          strictUtf8.decode(bytes);
        } catch (error) {
          throw new ProblemError(
            'invalid-encoding',
            'the JSON body is not valid UTF-8',
            [{ path: '(root)', in: 'body', code: 'invalid_encoding', message: 'invalid UTF-8 bytes' }],
            {
              cause: error,
            },
          );
        }
      }
      await next();
    });
  };
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim());
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
