import { Task } from '@lit/task';
import { html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { api, type Webhook, type WebhookDelivery } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import { TableController } from '../app/table-controller.ts';
import { focusHeading } from '../app/focus-heading.ts';

/**
 * Downstream systems' webhook endpoints, for pricing staff and admins (issue 15 §1): each with
 * its place in the release sequence and whether it is failing; its attempts on request.
 */
export class GcWebhookList extends LitElement {
  static override styles = [baseStyles];

  @state() private shown: string | undefined;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly webhooks = new Task(this, { task: (_args, { signal }) => api.listWebhooks(signal), args: () => [] as const });
  private readonly attempts = new Task(this, {
    task: ([id], { signal }) => (id ? api.webhookDeliveries(id, signal) : Promise.resolve([] as WebhookDelivery[])),
    args: () => [this.shown] as const,
  });

  override render() {
    return html`<div class="toolbar">
        <div>
          <h1>${t('webhooks.title')}</h1>
          <div class="muted small">${t('webhooks.subtitle')}</div>
        </div>
      </div>
      <div class="panel">${renderTask(this.webhooks, (webhooks) => this.renderEndpoints(webhooks))}</div>
      ${this.shown ? html`<div class="panel" id="attempts"><h2>${t('webhooks.attempts')}</h2>${renderTask(this.attempts, (attempts) => this.renderAttempts(attempts))}</div>` : null}`;
  }

  private renderEndpoints(webhooks: Webhook[]) {
    if (webhooks.length === 0) return html`<p class="empty">${t('webhooks.none')}</p>`;
    return html`<table data-testid="webhooks-table">
      <thead>
        <tr>
          <th>${t('webhooks.owner')}</th>
          <th>${t('webhooks.url')}</th>
          <th>${t('webhooks.state')}</th>
          <th>${t('webhooks.deliveredThrough')}</th>
          <th><span class="sr-only">${t('common.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${webhooks.map(
          (webhook) => html`<tr data-testid="webhook-row" data-id=${webhook.id} data-state=${webhook.state}>
            <td class="mono">${webhook.owner}</td>
            <td class="mono">${webhook.url}</td>
            <td>
              ${webhook.state === 'active' ? html`<span class="tag ok">${t('webhooks.active')}</span>` : html`<span class="tag danger">${t('webhooks.disabled')}</span>`}
              ${
                webhook.failingSince
                  ? html`<div class="small">
                      ${t('webhooks.failing', {
                        since: formatChinaTime(webhook.failingSince),
                        attempts: webhook.attempts,
                        next: webhook.nextAttemptAt ? formatChinaTime(webhook.nextAttemptAt) : '—',
                      })}
                    </div>`
                  : null
              }
            </td>
            <td>${t('webhooks.release', { n: webhook.deliveredThrough })}</td>
            <td><button data-testid="show-attempts" @click=${() => this.showAttempts(webhook.id)}>${t('webhooks.show')}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** The attempts appear below the list, on a phone out of sight: the keyboard (and the view) go to their heading. */
  private showAttempts(id: string): void {
    this.shown = id;
    focusHeading(this, '#attempts h2');
  }

  private renderAttempts(attempts: WebhookDelivery[]) {
    if (attempts.length === 0) return html`<p class="empty">${t('webhooks.noAttempts')}</p>`;
    return html`<table data-testid="webhook-attempts">
      <thead>
        <tr>
          <th>${t('webhooks.at')}</th>
          <th>${t('webhooks.attemptRelease')}</th>
          <th>${t('webhooks.status')}</th>
          <th class="num">${t('webhooks.latency')}</th>
          <th>${t('webhooks.error')}</th>
        </tr>
      </thead>
      <tbody>
        ${attempts.map(
          (attempt) => html`<tr data-testid="webhook-attempt" data-status=${attempt.status ?? ''}>
            <td class="nowrap">${formatChinaTime(attempt.at)}</td>
            <td>${t('webhooks.release', { n: attempt.release })}</td>
            <td>${attempt.status ?? t('webhooks.unreachable')}</td>
            <td class="num">${attempt.latencyMs} ms</td>
            <td>${attempt.error ?? ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define('gc-webhook-list', GcWebhookList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-webhook-list': GcWebhookList;
  }
}
