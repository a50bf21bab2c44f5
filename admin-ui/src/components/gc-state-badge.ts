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
      color: #4a5563;
      background: #f0f2f5;
      border-color: #cfd5dd;
    }
    .waiting {
      color: #8a5300;
      background: #fff6e5;
      border-color: #f0cf8f;
    }
    .progress {
      color: #17589c;
      background: #eaf2fc;
      border-color: #a9c8ec;
    }
    .bad {
      color: #a1221b;
      background: #fdeeed;
      border-color: #eab4b0;
    }
    .done {
      color: #1e7a46;
      background: #ebf7f0;
      border-color: #a6d6b9;
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
