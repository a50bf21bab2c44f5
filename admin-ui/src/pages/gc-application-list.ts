import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { applicantRole } from '../../../policy-catalog/applications/access.ts';
import { api, type ApplicationState, type ApplicationStatus, type ApplicationType } from '../api/api.ts';
import { applicationSpecOf } from '../specs/application-specs.ts';
import { statesOf } from '../specs/application-steps.ts';
import { dueText, greenChannelTag, outstandingMaterials, overdueTag } from '../format/application-view.ts';
import { organisationLabel } from '../format/organisation-view.ts';
import { rememberOrganisationNames } from '../app/organisation-names.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { applicationTypes, href, navigate } from '../app/router.ts';
import { SessionController } from '../app/session.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import '../components/gc-inbox-counters.ts';
import '../components/gc-state-badge.ts';
import { TableController } from '../app/table-controller.ts';

type Choice = '' | 'true' | 'false';

/**
 * Applications of one type, soonest due first, as the API sorts them. For a hospital or a firm:
 * its own (我的申报), with the way to a new one. For the bureau: the inbox of both types (a tab
 * each), where green-channel applications carry their badge and overdue ones stand out in red.
 * Filters by state, green channel and overdue go to the API.
 *
 * @property type - service | listing
 */
export class GcApplicationList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .tabs {
        display: flex;
        gap: 2px;
        border-bottom: 1px solid var(--gc-border);
        margin-bottom: 12px;
      }
      .tabs a {
        padding: 6px 16px;
        border: 1px solid transparent;
        border-bottom: none;
        border-radius: 3px 3px 0 0;
        color: var(--gc-muted);
      }
      .tabs a[aria-current='page'] {
        background: var(--gc-surface);
        border-color: var(--gc-border);
        color: var(--gc-text);
        font-weight: 600;
        margin-bottom: -1px;
      }
      form.filters {
        display: flex;
        gap: 12px;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      tr.overdue td:first-child {
        box-shadow: inset 3px 0 0 var(--gc-danger);
      }
      tr.overdue .due {
        color: var(--gc-danger);
        font-weight: 600;
      }
      .name {
        font-weight: 600;
      }
      td.subject {
        min-width: 180px;
      }
      .pager {
        display: flex;
        gap: 8px;
        align-items: center;
        justify-content: flex-end;
        margin-top: 8px;
      }
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
    `,
  ];

  @property() type: ApplicationType = 'service';
  @state() private state: ApplicationState | '' = '';
  @state() private greenChannel: Choice = '';
  @state() private overdue: Choice = '';
  /** The cursors of the pages visited so far; the last one is the current page's ('' = first). */
  @state() private cursors: string[] = [''];
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly session = new SessionController(this);
  private readonly applications = new Task(this, {
    task: async ([type, state, greenChannel, overdue, cursor], { signal }) => {
      const page = await api.listApplications(
        type,
        {
          ...(state ? { state } : {}),
          ...(greenChannel ? { greenChannel: greenChannel === 'true' } : {}),
          ...(overdue ? { overdue: overdue === 'true' } : {}),
          ...(cursor ? { cursor } : {}),
        },
        signal,
      );
      rememberOrganisationNames(page.items.map(({ application, orgName }) => ({ orgId: application.orgId, name: orgName })));
      return page;
    },
    args: () => [this.type, this.state, this.greenChannel, this.overdue, this.cursors.at(-1) ?? ''] as const,
  });

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new list or filter starts again at its first page.
    if (['type', 'state', 'greenChannel', 'overdue'].some((name) => changed.has(name))) this.cursors = [''];
  }

  override render() {
    const applicant = this.isApplicant();
    return html`
      <div class="toolbar">
        <div>
          <h1 data-testid="applications-title">${t(applicant ? 'applications.mine' : 'applications.inbox')}</h1>
          <div class="muted small">${t(applicant ? `applications.mineSubtitle.${this.type}` : 'applications.inboxSubtitle')}</div>
        </div>
        ${
          applicant && this.session.can('application:create')
            ? html`<button class="primary" data-testid="new-application" @click=${() => navigate(href.newApplication(this.type))}>${t('application.new')}</button>`
            : null
        }
      </div>
      ${applicant ? null : html`<gc-inbox-counters></gc-inbox-counters>`}
      ${this.renderTabs()}
      <div class="panel">
        ${this.renderFilters()}
      </div>
      <div class="panel">${renderTask(this.applications, (page) => html`${this.renderTable(page.items, applicant)}${this.renderPager(page.cursor)}`)}</div>
    `;
  }

  /** A hospital or firm sees its own organisation's applications, of the kinds it applies for. */
  private isApplicant(): boolean {
    const role = this.session.identity?.role;
    return role === 'hospital' || role === 'firm';
  }

  /** The bureau sees every type; a hospital its two (service items, designation), a firm only listings (no tabs). */
  private renderTabs() {
    const role = this.session.identity?.role;
    const types = this.isApplicant() ? applicationTypes.filter((type) => applicantRole(type) === role) : applicationTypes;
    if (types.length < 2) return null;
    return html`<div class="tabs" role="tablist">
      ${types.map(
        (
          type,
        ) => html`<a role="tab" href=${href.applications(type)} data-testid=${`applications-tab-${type}`} aria-current=${type === this.type ? 'page' : 'false'}
          aria-selected=${type === this.type ? 'true' : 'false'}>${t(`applicationType.${type}`)}</a>`,
      )}
    </div>`;
  }

  private renderFilters() {
    const choice = (id: string, label: string, value: Choice, yes: string, no: string, set: (value: Choice) => void) => html`<label class="field">
      <span>${label}</span>
      <select id=${id} .value=${value} @change=${(event: Event) => set((event.target as HTMLSelectElement).value as Choice)}>
        <option value="" ?selected=${value === ''}>${t('applications.all')}</option>
        <option value="true" ?selected=${value === 'true'}>${yes}</option>
        <option value="false" ?selected=${value === 'false'}>${no}</option>
      </select>
    </label>`;
    return html`<form class="filters" @submit=${(event: Event) => event.preventDefault()}>
      <label class="field">
        <span>${t('applications.state')}</span>
        <select id="filter-state" .value=${this.state} @change=${(event: Event) => (this.state = (event.target as HTMLSelectElement).value as ApplicationState | '')}>
          <option value="" ?selected=${this.state === ''}>${t('applications.all')}</option>
          ${statesOf(this.type).map((state) => html`<option value=${state} ?selected=${state === this.state}>${t(`applicationState.${state}`)}</option>`)}
        </select>
      </label>
      ${choice('filter-green-channel', t('applications.channel'), this.greenChannel, t('application.greenChannel'), t('application.normalChannel'), (value) => (this.greenChannel = value))}
      ${choice('filter-overdue', t('applications.overdueFilter'), this.overdue, t('application.overdue'), t('applications.notOverdue'), (value) => (this.overdue = value))}
    </form>`;
  }

  private renderPager(cursor: string | undefined) {
    if (this.cursors.length <= 1 && !cursor) return null;
    return html`<div class="pager">
      <button data-testid="previous-page" ?disabled=${this.cursors.length <= 1} @click=${() => (this.cursors = this.cursors.slice(0, -1))}>${t('common.previousPage')}</button>
      <span class="muted small">${t('common.pageNumber', { page: this.cursors.length })}</span>
      <button data-testid="next-page" ?disabled=${!cursor} @click=${() => {
        if (cursor) this.cursors = [...this.cursors, cursor];
      }}>${t('common.nextPage')}</button>
    </div>`;
  }

  private renderTable(items: ApplicationStatus[], applicant: boolean) {
    if (items.length === 0) return html`<p class="empty" data-testid="no-applications">${t(applicant ? 'applications.noneMine' : 'applications.none')}</p>`;
    const spec = applicationSpecOf(this.type);
    return html`<div class="table-scroll">
      <table data-testid="applications-table">
        <thead>
          <tr>
            <th>${t('applications.subject')}</th>
            ${applicant ? null : html`<th>${t('applications.organisation')}</th>`}
            <th>${t('applications.state')}</th>
            <th>${t('applications.channel')}</th>
            <th>${t('applications.due')}</th>
            <th>${t('applications.outstanding')}</th>
            <th>${t('applications.submittedAt')}</th>
            <th>${t('applications.updatedAt')}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map((item) => {
            const { application } = item;
            return html`<tr data-testid="application-row" data-id=${application.id} data-state=${application.state} data-green-channel=${String(application.payload.greenChannel)}
              data-overdue=${String(item.overdue)} class=${item.overdue ? 'overdue' : ''}>
              <td class="subject">
                <a class="name" href=${href.application(this.type, application.id)} data-testid="application-link">${spec.nameOf(application.payload)}</a>
                <div class="muted small mono">${application.id}</div>
              </td>
              ${applicant ? null : html`<td data-testid="application-org" data-org=${application.orgId}>${organisationLabel(application.orgId, item.orgName)}</td>`}
              <td><gc-state-badge workflow="application" .state=${application.state}></gc-state-badge></td>
              <td>
                ${greenChannelTag(item) ?? html`<span class="muted">${t('application.normalChannel')}</span>`}
                ${application.payload.greenChannel ? html`<div class="muted small">${t(spec.greenChannelBasis(application.payload))}</div>` : null}
              </td>
              <td class="nowrap"><div class="due" data-testid="due">${dueText(item)}</div><div class="badges">${overdueTag(item)}</div></td>
              <td>${outstandingMaterials(item)}</td>
              <td class="nowrap">${application.submittedAt ? formatChinaTime(application.submittedAt) : '—'}</td>
              <td class="nowrap">${formatChinaTime(application.updatedAt)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('gc-application-list', GcApplicationList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-application-list': GcApplicationList;
  }
}
