import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { api, ApiError, type Change, type EntryKind } from '../api/api.ts';
import {
  errorText,
  fieldOfPath,
  fieldValuesOf,
  readFields,
  renderFields,
  type FieldError,
  type FieldSpec,
  type FieldValue,
  type FieldValues,
} from './fields.ts';
import { periodToShow } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { fieldErrorText } from '../i18n/field-error-text.ts';
import { specOf } from '../specs/kind-specs.ts';
import { entryKinds } from '../app/router.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';
import '../components/gc-problem.ts';

/** What the form starts from: a kind and code, and the attributes to prefill (e.g. those in force now). */
export interface ChangeFormInitial {
  kind: EntryKind;
  code: string;
  attributes?: unknown;
}

/** The form's fields as typed: attributes and period as field values (money in yuan, times in China time). */
interface ChangeDraft {
  kind: EntryKind;
  op: 'set' | 'end';
  code: string;
  attributes: FieldValues;
  period: FieldValues;
}

/**
 * A form for one change of any kind: `set` (the kind's attributes over a validity period; for a
 * measure, the fields of its type) or `end` (the entry stops applying). It checks what it can
 * (required fields, money with at most two decimals, whole percents) and shows the API's field
 * errors (`changes.0.attributes.percent.subsistence`) next to the fields they name.
 *
 * @property initial - the kind, code and attributes to start from; setting it resets the form
 * @property entryLocked - kind and code cannot be changed (the form belongs to one entry)
 * @property prefillable - offer to fill the attributes from the catalog's current entry
 * @property busy - the parent is saving: disable the submit button
 * @property error - the API's answer to the last attempt, mapped onto the fields
 * @property submitLabel - the submit button's text
 * @fires gc-change-submit - detail `{ change }`: a valid change, ready to send
 * @fires gc-change-cancel - the user gave up
 */
