import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { api, type ChangeSet, type ChangeSetState } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { href, navigate } from '../app/router.ts';
import { SessionController } from '../app/session.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import '../components/gc-problem.ts';
import '../components/gc-state-badge.ts';
import { TableController } from '../app/table-controller.ts';

const states: readonly ChangeSetState[] = ['draft', 'submitted', 'approved', 'rejected', 'published'];

/** The change sets, newest first, filtered by state; pricing staff create new drafts here. */
export class GcChangeSetList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      form.create {
        display: flex;
        gap: 8px;
        align-items: flex-end;
      }
      form.create input {
        width: 320px;
      }
    `,
  ];

  @state() private state: ChangeSetState | '' = '';
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly session = new SessionController(this);
  private readonly create = new ActionController(this);
  private readonly changeSets = new Task(this, {
    task: ([state], { signal }) => api.listChangeSets(state || undefined, signal),
    args: () => [this.state] as const,
  });

  override render() {
    return html`
      <div class="toolbar">
        <div>
          <h1>${t('changeSets.title')}</h1>
          <div class="muted small">${t('changeSets.subtitle')}</div>
        </div>
        <label class="field">
          <span>${t('changeSets.filterState')}</span>
          <select id="state-filter" .value=${this.state} @change=${(event: Event) => (this.state = (event.target as HTMLSelectElement).value as ChangeSetState | '')}>
            <option value="">${t('changeSets.allStates')}</option>
            ${states.map((state) => html`<option value=${state}>${t(`state.${state}`)}</option>`)}
          </select>
        </label>
      </div>
      ${
        this.session.can('change-set:create')
          ? html`<div class="panel">
            <h2>${t('changeSets.create')}</h2>
            <form class="create" @submit=${this.onCreate}>
              <label class="field">
                <span>${t('changeSets.newTitle')}</span>
                <input id="new-change-set-title" name="title" required maxlength="200" placeholder=${t('changeSets.newTitlePlaceholder')} />
              </label>
              <button class="primary" type="submit" data-testid="create-change-set" ?disabled=${this.create.busy}>${t('changeSets.createSubmit')}</button>
            </form>
            <gc-problem .error=${this.create.error}></gc-problem>
          </div>`
          : null
      }
      <div class="panel">${renderTask(this.changeSets, (changeSets) => this.renderTable(changeSets))}</div>
    `;
  }

  private renderTable(changeSets: ChangeSet[]) {
    if (changeSets.length === 0) return html`<p class="empty">${t('changeSets.none')}</p>`;
    return html`<table data-testid="change-sets-table">
      <thead>
        <tr>
          <th>${t('changeSets.titleColumn')}</th>
          <th>${t('changeSets.state')}</th>
          <th>${t('changeSets.author')}</th>
          <th class="num">${t('changeSets.changes')}</th>
          <th>${t('changeSets.updatedAt')}</th>
          <th>${t('changeSets.release')}</th>
        </tr>
      </thead>
      <tbody>
        ${changeSets.map(
          (changeSet) => html`<tr data-testid="change-set-row" data-id=${changeSet.id} data-state=${changeSet.state}>
            <td><a href=${href.changeSet(changeSet.id)} data-testid="change-set-link">${changeSet.title}</a></td>
            <td><gc-state-badge .state=${changeSet.state}></gc-state-badge></td>
            <td>${changeSet.author.name}</td>
            <td class="num">${changeSet.changeCount}</td>
            <td class="nowrap">${formatChinaTime(changeSet.updatedAt)}</td>
            <td>${changeSet.releaseNumber ? html`<a href=${href.release(changeSet.releaseNumber)}>${t('releases.number', { number: changeSet.releaseNumber })}</a>` : '—'}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private async onCreate(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const title = String(new FormData(form).get('title') ?? '').trim();
    const created = await this.create.run(() => api.createChangeSet(title));
    if (created) navigate(href.changeSet(created.value.id));
  }
}

customElements.define('gc-change-set-list', GcChangeSetList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-change-set-list': GcChangeSetList;
  }
}
