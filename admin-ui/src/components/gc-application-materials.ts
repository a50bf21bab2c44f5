import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { materialSpec, requiredMaterials } from '../../../policy-catalog/applications/materials.ts';
import type { ApplicationStatus, MaterialDeclaration } from '../api/api.ts';
import type { ApplicationDocument } from '../api/documents-api.ts';
import { deferredDueText, materialName } from '../format/application-view.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import './gc-document-list.ts';
import './gc-document-upload.ts';
import { TableController } from '../app/table-controller.ts';

/**
 * An application's materials as declared: provided (and when, if it came later), deferred on a
 * commitment until a day (red once that day has passed), or unavailable with the applicant's
 * explanation, each with the files it names (opened in the browser). The applicant may supply an
 * outstanding one here when the workflow allows it, after uploading its file here.
 *
 * @property status - the application with its past-due materials
 * @property supplyable - the signed-in applicant may supply outstanding materials now
 * @property busy - a step is being taken: disable the buttons
 * @property documents - the application's stored files
 * @fires gc-supply-material - detail `{ key }`: the applicant supplies this material
 */
export class GcApplicationMaterials extends LitElement {
  static override styles = [
    baseStyles,
    css`
      tr.past-due td:first-child {
        box-shadow: inset 3px 0 0 var(--gc-danger);
      }
      .statement {
        white-space: pre-wrap;
        font-size: 13px;
      }
      .name {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 8px;
        align-items: baseline;
      }
    `,
  ];

  @property({ attribute: false }) status: ApplicationStatus | undefined;
  @property({ type: Boolean }) supplyable = false;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) documents: readonly ApplicationDocument[] = [];
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);

  override render() {
    if (!this.status) return null;
    const { application } = this.status;
    const checklist = requiredMaterials(application.type, application.payload.greenChannel);
    const keys = [
      ...checklist.map((material) => material.key),
      ...application.materials.map((material) => material.key).filter((key) => !checklist.some((material) => material.key === key)),
    ];
    return html`<div class="table-scroll">
      <table data-testid="materials">
        <thead>
          <tr>
            <th>${t('material.name')}</th>
            <th>${t('material.status')}</th>
            <th>${t('material.statement')}</th>
            <th>${t('material.when')}</th>
            <th>${t('material.files')}</th>
            ${this.supplyable ? html`<th><span class="sr-only">${t('common.actions')}</span></th>` : null}
          </tr>
        </thead>
        <tbody>
          ${keys.map((key) =>
            this.renderRow(
              key,
              application.materials.find((material) => material.key === key),
            ),
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderFiles(key: string, declaration: MaterialDeclaration | undefined, outstanding: boolean) {
    const { application } = this.status as ApplicationStatus;
    const files = filesOf(this.documents, key, declaration);
    const uploadable = this.supplyable && outstanding;
    if (files.length === 0 && !uploadable) return html`<span class="muted">—</span>`;
    return html`<gc-document-list .type=${application.type} .applicationId=${application.id} .documents=${files}></gc-document-list>
      ${
        uploadable
          ? html`<gc-document-upload .type=${application.type} .applicationId=${application.id} .materialKey=${key} ?disabled=${this.busy}></gc-document-upload>
            <div class="muted small">${t('document.supplyFirst')}</div>`
          : null
      }`;
  }

  private renderRow(key: string, declaration: MaterialDeclaration | undefined) {
    const status = this.status as ApplicationStatus;
    const type = status.application.type;
    const pastDue = status.materialsPastDue.includes(key);
    const outstanding = declaration !== undefined && declaration.status !== 'provided';
    return html`<tr data-testid="material" data-key=${key} data-status=${declaration?.status ?? 'undeclared'} class=${pastDue ? 'past-due' : ''}>
      <td>
        <div class="name">
          ${materialName(type, key)}
          ${materialSpec(type, key)?.critical ? html`<span class="tag danger">${t('material.critical')}</span>` : null}
        </div>
      </td>
      <td class="nowrap">${declaration ? t(`materialStatus.${declaration.status}`) : html`<span class="muted">${t('material.undeclared')}</span>`}</td>
      <td class="statement">${statementOf(declaration)}</td>
      <td class="nowrap">
        ${declaration?.status === 'deferred' ? deferredDueText(declaration) : null}
        ${declaration?.status === 'provided' && declaration.suppliedAt ? t('material.suppliedAt', { at: formatChinaTime(declaration.suppliedAt) }) : null}
        ${pastDue ? html`<span class="tag danger" data-testid="material-past-due">${t('material.pastDue')}</span>` : null}
      </td>
      <td>${this.renderFiles(key, declaration, outstanding)}</td>
      ${
        this.supplyable
          ? html`<td>${
              outstanding
                ? html`<button data-testid="supply-material" data-key=${key} ?disabled=${this.busy}
                @click=${() => this.dispatchEvent(new CustomEvent('gc-supply-material', { detail: { key }, bubbles: true, composed: true }))}>${t('material.supply')}</button>`
                : null
            }</td>`
          : null
      }
    </tr>`;
  }
}

/**
 * A provided material's files are the ones it names; an outstanding one's are those uploaded for
 * it so far, which supplying it will name — and the applicant may upload them here.
 */
function filesOf(documents: readonly ApplicationDocument[], key: string, declaration: MaterialDeclaration | undefined): ApplicationDocument[] {
  if (declaration?.status === 'provided') return (declaration.documents ?? []).flatMap((id) => documents.filter((document) => document.id === id));
  return documents.filter((document) => document.materialKey === key);
}

function statementOf(declaration: MaterialDeclaration | undefined) {
  switch (declaration?.status) {
    case 'deferred':
      return html`<span class="muted small">${t('material.commitment')}${t('common.colon')}</span>${declaration.commitment}`;
    case 'unavailable':
      return html`<span class="muted small">${t('material.explanation')}${t('common.colon')}</span>${declaration.explanation}<div class="muted small">${t('material.consented')}</div><div class="muted small" data-testid="consent-meaning">${t('material.consentMeaning')}</div>`;
    default:
      return html`<span class="muted">—</span>`;
  }
}

customElements.define('gc-application-materials', GcApplicationMaterials);

declare global {
  interface HTMLElementTagNameMap {
    'gc-application-materials': GcApplicationMaterials;
  }
  interface HTMLElementEventMap {
    'gc-supply-material': CustomEvent<{ key: string }>;
  }
}
