import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApplicationState, ChangeSetState } from '../api/api.ts';
import { LocaleController, t } from '../i18n/i18n.ts';

type Tone = 'neutral' | 'waiting' | 'progress' | 'done' | 'bad';

/** How each state looks: waiting on someone, moving, done well, or ended badly. */
const tones: { 'change-set': Record<ChangeSetState, Tone>; application: Record<ApplicationState, Tone> } = {
  'change-set': { draft: 'neutral', submitted: 'waiting', approved: 'progress', rejected: 'bad', published: 'done' },
  application: {
    draft: 'neutral',
    submitted: 'waiting',
    accepted: 'progress',
    'supplement-requested': 'waiting',
    'under-review': 'progress',
    'public-notice': 'progress',
    approved: 'done',
    rejected: 'bad',
    reconsideration: 'waiting',
    withdrawn: 'neutral',
  },
};

/**
 * A workflow state as a coloured badge: a change set's, or a green-channel application's.
 *
 * @property state - the state (reflected, for tests and styling)
 * @property workflow - 'change-set' (default) | 'application'
 */
export class GcStateBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
    span {
      display: inline-block;
      font-size: 12px;
      line-height: 20px;
      padding: 0 8px;
      border-radius: 10px;
      border: 1px solid;
      white-space: nowrap;
    }
    .neutral {
      color: var(--gc-text-quiet);
      background: var(--gc-page);
      border-color: var(--gc-border);
    }
    .waiting {
      color: var(--gc-warning-text);
      background: var(--gc-warning-bg);
      border-color: var(--gc-warning-border);
    }
    .progress {
      color: var(--gc-info-text);
      background: var(--gc-info-bg);
      border-color: var(--gc-info-border);
    }
    .bad {
      color: var(--gc-danger-text);
      background: var(--gc-danger-bg);
      border-color: var(--gc-danger-border);
    }
    .done {
      color: var(--gc-ok);
      background: var(--gc-ok-bg);
      border-color: var(--gc-ok-border);
    }
  `;

  @property({ reflect: true }) state!: ChangeSetState | ApplicationState;
  @property() workflow: 'change-set' | 'application' = 'change-set';
  private readonly locale = new LocaleController(this);

  override render() {
    const application = this.workflow === 'application';
    const tone = application ? tones.application[this.state as ApplicationState] : tones['change-set'][this.state as ChangeSetState];
    const label = application ? t(`applicationState.${this.state as ApplicationState}`) : t(`state.${this.state as ChangeSetState}`);
    return html`<span class=${tone ?? 'neutral'} data-testid="state-badge" data-state=${this.state}>${label}</span>`;
  }
}

customElements.define('gc-state-badge', GcStateBadge);

declare global {
  interface HTMLElementTagNameMap {
    'gc-state-badge': GcStateBadge;
  }
}
