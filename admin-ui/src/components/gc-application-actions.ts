import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { performedBy } from '../../../policy-catalog/applications/actions.ts';
import type { ActionInput, ApplicationAction, ApplicationStatus, ApplicationType } from '../api/api.ts';
import { materialName } from '../format/application-view.ts';
import { needsReason } from '../specs/application-steps.ts';
import { chinaInstant, chinaToday, formatChinaEnd } from '../format/format.ts';
import { LocaleController, t, type MessageKey } from '../i18n/i18n.ts';
import { changedDeclarations, checklistOf, draftsOf, readDrafts, type MaterialDrafts, type MaterialErrors } from '../forms/material-drafts.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';
import type { ApplicationDocument } from '../api/documents-api.ts';
import type { GcConfirmDialog } from '../forms/gc-confirm-dialog.ts';
import '../forms/gc-confirm-dialog.ts';
import '../forms/gc-materials-checklist.ts';

/** Steps that move the application forward (primary buttons), and those that end it (danger). */
const forward: ReadonlySet<ApplicationAction> = new Set(['submit', 'accept', 'start-review', 'publish-notice', 'approve', 'supply-supplement']);
const ending: ReadonlySet<ApplicationAction> = new Set(['reject', 'withdraw']);
/** Steps asked about first: they cannot be taken back. */
const confirmed: Partial<Record<ApplicationAction, { title: MessageKey; message: MessageKey }>> = {
  submit: { title: 'confirm.submit.title', message: 'confirm.submit.message' },
  withdraw: { title: 'confirm.withdraw.title', message: 'confirm.withdraw.message' },
  'request-reconsideration': { title: 'confirm.reconsider.title', message: 'confirm.reconsider.message' },
  approve: { title: 'confirm.approve.title', message: 'confirm.approve.message' },
  reject: { title: 'confirm.reject.title', message: 'confirm.reject.message' },
};

/** A designation's approval records the decision only (2020 No.2 §2(6)2): no change set to announce. */
function confirmationOf(action: ApplicationAction, type: ApplicationType): { title: MessageKey; message: MessageKey } | undefined {
  if (action === 'approve' && type === 'designation') return { title: 'confirm.approve.title', message: 'confirm.approveDesignation.message' };
  return confirmed[action];
}

/**
 * The steps the signed-in person may take on an application in its state, with what they need:
 * a reason (required to ask for a supplement, reject, object or request reconsideration), the
 * materials a reviewer asks for, the day an approved item applies from, and for an applicant
 * answering a supplement request, the materials checklist. Steps that cannot be taken back are
 * confirmed first.
 *
 * @property status - the application
 * @property steps - the steps open to the signed-in person (from the workflow's tables)
 * @property editable - the applicant may still edit the draft
 * @property busy - a step is being taken
 * @property documents - the application's stored files (a supplement names new ones for its materials)
 * @fires gc-application-step - detail `{ action, input }`: take this step
 * @fires gc-application-edit - the applicant wants to edit the draft
 */
