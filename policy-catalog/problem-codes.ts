import type * as z from 'zod';

/**
 * Stable codes of what can be wrong with a field, beside the English message: the console says
 * each in the officer's language from the code and its parameters (issue 14 §1). The generic
 * ones come from zod's checks; the others from the notices' and the catalog's own rules.
 * Adding a code here means adding its Chinese and English text in the console
 * (admin-ui/src/i18n/zh-CN/problems.ts and en/problems.ts); a test walks this list through the OpenAPI document.
 */
export const fieldErrorCodes = [
  // generic (zod)
  'required',
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unknown_field',
  'not_multiple_of',
  'invalid',
  // dates and periods
  'after_valid_from',
  'not_after',
  'not_before',
  'starts_too_early',
  'ends_too_late',
  'month_start',
  // prices
  'must_not_exceed',
  'duplicate_names',
  // rule questions
  'exactly_one_of',
  'required_for_window',
  'individual_payer_only',
  'inpatient_only',
  // measures
  'months_required',
  'at_most_months',
  'ratio_at_least',
  'not_province_wide',
  'name_drug_or_service',
  'name_listing_or_drug',
  'offline_purchase_covid_drugs_only',
  // applications and their settings
  'green_channel_reason_required',
  'green_channel_reason_not_allowed',
  'listing_green_channel_new_products',
  'green_channel_faster',
  'designation_not_slower',
  'listed_once',
  'listed_twice',
  'holiday_and_make_up_day',
  'make_up_day_on_weekend',
  'not_on_checklist',
  'declared_twice',
  // imports
  'unknown_column',
  'duplicate_column',
  'missing_column',
  'too_many_rows',
  'invalid_op',
  'invalid_yuan',
  'invalid_instant',
  'invalid_boolean',
  'invalid_components',
  'invalid_encoding',
  // requests
  'invalid_cursor',
  'not_with',
  'event_not_allowed',
  'url_not_allowed',
  'organisation_not_allowed',
  'organisation_unknown',
  'organisation_other_type',
  // e-mail opt-in
  'email_code_recent',
  'email_code_none',
  'email_code_expired',
  'email_code_wrong',
  'email_code_attempts',
  // application documents
  'filename_not_of_type',
] as const;

export type FieldErrorCode = (typeof fieldErrorCodes)[number];

/**
 * A code's parameters, all plain values: `field` and `other` name fields (the console shows
 * their labels), `limit` is in yuan (two decimals) when `unit` is `yuan`, dates and instants are
 * in China time.
 */
export type FieldErrorParams = Record<string, string | number>;

export interface CodedMessage {
  code: FieldErrorCode;
  params?: FieldErrorParams;
  /** The English text (API clients and logs read it; the console says the code). */
  message: string;
}

/** Adds a refinement's issue with its stable code and parameters (kept in zod's `params`). */
export function addCodedIssue(ctx: z.RefinementCtx, path: PropertyKey[], { code, params, message }: CodedMessage): void {
  ctx.addIssue({ code: 'custom', path, message, params: { code, ...params } });
}

/** Re-adds an issue found by another schema under `prefix`, keeping its code and parameters. */
export function reissue(ctx: z.RefinementCtx, issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): void {
  addCodedIssue(ctx, [...prefix, ...issue.path], { ...codeOfIssue(issue), message: issue.message });
}

/** A zod issue's stable code and parameters (money limits in yuan when the field is in fen). */
export function codeOfIssue(issue: z.core.$ZodIssue): { code: FieldErrorCode; params?: FieldErrorParams } {
  const field = lastName(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message) ? { code: 'required' } : { code: 'invalid_type', params: { expected: issue.expected } };
    case 'too_big':
    case 'too_small': {
      const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
      const money = issue.origin === 'number' && field?.endsWith('Fen');
      const unit = money ? 'yuan' : issue.origin === 'string' ? 'characters' : issue.origin === 'array' || issue.origin === 'set' ? 'items' : 'number';
      return { code: issue.code, params: { limit: money ? (limit / 100).toFixed(2) : limit, unit, inclusive: issue.inclusive === false ? 0 : 1 } };
    }
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: issue.format } };
    case 'invalid_value':
      return { code: 'invalid_value', params: { values: issue.values.map(String).join(', ') } };
    case 'not_multiple_of':
      return { code: 'not_multiple_of', params: { divisor: Number(issue.divisor) } };
    case 'unrecognized_keys':
      return { code: 'unknown_field' };
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: FieldErrorCode } & FieldErrorParams;
      if (code === undefined) return { code: 'invalid' };
      return Object.keys(params).length === 0 ? { code } : { code, params };
    }
    default:
      return { code: 'invalid' };
  }
}

function lastName(path: readonly PropertyKey[]): string | undefined {
  return path.findLast((segment): segment is string => typeof segment === 'string' && !/^\d+$/.test(segment));
}
