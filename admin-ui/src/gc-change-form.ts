import { css, html, LitElement, type PropertyValues } from 'lit';
import { fenToYuan, yuanToFen } from '../../policy-catalog/money.ts';
import { api, ApiError, type PriceItemAttributes, type PriceItemChange } from './api.ts';
import { chinaInstant, periodInForce } from './format.ts';
import { LocaleController, t, type MessageKey } from './i18n.ts';
import { baseStyles } from './styles.ts';
import './gc-problem.ts';

/** What the form starts from: a code, and the attributes to prefill (e.g. the price in force now). */
export interface ChangeFormInitial {
  code: string;
  attributes?: PriceItemAttributes;
}

interface ComponentDraft {
  name: string;
  cap: string;
}

/** The form's fields as typed: money in yuan, times as China-time date and time. */
interface ChangeDraft {
  op: 'set' | 'end';
  code: string;
  name: string;
  unit: string;
  category: string;
  price: string;
  grade3: string;
  grade2: string;
  grade1: string;
  components: ComponentDraft[];
  note: string;
  validFromDate: string;
  validFromTime: string;
  validToDate: string;
  validToTime: string;
  atDate: string;
  atTime: string;
}

type TextField = Exclude<keyof ChangeDraft, 'op' | 'components'>;

const CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/;

/**
 * A form for one price-item change: `set` (attributes over a validity period, money in yuan,
 * times in China time) or `end` (the item stops applying). It checks what it can (required
 * fields, at most two decimals) and shows the API's field errors next to the fields they name.
 *
 * @property initial - the code and attributes to start from; setting it resets the form
 * @property codeLocked - the code cannot be changed (the form belongs to one item)
 * @property prefillable - offer to fill the attributes from the catalog's current entry
 * @property busy - the parent is saving: disable the submit button
 * @property error - the API's answer to the last attempt, mapped onto the fields
 * @property submitLabel - the submit button's text
 * @fires gc-change-submit - detail `{ change }`: a valid change, ready to send
 * @fires gc-change-cancel - the user gave up
 */
