import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { emailApi, type OutboxMail } from '../api/email-api.ts';
import { ActionController } from '../app/action-controller.ts';
import { TableController } from '../app/table-controller.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import '../components/gc-problem.ts';

const statusTags = { queued: 'warn', sent: 'ok', failed: 'danger' } as const;

/**
 * The outbox (issue 14 §3), for admins: every mail queued, newest first, with its status and
 * its text. Locally mail is only kept here (nothing is sent), which is how a demo shows it; on
 * AWS it says what SES took and what failed.
 */
export class GcEmailOutbox extends LitElement {
  static override styles = [
    baseStyles,
    css`
      details pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font: inherit;
        margin: 6px 0 0;
      }
    `,
  ];

  @state() private items: OutboxMail[] = [];
  @state() private cursor: string | undefined;
  @state() private loaded = false;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly loading = new ActionController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    return html`<div class="toolbar">
        <div>
          <h1 tabindex="-1">${t('outbox.title')}</h1>
          <div class="muted small">${t('outbox.subtitle')}</div>
        </div>
      </div>
      <div class="panel">
        <gc-problem .error=${this.loading.error}></gc-problem>
        ${this.loaded && this.items.length === 0 ? html`<p class="empty">${t('outbox.none')}</p>` : null}
        ${this.items.length > 0 ? this.renderTable() : null}
        ${this.cursor ? html`<button data-testid="outbox-more" ?disabled=${this.loading.busy} @click=${() => void this.load(this.cursor)}>${t('outbox.more')}</button>` : null}
      </div>`;
  }

  private renderTable() {
    return html`<table data-testid="outbox">
      <thead>
        <tr>
          <th>${t('outbox.queuedAt')}</th>
          <th>${t('outbox.to')}</th>
          <th>${t('outbox.subject')}</th>
          <th>${t('outbox.status')}</th>
          <th class="num">${t('outbox.attempts')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map(
          (mail) => html`<tr data-testid="outbox-mail" data-status=${mail.status}>
            <td class="nowrap">${formatChinaTime(mail.queuedAt)}</td>
            <td class="mono">${mail.to}</td>
            <td>
              <details>
                <summary>${mail.subject}</summary>
                <pre data-testid="outbox-text">${mail.text}</pre>
              </details>
            </td>
            <td>
              <span class="tag ${statusTags[mail.status]}">${t(`outbox.status.${mail.status}`)}</span>
              ${mail.sentAt ? html`<div class="muted small">${formatChinaTime(mail.sentAt)}</div>` : null}
              ${mail.lastError ? html`<div class="muted small">${mail.lastError}</div>` : null}
            </td>
            <td class="num">${mail.attempts}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private async load(cursor?: string): Promise<void> {
    const page = await this.loading.run(() => emailApi.outbox(cursor));
    if (!page) return;
    this.items = cursor ? [...this.items, ...page.items] : page.items;
    this.cursor = page.cursor;
    this.loaded = true;
  }
}

customElements.define('gc-email-outbox', GcEmailOutbox);

declare global {
  interface HTMLElementTagNameMap {
    'gc-email-outbox': GcEmailOutbox;
  }
}
