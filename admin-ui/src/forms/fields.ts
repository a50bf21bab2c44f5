import { html, type TemplateResult } from 'lit';
import { fenToYuan, yuanToFen } from '../../../policy-catalog/money.ts';
import { chinaDateAndTime, chinaInstant, formatChinaEnd } from '../format/format.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';

/**
 * Form fields described as data: what the user types (money in yuan, times in China time) and
 * what the API gets (fen, ISO instants, booleans, arrays), both ways. The change form and the
 * rule form render and read their fields through here, so each kind, measure type and rule only
 * lists its fields.
 */
export type FieldSpec = FieldCommon &
  (
    | { type: 'text' | 'textarea'; pattern?: RegExp; patternError?: MessageKey; mono?: boolean }
    | { type: 'yuan' }
    | { type: 'number'; integer?: boolean; min?: number; max?: number; unit?: MessageKey }
    | { type: 'select'; options: readonly FieldOption[]; numeric?: boolean }
    | { type: 'checkbox' }
    | { type: 'checkboxes'; options: readonly FieldOption[] }
    /** `end`: the instant ends something, so 00:00 is also shown as 24:00 of the day before. */
    | { type: 'datetime'; end?: boolean }
    | { type: 'month' }
    /** A list of codes or dates, one a line (or separated by commas); `itemError` names a bad item. */
    | { type: 'list'; pattern?: RegExp; itemError?: MessageKey; allowEmpty?: boolean }
    /** A price item's component caps: rows of a name and a cap in yuan. */
    | { type: 'components' }
  );

interface FieldCommon {
  /** Where the value goes in the API's object (`percent.subsistence`); also the field's id and the key of its errors. */
  path: string;
  label: MessageKey;
  required?: boolean;
  hint?: MessageKey;
  /** How many of the form's four columns the field spans (default 1). */
  span?: 1 | 2 | 4;
  placeholder?: string;
}

export interface FieldOption {
  value: string;
  label: MessageKey;
}

export interface ComponentValue {
  name: string;
  cap: string;
}

/** What a field holds while it is edited; datetimes as "YYYY-MM-DDTHH:mm" in China time. */
export type FieldValue = string | boolean | string[] | ComponentValue[];
export type FieldValues = Record<string, FieldValue>;

