import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChangeSetState } from '../api/api.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';

const steps = ['draft', 'submitted', 'approved', 'published'] as const;
/** The index in `steps` of what happens next in each state (4: nothing, all done). */
const nextStep: Record<ChangeSetState, number> = { draft: 0, submitted: 2, rejected: 2, approved: 3, published: 4 };

/**
 * A change set's way through the workflow: draft → submit → approve → publish, the steps done,
 * the one up next highlighted, and a rejection where the approval would have been.
 *
 * @property state - the change set's state
 */
export class GcChangeSetSteps extends LitElement {
  static override styles = [
    baseStyles,
    css`
      ol {
        display: flex;
        list-style: none;
        padding: 0;
        margin: 0 0 16px;
        gap: 0;
      }
      li {
        flex: 1;
        padding: 6px 12px;
        background: var(--gc-fill);
        color: var(--gc-muted);
        font-size: 13px;
        position: relative;
        border-right: 2px solid var(--gc-page);
      }
      li.done {
        background: var(--gc-info-bg-strong);
        color: var(--gc-accent-dark);
      }
      li.now {
        background: var(--gc-accent);
        color: var(--gc-on-dark);
        font-weight: 600;
      }
      li.rejected {
        background: var(--gc-danger-bg);
        color: var(--gc-danger);
        font-weight: 600;
      }
    `,
  ];

  @property() state: ChangeSetState = 'draft';
  private readonly locale = new LocaleController(this);

  override render() {
    const next = nextStep[this.state];
    return html`<ol class="steps" aria-label=${t('changeSet.workflow')}>
      ${steps.map((step, index) => {
        const rejectedHere = this.state === 'rejected' && step === 'approved';
        const className = rejectedHere ? 'rejected' : index < next ? 'done' : index === next ? 'now' : '';
        return html`<li class=${className}>${index + 1}. ${rejectedHere ? t('state.rejected') : t(`step.${step}`)}</li>`;
      })}
    </ol>`;
  }
}

customElements.define('gc-change-set-steps', GcChangeSetSteps);

declare global {
  interface HTMLElementTagNameMap {
    'gc-change-set-steps': GcChangeSetSteps;
  }
}