export class GcApplicationActions extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .inputs {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
        gap: 12px 16px;
        margin-bottom: 12px;
      }
      .inputs .full {
        grid-column: 1 / -1;
      }
      textarea {
        min-height: 56px;
      }
      .hint {
        font-size: 12px;
        color: var(--gc-muted);
      }
    `,
  ];

  @property({ attribute: false }) status: ApplicationStatus | undefined;
  @property({ attribute: false }) steps: readonly ApplicationAction[] = [];
  @property({ type: Boolean }) editable = false;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) documents: readonly ApplicationDocument[] = [];
  @state() private reasonMissing = false;
  @state() private requested: readonly string[] = [];
  @state() private drafts: MaterialDrafts = {};
  @state() private materialErrors: MaterialErrors = {};
  @state() private confirming: ApplicationAction | undefined;
  private readonly locale = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The page keys this element by the application's version: each version starts afresh.
    if (changed.has('status') && changed.get('status') === undefined && this.status) {
      this.requested = this.status.application.supplementRequest?.materials ?? [];
      this.drafts = draftsOf(this.status.application.materials);
    }
  }

  /** Why a step the workflow lists cannot be taken yet (公示 still running), said beside the disabled button. */
  private blockedReason(action: ApplicationAction): string | undefined {
    const application = this.status?.application;
    if (action !== 'approve' || application?.type !== 'listing' || application.noticeEndsAt === undefined) return undefined;
    return Date.now() < Date.parse(application.noticeEndsAt) ? t('steps.approveAfterNotice', { end: formatChinaEnd(application.noticeEndsAt) }) : undefined;
  }

  override render() {
    if (!this.status || (this.steps.length === 0 && !this.editable)) return null;
    const { application } = this.status;
    const dialog = this.confirming ? confirmationOf(this.confirming, application.type) : undefined;
    const reviewing = this.steps.some((step) => performedBy[step] === 'reviewer');
    return html`<div class="panel" data-testid="application-actions" data-steps=${this.steps.join(' ')}>
      <h2>${t(reviewing ? 'steps.reviewTitle' : 'steps.applicantTitle')}</h2>
      ${this.steps.includes('supply-supplement') ? this.renderSupplement() : null}
      ${
        this.wantsReason()
          ? html`<div class="inputs">
            <label class="field ${this.steps.includes('approve') || this.steps.includes('request-supplement') ? '' : 'full'}">
              <span>${t('steps.reason')}</span>
              <textarea id="step-reason" maxlength="2000" placeholder=${t(reviewing ? 'steps.reasonPlaceholder' : 'steps.reasonPlaceholderApplicant')}
                aria-invalid=${this.reasonMissing ? 'true' : 'false'} @input=${() => (this.reasonMissing = false)}></textarea>
              ${
                this.reasonMissing
                  ? html`<span class="error" data-testid="step-reason-missing">${t('steps.reasonRequired')}</span>`
                  : html`<span class="hint">${t(reviewing ? 'steps.reasonHint' : 'steps.reasonHintApplicant')}</span>`
              }
            </label>
            ${
              this.steps.includes('approve') && application.type !== 'designation'
                ? html`<label class="field">
                  <span>${t('steps.validFrom')}</span>
                  <input id="step-valid-from" type="date" min=${chinaToday()} />
                  <span class="hint">${t('steps.validFromHint')}</span>
                </label>`
                : null
            }
            ${this.steps.includes('request-supplement') ? this.renderRequestedMaterials() : null}
          </div>`
          : null
      }
      ${
        application.type === 'listing' && application.state === 'public-notice' && application.noticeEndsAt
          ? html`<p class="hint" data-testid="notice-window">${t('steps.noticeWindow', { end: formatChinaEnd(application.noticeEndsAt) })}</p>`
          : null
      }
      <div class="actions">
        ${this.editable ? html`<button data-testid="edit-application" ?disabled=${this.busy} @click=${this.edit}>${t('applicationAction.edit')}</button>` : null}
        ${this.steps.map((action) => {
          const blocked = this.blockedReason(action);
          return html`<button class=${forward.has(action) ? 'primary' : ending.has(action) ? 'danger' : ''} data-testid=${`step-${action}`}
            ?disabled=${this.busy || blocked !== undefined} title=${blocked ?? ''} aria-describedby=${blocked ? `blocked-${action}` : ''}
            @click=${() => this.take(action)}>${t(`applicationAction.${action}`)}</button>${
              blocked ? html`<span class="hint" id=${`blocked-${action}`} data-testid=${`blocked-${action}`}>${blocked}</span>` : null
            }`;
        })}
      </div>
      <gc-confirm-dialog id="step-dialog" .heading=${dialog ? t(dialog.title) : ''} .message=${dialog ? t(dialog.message) : ''}
        .confirmLabel=${this.confirming ? t(`applicationAction.${this.confirming}`) : ''}></gc-confirm-dialog>
    </div>`;
  }

  /** Nothing to explain when submitting, or withdrawing a draft nobody has seen. */
  private wantsReason(): boolean {
    const state = this.status?.application.state;
    return this.steps.some((step) => step !== 'submit' && !(step === 'withdraw' && state === 'draft'));
  }

  /** The applicant answers a supplement request with new declarations (the requested ones marked). */
  private renderSupplement() {
    const { application } = this.status as ApplicationStatus;
    const request = application.supplementRequest;
    return html`<div data-testid="supplement-form">
      <h3>${t('steps.supplementTitle')}</h3>
      ${request ? html`<p class="hint">${t('steps.supplementHint')}</p>` : null}
      <p class="hint">${t('supplement.newFilesHint')}</p>
      <gc-materials-checklist .type=${application.type} .checklist=${checklistOf(application.type, application.payload.greenChannel)} .drafts=${this.drafts}
        .files=${{ applicationId: application.id, documents: this.documents }}
        .errors=${this.materialErrors} .requested=${this.requested}
        @gc-materials-change=${(event: CustomEvent<{ drafts: MaterialDrafts }>) => {
          this.drafts = event.detail.drafts;
          this.materialErrors = {};
        }}></gc-materials-checklist>
    </div>`;
  }

  /** A reviewer may name the materials the supplement is for. */
  private renderRequestedMaterials() {
    const { application } = this.status as ApplicationStatus;
    const checklist = checklistOf(application.type, application.payload.greenChannel);
    return html`<div class="field full" role="group" aria-labelledby="requested-label">
      <span id="requested-label">${t('steps.requestedMaterials')}</span>
      <div class="checks">
        ${checklist.map(
          (material) => html`<label class="check">
            <input type="checkbox" id=${`request-${material.key}`} .checked=${this.requested.includes(material.key)}
              @change=${(event: Event) =>
                (this.requested = (event.target as HTMLInputElement).checked
                  ? [...this.requested, material.key]
                  : this.requested.filter((key) => key !== material.key))} />
            ${materialName(application.type, material.key)}
          </label>`,
        )}
      </div>
    </div>`;
  }

  private async take(action: ApplicationAction): Promise<void> {
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>('#step-reason');
    const reason = textarea?.value.trim() ?? '';
    if (needsReason(action) && !reason) {
      this.reasonMissing = true;
      textarea?.focus();
      return;
    }
    const input = this.inputFor(action, reason);
    if (!input) return;
    if (confirmed[action]) {
      this.confirming = action;
      await this.updateComplete;
      const agreed = await this.renderRoot.querySelector<GcConfirmDialog>('#step-dialog')?.ask();
      this.confirming = undefined;
      if (!agreed) return;
    }
    this.dispatchEvent(new CustomEvent('gc-application-step', { detail: { action, input }, bubbles: true, composed: true }));
  }

  /** The step's body; undefined when something the form checks is missing (shown at its field). */
  private inputFor(action: ApplicationAction, reason: string): ActionInput<ApplicationAction> | undefined {
    const withReason = reason ? { reason } : {};
    switch (action) {
      case 'approve': {
        const date = this.renderRoot.querySelector<HTMLInputElement>('#step-valid-from')?.value ?? '';
        return { ...withReason, ...(date ? { validFrom: chinaInstant(date, '00:00') } : {}) };
      }
      case 'request-supplement':
        return { ...withReason, ...(this.requested.length ? { materials: [...this.requested] } : {}) };
      case 'supply-supplement': {
        const { application } = this.status as ApplicationStatus;
        const { declarations, errors } = readDrafts(checklistOf(application.type, application.payload.greenChannel), this.drafts, chinaToday());
        this.materialErrors = errors;
        if (Object.keys(errors).length > 0) return undefined;
        return { ...withReason, materials: changedDeclarations(application.materials, declarations) };
      }
      default:
        return withReason;
    }
  }

  private edit(): void {
    this.dispatchEvent(new CustomEvent('gc-application-edit', { bubbles: true, composed: true }));
  }
}

customElements.define('gc-application-actions', GcApplicationActions);

declare global {
  interface HTMLElementTagNameMap {
    'gc-application-actions': GcApplicationActions;
  }
  interface HTMLElementEventMap {
    'gc-application-step': CustomEvent<{ action: ApplicationAction; input: ActionInput<ApplicationAction> }>;
    'gc-application-edit': CustomEvent<void>;
  }
}
