import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { api, type MachineClient, type RegisteredMachineClient } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import type { GcConfirmDialog } from '../forms/gc-confirm-dialog.ts';
import '../forms/gc-confirm-dialog.ts';
import '../components/gc-problem.ts';
import { TableController } from '../app/table-controller.ts';
import { focusHeading } from '../app/focus-heading.ts';

/**
 * Downstream systems' own clients (issue 10 §4): register a system by name and contact (its
 * client id and secret are shown once, with copy buttons), list them with their last use, revoke
 * one after a confirmation (the API refuses its next request; the others keep working).
 */
export class GcMachineClientList extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      form.register {
        flex-direction: row;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 12px;
      }
      #client-name,
      #client-contact {
        width: 260px;
        max-width: 100%;
      }
      .registered {
        border: 1px solid var(--gc-warning-border);
        border-left: 4px solid var(--gc-warning);
        background: var(--gc-warning-bg-soft);
        padding: 10px 14px;
        border-radius: 3px;
        margin-top: 14px;
      }
      .credential {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 8px 0 4px;
      }
      .credential span {
        min-width: 7em;
      }
      .credential input {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, Menlo, monospace;
        font-size: 12px;
      }
      .warning {
        font-weight: 600;
        margin-top: 8px;
      }
      .revoked td {
        color: var(--gc-muted);
      }
    `,
  ];

  @state() private registered: RegisteredMachineClient | undefined;
  @state() private copied: 'id' | 'secret' | undefined;
  @state() private revoking: string | undefined;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly action = new ActionController(this);
  private readonly clients = new Task(this, {
    task: (_args, { signal }) => api.listMachineClients(signal),
    args: () => [] as const,
  });

  override render() {
    return html`
      <div class="toolbar">
        <div>
          <h1>${t('clients.title')}</h1>
          <div class="muted small">${t('clients.subtitle')}</div>
          <p class="small">${t('clients.docsIntro')} <a href="/docs" target="_blank" rel="noopener" data-testid="api-docs-link">${t('clients.docsLink')}</a></p>
        </div>
      </div>
      <div class="panel">
        <h2>${t('clients.register')}</h2>
        <form class="register" @submit=${this.onRegister}>
          <label class="field">
            <span>${t('clients.name')}<span class="required" aria-hidden="true">*</span></span>
            <input id="client-name" name="name" required maxlength="100" placeholder=${t('clients.namePlaceholder')} />
          </label>
          <label class="field">
            <span>${t('clients.contact')}<span class="required" aria-hidden="true">*</span></span>
            <input id="client-contact" name="contact" required maxlength="200" placeholder=${t('clients.contactPlaceholder')} />
          </label>
          <button class="primary" type="submit" data-testid="register-client" ?disabled=${this.action.busy}>${t('clients.registerSubmit')}</button>
        </form>
        ${this.registered ? this.renderRegistered(this.registered) : null}
        <gc-problem .error=${this.action.error}></gc-problem>
      </div>
      <div class="panel">${renderTask(this.clients, (clients) => this.renderTable(clients))}</div>
      <gc-confirm-dialog
        id="revoke-dialog"
        .heading=${t('clients.revokeTitle')}
        .message=${t('clients.revokeMessage', { name: this.revokingName() })}
        .confirmLabel=${t('clients.revoke')}
      ></gc-confirm-dialog>
    `;
  }

  private renderRegistered(registered: RegisteredMachineClient) {
    const field = (which: 'id' | 'secret', label: string, value: string) =>
      html`<label class="credential">
        <span>${label}</span>
        <input id=${`registered-${which}`} data-testid=${`registered-${which}`} readonly .value=${value} @focus=${(event: Event) => (event.target as HTMLInputElement).select()} />
        <button type="button" data-testid=${`copy-${which}`} @click=${() => this.copy(which, value)}>${this.copied === which ? t('clients.copied') : t('clients.copy')}</button>
      </label>`;
    return html`<div class="registered" data-testid="registered-client" data-id=${registered.clientId} role="alert">
      <strong>${t('clients.registeredFor', { name: registered.client.name })}</strong>
      ${field('id', t('clients.clientId'), registered.clientId)} ${field('secret', t('clients.secret'), registered.clientSecret)}
      <div class="small warning">${t('clients.secretOnce')}</div>
    </div>`;
  }

  private renderTable(clients: MachineClient[]) {
    if (clients.length === 0) return html`<p class="empty">${t('clients.none')}</p>`;
    return html`<table data-testid="clients-table">
      <thead>
        <tr>
          <th>${t('clients.name')}</th>
          <th>${t('clients.clientId')}</th>
          <th>${t('clients.contact')}</th>
          <th>${t('clients.createdBy')}</th>
          <th>${t('clients.lastUsedAt')}</th>
          <th>${t('clients.status')}</th>
          <th><span class="sr-only">${t('common.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${clients.map(
          (client) => html`<tr
            class=${client.revokedAt ? 'revoked' : ''}
            data-testid="client-row"
            data-id=${client.clientId}
            data-revoked=${client.revokedAt ? 'true' : 'false'}
          >
            <td>${client.name}</td>
            <td class="mono">${client.clientId}</td>
            <td>${client.contact}</td>
            <td>${t('changeSet.personAt', { name: client.createdBy.name, at: formatChinaTime(client.createdAt) })}</td>
            <td class="nowrap">${client.lastUsedAt ? formatChinaTime(client.lastUsedAt) : t('clients.neverUsed')}</td>
            <td>
              ${
                client.revokedAt
                  ? html`<span class="tag danger">${t('clients.revoked')}</span>
                    <span class="small">${t('changeSet.personAt', { name: client.revokedBy?.name ?? '', at: formatChinaTime(client.revokedAt) })}</span>`
                  : html`<span class="tag ok">${t('clients.active')}</span>`
              }
            </td>
            <td>
              ${
                client.revokedAt
                  ? null
                  : html`<button class="danger" data-testid="revoke-client" ?disabled=${this.action.busy} @click=${() => this.revoke(client)}>
                      ${t('clients.revoke')}
                    </button>`
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private revokingName(): string {
    return this.clients.value?.find((client) => client.clientId === this.revoking)?.name ?? '';
  }

  private async onRegister(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const contact = String(data.get('contact') ?? '').trim();
    this.copied = undefined;
    const registered = await this.action.run(() => api.registerMachineClient({ name, contact }));
    if (!registered) return;
    this.registered = registered;
    form.reset();
    await this.clients.run();
  }

  private async copy(which: 'id' | 'secret', value: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (e.g. plain http): select the text for Ctrl-C instead.
      this.renderRoot.querySelector<HTMLInputElement>(`#registered-${which}`)?.select();
      document.execCommand('copy');
    }
    this.copied = which;
  }

  private async revoke(client: MachineClient): Promise<void> {
    this.revoking = client.clientId;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<GcConfirmDialog>('#revoke-dialog');
    const confirmed = dialog ? await dialog.ask() : false;
    this.revoking = undefined;
    if (!confirmed) return;
    const revoked = await this.action.run(async () => {
      await api.revokeMachineClient(client.clientId);
      return true;
    });
    if (!revoked) return;
    if (this.registered?.clientId === client.clientId) this.registered = undefined;
    await this.clients.run();
    // Its row lost the revoke button that had focus: the keyboard goes to the heading, not the page body.
    focusHeading(this);
  }
}

customElements.define('gc-machine-client-list', GcMachineClientList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-machine-client-list': GcMachineClientList;
  }
}
