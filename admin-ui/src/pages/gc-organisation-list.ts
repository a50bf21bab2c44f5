import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { focusHeading } from '../app/focus-heading.ts';
import { rememberOrganisationNames } from '../app/organisation-names.ts';
import { TableController } from '../app/table-controller.ts';
import { renderTask } from '../app/task-view.ts';
import { type Organisation, type OrganisationPage, organisations } from '../api/organisations-api.ts';
import { formatChinaTime } from '../format/format.ts';
import type { GcConfirmDialog } from '../forms/gc-confirm-dialog.ts';
import type { OrganisationSubmit } from '../forms/gc-organisation-form.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import '../components/gc-problem.ts';
import '../forms/gc-confirm-dialog.ts';
import '../forms/gc-organisation-form.ts';

/**
 * The organisations registry, for admins (issue 14 §7): every hospital's and firm's code with its
 * name and type, by code, and who last changed it when. The admin adds one, or renames one after
 * confirming the old and the new name; what the API refuses is shown as its problem.
 */
export class GcOrganisationList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .saved {
        color: var(--gc-ok);
        margin: 8px 0 12px;
      }
    `,
  ];

  /** The organisation being renamed, 'new' while one is added, or undefined when the form is closed. */
  @state() private editing: Organisation | 'new' | undefined = undefined;
  /** Later pages, fetched with "more". */
  @state() private older: OrganisationPage | undefined = undefined;
  /** The name just saved, said once under the form. */
  @state() private saved = '';
  /** What the rename dialog asks about. */
  @state() private pending: OrganisationSubmit | undefined = undefined;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly action = new ActionController(this);
  private readonly first = new Task(this, {
    task: async (_args, { signal }) => {
      const page = await organisations.list(undefined, signal);
      rememberOrganisationNames(page.items);
      return page;
    },
    args: () => [] as const,
  });

  override render() {
    const renaming = typeof this.editing === 'object' ? this.editing : undefined;
    return html`
      <div class="toolbar">
        <div>
          <h1>${t('organisations.title')}</h1>
          <div class="muted small">${t('organisations.subtitle')}</div>
        </div>
        <button class="primary" data-testid="add-organisation" ?disabled=${this.action.busy} @click=${() => this.open('new')}>${t('organisations.add')}</button>
      </div>
      <div class="panel">
        ${
          this.editing
            ? html`<gc-organisation-form .organisation=${renaming} ?busy=${this.action.busy} @gc-organisation-submit=${this.onSubmit}
                @gc-organisation-cancel=${this.close}></gc-organisation-form>`
            : null
        }
        <gc-problem
          .error=${this.action.error}
          .labels=${{ orgId: t('organisations.code'), name: t('organisations.name'), type: t('organisations.type') }}
          data-testid="organisation-problem"
        ></gc-problem>
        ${this.saved ? html`<div class="saved" role="status" data-testid="organisation-saved">${t('organisations.saved', { name: this.saved })}</div>` : null}
        ${renderTask(this.first, (page) => this.renderTable(page))}
      </div>
      <gc-confirm-dialog
        id="rename-dialog"
        .heading=${t('organisations.confirmTitle')}
        .message=${renaming && this.pending ? t('organisations.confirmMessage', { code: renaming.orgId, before: renaming.name, after: this.pending.name }) : ''}
        .confirmLabel=${t('organisations.confirm')}
      ></gc-confirm-dialog>
    `;
  }

  private renderTable(first: OrganisationPage) {
    const items = [...first.items, ...(this.older?.items ?? [])];
    const cursor = this.older ? this.older.cursor : first.cursor;
    if (items.length === 0) return html`<p class="empty" data-testid="no-organisations">${t('organisations.none')}</p>`;
    return html`<div class="table-scroll">
        <table data-testid="organisations-table">
          <thead>
            <tr>
              <th>${t('organisations.code')}</th>
              <th>${t('organisations.name')}</th>
              <th>${t('organisations.type')}</th>
              <th>${t('organisations.changed')}</th>
              <th><span class="sr-only">${t('common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (organisation) => html`<tr data-testid="organisation-row" data-org=${organisation.orgId}>
                <td class="mono">${organisation.orgId}</td>
                <td data-testid="organisation-name">${organisation.name}</td>
                <td>${t(`organisationType.${organisation.type}`)}</td>
                <td class="small">${t('organisations.changedByAt', { name: organisation.changedBy.name, at: formatChinaTime(organisation.changedAt) })}</td>
                <td>
                  <button data-testid="rename-organisation" ?disabled=${this.action.busy} @click=${() => this.open(organisation)}>${t('organisations.rename')}</button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${cursor ? html`<button data-testid="more-organisations" ?disabled=${this.action.busy} @click=${() => this.more(cursor)}>${t('organisations.more')}</button>` : null}`;
  }

  /** The form opens at the top of the list; the keyboard goes to its heading. */
  private async open(editing: Organisation | 'new'): Promise<void> {
    this.editing = editing;
    this.saved = '';
    this.action.clear();
    await this.updateComplete;
    const form = this.renderRoot.querySelector('gc-organisation-form');
    if (form) focusHeading(form, 'h2');
  }

  private readonly close = () => {
    this.editing = undefined;
    this.action.clear();
  };

  private async more(cursor: string): Promise<void> {
    const page = await this.action.run(() => organisations.list(cursor));
    if (!page) return;
    rememberOrganisationNames(page.items);
    this.older = { items: [...(this.older?.items ?? []), ...page.items], ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  private readonly onSubmit = async (event: CustomEvent<OrganisationSubmit>): Promise<void> => {
    const { orgId, name, type } = event.detail;
    const renaming = typeof this.editing === 'object' ? this.editing : undefined;
    if (renaming) {
      this.pending = event.detail;
      const dialog = this.renderRoot.querySelector<GcConfirmDialog>('#rename-dialog');
      if (!(dialog && (await dialog.ask()))) return;
    }
    const saved = await this.action.run(() => (renaming ? organisations.rename(renaming, { name, type }) : organisations.add(orgId, { name, type })));
    if (!saved) return;
    rememberOrganisationNames([saved]);
    this.editing = undefined;
    this.older = undefined;
    this.saved = saved.name;
    await this.first.run();
  };
}

customElements.define('gc-organisation-list', GcOrganisationList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-organisation-list': GcOrganisationList;
  }
}
