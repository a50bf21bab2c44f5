import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { api, ApiError, type Eligibility, newIdempotencyKey, type ApplicationStatus, type ApplicationType, type MaterialDeclaration } from '../api/api.ts';
import type { ApplicationDocument } from '../api/documents-api.ts';
import { allFields, payloadOf, shownFields, valuesOf } from '../specs/application-spec.ts';
import { applicationSpecOf } from '../specs/application-specs.ts';
import { errorText, fieldOfPath, renderFields, type FieldError, type FieldValue, type FieldValues } from './fields.ts';
import { chinaToday, formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { fieldErrorText } from '../i18n/field-error-text.ts';
import { checklistOf, draftsOf, readDrafts, type MaterialDrafts, type MaterialErrors } from './material-drafts.ts';
import { href, navigate } from '../app/router.ts';
import { SessionController } from '../app/session.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';
import './gc-materials-checklist.ts';
import '../components/gc-problem.ts';

/**
 * The applicant's form (新增申报): what is applied for (money in yuan, sent as fen), the green
 * channel with its basis, and the materials checklist with its deferrals. It saves a draft: a
 * new one (with an Idempotency-Key, so a retry creates nothing twice, then opens it), or the
 * draft given (the `edit` step, with If-Match). Submitting is the application page's.
 *
 * @property type - service | listing
 * @property application - the draft to edit; absent for a new application
 * @property etag - the draft's ETag, sent as If-Match
 * @property documents - the draft's stored files (a provided material names some, and takes new ones)
 * @fires gc-application-saved - detail `{ etag }`: the draft was edited
 * @fires gc-application-cancel - the user gave up editing
 */
export class GcApplicationForm extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .hint {
        font-size: 13px;
        color: var(--gc-muted);
      }
    `,
  ];

  @property() type: ApplicationType = 'service';
  @property({ attribute: false }) application: ApplicationStatus | undefined;
  @property({ attribute: false }) etag = '';
  @property({ attribute: false }) documents: readonly ApplicationDocument[] = [];
  @state() private values: FieldValues = {};
  @state() private drafts: MaterialDrafts = {};
  @state() private fieldErrors: Record<string, FieldError> = {};
  @state() private materialErrors: MaterialErrors = {};
  /** What is open to my organisation, asked before the form (a terminated agreement closes the green channel). */
  @state() private eligibility: Eligibility | undefined;
  /** The key sent with a new draft: kept while the same body is retried, renewed when the body changes. */
  private attempt: { body: string; key: string } | undefined;
  /** The declarations last sent, to place the API's `materials.<n>.…` errors. */
  private sentMaterials: MaterialDeclaration[] = [];
  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  private readonly save = new ActionController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('application') || changed.has('type')) {
      const application = this.application?.application;
      this.values = application ? valuesOf(applicationSpecOf(this.type), application.payload) : {};
      this.drafts = application ? draftsOf(application.materials) : {};
      this.fieldErrors = {};
      this.materialErrors = {};
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.application && this.session.identity?.role === applicationSpecOf(this.type).applicantRole) {
      api.eligibility(this.type).then(
        (eligibility) => {
          this.eligibility = eligibility;
        },
        () => undefined, // the submit still checks; the form stays usable
      );
    }
  }

  override render() {
    if (this.application) return this.renderForm();
    const applicantRole = applicationSpecOf(this.type).applicantRole;
    const closed = this.eligibility?.termination;
    if (closed && !this.eligibility?.apply) {
      return html`<h1 tabindex="-1">${t(`applicationKind.${this.type}`)}</h1>
        <div class="notice warn" role="alert" data-testid="eligibility-refused">${t('eligibility.closed', terminationParams(closed))}</div>`;
    }
    return html`
      <div class="crumbs"><a href=${href.applications(this.type)}>${t('applications.mine')}</a> / ${t('application.new')}</div>
      <h1>${t(`applicationKind.${this.type}`)}</h1>
      <p class="muted">${t(`application.newIntro.${this.type}`)}</p>
      ${
        this.session.identity?.role === applicantRole
          ? html`${
              closed
                ? html`<div class="notice warn" role="status" data-testid="eligibility-no-green-channel">${t('eligibility.noGreenChannel', terminationParams(closed))}</div>`
                : null
            }<div class="panel">${this.renderForm()}</div>`
          : html`<div class="notice warn" data-testid="applicant-only">${t('application.applicantOnly', { role: t(`role.${applicantRole}`) })}</div>`
      }
    `;
  }

  private renderForm() {
    const spec = applicationSpecOf(this.type);
    const context = {
      idPrefix: 'application',
      onChange: (path: string, value: FieldValue) => this.setValue(path, value),
      errorOf: (path: string) => this.errorOf(path),
    };
    const checklist = checklistOf(this.type, this.greenChannel());
    return html`
      <form novalidate @submit=${this.onSubmit} data-testid="application-form" data-type=${this.type}>
        ${shownFields(spec, this.values).map(
          (group) => html`<fieldset>
            <legend>${t(group.legend)}</legend>
            ${renderFields(group.fields, this.values, context)}
          </fieldset>`,
        )}
        <fieldset>
          <legend>${t('application.materials', { count: checklist.length })}</legend>
          <gc-materials-checklist .type=${this.type} .checklist=${checklist} .drafts=${this.drafts} .errors=${this.allMaterialErrors()}
            .files=${this.application ? { applicationId: this.application.application.id, documents: this.documents } : undefined}
            @gc-materials-change=${(event: CustomEvent<{ drafts: MaterialDrafts; key: string }>) => this.setDrafts(event.detail.drafts, event.detail.key)}></gc-materials-checklist>
        </fieldset>
        <gc-problem .error=${this.save.error} data-testid="application-form-problem"></gc-problem>
        <div class="actions">
          <button class="primary" type="submit" data-testid="application-save" ?disabled=${this.save.busy}>${t(this.application ? 'application.saveChanges' : 'application.saveDraft')}</button>
          <button type="button" data-testid="application-cancel" @click=${this.cancel}>${t('common.cancel')}</button>
          <span class="hint">${t('application.saveHint')}</span>
        </div>
      </form>
    `;
  }

  private greenChannel(): boolean {
    const spec = applicationSpecOf(this.type);
    return spec.applies('greenChannel', this.values) && this.values.greenChannel === true;
  }

  private setValue(path: string, value: FieldValue): void {
    this.values = { ...this.values, [path]: value };
    if (this.fieldErrors[path]) {
      const { [path]: _cleared, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  }

  private setDrafts(drafts: MaterialDrafts, key: string): void {
    this.drafts = drafts;
    if (this.materialErrors[key]) {
      const { [key]: _cleared, ...rest } = this.materialErrors;
      this.materialErrors = rest;
    }
  }

  /** The error at a payload field: the form's own, else the API's (`payload.priceFen`). */
  private errorOf(path: string): string | undefined {
    const local = this.fieldErrors[path];
    if (local) return errorText(local);
    if (!(this.save.error instanceof ApiError)) return undefined;
    const specs = allFields(applicationSpecOf(this.type));
    const problem = this.save.error.problem.errors?.find(
      (error) => error.path.startsWith('payload.') && fieldOfPath(specs, error.path.slice('payload.'.length)) === path,
    );
    return problem && fieldErrorText(problem);
  }

  /** The form's material errors, with the API's (`materials.1.dueDate`) placed on their material. */
  private allMaterialErrors(): MaterialErrors {
    const errors: MaterialErrors = { ...this.materialErrors };
    if (!(this.save.error instanceof ApiError)) return errors;
    for (const problem of this.save.error.problem.errors ?? []) {
      const match = /^materials\.(\d+)\.(commitment|dueDate|explanation|consentToReviewOnMaterialsAtHand)/.exec(problem.path);
      const key = match ? this.sentMaterials[Number(match[1])]?.key : undefined;
      if (!match || !key) continue;
      const input = match[2] === 'consentToReviewOnMaterialsAtHand' ? 'consent' : (match[2] as 'commitment' | 'dueDate' | 'explanation');
      errors[key] = { [input]: { key: 'field.error.server', params: { message: fieldErrorText(problem) } }, ...errors[key] };
    }
    return errors;
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const spec = applicationSpecOf(this.type);
    const { payload, errors } = payloadOf(spec, this.values);
    const materials = readDrafts(checklistOf(this.type, this.greenChannel()), this.drafts, chinaToday());
    this.fieldErrors = errors;
    this.materialErrors = materials.errors;
    if (!payload || Object.keys(materials.errors).length > 0) {
      this.save.clear();
      await this.updateComplete;
      this.focusFirstInvalid();
      return;
    }
    this.sentMaterials = materials.declarations;
    const body = { payload, materials: materials.declarations };
    const current = this.application?.application;
    if (current) {
      const saved = await this.save.run(() => api.actOnApplication(this.type, current.id, 'edit', this.etag, body));
      if (saved) this.dispatchEvent(new CustomEvent('gc-application-saved', { detail: { etag: saved.etag }, bubbles: true, composed: true }));
      return;
    }
    const sent = JSON.stringify(body);
    if (this.attempt?.body !== sent) this.attempt = { body: sent, key: newIdempotencyKey() };
    const key = this.attempt.key;
    const created = await this.save.run(() => api.createApplication(this.type, body, key));
    if (created) navigate(href.application(this.type, created.value.application.id));
  }

  private focusFirstInvalid(): void {
    const own = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (own) {
      own.focus();
      return;
    }
    this.renderRoot.querySelector('gc-materials-checklist')?.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private cancel(): void {
    if (this.application) this.dispatchEvent(new CustomEvent('gc-application-cancel', { bubbles: true, composed: true }));
    else navigate(href.applications(this.type));
  }
}

/** A termination in words: when (China time) and why. */
function terminationParams(termination: { terminatedAt: string; reason: string }) {
  return { date: formatChinaTime(termination.terminatedAt), reason: termination.reason };
}

customElements.define('gc-application-form', GcApplicationForm);

declare global {
  interface HTMLElementTagNameMap {
    'gc-application-form': GcApplicationForm;
  }
  interface HTMLElementEventMap {
    'gc-application-saved': CustomEvent<{ etag: string }>;
    'gc-application-cancel': CustomEvent<void>;
  }
}
