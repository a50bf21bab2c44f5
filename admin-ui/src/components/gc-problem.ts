import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiError, type Problem } from '../api/api.ts';
import { fieldErrorText, pathLabel } from '../i18n/field-error-text.ts';
import { codeName } from '../i18n/impact-text.ts';
import { isMessageKey, LocaleController, t, type MessageKey } from '../i18n/i18n.ts';
import { refusalText } from '../i18n/refusal-text.ts';
import { baseStyles } from '../styles/styles.ts';

const problemTitles: Record<string, MessageKey> = {
  '/problems/validation-failed': 'problem.validation-failed',
  '/problems/malformed-json': 'problem.malformed-json',
  '/problems/unauthenticated': 'problem.unauthenticated',
  '/problems/forbidden': 'problem.forbidden',
  '/problems/four-eyes': 'problem.four-eyes',
  '/problems/not-author': 'problem.not-author',
  '/problems/not-found': 'problem.not-found',
  '/problems/invalid-state': 'problem.invalid-state',
  '/problems/conflict': 'problem.conflict',
  '/problems/precondition-failed': 'problem.precondition-failed',
  '/problems/unprocessable': 'problem.unprocessable',
  '/problems/import-rejected': 'problem.import-rejected',
  '/problems/unreadable-file': 'problem.unreadable-file',
  '/problems/unsupported-media-type': 'problem.unsupported-media-type',
  '/problems/internal': 'problem.internal',
  '/problems/service-unavailable': 'problem.service-unavailable',
  '/problems/precondition-required': 'problem.precondition-required',
  '/problems/payload-too-large': 'problem.payload-too-large',
  '/problems/uri-too-long': 'problem.uri-too-long',
  '/problems/limit-reached': 'problem.limit-reached',
  '/problems/out-of-scope': 'problem.out-of-scope',
  '/problems/invalid-encoding': 'problem.invalid-encoding',
  '/problems/acknowledgement-required': 'problem.acknowledgement-required',
  '/problems/revert-conflict': 'problem.revert-conflict',
  network: 'problem.network',
};

/**
 * Shows what went wrong: for an API problem (application/problem+json) its title in the
 * console's language, the API's detail, and every failing field with its path.
 *
 * @property error - an ApiError, any Error, or undefined to show nothing
 * @property labels - field labels of this form, by the field's API path, over the catalog's
 */
export class GcProblem extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .problem {
        border: 1px solid var(--gc-danger-border);
        border-left: 4px solid var(--gc-danger);
        background: var(--gc-danger-bg);
        padding: 8px 12px;
        border-radius: 3px;
        margin: 8px 0;
      }
      .title {
        font-weight: 600;
        color: var(--gc-danger);
      }
      ul {
        margin: 4px 0 0;
        padding-left: 20px;
      }
      .path {
        font-family: ui-monospace, Menlo, monospace;
        font-size: 13px;
        background: var(--gc-surface);
        border: 1px solid var(--gc-danger-tint);
        padding: 0 4px;
        border-radius: 2px;
      }
    `,
  ];

  @property({ attribute: false }) error: unknown;
  /** Labels of this form's fields where the catalog's would be wrong (an organisation's `name` is not a price item's 项目名称), by API field name. */
  @property({ attribute: false }) labels: Readonly<Record<string, string>> = {};
  private readonly locale = new LocaleController(this);

  override render() {
    if (this.error === undefined || this.error === null) return null;
    if (!(this.error instanceof ApiError)) {
      const message = this.error instanceof Error ? this.error.message : String(this.error);
      return html`<div class="problem" role="alert" data-testid="problem"><div class="title">${t('problem.unexpected')}</div><div>${message}</div></div>`;
    }
    const { problem } = this.error;
    const titleKey = problemTitles[problem.type];
    // A workflow refusal is said in the console's language; the API's own words are its detail.
    const refusal = problem.refusal ? refusalText(problem.refusal) : undefined;
    // Said in the console's words from the problem's data: the API's English detail is left out.
    const detailKey = `problemDetail.${problem.code}`;
    const detail = isMessageKey(detailKey) ? t(detailKey, detailParams(problem.params ?? {})) : problem.detail;
    // Field errors say what is wrong themselves; the API's English summary of them is left out.
    const explained = refusal !== undefined || problem.required !== undefined || problem.conflicts !== undefined || !!problem.errors?.length;
    return html`
      <div class="problem" role="alert" data-testid="problem" data-type=${problem.type} data-status=${problem.status} data-refusal=${problem.refusal?.code ?? ''}>
        <div class="title">${titleKey ? t(titleKey) : problem.title}${problem.status ? html` <span class="muted small">(${problem.status})</span>` : null}</div>
        ${refusal ? html`<div data-testid="problem-refusal">${refusal}</div>` : null}
        ${detail && !explained ? html`<div data-testid="problem-detail">${detail}</div>` : null}
        ${renderExtensions(problem)}
        ${
          problem.errors?.length
            ? html`<ul>
              ${problem.errors.map(
                (field) => html`<li data-testid="problem-field" data-path=${field.path} data-code=${field.code ?? ''}>
                  <strong>${this.labels[field.path] ?? pathLabel(field.path)}</strong> <span class="path" title=${t(`problem.in.${field.in}`)}>${field.path}</span>: ${fieldErrorText(field)}
                </li>`,
              )}
            </ul>`
            : null
        }
      </div>
    `;
  }
}

/** A problem's parameters in words: a change set's state and the step refused by their labels. */
function detailParams(params: Record<string, string | number>): Record<string, string | number> {
  const state = `state.${params.state}`;
  const action = `changeSetAction.${params.action}`;
  return { ...params, ...(isMessageKey(state) ? { state: t(state) } : {}), ...(isMessageKey(action) ? { action: t(action) } : {}) };
}

/** What an acknowledgement still lacks, or which entries later releases changed too, in words. */
function renderExtensions(problem: Problem) {
  if (problem.required?.length) {
    return html`<div data-testid="problem-required">${t('problem.requiredIntro', { release: problem.against ?? '—' })}</div>
      <ul>
        ${problem.required.map(({ code, entries }) => html`<li data-code=${code}>${t('problem.requiredItem', { what: codeName(code), count: entries })}</li>`)}
      </ul>`;
  }
  if (problem.conflicts?.length) {
    return html`<div data-testid="problem-conflicts">${t('problem.conflictsIntro')}</div>
      <ul>
        ${problem.conflicts.map(
          ({ kind, code, releases }) => html`<li data-testid="problem-conflict" data-code=${code}>
            ${t('problem.conflictItem', {
              kind: t(`kind.${kind}`),
              code,
              releases: releases.map((number) => t('releases.number', { number })).join(t('common.listSeparator')),
            })}
          </li>`,
        )}
      </ul>`;
  }
  return null;
}

customElements.define('gc-problem', GcProblem);

declare global {
  interface HTMLElementTagNameMap {
    'gc-problem': GcProblem;
  }
}
