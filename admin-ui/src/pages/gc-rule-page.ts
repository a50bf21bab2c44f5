import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { focusHeading } from '../app/focus-heading.ts';
import { api, ApiError, type RuleAnswer, type RuleContracts, type RuleName } from '../api/api.ts';
import { errorText, fieldOfPath, readFields, renderFields, type FieldError, type FieldValue, type FieldValues } from '../forms/fields.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { fieldErrorText } from '../i18n/field-error-text.ts';
import { ruleForms } from '../specs/rule-forms.ts';
import { href, ruleNames } from '../app/router.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';
import '../components/gc-problem.ts';
import '../components/gc-rule-answer.ts';

interface Asked {
  rule: RuleName;
  request: unknown;
  answer: RuleAnswer;
}

/**
 * "Try a rule": staff enter a case for one of the rules downstream systems ask
 * (`POST /v1/rules/{rule}`) and see the decision with its reasons and basis, exactly as a
 * settlement system would get it. Each rule's form starts from an example case; what is typed is
 * kept per rule while switching between them.
 *
 * @property rule - the rule to try
 */
export class GcRulePage extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      nav.rules {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        margin-bottom: 16px;
      }
      nav.rules a {
        flex: 1;
        min-width: 180px;
        border: 1px solid var(--gc-border);
        background: var(--gc-surface);
        border-radius: 4px;
        padding: 8px 12px;
        color: inherit;
      }
      nav.rules a:hover {
        border-color: var(--gc-accent);
        text-decoration: none;
      }
      nav.rules a[aria-current='page'] {
        border-color: var(--gc-accent);
        box-shadow: inset 0 -3px 0 var(--gc-accent);
      }
      nav.rules strong {
        display: block;
      }
      nav.rules span {
        font-size: 12px;
        color: var(--gc-muted);
      }
      .columns {
        display: grid;
        grid-template-columns: minmax(0, 5fr) minmax(0, 4fr);
        gap: 16px;
        align-items: start;
      }
      @media (max-width: 1000px) {
        .columns {
          grid-template-columns: 1fr;
        }
      }
      details {
        margin-top: 12px;
        font-size: 13px;
      }
      pre {
        background: var(--gc-subtle);
        border: 1px solid var(--gc-border);
        border-radius: 3px;
        padding: 8px 12px;
        font-size: 12px;
        overflow-x: auto;
        white-space: pre-wrap;
        word-break: break-all;
      }
    `,
  ];

  @property() rule: RuleName = 'drug-coverage';
  /** What is typed, per rule. */
  @state() private values = Object.fromEntries(ruleNames.map((rule) => [rule, { ...ruleForms[rule].example }])) as Record<RuleName, FieldValues>;
  @state() private localErrors: Record<string, FieldError> = {};
  @state() private asked: Asked | undefined;
  private readonly locale = new LocaleController(this);
  private readonly decision = new ActionController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('rule')) {
      this.localErrors = {};
      this.decision.error = undefined;
    }
  }

  override render() {
    const values = this.values[this.rule];
    const fields = ruleForms[this.rule].fields(values);
    const asked = this.asked?.rule === this.rule ? this.asked : undefined;
    return html`
      <div class="toolbar">
        <div>
          <h1>${t('rules.title')}</h1>
          <div class="muted small">${t('rules.subtitle')}</div>
        </div>
      </div>
      <nav class="rules" aria-label=${t('rules.title')}>
        ${ruleNames.map(
          (rule) => html`<a href=${href.rules(rule)} data-testid=${`rule-tab-${rule}`} aria-current=${rule === this.rule ? 'page' : 'false'}>
            <strong>${t(`rule.name.${rule}`)}</strong><span>${t(`rule.clauses.${rule}`)}</span>
          </a>`,
        )}
      </nav>
      <div class="columns">
        <div class="panel">
          <h2>${t('rules.case')}</h2>
          <p class="muted small">${t(`rule.about.${this.rule}`)}</p>
          <form novalidate @submit=${this.onSubmit} data-testid="rule-form" data-rule=${this.rule}>
            ${renderFields(fields, values, {
              idPrefix: 'rule',
              onChange: (path: string, value: FieldValue) => this.setValue(path, value),
              errorOf: (path: string) => this.errorOf(path),
            })}
            <div class="actions">
              <button class="primary" type="submit" data-testid="rule-submit" ?disabled=${this.decision.busy}>${t('rules.submit')}</button>
              <button type="button" data-testid="rule-example" @click=${this.resetToExample}>${t('rules.example')}</button>
            </div>
          </form>
          <gc-problem .error=${this.decision.error} data-testid="rule-problem"></gc-problem>
        </div>
        <div class="panel" data-testid="rule-result">
          <h2>${t('rules.decision')}</h2>
          ${
            asked
              ? html`<gc-rule-answer .rule=${asked.rule} .answer=${asked.answer}></gc-rule-answer>
                <details>
                  <summary>${t('rules.json')}</summary>
                  <pre>POST /v1/rules/${asked.rule}\n${JSON.stringify(asked.request, null, 2)}</pre>
                  <pre>${JSON.stringify(asked.answer, null, 2)}</pre>
                </details>`
              : html`<p class="empty">${t('rules.noDecision')}</p>`
          }
        </div>
      </div>
    `;
  }

  private errorOf(path: string): string | undefined {
    const local = this.localErrors[path];
    if (local) return errorText(local);
    const { error } = this.decision;
    if (!(error instanceof ApiError)) return undefined;
    const fields = ruleForms[this.rule].fields(this.values[this.rule]);
    const problem = error.problem.errors?.find((candidate) => fieldOfPath(fields, candidate.path) === path);
    return problem && fieldErrorText(problem);
  }

  private setValue(path: string, value: FieldValue): void {
    this.values = { ...this.values, [this.rule]: { ...this.values[this.rule], [path]: value } };
    if (this.localErrors[path]) {
      const { [path]: _cleared, ...rest } = this.localErrors;
      this.localErrors = rest;
    }
  }

  private resetToExample(): void {
    this.values = { ...this.values, [this.rule]: { ...ruleForms[this.rule].example } };
    this.localErrors = {};
    this.decision.clear();
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const rule = this.rule;
    const { value: request, errors } = readFields(ruleForms[rule].fields(this.values[rule]), this.values[rule]);
    this.localErrors = errors;
    this.asked = undefined;
    if (Object.keys(errors).length) return this.decision.clear();
    const answer = await this.decision.run(() => api.decide(rule, request as RuleContracts[typeof rule]['request']));
    if (answer) {
      this.asked = { rule, request, answer };
      // On a phone the answer is below the form, out of sight: the keyboard (and the view) go to its heading.
      focusHeading(this, '[data-testid="rule-result"] h2');
    }
  }
}

customElements.define('gc-rule-page', GcRulePage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-rule-page': GcRulePage;
  }
}
