import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApplicationType } from '../../../policy-catalog/applications/materials.ts';
import { ActionController } from '../app/action-controller.ts';
import type { ApplicationDocument } from '../api/documents-api.ts';
import { fileSize, openDocument } from '../format/document-view.ts';
import { materialName } from '../format/application-view.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import './gc-problem.ts';
import { TableController } from '../app/table-controller.ts';

/**
 * An application's stored files (issue 14 §2), each with who uploaded it and when (China time)
 * and an Open button that shows it in a new browser tab by a link valid a few minutes. As a
 * table (every file of the application, with its material and scan), or as a short list under
 * one material, where the applicant editing it may stop naming a file.
 *
 * @fires gc-document-unlink - detail `{ id }`: the applicant no longer names this file for the material
 */
export class GcDocumentList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      ul.files {
        list-style: none;
        margin: 0 0 4px;
        padding: 0;
      }
      ul.files li {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 8px;
        padding: 2px 0;
      }
      .filename {
        word-break: break-all;
      }
      button.link {
        border: none;
        background: none;
        padding: 0;
        color: var(--gc-accent);
        text-decoration: underline;
        cursor: pointer;
        font: inherit;
      }
    `,
  ];

  @property() type: ApplicationType = 'service';
  @property({ attribute: false }) applicationId = '';
  @property({ attribute: false }) documents: readonly ApplicationDocument[] = [];
  /** `table`: every file with its material; `inline`: a material's files. */
  @property() layout: 'table' | 'inline' = 'inline';
  /** Inline only: offer to stop naming a file. */
  @property({ type: Boolean }) unlinkable = false;
  /** Ids of the files a material names (table: the others are marked). */
  @property({ attribute: false }) named: ReadonlySet<string> | undefined = undefined;

  private readonly opening = new ActionController(this);
  private readonly tables = new TableController(this);
  private readonly locale = new LocaleController(this);

  override render() {
    return html`${this.layout === 'table' ? this.renderTable() : this.renderInline()}
      <gc-problem .error=${this.opening.error} data-testid="document-open-problem"></gc-problem>`;
  }

  private renderInline() {
    if (this.documents.length === 0) return html`<div class="muted small" data-testid="document-none">${t('document.none')}</div>`;
    return html`<ul class="files" data-testid="document-list">
      ${this.documents.map(
        (document) => html`<li data-testid="document-row" data-id=${document.id}>
          <span class="filename">${document.filename}</span>
          <span class="muted small">${fileSize(document.size ?? document.declaredSize)} · ${document.uploadedBy.name} · ${formatChinaTime(document.storedAt ?? document.requestedAt)}</span>
          ${this.openButton(document)}
          ${
            this.unlinkable
              ? html`<button type="button" class="link" data-testid="document-unlink" aria-label=${t('document.removeLabel', { name: document.filename })}
                @click=${() => this.dispatchEvent(new CustomEvent('gc-document-unlink', { detail: { id: document.id }, bubbles: true, composed: true }))}>${t('document.remove')}</button>`
              : null
          }
        </li>`,
      )}
    </ul>`;
  }

  private renderTable() {
    if (this.documents.length === 0) return html`<p class="muted" data-testid="document-none">${t('document.filesNone')}</p>`;
    return html`<div class="table-scroll">
      <table data-testid="document-table">
        <thead>
          <tr>
            <th>${t('document.material')}</th>
            <th>${t('document.filename')}</th>
            <th class="num">${t('document.size')}</th>
            <th>${t('document.uploadedBy')}</th>
            <th>${t('document.uploadedAt')}</th>
            <th>${t('document.scan')}</th>
            <th><span class="sr-only">${t('common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.documents.map(
            (document) => html`<tr data-testid="document-row" data-id=${document.id} data-key=${document.materialKey}>
              <td>${materialName(this.type, document.materialKey)}</td>
              <td class="filename">
                ${document.filename}
                ${this.named && !this.named.has(document.id) ? html`<div class="muted small">${t('document.notNamed')}</div>` : null}
              </td>
              <td class="num">${fileSize(document.size ?? document.declaredSize)}</td>
              <td>${document.uploadedBy.name}</td>
              <td class="nowrap">${formatChinaTime(document.storedAt ?? document.requestedAt)}</td>
              <td class="small">${document.scan ? (document.scan.scanner === 'none' ? t('document.scan.none') : t(`document.scan.${document.scan.verdict}`)) : '—'}</td>
              <td>${this.openButton(document)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private openButton(document: ApplicationDocument) {
    return html`<button type="button" class="link" data-testid="document-open" ?disabled=${this.opening.busy}
      @click=${() => this.opening.run(() => openDocument(this.type, this.applicationId, document.id))}>${t('document.open')}</button>`;
  }
}

customElements.define('gc-document-list', GcDocumentList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-document-list': GcDocumentList;
  }
  interface HTMLElementEventMap {
    'gc-document-unlink': CustomEvent<{ id: string }>;
  }
}