export class GcChangeForm extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .code-row {
        display: flex;
        gap: 6px;
      }
      .code-row input {
        flex: 1;
        min-width: 0;
      }
    `,
  ];

  @property({ attribute: false }) initial: ChangeFormInitial | undefined;
  @property({ type: Boolean }) entryLocked = false;
  @property({ type: Boolean }) prefillable = false;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: unknown;
  @property({ attribute: false }) submitLabel = '';
  @state() private draft: ChangeDraft = draftFrom(undefined);
  /** Errors found before sending, keyed `code`, `period.<path>` or `attributes.<path>`. */
  @state() private localErrors: Record<string, FieldError> = {};
  /** Filling the attributes from the catalog's current entry: busy while it reads, and what went wrong. */
  private readonly prefilling = new ActionController(this);
  private readonly locale = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('initial')) {
      this.draft = draftFrom(this.initial);
      this.localErrors = {};
    }
  }

  override render() {
    const { kind, op } = this.draft;
    return html`
      <form novalidate @submit=${this.onSubmit} data-testid="change-form" data-kind=${kind}>
        <div class="grid">
          <label class="field">
            <span>${t('changeForm.kind')}</span>
            <select id="change-kind" ?disabled=${this.entryLocked} @change=${(event: Event) => this.setKind((event.target as HTMLSelectElement).value as EntryKind)}>
              ${entryKinds.map((candidate) => html`<option value=${candidate} ?selected=${candidate === kind}>${t(`kind.${candidate}`)}</option>`)}
            </select>
          </label>
          <label class="field">
            <span>${t('changeForm.op')}</span>
            <select id="change-op" @change=${(event: Event) => (this.draft = { ...this.draft, op: (event.target as HTMLSelectElement).value as ChangeDraft['op'] })}>
              <option value="set" ?selected=${op === 'set'}>${t('changeForm.op.set')}</option>
              <option value="end" ?selected=${op === 'end'}>${t('changeForm.op.end')}</option>
            </select>
          </label>
          ${this.renderCode()}
        </div>
        ${this.prefilling.error ? html`<gc-problem .error=${this.prefilling.error}></gc-problem>` : null}
        ${op === 'set' ? this.renderSet() : this.renderEnd()}
        <gc-problem .error=${this.error} data-testid="change-form-problem"></gc-problem>
        <div class="actions">
          <button class="primary" type="submit" data-testid="change-form-submit" ?disabled=${this.busy}>${this.submitLabel || t('changeForm.submit')}</button>
          <button type="button" data-testid="change-form-cancel" @click=${this.cancel}>${t('common.cancel')}</button>
        </div>
      </form>
    `;
  }

  private renderCode() {
    const error = this.errorOf('code');
    return html`<label class="field wide">
      <span>${t('field.code')}<span class="required" aria-hidden="true">*</span></span>
      <div class="code-row">
        <input id="change-code" class="mono" required ?readonly=${this.entryLocked} placeholder=${specOf(this.draft.kind).codePlaceholder} aria-invalid=${error ? 'true' : 'false'}
          .value=${this.draft.code} @input=${(event: Event) => this.setCode((event.target as HTMLInputElement).value)} />
        ${
          this.prefillable && !this.entryLocked && this.draft.op === 'set'
            ? html`<button type="button" data-testid="prefill" ?disabled=${this.prefilling.busy} @click=${this.prefill}>${t('changeForm.prefill')}</button>`
            : null
        }
      </div>
      ${error ? html`<span class="error" data-testid="field-error" data-field="code">${error}</span>` : null}
    </label>`;
  }

  private renderSet() {
    const spec = specOf(this.draft.kind);
    const attributeContext = {
      idPrefix: 'change',
      onChange: (path: string, value: FieldValue) => this.setValue('attributes', path, value),
      errorOf: (path: string) => this.errorOf(`attributes.${path}`),
    };
    return html`
      ${spec.fieldGroups(this.draft.attributes).map(
        (group) => html`<fieldset>
          <legend>${t(group.legend)}</legend>
          ${renderFields(group.fields, this.draft.attributes, attributeContext)}
        </fieldset>`,
      )}
      <fieldset>
        <legend>${t('changeForm.period')}</legend>
        ${renderFields(periodFields(this.draft), this.draft.period, this.periodContext())}
      </fieldset>
    `;
  }

  private renderEnd() {
    return html`<fieldset>
      <legend>${t('changeForm.op.end')}</legend>
      ${renderFields(periodFields(this.draft), this.draft.period, this.periodContext())}
    </fieldset>`;
  }

  private periodContext() {
    return {
      idPrefix: 'change',
      onChange: (path: string, value: FieldValue) => this.setValue('period', path, value),
      errorOf: (path: string) => this.errorOf(`period.${path}`),
    };
  }

  /** The error to show at a field: what the form found, else what the API said. */
  private errorOf(key: string): string | undefined {
    const local = this.localErrors[key];
    return local ? errorText(local) : this.serverErrors().get(key);
  }

  /** The API's field errors for the one change this form sent, keyed like the form's own. */
  private serverErrors(): Map<string, string> {
    const errors = new Map<string, string>();
    if (!(this.error instanceof ApiError)) return errors;
    const attributeSpecs = attributeFields(this.draft);
    for (const problem of this.error.problem.errors ?? []) {
      const path = problem.path.replace(/^changes\.\d+\./, '');
      const attribute = path.startsWith('attributes.') ? fieldOfPath(attributeSpecs, path.slice('attributes.'.length)) : undefined;
      const key = attribute
        ? `attributes.${attribute}`
        : path === 'code'
          ? 'code'
          : ['validFrom', 'validTo', 'at'].includes(path)
            ? `period.${path}`
            : undefined;
      if (key && !errors.has(key)) errors.set(key, fieldErrorText(problem));
    }
    return errors;
  }

  private setKind(kind: EntryKind): void {
    this.draft = { ...this.draft, kind, attributes: {} };
    this.localErrors = {};
  }

  private setCode(code: string): void {
    this.draft = { ...this.draft, code };
    this.clearError('code');
  }

  private setValue(part: 'attributes' | 'period', path: string, value: FieldValue): void {
    this.draft = { ...this.draft, [part]: { ...this.draft[part], [path]: value } };
    this.clearError(`${part}.${path}`);
  }

  private clearError(key: string): void {
    if (!this.localErrors[key]) return;
    const { [key]: _cleared, ...rest } = this.localErrors;
    this.localErrors = rest;
  }

  private async prefill(): Promise<void> {
    this.prefilling.clear();
    const { kind } = this.draft;
    const code = this.draft.code.trim();
    const codeError = checkCode(kind, code);
    if (codeError) {
      this.localErrors = { ...this.localErrors, code: codeError };
      return;
    }
    const entry = await this.prefilling.run(() => api.getEntry(kind, code));
    const attributes = entry ? periodToShow(entry.timeline)?.attributes : undefined;
    if (attributes) this.draft = { ...this.draft, code, attributes: attributeValues(kind, attributes) };
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    const { change, errors } = toChange(this.draft);
    this.localErrors = errors;
    if (!change) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent('gc-change-submit', { detail: { change }, bubbles: true, composed: true }));
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('gc-change-cancel', { bubbles: true, composed: true }));
  }
}

function draftFrom(initial: ChangeFormInitial | undefined): ChangeDraft {
  const kind = initial?.kind ?? 'price-items';
  return {
    kind,
    op: 'set',
    code: initial?.code ?? '',
    attributes: initial?.attributes === undefined ? {} : attributeValues(kind, initial.attributes),
    period: {},
  };
}

/** The attribute fields of the kind, for what is entered (a measure's fields follow its type). */
function attributeFields(draft: Pick<ChangeDraft, 'kind' | 'attributes'>): FieldSpec[] {
  return specOf(draft.kind)
    .fieldGroups(draft.attributes)
    .flatMap((group) => group.fields);
}

function attributeValues(kind: EntryKind, attributes: unknown): FieldValues {
  const type = (attributes as { type?: unknown } | undefined)?.type;
  return fieldValuesOf(attributeFields({ kind, attributes: typeof type === 'string' ? { type } : {} }), attributes);
}

function periodFields(draft: ChangeDraft): FieldSpec[] {
  if (draft.op === 'end') return [{ path: 'at', type: 'datetime', end: true, label: 'field.endAt', required: true, hint: 'changeForm.endHint' }];
  return [
    { path: 'validFrom', type: 'datetime', label: 'field.validFrom', required: true, hint: 'changeForm.chinaTime' },
    { path: 'validTo', type: 'datetime', end: true, label: specOf(draft.kind).endLabel, hint: 'changeForm.validToHint' },
  ];
}

/** Codes: letters, digits, ".", "_", "-"; a measure's may be longer (it names area, type and year). */
function checkCode(kind: EntryKind, code: string): FieldError | undefined {
  const max = kind === 'measures' ? 60 : 40;
  if (!code) return { key: 'field.error.required' };
  return new RegExp(`^[0-9A-Za-z][0-9A-Za-z._-]{0,${max - 1}}$`).test(code) ? undefined : { key: 'changeForm.error.code', params: { max } };
}

/** The draft as an API change, or the fields that are missing or malformed. */
function toChange(draft: ChangeDraft): { change?: Change; errors: Record<string, FieldError> } {
  const errors: Record<string, FieldError> = {};
  const code = draft.code.trim();
  const codeError = checkCode(draft.kind, code);
  if (codeError) errors.code = codeError;
  const period = readFields(periodFields(draft), draft.period);
  for (const [path, error] of Object.entries(period.errors)) errors[`period.${path}`] = error;
  if (draft.op === 'end') {
    if (Object.keys(errors).length) return { errors };
    return { change: { kind: draft.kind, code, op: 'end', at: period.value.at } as Change, errors };
  }
  const attributes = readFields(attributeFields(draft), draft.attributes);
  for (const [path, error] of Object.entries(attributes.errors)) errors[`attributes.${path}`] = error;
  if (Object.keys(errors).length) return { errors };
  const { validFrom, validTo } = period.value;
  return { change: { kind: draft.kind, code, op: 'set', validFrom, ...(validTo ? { validTo } : {}), attributes: attributes.value } as Change, errors };
}

customElements.define('gc-change-form', GcChangeForm);

declare global {
  interface HTMLElementTagNameMap {
    'gc-change-form': GcChangeForm;
  }
  interface HTMLElementEventMap {
    'gc-change-submit': CustomEvent<{ change: Change }>;
    'gc-change-cancel': CustomEvent<void>;
  }
}
