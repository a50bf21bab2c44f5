import type { ApplicationPayloads, ApplicationType, Role } from '../api/api.ts';
import { fieldValuesOf, readFields, type FieldError, type FieldSpec, type FieldValues } from '../forms/fields.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { Fact, FieldGroup } from './kind-spec.ts';

/**
 * What the console knows about one type of application: what it applies for (the payload's
 * fields, money in yuan), when a field applies, how to name it, and the facts its page shows.
 * The list, form and page are the same for both types; they ask the type's spec.
 */
export interface ApplicationSpec<T extends ApplicationType> {
  type: T;
  /** Who applies: hospitals for service items, firms for listings. */
  applicantRole: Role;
  /** The application's name in headings and lists. */
  nameOf(payload: ApplicationPayloads[T]): string;
  /** The code of the catalog entry an approval makes (a listing's is made from the application's id). */
  entryCodeOf(payload: ApplicationPayloads[T], applicationId: string): string;
  /** The form's fields, in groups (what is applied for, the green channel). */
  fieldGroups: readonly FieldGroup[];
  /** Whether a field applies to what is entered so far; fields that do not are hidden and not sent. */
  applies(path: string, values: FieldValues): boolean;
  /** Booleans the API wants even when their field is hidden (false then). */
  flags: readonly string[];
  /** The payload's facts on the application page. */
  facts(payload: ApplicationPayloads[T]): Fact[];
  /** Why it takes the green channel, in words (service: the §3 case; listing: the 9th-edition plan). */
  greenChannelBasis(payload: ApplicationPayloads[T]): MessageKey;
}

export type AnyApplicationSpec = ApplicationSpec<ApplicationType>;

/** The fields shown for what is entered so far. */
export function shownFields(spec: AnyApplicationSpec, values: FieldValues): FieldGroup[] {
  return spec.fieldGroups.map((group) => ({ ...group, fields: group.fields.filter((field) => spec.applies(field.path, values)) }));
}

/** The form's values as the API's payload, or the errors of the fields that are not right. */
export function payloadOf<T extends ApplicationType>(
  spec: ApplicationSpec<T>,
  values: FieldValues,
): { payload?: ApplicationPayloads[T]; errors: Record<string, FieldError> } {
  const shown = shownFields(spec as AnyApplicationSpec, values).flatMap((group) => group.fields);
  const { value, errors } = readFields(shown, values);
  if (Object.keys(errors).length > 0) return { errors };
  const flags = Object.fromEntries(spec.flags.map((flag) => [flag, value[flag] === true]));
  return { payload: { ...value, ...flags } as unknown as ApplicationPayloads[T], errors };
}

/** An application's payload as the form's values (to edit a draft). */
export function valuesOf(spec: AnyApplicationSpec, payload: ApplicationPayloads[ApplicationType]): FieldValues {
  return fieldValuesOf(allFields(spec), payload);
}

export function allFields(spec: AnyApplicationSpec): FieldSpec[] {
  return spec.fieldGroups.flatMap((group) => group.fields);
}
