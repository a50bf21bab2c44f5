import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApplicationType, HistoryEvent } from '../api/api.ts';
import { materialName } from '../format/application-view.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import './gc-state-badge.ts';
import { TableController } from '../app/table-controller.ts';

/**
 * An application's history: every step, who took it and when (China time), the state it moved
 * from and to, and why.
 *
 * @property history - the application's history events, oldest first
 * @property type - the application's type, to name the materials a step was about
 */
export class GcApplicationHistory extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .move {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        white-space: nowrap;
      }
      .reason {
        white-space: pre-wrap;
      }
    `,
  ];

  @property({ attribute: false }) history: readonly HistoryEvent[] = [];
  @property({ attribute: false }) type: ApplicationType = 'service';
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);

  override render() {
    if (this.history.length === 0) return html`<p class="empty" data-testid="no-history">${t('history.none')}</p>`;
    return html`<div class="table-scroll">
      <table data-testid="history">
        <thead>
          <tr>
            <th>${t('history.at')}</th>
            <th>${t('history.actor')}</th>
            <th>${t('history.action')}</th>
            <th>${t('history.move')}</th>
            <th>${t('history.reason')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.history.map(
            (event) => html`<tr data-testid="history-row" data-action=${event.action} data-from=${event.from} data-to=${event.to}>
              <td class="nowrap">${formatChinaTime(event.at)}</td>
              <td>${event.actor.name} <span class="muted small">${t(`role.${event.actor.role}`)}</span></td>
              <td class="nowrap">${t(`applicationAction.${event.action}`)}</td>
              <td>
                <span class="move">
                  <gc-state-badge workflow="application" .state=${event.from}></gc-state-badge>→<gc-state-badge workflow="application" .state=${event.to}></gc-state-badge>
                </span>
              </td>
              <td class="reason">
                ${event.reason ?? (event.materials?.length ? '' : html`<span class="muted">—</span>`)}
                ${event.materials?.length ? html`<div class="small">${event.materials.map((key) => materialName(this.type, key)).join('、')}</div>` : ''}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('gc-application-history', GcApplicationHistory);

declare global {
  interface HTMLElementTagNameMap {
    'gc-application-history': GcApplicationHistory;
  }
}