export class GcChangeForm extends LitElement {
  static override properties = {
    initial: { attribute: false },
    codeLocked: { type: Boolean },
    prefillable: { type: Boolean },
    busy: { type: Boolean },
    error: { attribute: false },
    submitLabel: { attribute: false },
    draft: { state: true },
    localErrors: { state: true },
    prefillError: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: 14px;
      }
      fieldset {
        border: 1px solid #e4e8ee;
        border-radius: 4px;
        padding: 10px 14px 14px;
        margin: 0;
      }
      legend {
        padding: 0 6px;
        color: #394555;
        font-weight: 600;
        font-size: 13px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(4, minmax(0, 1fr));
        gap: 12px;
      }
      .wide {
        grid-column: span 2;
      }
      .full {
        grid-column: 1 / -1;
      }
      .datetime {
        display: flex;
        gap: 6px;
      }
      .datetime input[type='date'] {
        flex: 1;
      }
      .component {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-bottom: 6px;
      }
      input.yuan {
        text-align: right;
      }
      textarea {
        width: 100%;
        min-height: 44px;
      }
      .code-row {
        display: flex;
        gap: 6px;
      }
      .code-row input {
        flex: 1;
      }
    `,
  ];

  declare initial: ChangeFormInitial | undefined;
  declare codeLocked: boolean;
  declare prefillable: boolean;
  declare busy: boolean;
  declare error: unknown;
  declare submitLabel: string;
  declare private draft: ChangeDraft;
  declare private localErrors: Partial<Record<string, MessageKey>>;
  declare private prefillError: unknown;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.initial = undefined;
    this.codeLocked = false;
    this.prefillable = false;
    this.busy = false;
    this.error = undefined;
    this.submitLabel = '';
    this.draft = draftFrom(undefined);
    this.localErrors = {};
    this.prefillError = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('initial')) {
      this.draft = draftFrom(this.initial);
      this.localErrors = {};
    }
  }

  override render() {
    const draft = this.draft;
    return html`
      <form novalidate @submit=${this.onSubmit} data-testid="change-form">
        <div class="grid">
          <label class="field">
            <span>${t('changeForm.op')}</span>
            <select id="change-op" .value=${draft.op} @change=${(event: Event) => this.set('op', (event.target as HTMLSelectElement).value as ChangeDraft['op'])}>
              <option value="set" ?selected=${draft.op === 'set'}>${t('changeForm.op.set')}</option>
              <option value="end" ?selected=${draft.op === 'end'}>${t('changeForm.op.end')}</option>
            </select>
          </label>
          <label class="field wide">
            <span>${t('field.code')}</span>
            <div class="code-row">
              ${this.textInput('code', { required: true, readonly: this.codeLocked, placeholder: '250403100010000', className: 'code' })}
              ${this.prefillable && !this.codeLocked && draft.op === 'set'
                ? html`<button type="button" data-testid="prefill" @click=${this.prefill}>${t('changeForm.prefill')}</button>`
                : null}
            </div>
            ${this.fieldError('code')}
          </label>
        </div>
        ${this.prefillError ? html`<gc-problem .error=${this.prefillError}></gc-problem>` : null}
        ${draft.op === 'set' ? this.renderSet() : this.renderEnd()}
        <gc-problem .error=${this.error} data-testid="change-form-problem"></gc-problem>
        <div class="actions">
          <button class="primary" type="submit" data-testid="change-form-submit" ?disabled=${this.busy}>${this.submitLabel || t('changeForm.submit')}</button>
          <button type="button" data-testid="change-form-cancel" @click=${this.cancel}>${t('common.cancel')}</button>
        </div>
      </form>
    `;
  }

  private renderSet() {
    return html`
      <fieldset>
        <legend>${t('changeForm.attributes')}</legend>
        <div class="grid">
          <label class="field wide"><span>${t('field.name')}</span>${this.textInput('name', { required: true })}${this.fieldError('name')}</label>
          <label class="field"><span>${t('field.unit')}</span>${this.textInput('unit', { required: true })}${this.fieldError('unit')}</label>
          <label class="field"><span>${t('field.category')}</span>${this.textInput('category', { required: true })}${this.fieldError('category')}</label>
          <label class="field">
            <span>${t('field.priceYuan')}</span>${this.textInput('price', { required: true, money: true })}
            <span class="hint">${t('changeForm.ceilingHint')}</span>${this.fieldError('price')}
          </label>
          ${(['3', '2', '1'] as const).map(
            (grade) => html`<label class="field">
              <span>${t('changeForm.gradePrice', { grade: t(`grade.${grade}`) })}</span>${this.textInput(`grade${grade}`, { money: true, placeholder: t('common.optional') })}${this.fieldError(`grade${grade}`)}
            </label>`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>${t('field.components')}</legend>
        ${this.draft.components.map(
          (component, index) => html`<div class="component" data-testid="component-row">
            <input aria-label=${t('changeForm.componentName')} placeholder=${t('changeForm.componentName')} data-testid="component-name" .value=${component.name}
              @input=${(event: Event) => this.setComponent(index, { name: (event.target as HTMLInputElement).value })} />
            <input class="yuan" inputmode="decimal" aria-label=${t('changeForm.componentCap')} placeholder=${t('changeForm.componentCap')} data-testid="component-cap" .value=${component.cap}
              aria-invalid=${this.hasError(`component${index}`) ? 'true' : 'false'}
              @input=${(event: Event) => this.setComponent(index, { cap: (event.target as HTMLInputElement).value })} />
            <button type="button" class="link" data-testid="component-remove" @click=${() => this.removeComponent(index)}>${t('common.remove')}</button>
            ${this.fieldError(`component${index}`)}
          </div>`,
        )}
        <button type="button" data-testid="component-add" @click=${this.addComponent}>${t('changeForm.addComponent')}</button>
        <span class="muted small">${t('changeForm.componentsHint')}</span>
        ${this.fieldError('components')}
      </fieldset>
      <fieldset>
        <legend>${t('changeForm.period')}</legend>
        <div class="grid">
          <label class="field wide">
            <span>${t('field.validFrom')}</span>
            <div class="datetime">${this.textInput('validFromDate', { type: 'date', required: true })}${this.textInput('validFromTime', { type: 'time' })}</div>
            <span class="hint">${t('changeForm.chinaTime')}</span>${this.fieldError('validFrom')}
          </label>
          <label class="field wide">
            <span>${t('field.validTo')}</span>
            <div class="datetime">${this.textInput('validToDate', { type: 'date' })}${this.textInput('validToTime', { type: 'time' })}</div>
            <span class="hint">${t('changeForm.validToHint')}</span>${this.fieldError('validTo')}
          </label>
          <label class="field full"><span>${t('field.note')}</span>
            <textarea id="change-note" .value=${this.draft.note} @input=${(event: Event) => this.set('note', (event.target as HTMLTextAreaElement).value)}></textarea>${this.fieldError('note')}
          </label>
        </div>
      </fieldset>
    `;
  }

  private renderEnd() {
    return html`<fieldset>
      <legend>${t('changeForm.op.end')}</legend>
      <div class="grid">
        <label class="field wide">
          <span>${t('field.endAt')}</span>
          <div class="datetime">${this.textInput('atDate', { type: 'date', required: true })}${this.textInput('atTime', { type: 'time' })}</div>
          <span class="hint">${t('changeForm.endHint')}</span>${this.fieldError('at')}
        </label>
      </div>
    </fieldset>`;
  }

  private textInput(
    field: TextField,
    options: { type?: 'text' | 'date' | 'time'; required?: boolean; readonly?: boolean; money?: boolean; placeholder?: string; className?: string } = {},
  ) {
    const id = `change-${field.replace(/[A-Z0-9]/g, (char) => `-${char.toLowerCase()}`)}`;
    const errorField = errorFieldOf(field);
    return html`<input
      id=${id}
      type=${options.type ?? 'text'}
      class=${options.money ? 'yuan' : options.className ?? ''}
      inputmode=${options.money ? 'decimal' : 'text'}
      placeholder=${options.placeholder ?? ''}
      ?required=${options.required ?? false}
      ?readonly=${options.readonly ?? false}
      aria-invalid=${this.hasError(errorField) ? 'true' : 'false'}
      .value=${this.draft[field]}
      @input=${(event: Event) => this.set(field, (event.target as HTMLInputElement).value)}
    />`;
  }

  private hasError(field: string): boolean {
    return this.localErrors[field] !== undefined || this.serverErrors().has(field);
  }

  private fieldError(field: string) {
    const local = this.localErrors[field];
    const server = this.serverErrors().get(field);
    if (!local && !server) return null;
    return html`<span class="error" data-testid="field-error" data-field=${field}>${local ? t(local) : server}</span>`;
  }

  /** The API's field errors for the one change this form sent, keyed by form field. */
  private serverErrors(): Map<string, string> {
    const errors = new Map<string, string>();
    if (!(this.error instanceof ApiError)) return errors;
    for (const problem of this.error.problem.errors ?? []) {
      const path = problem.path.replace(/^changes\.\d+\./, '');
      const field = fieldOfPath(path);
      if (field && !errors.has(field)) errors.set(field, problem.message);
    }
    return errors;
  }

  private set<K extends keyof ChangeDraft>(field: K, value: ChangeDraft[K]): void {
    this.draft = { ...this.draft, [field]: value };
    const errorField = errorFieldOf(field);
    if (this.localErrors[errorField]) this.localErrors = { ...this.localErrors, [errorField]: undefined };
  }

  private setComponent(index: number, patch: Partial<ComponentDraft>): void {
    this.set(
      'components',
      this.draft.components.map((component, i) => (i === index ? { ...component, ...patch } : component)),
    );
  }

  private addComponent(): void {
    this.set('components', [...this.draft.components, { name: '', cap: '' }]);
  }

  private removeComponent(index: number): void {
    this.set(
      'components',
      this.draft.components.filter((_, i) => i !== index),
    );
  }

  private async prefill(): Promise<void> {
    this.prefillError = undefined;
    const code = this.draft.code.trim();
    if (!CODE_PATTERN.test(code)) {
      this.localErrors = { ...this.localErrors, code: 'changeForm.error.code' };
      return;
    }
    try {
      const entry = await api.getPriceItem(code);
      const period = periodInForce(entry.timeline) ?? entry.timeline.at(-1);
      if (period) this.draft = { ...draftFrom({ code, attributes: period.attributes }), op: 'set' };
    } catch (error) {
      this.prefillError = error;
    }
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    const { change, errors } = toChange(this.draft);
    this.localErrors = errors;
    if (!change) return;
    this.dispatchEvent(new CustomEvent('gc-change-submit', { detail: { change }, bubbles: true, composed: true }));
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('gc-change-cancel', { bubbles: true, composed: true }));
  }
}

function draftFrom(initial: ChangeFormInitial | undefined): ChangeDraft {
  const attributes = initial?.attributes;
  const yuan = (fen: number | undefined) => (fen === undefined ? '' : fenToYuan(fen));
  return {
    op: 'set',
    code: initial?.code ?? '',
    name: attributes?.name ?? '',
    unit: attributes?.unit ?? '',
    category: attributes?.category ?? '',
    price: yuan(attributes?.priceFen),
    grade3: yuan(attributes?.gradePriceFen?.['3']),
    grade2: yuan(attributes?.gradePriceFen?.['2']),
    grade1: yuan(attributes?.gradePriceFen?.['1']),
    components: attributes?.components?.map((component) => ({ name: component.name, cap: fenToYuan(component.capFen) })) ?? [],
    note: attributes?.note ?? '',
    validFromDate: '',
    validFromTime: '00:00',
    validToDate: '',
    validToTime: '00:00',
    atDate: '',
    atTime: '00:00',
  };
}

/** The form's field that shows errors about `field` (the date and time inputs share one). */
function errorFieldOf(field: keyof ChangeDraft): string {
  if (field === 'validFromDate' || field === 'validFromTime') return 'validFrom';
  if (field === 'validToDate' || field === 'validToTime') return 'validTo';
  if (field === 'atDate' || field === 'atTime') return 'at';
  return field;
}

/** An API field path within one change → the form field that shows it. */
function fieldOfPath(path: string): string | undefined {
  const simple: Record<string, string> = {
    code: 'code',
    validFrom: 'validFrom',
    validTo: 'validTo',
    at: 'at',
    'attributes.name': 'name',
    'attributes.unit': 'unit',
    'attributes.category': 'category',
    'attributes.priceFen': 'price',
    'attributes.gradePriceFen.3': 'grade3',
    'attributes.gradePriceFen.2': 'grade2',
    'attributes.gradePriceFen.1': 'grade1',
    'attributes.note': 'note',
    'attributes.components': 'components',
  };
  if (simple[path]) return simple[path];
  const component = /^attributes\.components\.(\d+)/.exec(path);
  return component ? `component${component[1]}` : undefined;
}

/** The draft as an API change, or the fields that are missing or malformed. */
function toChange(draft: ChangeDraft): { change?: PriceItemChange; errors: Partial<Record<string, MessageKey>> } {
  const errors: Partial<Record<string, MessageKey>> = {};
  const code = draft.code.trim();
  if (!CODE_PATTERN.test(code)) errors.code = code ? 'changeForm.error.code' : 'changeForm.error.required';
  if (draft.op === 'end') {
    if (!draft.atDate) errors.at = 'changeForm.error.required';
    if (Object.keys(errors).length) return { errors };
    return { change: { kind: 'price-items', code, op: 'end', at: chinaInstant(draft.atDate, draft.atTime) }, errors };
  }
  for (const field of ['name', 'unit', 'category'] as const) {
    if (!draft[field].trim()) errors[field] = 'changeForm.error.required';
  }
  const money = (field: string, text: string, required: boolean): number | undefined => {
    if (!text.trim()) {
      if (required) errors[field] = 'changeForm.error.required';
      return undefined;
    }
    const fen = yuanToFen(text);
    if (fen === undefined) errors[field] = 'changeForm.error.yuan';
    return fen;
  };
  const priceFen = money('price', draft.price, true);
  const gradePriceFen: Partial<Record<'3' | '2' | '1', number>> = {};
  for (const grade of ['3', '2', '1'] as const) {
    const fen = money(`grade${grade}`, draft[`grade${grade}`], false);
    if (fen !== undefined) gradePriceFen[grade] = fen;
  }
  const components = draft.components
    .filter((component) => component.name.trim() || component.cap.trim())
    .map((component, index) => {
      if (!component.name.trim()) errors[`component${index}`] = 'changeForm.error.componentName';
      return { name: component.name.trim(), capFen: money(`component${index}`, component.cap, true) ?? 0 };
    });
  if (!draft.validFromDate) errors.validFrom = 'changeForm.error.required';
  if (Object.keys(errors).length || priceFen === undefined) return { errors };
  const note = draft.note.trim();
  const attributes: PriceItemAttributes = {
    name: draft.name.trim(),
    unit: draft.unit.trim(),
    category: draft.category.trim(),
    priceFen,
    ...(Object.keys(gradePriceFen).length ? { gradePriceFen } : {}),
    ...(components.length ? { components } : {}),
    ...(note ? { note } : {}),
  };
  return {
    change: {
      kind: 'price-items',
      code,
      op: 'set',
      validFrom: chinaInstant(draft.validFromDate, draft.validFromTime),
      ...(draft.validToDate ? { validTo: chinaInstant(draft.validToDate, draft.validToTime) } : {}),
      attributes,
    },
    errors,
  };
}

customElements.define('gc-change-form', GcChangeForm);

declare global {
  interface HTMLElementTagNameMap {
    'gc-change-form': GcChangeForm;
  }
  interface HTMLElementEventMap {
    'gc-change-submit': CustomEvent<{ change: PriceItemChange }>;
    'gc-change-cancel': CustomEvent<void>;
  }
}