export interface FieldError {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface FieldContext {
  /** Prefix of the inputs' ids: `${idPrefix}-percent-subsistence`. */
  idPrefix: string;
  onChange(path: string, value: FieldValue): void;
  /** The error to show next to a field, already in words. */
  errorOf(path: string): string | undefined;
}

/** The fields' values as an API object (nested by path), or the errors of the fields that are not right. */
export function readFields(specs: readonly FieldSpec[], values: FieldValues): { value: Record<string, unknown>; errors: Record<string, FieldError> } {
  const value: Record<string, unknown> = {};
  const errors: Record<string, FieldError> = {};
  for (const spec of specs) {
    const parsed = parseField(spec, values[spec.path] ?? formatField(spec, undefined));
    if ('error' in parsed) errors[spec.path] = parsed.error;
    else if (parsed.value !== undefined) setPath(value, spec.path, parsed.value);
  }
  return { value, errors };
}

/** The fields' values for an API object (e.g. the attributes in force, to edit them). */
export function fieldValuesOf(specs: readonly FieldSpec[], source: unknown): FieldValues {
  return Object.fromEntries(specs.map((spec) => [spec.path, formatField(spec, getPath(source, spec.path))]));
}

export function renderFields(specs: readonly FieldSpec[], values: FieldValues, context: FieldContext): TemplateResult {
  return html`<div class="grid">${specs.map((spec) => renderField(spec, values[spec.path] ?? formatField(spec, undefined), context))}</div>`;
}

/** The text of an error, for showing next to its field. */
export function errorText(error: FieldError): string {
  return t(error.key, error.params);
}

/**
 * The field an API error path names, among the fields shown: the longest field path that is
 * the error's path or a prefix of it (`components.1.capFen` → `components`).
 */
export function fieldOfPath(specs: readonly FieldSpec[], path: string): string | undefined {
  return specs
    .map((spec) => spec.path)
    .filter((candidate) => path === candidate || path.startsWith(`${candidate}.`))
    .sort((a, b) => b.length - a.length)[0];
}

function parseField(spec: FieldSpec, raw: FieldValue): { value: unknown } | { error: FieldError } {
  const missing = (): { value: unknown } | { error: FieldError } => (spec.required ? { error: { key: 'field.error.required' } } : { value: undefined });
  switch (spec.type) {
    case 'checkbox':
      return { value: raw === true };
    case 'checkboxes': {
      const chosen = Array.isArray(raw) ? (raw as string[]) : [];
      return chosen.length === 0 ? missing() : { value: spec.options.map((option) => option.value).filter((value) => chosen.includes(value)) };
    }
    case 'components':
      return parseComponents(Array.isArray(raw) ? (raw as ComponentValue[]) : []);
    case 'datetime': {
      const [date = '', time = ''] = String(raw).split('T');
      return date ? { value: chinaInstant(date, time) } : missing();
    }
    case 'list': {
      const items = String(raw)
        .split(/[\s,，;；、]+/)
        .filter(Boolean);
      if (items.length === 0) return spec.allowEmpty ? { value: [] } : missing();
      const bad = spec.pattern ? items.find((item) => !spec.pattern?.test(item)) : undefined;
      return bad ? { error: { key: spec.itemError ?? 'field.error.item', params: { item: bad } } } : { value: items };
    }
    default:
      break;
  }
  const text = String(raw).trim();
  if (text === '') return missing();
  switch (spec.type) {
    case 'text':
    case 'textarea':
      return spec.pattern && !spec.pattern.test(text) ? { error: { key: spec.patternError ?? 'field.error.format' } } : { value: text };
    case 'yuan': {
      const fen = yuanToFen(text);
      return fen === undefined ? { error: { key: 'field.error.yuan' } } : { value: fen };
    }
    case 'number': {
      const number = Number(text);
      if (!Number.isFinite(number) || (spec.integer && !Number.isInteger(number)))
        return { error: { key: spec.integer ? 'field.error.integer' : 'field.error.number' } };
      const min = spec.min ?? -Infinity;
      const max = spec.max ?? Infinity;
      if (number < min || number > max) return { error: { key: 'field.error.range', params: { min: spec.min ?? '', max: spec.max ?? '' } } };
      return { value: number };
    }
    case 'select':
      return { value: spec.numeric ? Number(text) : text };
    case 'month':
      return /^\d{4}-\d{2}$/.test(text) ? { value: text } : { error: { key: 'field.error.format' } };
  }
}

function parseComponents(rows: ComponentValue[]): { value: unknown } | { error: FieldError } {
  const filled = rows.filter((row) => row.name.trim() || row.cap.trim());
  const components: { name: string; capFen: number }[] = [];
  for (const [index, row] of filled.entries()) {
    const capFen = yuanToFen(row.cap);
    if (!row.name.trim()) return { error: { key: 'field.error.componentName', params: { n: index + 1 } } };
    if (capFen === undefined) return { error: { key: 'field.error.componentCap', params: { n: index + 1 } } };
    components.push({ name: row.name.trim(), capFen });
  }
  return { value: components.length ? components : undefined };
}

function formatField(spec: FieldSpec, value: unknown): FieldValue {
  switch (spec.type) {
    case 'checkbox':
      return value === true;
    case 'checkboxes':
      return Array.isArray(value) ? value.map(String) : [];
    case 'components':
      return Array.isArray(value)
        ? (value as { name: string; capFen: number }[]).map((component) => ({ name: component.name, cap: fenToYuan(component.capFen) }))
        : [];
    case 'datetime': {
      if (typeof value !== 'string') return '';
      const { date, time } = chinaDateAndTime(value);
      return `${date}T${time}`;
    }
    case 'list':
      return Array.isArray(value) ? value.join('\n') : '';
    case 'yuan':
      return typeof value === 'number' ? fenToYuan(value) : '';
    case 'select':
      return value === undefined ? (spec.required ? (spec.options[0]?.value ?? '') : '') : String(value);
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

function renderField(spec: FieldSpec, value: FieldValue, context: FieldContext): TemplateResult {
  const id = `${context.idPrefix}-${spec.path.replace(/\./g, '-')}`;
  const error = context.errorOf(spec.path);
  const invalid = error ? 'true' : 'false';
  const span = spec.span === 4 ? 'full' : spec.span === 2 ? 'wide' : '';
  const set = (next: FieldValue) => context.onChange(spec.path, next);
  const inputValue = (event: Event) => (event.target as HTMLInputElement).value;
  const footer = html`${spec.hint ? html`<span class="hint">${t(spec.hint)}</span>` : null}${
    error ? html`<span class="error" data-testid="field-error" data-field=${spec.path}>${error}</span>` : null
  }`;
  const label = html`<span>${t(spec.label)}${spec.required ? html`<span class="required" aria-hidden="true">*</span>` : null}</span>`;

  switch (spec.type) {
    case 'checkbox':
      return html`<div class="field ${span}">
        <label class="check"><input id=${id} type="checkbox" .checked=${value === true} @change=${(event: Event) => set((event.target as HTMLInputElement).checked)} />${t(spec.label)}</label>
        ${footer}
      </div>`;
    case 'checkboxes': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return html`<div class="field ${span}" role="group" aria-labelledby=${`${id}-label`}>
        <span id=${`${id}-label`}>${t(spec.label)}</span>
        <div class="checks">
          ${spec.options.map(
            (option) => html`<label class="check"><input id=${`${id}-${option.value}`} type="checkbox" .checked=${chosen.includes(option.value)}
              @change=${(event: Event) => set((event.target as HTMLInputElement).checked ? [...chosen, option.value] : chosen.filter((item) => item !== option.value))} />${t(option.label)}</label>`,
          )}
        </div>
        ${footer}
      </div>`;
    }
    case 'components':
      return renderComponents(id, spec, Array.isArray(value) ? (value as ComponentValue[]) : [], set, footer);
    case 'datetime': {
      const [date = '', time = '00:00'] = String(value).split('T');
      const shownAsEnd = spec.end && date && (time || '00:00') === '00:00' ? formatChinaEnd(chinaInstant(date, '00:00')) : '';
      return html`<div class="field ${span || 'wide'}">
        <label for=${`${id}-date`}>${label}</label>
        <div class="datetime">
          <input id=${`${id}-date`} type="date" aria-invalid=${invalid} .value=${date} @input=${(event: Event) => set(`${inputValue(event)}T${time || '00:00'}`)} />
          <input id=${`${id}-time`} type="time" aria-label=${t('field.time')} aria-invalid=${invalid} .value=${time || '00:00'} @input=${(event: Event) => set(`${date}T${inputValue(event) || '00:00'}`)} />
        </div>
        ${shownAsEnd ? html`<span class="hint" data-testid="end-as-24">${t('field.endAs24', { end: shownAsEnd })}</span>` : null}
        ${footer}
      </div>`;
    }
    case 'select':
      return html`<label class="field ${span}">
        ${label}
        <select id=${id} aria-invalid=${invalid} .value=${String(value)} @change=${(event: Event) => set((event.target as HTMLSelectElement).value)}>
          ${spec.required ? null : html`<option value="" ?selected=${value === ''}>—</option>`}
          ${spec.options.map((option) => html`<option value=${option.value} ?selected=${option.value === value}>${t(option.label)}</option>`)}
        </select>
        ${footer}
      </label>`;
    case 'textarea':
    case 'list':
      return html`<label class="field ${span || 'full'}">
        ${label}
        <textarea id=${id} class=${spec.type === 'list' ? 'mono' : ''} aria-invalid=${invalid} placeholder=${spec.placeholder ?? ''} .value=${String(value)}
          @input=${(event: Event) => set((event.target as HTMLTextAreaElement).value)}></textarea>
        ${footer}
      </label>`;
    default: {
      const numeric = spec.type === 'yuan' || spec.type === 'number';
      const unit = spec.type === 'yuan' ? t('field.yuan') : spec.type === 'number' && spec.unit ? t(spec.unit) : '';
      const input = html`<input
        id=${id}
        type=${spec.type === 'month' ? 'month' : 'text'}
        class=${numeric ? 'amount' : spec.type === 'text' && spec.mono ? 'mono' : ''}
        inputmode=${numeric ? 'decimal' : 'text'}
        placeholder=${spec.placeholder ?? (spec.required ? '' : t('common.optional'))}
        aria-invalid=${invalid}
        .value=${String(value)}
        @input=${(event: Event) => set(inputValue(event))}
      />`;
      return html`<label class="field ${span}">
        ${label}
        ${unit ? html`<span class="with-unit">${input}<span class="unit">${unit}</span></span>` : input}
        ${footer}
      </label>`;
    }
  }
}

function renderComponents(id: string, spec: FieldSpec, rows: ComponentValue[], set: (value: FieldValue) => void, footer: TemplateResult): TemplateResult {
  const update = (index: number, patch: Partial<ComponentValue>) => set(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return html`<div class="field full" role="group" aria-labelledby=${`${id}-label`}>
    <span id=${`${id}-label`}>${t(spec.label)}</span>
    ${rows.map(
      (row, index) => html`<div class="component" data-testid="component-row">
        <input aria-label=${t('field.componentName')} placeholder=${t('field.componentName')} data-testid="component-name" .value=${row.name}
          @input=${(event: Event) => update(index, { name: (event.target as HTMLInputElement).value })} />
        <span class="with-unit"><input class="amount" inputmode="decimal" aria-label=${t('field.componentCap')} placeholder=${t('field.componentCap')} data-testid="component-cap" .value=${row.cap}
          @input=${(event: Event) => update(index, { cap: (event.target as HTMLInputElement).value })} /><span class="unit">${t('field.yuan')}</span></span>
        <button type="button" class="link" data-testid="component-remove" @click=${() => set(rows.filter((_, i) => i !== index))}>${t('common.remove')}</button>
      </div>`,
    )}
    <div><button type="button" data-testid="component-add" @click=${() => set([...rows, { name: '', cap: '' }])}>${t('field.addComponent')}</button></div>
    ${footer}
  </div>`;
}

function getPath(source: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), source);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target;
  for (const key of keys) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}
