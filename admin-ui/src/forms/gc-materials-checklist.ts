import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { MaterialSpec } from '../../../policy-catalog/applications/materials.ts';
import type { ApplicationType } from '../api/api.ts';
import type { ApplicationDocument } from '../api/documents-api.ts';
import { materialName } from '../format/application-view.ts';
import { errorText } from './fields.ts';
import { chinaToday } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { draftOf, materialStatuses, type MaterialDraft, type MaterialDrafts, type MaterialErrors, type MaterialInput } from './material-drafts.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';
import '../components/gc-document-list.ts';
import '../components/gc-document-upload.ts';

/** An application's stored files, where it exists: a provided material names some of them and takes new ones. */
export interface MaterialFiles {
  applicationId: string;
  documents: readonly ApplicationDocument[];
}

/**
 * The materials checklist of an application type (2020 No.2 §2(7)): for each required material,
 * provided; or, for a non-critical one, deferred on a written commitment and a due date
 * (容缺后补); or, for any one, unavailable with a written explanation and consent to a review on
 * the materials at hand (容缺受理、认同审核), whose meaning is shown beside the consent. Critical
 * materials (关键材料) are never deferred.
 *
 * @property type - service | listing
 * @property checklist - the materials to declare (the type's, for the green channel or not)
 * @property drafts - what is entered, by material key
 * @property errors - what is wrong, by material key and input
 * @property requested - keys a reviewer asked for (marked)
 * @property files - the application's stored files, once it exists: a provided material lists the
 *   files it names, takes new ones (uploaded at once, named here) and may stop naming one
 * @fires gc-materials-change - detail `{ drafts }`: the user changed a material
 */
