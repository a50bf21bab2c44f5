import * as z from 'zod';
import { codeOfIssue, fieldErrorCodes, type FieldErrorCode, type FieldErrorParams } from '#catalog/problem-codes.ts';

/**
 * The one error type of the HTTP edge. Routes and middleware throw it; `app.onError` turns it
 * (and anything else) into application/problem+json (RFC 9457) in one place.
 */
export interface FieldError {
  /** Dotted path of the failing field, e.g. `changes.0.attributes.priceFen`. */
  path: string;
  /** Where the field was: the JSON body, the query string, the path or a header. */
  in: 'body' | 'query' | 'path' | 'header';
  /** Stable: what is wrong, for clients that say it in their own words (the console does). */
  code: FieldErrorCode;
  /** The code's parameters: limits (in yuan for money), other fields' names, dates in China time. */
  params?: FieldErrorParams;
  /** In English. */
  message: string;
}

export const problemTypes = {
  'validation-failed': { status: 400, title: 'The request has invalid fields' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Sign in first: a valid bearer token is required' },
  forbidden: { status: 403, title: 'Your role may not do this' },
  'four-eyes': { status: 403, title: 'A second person must approve' },
  'not-author': { status: 403, title: 'Only the author may do this' },
  'not-found': { status: 404, title: 'Not found' },
  'invalid-state': { status: 409, title: 'Not allowed in the current state' },
  conflict: { status: 409, title: 'Changed by someone else; reload and try again' },
  'revert-conflict': { status: 409, title: 'Later releases changed the same entries; the release cannot be reverted alone' },
  'acknowledgement-required': { status: 409, title: 'The change has effects that must be acknowledged by name first' },
  'precondition-failed': { status: 412, title: 'If-Match does not match the current version' },
  'precondition-required': { status: 428, title: 'If-Match is required: send the ETag you last read' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'The request URL is too long' },
  'limit-reached': { status: 422, title: 'A limit is reached' },
  'out-of-scope': { status: 422, title: 'A change set made by an application may change only the entry the application asked for' },
  'invalid-encoding': { status: 400, title: 'The text is not valid UTF-8 (or GB18030 for CSV files)' },
  unprocessable: { status: 422, title: 'The request cannot be carried out as it stands' },
  'import-rejected': { status: 422, title: 'The file has bad rows; nothing was imported' },
  'unreadable-file': { status: 400, title: 'The file cannot be read' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Content-Type' },
  internal: { status: 500, title: 'Internal error' },
  'service-unavailable': { status: 503, title: 'The service is temporarily unavailable; retry after the time given' },
} as const;

export type ProblemType = keyof typeof problemTypes;

export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly type: ProblemType,
    readonly detail?: string,
    readonly errors?: FieldError[],
    options?: { cause?: unknown; extensions?: Record<string, unknown> },
  ) {
    super(detail ?? problemTypes[type].title, options);
    this.name = 'ProblemError';
    this.status = problemTypes[type].status;
    this.extensions = options?.extensions;
  }

  /** RFC 9457 extension members, e.g. the bad rows of an import. */
  readonly extensions: Record<string, unknown> | undefined;

  toJSON(instance?: string) {
    return {
      type: `/problems/${this.type}`,
      title: problemTypes[this.type].title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
      ...this.extensions,
    };
  }
}

const FieldErrorSchema = z
  .object({
    path: z.string().meta({ example: 'changes.0.attributes.priceFen' }),
    in: z.enum(['body', 'query', 'path', 'header']),
    code: z.enum(fieldErrorCodes).meta({ description: 'What is wrong, stable; say it from this and `params` rather than from `message`' }),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .meta({ description: '`limit` (in yuan, two decimals, when `unit` is "yuan"), `field`/`other` (field names), dates in China time' }),
    message: z.string().meta({ description: 'In English' }),
  })
  .meta({ id: 'FieldError' });

export const Problem = z
  .object({
    type: z.string().meta({ example: '/problems/validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
    code: z.string().optional().meta({ description: 'What the detail says, stable (e.g. not_in_force), with `params`' }),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** zod issues → field errors. Unknown keys are named one by one, so the path names the field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], location: FieldError['in']): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((unknownKey) => ({
        path: dotted([...issue.path, unknownKey]),
        in: location,
        code: 'unknown_field',
        message: 'unknown field',
      }));
    }
    return [{ path: dotted(issue.path), in: location, ...codeOfIssue(issue), message: issue.message }];
  });
}

function dotted(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
