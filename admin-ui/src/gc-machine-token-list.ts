import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { ActionController } from './action-controller.ts';
import { api, type IssuedMachineToken, type MachineToken } from './api.ts';
import { formatChinaTime } from './format.ts';
import { LocaleController, t } from './i18n.ts';
import { baseStyles, formStyles } from './styles.ts';
import { renderTask } from './task-view.ts';
import type { GcConfirmDialog } from './gc-confirm-dialog.ts';
import './gc-confirm-dialog.ts';
import './gc-problem.ts';

/**
 * Read-only tokens for downstream systems (hospital HIS, settlement, procurement platform):
 * issue one (the token is shown once, with a copy button), list them, revoke one after a
 * confirmation (the API refuses it from its next request). Local mode only; on AWS machine
 * clients use Cognito client credentials and the API answers 404 here.
 */
export class GcMachineTokenList extends LitElement {
  static override properties = {
    issued: { state: true },
    copied: { state: true },
    revoking: { state: true },
  };
  static override styles = [
    baseStyles,
    formStyles,
    css`
      form.issue {
        flex-direction: row;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 12px;
      }
      #token-name {
        width: 260px;
      }
      .issued {
        border: 1px solid #f0cf8f;
        border-left: 4px solid #c47f00;
        background: #fffaf0;
        padding: 10px 14px;
        border-radius: 3px;
        margin-top: 14px;
      }
      .token-row {
        display: flex;
        gap: 8px;
        margin: 8px 0 4px;
      }
      .token-row textarea {
        flex: 1;
        font-family: ui-monospace, Menlo, monospace;
        font-size: 12px;
        min-height: 64px;
        word-break: break-all;
      }
      .revoked td {
        color: var(--gc-muted);
      }
    `,
  ];

  declare private issued: IssuedMachineToken | undefined;
  declare private copied: boolean;
  declare private revoking: string | undefined;
  private readonly locale = new LocaleController(this);
  private readonly action = new ActionController(this);
  private readonly tokens = new Task(this, {
    task: (_args, { signal }) => api.listMachineTokens(signal),
    args: () => [] as const,
  });

  constructor() {
    super();
    this.issued = undefined;
    this.copied = false;
    this.revoking = undefined;
  }

  override render() {
    return html`
      <div class="toolbar">
        <div>
          <h1>${t('tokens.title')}</h1>
          <div class="muted small">${t('tokens.subtitle')}</div>
        </div>
      </div>
      <div class="panel">
        <h2>${t('tokens.issue')}</h2>
        <form class="issue" @submit=${this.onIssue}>
          <label class="field">
            <span>${t('tokens.name')}<span class="required" aria-hidden="true">*</span></span>
            <input id="token-name" name="name" required maxlength="100" placeholder=${t('tokens.namePlaceholder')} />
          </label>
          <label class="field">
            <span>${t('signIn.orgId')}</span>
            <input id="token-org" name="orgId" maxlength="100" placeholder=${t('common.optional')} />
          </label>
          <button class="primary" type="submit" data-testid="issue-token" ?disabled=${this.action.busy}>${t('tokens.issueSubmit')}</button>
        </form>
        ${this.issued ? this.renderIssued(this.issued) : null}
        <gc-problem .error=${this.action.error}></gc-problem>
      </div>
      <div class="panel">${renderTask(this.tokens, (tokens) => this.renderTable(tokens))}</div>
      <gc-confirm-dialog id="revoke-dialog" .heading=${t('tokens.revokeTitle')} .message=${t('tokens.revokeMessage', { name: this.revokingName() })} .confirmLabel=${t('tokens.revoke')}></gc-confirm-dialog>
    `;
  }

  private renderIssued(issued: IssuedMachineToken) {
    return html`<div class="issued" data-testid="issued-token" data-id=${issued.id}>
      <strong>${t('tokens.issuedFor', { name: issued.name })}</strong>
      <div class="token-row">
        <textarea id="issued-token" readonly aria-label=${t('tokens.token')} .value=${issued.token} @focus=${(event: Event) => (event.target as HTMLTextAreaElement).select()}></textarea>
        <button type="button" data-testid="copy-token" @click=${() => this.copy(issued.token)}>${this.copied ? t('tokens.copied') : t('tokens.copy')}</button>
      </div>
      <div class="small">${t('tokens.showOnce', { expires: formatChinaTime(issued.expiresAt) })}</div>
    </div>`;
  }

  private renderTable(tokens: MachineToken[]) {
    if (tokens.length === 0) return html`<p class="empty">${t('tokens.none')}</p>`;
    return html`<table data-testid="tokens-table">
      <thead>
        <tr>
          <th>${t('tokens.name')}</th>
          <th>${t('signIn.orgId')}</th>
          <th>${t('tokens.createdBy')}</th>
          <th>${t('tokens.createdAt')}</th>
          <th>${t('tokens.expiresAt')}</th>
          <th>${t('tokens.status')}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${tokens.map(
          (
            token,
          ) => html`<tr class=${token.revokedAt ? 'revoked' : ''} data-testid="token-row" data-id=${token.id} data-revoked=${token.revokedAt ? 'true' : 'false'}>
            <td>${token.name}</td>
            <td class="mono">${token.orgId ?? '—'}</td>
            <td>${token.createdBy.name}</td>
            <td class="nowrap">${formatChinaTime(token.createdAt)}</td>
            <td class="nowrap">${formatChinaTime(token.expiresAt)}</td>
            <td>
              ${
                token.revokedAt
                  ? html`<span class="tag danger">${t('tokens.revoked')}</span>
                    <span class="small">${t('changeSet.personAt', { name: token.revokedBy?.name ?? '', at: formatChinaTime(token.revokedAt) })}</span>`
                  : Date.parse(token.expiresAt) <= Date.now()
                    ? html`<span class="tag off">${t('tokens.expired')}</span>`
                    : html`<span class="tag ok">${t('tokens.active')}</span>`
              }
            </td>
            <td>
              ${
                token.revokedAt
                  ? null
                  : html`<button class="danger" data-testid="revoke-token" ?disabled=${this.action.busy} @click=${() => this.revoke(token)}>${t('tokens.revoke')}</button>`
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private revokingName(): string {
    return this.tokens.value?.find((token) => token.id === this.revoking)?.name ?? '';
  }

  private async onIssue(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const orgId = String(data.get('orgId') ?? '').trim();
    this.copied = false;
    const issued = await this.action.run(() => api.issueMachineToken({ name, ...(orgId ? { orgId } : {}) }));
    if (!issued) return;
    this.issued = issued;
    form.reset();
    await this.tokens.run();
  }

  private async copy(token: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(token);
    } catch {
      // No clipboard permission (e.g. plain http): select the text for Ctrl-C instead.
      this.renderRoot.querySelector<HTMLTextAreaElement>('#issued-token')?.select();
      document.execCommand('copy');
    }
    this.copied = true;
  }

  private async revoke(token: MachineToken): Promise<void> {
    this.revoking = token.id;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<GcConfirmDialog>('#revoke-dialog');
    const confirmed = dialog ? await dialog.ask() : false;
    this.revoking = undefined;
    if (!confirmed || !(await this.action.run(() => api.revokeMachineToken(token.id)))) return;
    if (this.issued?.id === token.id) this.issued = undefined;
    await this.tokens.run();
  }
}

customElements.define('gc-machine-token-list', GcMachineTokenList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-machine-token-list': GcMachineTokenList;
  }
}
