import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { ActionController } from '../app/action-controller.ts';
import { api, type ActionInput, type ApplicationAction, type ApplicationStatus, type ApplicationType } from '../api/api.ts';
import { type ApplicationDocument, documentsApi } from '../api/documents-api.ts';
import { applicationSpecOf } from '../specs/application-specs.ts';
import { availableSteps, canTake } from '../specs/application-steps.ts';
import { dueText, greenChannelTag, materialName, overdueTag } from '../format/application-view.ts';
import { organisationLabel } from '../format/organisation-view.ts';
import { rememberOrganisationNames } from '../app/organisation-names.ts';
import { formatChinaEnd, formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { href } from '../app/router.ts';
import { focusHeading } from '../app/focus-heading.ts';
import { SessionController } from '../app/session.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import '../components/gc-application-actions.ts';
import '../forms/gc-application-form.ts';
import '../components/gc-application-history.ts';
import '../components/gc-application-materials.ts';
import '../components/gc-document-list.ts';
import '../components/gc-problem.ts';
import '../components/gc-state-badge.ts';

/** Steps the page's other parts take: editing is the form's, supplying a material the materials table's. */
const handledElsewhere: ReadonlySet<ApplicationAction> = new Set(['edit', 'supply-material']);

/**
 * One application, for its applicant or the bureau: what is applied for, its deadline (China
 * time, the notices' "24:00"), the supplement asked for, its materials, its history, and the
 * steps the signed-in person may take in its state, and every file uploaded for it (who, when; opened
 * in the browser). After an approval, the draft change set it
 * made (for the reviewer to submit, and pricing staff to approve and publish). Every step sends
 * the ETag last read as If-Match; a refusal is shown in words (which material, which
 * termination).
 *
 * @property type - service | listing
 * @property applicationId - the application's id
 */
export class GcApplicationPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      h1 {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 8px;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: 16px 32px;
        align-items: flex-start;
      }
      .fact .value {
        margin-top: 2px;
      }
      .fact.long {
        flex-basis: 100%;
      }
      .fact.long .value {
        white-space: pre-wrap;
      }
      .due.overdue {
        color: var(--gc-danger);
        font-weight: 600;
      }
      .notice.danger {
        border-left-color: var(--gc-danger);
        background: var(--gc-danger-bg);
      }
      .columns {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: 0 16px;
      }
      @media (max-width: 1000px) {
        .columns {
          grid-template-columns: 1fr;
        }
      }
      .reason {
        white-space: pre-wrap;
      }
      dl.progress {
        grid-template-columns: max-content 1fr;
      }
    `,
  ];

  @property() type: ApplicationType = 'service';
  @property() applicationId = '';
  @state() private editing = false;
  /** The ETag ("v<version>") of the application as last read or written; sent as If-Match. */
  private etag = '';
  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  private readonly step = new ActionController(this);
  private readonly application = new Task(this, {
    task: async ([type, id], { signal }) => {
      const { value, etag } = await api.getApplication(type, id, signal);
      this.etag = etag;
      // A refused step names the organisation (a terminated agreement): by its name, once read.
      rememberOrganisationNames([{ orgId: value.application.orgId, name: value.orgName }]);
      return value;
    },
    args: () => [this.type, this.applicationId] as const,
  });
  /** Its stored files; read again whenever a file is uploaded anywhere on the page. */
  private readonly documents = new Task(this, {
    task: ([type, id], { signal }) => documentsApi.list(type, id, signal),
    args: () => [this.type, this.applicationId] as const,
  });

  constructor() {
    super();
    // A file uploaded in the form, the supplement or the materials table: the list follows.
    this.addEventListener('gc-document-uploaded', () => void this.documents.run());
  }

  override render() {
    const loaded = this.application.value?.application;
    const applicant = this.session.identity?.role === applicationSpecOf(this.type).applicantRole;
    return html`
      <div class="crumbs">
        <a href=${href.applications(this.type)}>${t(applicant ? 'applications.mine' : 'applications.inbox')}</a>${loaded ? html` / ${applicationSpecOf(loaded.type).nameOf(loaded.payload)}` : null}
      </div>
      ${renderTask(this.application, (status) => this.renderApplication(status))}
    `;
  }

  private renderApplication(status: ApplicationStatus) {
    const { application } = status;
    const documents: readonly ApplicationDocument[] = this.documents.value ?? [];
    const spec = applicationSpecOf(application.type);
    const identity = this.session.identity;
    const steps = availableSteps(application, identity).filter((action) => !handledElsewhere.has(action));
    return html`
      <div class="head">
        <div>
          <h1>
            <span data-testid="application-name">${spec.nameOf(application.payload)}</span>
            <gc-state-badge workflow="application" data-testid="application-state" .state=${application.state}></gc-state-badge>
            ${greenChannelTag(status)} ${overdueTag(status)}
          </h1>
          <div class="muted small">
            ${t(`applicationKind.${application.type}`)} · <span class="mono">${application.id}</span> ·
            <span data-testid="application-org" data-org=${application.orgId}>${organisationLabel(application.orgId, status.orgName)}</span> ·
            ${t('application.appliedBy', { name: application.createdBy.name })} ·
            ${t('changeSet.version', { version: application.version })}
          </div>
        </div>
      </div>
      ${this.renderNotices(status)}
      <gc-problem .error=${this.step.error} data-testid="action-problem"></gc-problem>
      ${
        this.editing
          ? html`<div class="panel" data-testid="edit-panel">
            <h2>${t('application.editTitle')}</h2>
            <gc-application-form .type=${application.type} .application=${status} .etag=${this.etag} .documents=${documents}
              @gc-application-saved=${this.afterEdit} @gc-application-cancel=${() => (this.editing = false)}></gc-application-form>
          </div>`
          : keyed(
              application.version,
              html`<gc-application-actions .status=${status} .steps=${steps} ?editable=${canTake(application, identity, 'edit')} ?busy=${this.step.busy} .documents=${documents}
              @gc-application-step=${(event: CustomEvent<{ action: ApplicationAction; input: ActionInput<ApplicationAction> }>) => this.take(event.detail.action, event.detail.input)}
              @gc-application-edit=${() => (this.editing = true)}></gc-application-actions>`,
            )
      }
      <div class="columns">
        <div class="panel">
          <h2>${t('application.content')}</h2>
          ${this.renderFacts(status)}
        </div>
        <div class="panel">
          <h2>${t('application.progress')}</h2>
          ${this.renderProgress(status)}
        </div>
      </div>
      <div class="panel">
        <h2>${t('application.materials', { count: application.materials.length })}</h2>
        <gc-application-materials .status=${status} ?supplyable=${canTake(application, identity, 'supply-material')} ?busy=${this.step.busy} .documents=${documents}
          @gc-supply-material=${(event: CustomEvent<{ key: string }>) => this.take('supply-material', { materials: [event.detail.key] })}></gc-application-materials>
      </div>
      <div class="panel" data-testid="application-files">
        <h2>${t('document.files', { count: documents.length })}</h2>
        <p class="muted small">${t('document.filesIntro')}</p>
        <gc-document-list layout="table" .type=${application.type} .applicationId=${application.id} .documents=${documents} .named=${namedFiles(status)}></gc-document-list>
      </div>
      <div class="panel">
        <h2>${t('application.history')}</h2>
        <gc-application-history .history=${application.history} .type=${application.type}></gc-application-history>
      </div>
    `;
  }

  /** What the reader must know first: the result of an approval, a supplement asked for, materials past their day, a decision. */
  private renderNotices(status: ApplicationStatus) {
    const { application, materialsPastDue } = status;
    const spec = applicationSpecOf(application.type);
    const request = application.supplementRequest;
    return html`
      ${
        application.state === 'approved'
          ? html`<div class="notice" data-testid="approved-notice">
            ${
              application.type === 'designation'
                ? t('application.designationApprovedNotice')
                : t('application.approvedNotice', { code: spec.entryCodeOf(application.payload, application.id) })
            }
            ${
              application.changeSetId && this.session.can('change-set:read')
                ? html`<a href=${href.changeSet(application.changeSetId)} data-testid="change-set-link">${t('application.openChangeSet')}</a>`
                : null
            }
          </div>`
          : null
      }
      ${
        request && application.state === 'supplement-requested'
          ? html`<div class="notice warn" data-testid="supplement-request">
            <strong>${t('application.supplementRequested', { name: request.requestedBy.name, at: formatChinaTime(request.requestedAt) })}</strong>
            <div class="reason">${request.reason}</div>
            ${
              request.materials?.length
                ? html`<div>${t('application.supplementMaterials')}${t('common.colon')}${request.materials.map((key) => materialName(application.type, key)).join(t('common.listSeparator'))}</div>`
                : null
            }
          </div>`
          : null
      }
      ${
        materialsPastDue.length
          ? html`<div class="notice danger" data-testid="materials-past-due">
            ${t('application.materialsPastDue', { materials: materialsPastDue.map((key) => materialName(application.type, key)).join(t('common.listSeparator')) })}
          </div>`
          : null
      }
      ${
        application.decision && application.decision.outcome !== 'approved'
          ? html`<div class="notice ${application.decision.outcome === 'rejected' ? 'danger' : 'warn'}" data-testid="decision">
            <strong>${t(`application.decision.${application.decision.outcome}`, { name: application.decision.by.name, at: formatChinaTime(application.decision.at) })}</strong>
            ${application.decision.reason ? html`<div class="reason">${application.decision.reason}</div>` : null}
            ${
              application.type === 'listing' && application.state === 'rejected' && application.reconsiderationDueAt
                ? html`<div>${t('application.reconsiderUntil', { end: formatChinaEnd(application.reconsiderationDueAt) })}</div>`
                : null
            }
          </div>`
          : null
      }
    `;
  }

  private renderFacts(status: ApplicationStatus) {
    const { application } = status;
    const spec = applicationSpecOf(application.type);
    return html`<div class="facts" data-testid="application-facts">
      ${spec.facts(application.payload).map(
        (fact) => html`<div class="fact ${fact.key === 'reason' ? 'long' : ''}" data-fact=${fact.key}>
          <div class="muted small">${t(fact.label)}</div>
          <div class="value ${fact.big ? 'big' : ''}">${fact.value}</div>
        </div>`,
      )}
      <div class="fact long" data-fact="greenChannel">
        <div class="muted small">${t('application.channel')}</div>
        <div class="value">${greenChannelTag(status)} ${t(spec.greenChannelBasis(application.payload))}</div>
      </div>
    </div>`;
  }

  private renderProgress(status: ApplicationStatus) {
    const { application } = status;
    const item = (label: string, value: unknown, testId = '') => html`<dt>${label}</dt><dd data-testid=${testId}>${value}</dd>`;
    return html`<dl class="meta progress" data-testid="application-progress">
      ${item(t('applications.due'), html`<span class="due ${status.overdue ? 'overdue' : ''}">${dueText(status)}</span> ${overdueTag(status)}`, 'due')}
      ${item(t('applications.submittedAt'), application.submittedAt ? formatChinaTime(application.submittedAt) : '—')}
      ${item(t('changeSet.createdAt'), formatChinaTime(application.createdAt))}
      ${item(t('applications.updatedAt'), formatChinaTime(application.updatedAt))}
      ${application.type === 'listing' && application.noticeEndsAt ? item(t('application.noticeEndsAt'), formatChinaEnd(application.noticeEndsAt)) : null}
      ${application.type === 'listing' && application.reconsiderationDueAt ? item(t('application.reconsiderationDueAt'), formatChinaEnd(application.reconsiderationDueAt)) : null}
      ${application.decision ? item(t('application.decidedBy'), t('changeSet.personAt', { name: application.decision.by.name, at: formatChinaTime(application.decision.at) })) : null}
      ${
        application.changeSetId && this.session.can('change-set:read')
          ? item(t('application.changeSet'), html`<a href=${href.changeSet(application.changeSetId)} class="mono">${application.changeSetId}</a>`)
          : null
      }
    </dl>`;
  }

  private async take(action: ApplicationAction, input: ActionInput<ApplicationAction>): Promise<void> {
    const result = await this.step.run(() => api.actOnApplication(this.type, this.applicationId, action, this.etag, input));
    if (result?.etag) this.etag = result.etag;
    await this.application.run();
    // The step's buttons are replaced by the next state's: the keyboard goes to the heading, which now says the state.
    if (result) focusHeading(this);
  }

  private async afterEdit(event: CustomEvent<{ etag: string }>): Promise<void> {
    if (event.detail.etag) this.etag = event.detail.etag;
    this.editing = false;
    this.step.clear();
    await this.application.run();
  }
}

/** The files the application's materials name now (the rest were replaced or never named). */
function namedFiles({ application }: ApplicationStatus): ReadonlySet<string> {
  return new Set(application.materials.flatMap((material) => (material.status === 'provided' ? (material.documents ?? []) : [])));
}

customElements.define('gc-application-page', GcApplicationPage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-application-page': GcApplicationPage;
  }
}
