import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { focusHeading } from '../app/focus-heading.ts';
import { ApiError, api, type OrganisationChange, type UserAccount } from '../api/api.ts';
import { organisations } from '../api/organisations-api.ts';
import { knownOrganisationName, rememberOrganisationNames } from '../app/organisation-names.ts';
import { organisationLabel, organisationText } from '../format/organisation-view.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import type { GcConfirmDialog } from '../forms/gc-confirm-dialog.ts';
import '../forms/gc-confirm-dialog.ts';
import '../components/gc-problem.ts';
import { TableController } from '../app/table-controller.ts';

/**
 * Roles and organisations (issue 10 §7), for admins: everyone the identity provider knows, with
 * role and organisation; a hospital's or firm's user can be moved to another organisation, with a
 * reason and a confirmation; below, the record of every such change (who, when, before → after).
 */
export class GcUserList extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      form.change {
        flex-direction: row;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 12px;
        margin-top: 12px;
      }
      form.change h2 {
        flex-basis: 100%;
        margin: 0;
      }
      #org-id {
        width: 200px;
        max-width: 100%;
      }
      #org-reason {
        width: 320px;
        max-width: 100%;
      }
      tr.disabled td {
        color: var(--gc-muted);
      }
    `,
  ];

  @state() private editing: UserAccount | undefined;
  /** Older pages of the record, fetched with "more". */
  @state() private older: { items: OrganisationChange[]; cursor?: string } | undefined;
  private pending: { orgId: string; reason: string } | undefined;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly action = new ActionController(this);
  private readonly users = new Task(this, { task: (_args, { signal }) => api.listUsers(signal), args: () => [] as const });
  private readonly changes = new Task(this, { task: (_args, { signal }) => api.organisationChanges(undefined, signal), args: () => [] as const });
  /** The registry's names for the organisation column and the confirmation (issue 14 §7); without them, codes. */
  private readonly names = new Task(this, {
    task: async (_args, { signal }) => {
      const all = await organisations.all(signal);
      rememberOrganisationNames(all);
      return all.length;
    },
    args: () => [] as const,
  });

  override render() {
    if (this.users.error instanceof ApiError && this.users.error.problem.status === 404) {
      return html`<h1>${t('users.title')}</h1>
        <div class="panel" data-testid="users-external">${t('users.external')}</div>`;
    }
    return html`
      <div class="toolbar">
        <div>
          <h1>${t('users.title')}</h1>
          <div class="muted small">${t('users.subtitle')}</div>
        </div>
      </div>
      <div class="panel">
        ${renderTask(this.users, (users) => this.renderUsers(users))} ${this.editing ? this.renderChangeForm(this.editing) : null}
        <gc-problem .error=${this.action.error}></gc-problem>
      </div>
      <div class="panel">
        <h2>${t('users.changes')}</h2>
        ${renderTask(this.changes, (page) => this.renderChanges(page))}
      </div>
      <gc-confirm-dialog
        id="change-dialog"
        .heading=${this.editing ? t('users.changeTitle', { name: this.editing.name }) : ''}
        .message=${
          this.editing && this.pending
            ? t('users.confirmMessage', {
                name: this.editing.name,
                before: this.editing.orgId ? organisationText(this.editing.orgId) : t('users.noOrg'),
                after: organisationText(this.pending.orgId),
              })
            : ''
        }
        .confirmLabel=${t('users.confirm')}
      ></gc-confirm-dialog>
    `;
  }

  private renderUsers(users: UserAccount[]) {
    return html`<table data-testid="users-table">
      <thead>
        <tr>
          <th>${t('users.name')}</th>
          <th>${t('users.username')}</th>
          <th>${t('users.role')}</th>
          <th>${t('users.org')}</th>
          <th>${t('users.status')}</th>
          <th><span class="sr-only">${t('common.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${users.map(
          (user) => html`<tr class=${user.enabled ? '' : 'disabled'} data-testid="user-row" data-username=${user.username}>
            <td>${user.name}</td>
            <td class="mono">${user.username}</td>
            <td>${user.role ? t(`role.${user.role}`) : html`<span class="tag off">${t('users.noRole')}</span>`}</td>
            <td data-testid="user-org" data-org=${user.orgId ?? ''}>${user.orgId ? organisationLabel(user.orgId, this.nameOf(user.orgId)) : t('users.noOrg')}</td>
            <td>${user.enabled ? html`<span class="tag ok">${t('users.enabled')}</span>` : html`<span class="tag off">${t('users.disabled')}</span>`}</td>
            <td>
              ${
                user.role === 'hospital' || user.role === 'firm'
                  ? html`<button data-testid="change-org" ?disabled=${this.action.busy} @click=${() => this.openChangeForm(user)}>${t('users.changeOrg')}</button>`
                  : null
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** An organisation's name once the registry was read (the task's value says it was). */
  private nameOf(orgId: string): string | undefined {
    return this.names.value === undefined ? undefined : knownOrganisationName(orgId);
  }

  /** The form opens below the list, on a phone out of sight: the keyboard (and the view) go to its heading. */
  private openChangeForm(user: UserAccount): void {
    this.editing = user;
    focusHeading(this, '[data-testid="change-org-form"] h2');
  }

  private renderChangeForm(user: UserAccount) {
    return html`<form class="change" data-testid="change-org-form" @submit=${this.onSubmit}>
      <h2>${t('users.changeTitle', { name: user.name })}</h2>
      <label class="field">
        <span>${t('users.newOrg')}<span class="required" aria-hidden="true">*</span></span>
        <input id="org-id" name="orgId" required pattern="[A-Za-z0-9][A-Za-z0-9_\\-]{1,63}" title=${t('users.orgHint')} placeholder="hosp-cczx" />
      </label>
      <label class="field">
        <span>${t('users.reason')}<span class="required" aria-hidden="true">*</span></span>
        <input id="org-reason" name="reason" required maxlength="200" placeholder=${t('users.reasonPlaceholder')} />
      </label>
      <button class="primary" type="submit" data-testid="submit-org" ?disabled=${this.action.busy}>${t('users.changeOrg')}</button>
      <button type="button" @click=${() => (this.editing = undefined)}>${t('users.cancel')}</button>
    </form>`;
  }

  private renderChanges(first: { items: OrganisationChange[]; cursor?: string }) {
    const items = [...first.items, ...(this.older?.items ?? [])];
    const cursor = this.older ? this.older.cursor : first.cursor;
    if (items.length === 0) return html`<p class="empty">${t('users.noChanges')}</p>`;
    return html`<table data-testid="org-changes">
        <thead>
          <tr>
            <th>${t('users.changeAt')}</th>
            <th>${t('users.changeWho')}</th>
            <th>${t('users.changeFromTo')}</th>
            <th>${t('users.changeReason')}</th>
            <th>${t('users.changeBy')}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (change) => html`<tr data-testid="org-change">
              <td class="nowrap">${formatChinaTime(change.at)}</td>
              <td class="mono">${change.username}</td>
              <td class="mono">${change.before ?? t('users.noOrg')} → ${change.after}</td>
              <td>${change.reason}</td>
              <td>${change.by.name}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${cursor ? html`<button @click=${() => this.more(cursor)}>${t('users.more')}</button>` : null}`;
  }

  private async more(cursor: string): Promise<void> {
    const page = await this.action.run(() => api.organisationChanges(cursor));
    if (page) this.older = { items: [...(this.older?.items ?? []), ...page.items], ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const user = this.editing;
    if (!user || !form.reportValidity()) return;
    const data = new FormData(form);
    this.pending = { orgId: String(data.get('orgId') ?? '').trim(), reason: String(data.get('reason') ?? '').trim() };
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<GcConfirmDialog>('#change-dialog');
    if (!(dialog && (await dialog.ask()))) return;
    const request = this.pending;
    const changed = await this.action.run(() => api.setOrganisation(user.username, request));
    if (!changed) return;
    this.editing = undefined;
    this.older = undefined;
    await Promise.all([this.users.run(), this.changes.run()]);
  }
}

customElements.define('gc-user-list', GcUserList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-user-list': GcUserList;
  }
}