export class GcMaterialsChecklist extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .material {
        border-top: 1px solid var(--gc-divider);
        padding: 10px 0;
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
        gap: 8px 16px;
      }
      .material:first-of-type {
        border-top: none;
      }
      .name {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 8px;
        align-items: baseline;
      }
      .statuses {
        display: flex;
        flex-wrap: wrap;
        gap: 0 16px;
      }
      .details {
        grid-column: 2;
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
        gap: 8px 12px;
        background: var(--gc-subtle);
        border: 1px solid var(--gc-divider);
        border-radius: 3px;
        padding: 8px 12px;
      }
      .details .full {
        grid-column: 1 / -1;
      }
      .requested {
        background: var(--gc-warning-bg-soft);
      }
      label.check.disabled {
        color: var(--gc-disabled);
      }
      @media (max-width: 900px) {
        .material,
        .details {
          grid-template-columns: 1fr;
        }
        .details {
          grid-column: 1;
        }
      }
    `,
  ];

  @property() type: ApplicationType = 'service';
  @property({ attribute: false }) checklist: readonly MaterialSpec[] = [];
  @property({ attribute: false }) drafts: MaterialDrafts = {};
  @property({ attribute: false }) errors: MaterialErrors = {};
  @property({ attribute: false }) requested: readonly string[] = [];
  @property({ attribute: false }) files: MaterialFiles | undefined;
  /** Files uploaded here, until the page's list has them too. */
  private uploaded: ApplicationDocument[] = [];
  private readonly locale = new LocaleController(this);

  override render() {
    return html`<div data-testid="materials-checklist">
      <p class="muted small">${t('material.intro')}</p>
      ${this.checklist.map((material) => this.renderMaterial(material))}
    </div>`;
  }

  private renderMaterial(material: MaterialSpec) {
    const draft = draftOf(this.drafts, material.key);
    const status = material.critical && draft.status === 'deferred' ? 'provided' : draft.status;
    const requested = this.requested.includes(material.key);
    return html`<div class="material ${requested ? 'requested' : ''}" data-testid="material-row" data-key=${material.key} data-status=${status}>
      <div>
        <div class="name">
          <strong>${materialName(this.type, material.key)}</strong>
          ${material.critical ? html`<span class="tag danger" data-testid="critical-material">${t('material.critical')}</span>` : null}
          ${material.greenChannelOnly ? html`<span class="tag ok">${t('material.greenChannelOnly')}</span>` : null}
          ${requested ? html`<span class="tag warn" data-testid="requested-material">${t('material.requested')}</span>` : null}
        </div>
      </div>
      <div class="statuses" role="radiogroup" aria-label=${materialName(this.type, material.key)}>
        ${materialStatuses.map((option) => {
          const disabled = material.critical && option === 'deferred';
          return html`<label class="check ${disabled ? 'disabled' : ''}" title=${disabled ? t('material.criticalHint') : ''}>
            <input type="radio" id=${`material-${material.key}-${option}`} name=${`material-${material.key}`} value=${option} .checked=${status === option} ?disabled=${disabled}
              @change=${() => this.change(material.key, { status: option })} />${t(`materialStatus.${option}`)}
          </label>`;
        })}
      </div>
      ${
        status === 'deferred'
          ? this.renderDeferral(material.key, draft)
          : status === 'unavailable'
            ? this.renderUnavailable(material.key, draft)
            : this.renderFiles(material.key, draft)
      }
    </div>`;
  }

  /** A provided material's files: those it names, and an upload that names the new one. */
  private renderFiles(key: string, draft: MaterialDraft) {
    if (!this.files) return html`<div class="details" data-testid="material-files"><span class="hint full">${t('document.saveFirst')}</span></div>`;
    const { applicationId, documents } = this.files;
    const known = [...documents, ...this.uploaded.filter((document) => !documents.some((stored) => stored.id === document.id))];
    const named = (draft.documents ?? []).flatMap((id) => known.filter((document) => document.id === id));
    return html`<div class="details" data-testid="material-files" data-key=${key}>
      <div class="full">
        <gc-document-list .type=${this.type} .applicationId=${applicationId} .documents=${named} unlinkable
          @gc-document-unlink=${(event: CustomEvent<{ id: string }>) => this.change(key, { documents: (draft.documents ?? []).filter((id) => id !== event.detail.id) })}></gc-document-list>
        <gc-document-upload .type=${this.type} .applicationId=${applicationId} .materialKey=${key}
          @gc-document-uploaded=${(event: CustomEvent<{ document: ApplicationDocument }>) => {
            this.uploaded = [...this.uploaded, event.detail.document];
            this.change(key, { documents: [...(draft.documents ?? []), event.detail.document.id] });
          }}></gc-document-upload>
      </div>
    </div>`;
  }

  private renderDeferral(key: string, draft: MaterialDraft) {
    return html`<div class="details" data-testid="deferral">
      <label class="field">
        <span>${t('material.commitment')}<span class="required" aria-hidden="true">*</span></span>
        <textarea id=${`material-${key}-commitment`} maxlength="500" placeholder=${t('material.commitmentPlaceholder')} aria-invalid=${this.invalid(key, 'commitment')} .value=${draft.commitment}
          @input=${(event: Event) => this.change(key, { commitment: (event.target as HTMLTextAreaElement).value })}></textarea>
        ${this.error(key, 'commitment')}
      </label>
      <label class="field">
        <span>${t('material.dueDate')}<span class="required" aria-hidden="true">*</span></span>
        <input id=${`material-${key}-dueDate`} type="date" min=${chinaToday()} aria-invalid=${this.invalid(key, 'dueDate')} .value=${draft.dueDate}
          @input=${(event: Event) => this.change(key, { dueDate: (event.target as HTMLInputElement).value })} />
        <span class="hint">${t('material.dueDateHint')}</span>
        ${this.error(key, 'dueDate')}
      </label>
    </div>`;
  }

  private renderUnavailable(key: string, draft: MaterialDraft) {
    return html`<div class="details" data-testid="unavailable">
      <label class="field full">
        <span>${t('material.explanation')}<span class="required" aria-hidden="true">*</span></span>
        <textarea id=${`material-${key}-explanation`} maxlength="500" placeholder=${t('material.explanationPlaceholder')} aria-invalid=${this.invalid(key, 'explanation')} .value=${draft.explanation}
          @input=${(event: Event) => this.change(key, { explanation: (event.target as HTMLTextAreaElement).value })}></textarea>
        ${this.error(key, 'explanation')}
      </label>
      <div class="field full">
        <label class="check">
          <input type="checkbox" id=${`material-${key}-consent`} aria-invalid=${this.invalid(key, 'consent')} .checked=${draft.consent} @change=${(event: Event) => this.change(key, { consent: (event.target as HTMLInputElement).checked })} />
          ${t('material.consent')}
        </label>
        <p class="hint" data-testid="consent-meaning">${t('material.consentMeaning')}</p>
        ${this.error(key, 'consent')}
      </div>
    </div>`;
  }

  private invalid(key: string, input: MaterialInput): 'true' | 'false' {
    return this.errors[key]?.[input] ? 'true' : 'false';
  }

  private error(key: string, input: MaterialInput) {
    const error = this.errors[key]?.[input];
    return error ? html`<span class="error" data-testid="field-error" data-field=${`materials.${key}.${input}`}>${errorText(error)}</span>` : null;
  }

  private change(key: string, patch: Partial<MaterialDraft>): void {
    const drafts = { ...this.drafts, [key]: { ...draftOf(this.drafts, key), ...patch } };
    this.dispatchEvent(new CustomEvent('gc-materials-change', { detail: { drafts, key }, bubbles: true, composed: true }));
  }
}

customElements.define('gc-materials-checklist', GcMaterialsChecklist);

declare global {
  interface HTMLElementTagNameMap {
    'gc-materials-checklist': GcMaterialsChecklist;
  }
  interface HTMLElementEventMap {
    'gc-materials-change': CustomEvent<{ drafts: MaterialDrafts; key: string }>;
  }
}
