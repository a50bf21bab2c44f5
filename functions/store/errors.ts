/** Errors of the store layer. A failed write condition becomes a ConflictError, never a raw SDK error. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Someone else changed the record first (optimistic concurrency), or it is in the wrong state. */
export class ConflictError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConflictError';
  }
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionCanceledException');
}

/** Error names of the SDK and DynamoDB that mean "not now": throttling, timeouts, the service failing. */
const UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * Whether the database could not answer now (throttled, timed out, unreachable, failing), after
 * the SDK's own bounded retries. Such an error becomes 503 with Retry-After at the edge, never 500.
 */
export function isUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const candidate = current as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
    if (UNAVAILABLE_NAMES.has(candidate.name)) return true;
    if (candidate.code !== undefined && NETWORK_CODES.has(candidate.code)) return true;
    if ((candidate.$metadata?.httpStatusCode ?? 0) >= 500) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isUnavailable(inner))) return true;
  }
  return false;
}
