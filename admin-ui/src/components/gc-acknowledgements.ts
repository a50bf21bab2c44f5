import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { Acknowledgement } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { codeName } from '../i18n/impact-text.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import { TableController } from '../app/table-controller.ts';

/**
 * Who acknowledged which impact warnings, at approval and at publication: the step, the person,
 * when, the release the impact was computed against, and the warnings by name.
 *
 * @property items - the acknowledgements of a change set or release
 */
export class GcAcknowledgements extends LitElement {
  static override styles = [baseStyles];

  @property({ attribute: false }) items: Acknowledgement[] = [];
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);

  override render() {
    if (this.items.length === 0) return html`<p class="empty" data-testid="no-acknowledgements">${t('ack.none')}</p>`;
    return html`<table data-testid="acknowledgements">
      <thead>
        <tr>
          <th>${t('ack.stepColumn')}</th>
          <th>${t('ack.by')}</th>
          <th>${t('ack.at')}</th>
          <th>${t('ack.against')}</th>
          <th>${t('ack.codes')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map(
          (item) => html`<tr data-testid="acknowledgement" data-step=${item.step} data-codes=${item.codes.join(' ')}>
            <td>${t(`ack.step.${item.step}`)}</td>
            <td>${item.by.name}</td>
            <td class="nowrap">${formatChinaTime(item.at)}</td>
            <td>${t('releases.number', { number: item.against })}</td>
            <td>${item.codes.length > 0 ? item.codes.map(codeName).join(t('common.listSeparator')) : html`<span class="muted">${t('ack.nothingNeeded')}</span>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define('gc-acknowledgements', GcAcknowledgements);

declare global {
  interface HTMLElementTagNameMap {
    'gc-acknowledgements': GcAcknowledgements;
  }
}
