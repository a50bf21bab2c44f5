import { css, html, LitElement } from 'lit';
import type { ChangeSetState } from './api.ts';
import { LocaleController, t } from './i18n.ts';

/**
 * A change set's state as a coloured badge.
 *
 * @property state - draft | submitted | approved | rejected | published
 */
export class GcStateBadge extends LitElement {
  static override properties = { state: { reflect: true } };
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
    .draft {
      color: #4a5563;
      background: #f0f2f5;
      border-color: #cfd5dd;
    }
    .submitted {
      color: #8a5300;
      background: #fff6e5;
      border-color: #f0cf8f;
    }
    .approved {
      color: #17589c;
      background: #eaf2fc;
      border-color: #a9c8ec;
    }
    .rejected {
      color: #a1221b;
      background: #fdeeed;
      border-color: #eab4b0;
    }
    .published {
      color: #1e7a46;
      background: #ebf7f0;
      border-color: #a6d6b9;
    }
  `;

  declare state: ChangeSetState;
  private readonly locale = new LocaleController(this);

  override render() {
    return html`<span class=${this.state} data-testid="state-badge" data-state=${this.state}>${t(`state.${this.state}`)}</span>`;
  }
}

customElements.define('gc-state-badge', GcStateBadge);

declare global {
  interface HTMLElementTagNameMap {
    'gc-state-badge': GcStateBadge;
  }
}
