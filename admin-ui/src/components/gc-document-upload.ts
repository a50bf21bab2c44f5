import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApplicationType } from '../../../policy-catalog/applications/materials.ts';
import { ActionController } from '../app/action-controller.ts';
import { type ApplicationDocument, documentsApi, type UploadProgress } from '../api/documents-api.ts';
import { acceptedFiles, chosenFileProblem, uploadErrorText } from '../format/document-view.ts';
import { materialName } from '../format/application-view.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import './gc-problem.ts';

/**
 * Upload one file for one material of an application (issue 14 §2): a file picker limited to the
 * types the server takes, the limits in words, the share sent while it goes to storage, then
 * "checking" while the server sniffs and scans it, and what went wrong in the console's language
 * (too large, a renamed program, an expired link…). The file is checked in the browser first
 * (type by name, size) and again on the server by its bytes.
 *
 * @fires gc-document-uploaded - detail `{ document }`: the file was stored
 */
export class GcDocumentUpload extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 12px;
      }
      progress {
        width: 160px;
      }
      .error {
        color: var(--gc-danger);
        font-size: 13px;
      }
      .done {
        color: var(--gc-ok);
        font-size: 13px;
      }
    `,
  ];

  @property() type: ApplicationType = 'service';
  @property({ attribute: false }) applicationId = '';
  @property({ attribute: false }) materialKey = '';
  /** While the page takes a step: no upload starts. */
  @property({ type: Boolean }) disabled = false;

  @state() private progress: UploadProgress | undefined = undefined;
  @state() private fileName = '';
  @state() private chosenProblem = '';
  @state() private uploaded = '';
  private readonly upload = new ActionController(this);
  private readonly locale = new LocaleController(this);

  override render() {
    const material = materialName(this.type, this.materialKey);
    const failure = this.upload.error === undefined ? undefined : uploadErrorText(this.upload.error);
    return html`<div data-testid="document-upload" data-key=${this.materialKey}>
      <div class="row">
        <!-- The browser's own file control says "Choose File" in the browser's language: a button says it in the console's. -->
        <input type="file" id="file" hidden accept=${acceptedFiles} @change=${this.onChoose} data-testid="document-file" />
        <button type="button" aria-label=${t('document.chooseFor', { material })} aria-describedby="limits" ?disabled=${this.disabled || this.upload.busy}
          data-testid="document-choose" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#file')?.click()}>${t('document.choose')}</button>
        ${this.renderProgress()}
      </div>
      <div id="limits" class="muted small">${t('document.limits')}</div>
      ${this.chosenProblem ? html`<div class="error" role="alert" data-testid="document-error">${this.chosenProblem}</div>` : null}
      ${failure ? html`<div class="error" role="alert" data-testid="document-error">${failure}</div>` : null}
      ${this.upload.error !== undefined && failure === undefined ? html`<gc-problem .error=${this.upload.error}></gc-problem>` : null}
      ${this.uploaded && !this.upload.busy ? html`<div class="done" role="status" data-testid="document-uploaded">${t('document.uploaded', { name: this.uploaded })}</div>` : null}
    </div>`;
  }

  private renderProgress() {
    if (!this.upload.busy || this.progress === undefined) return null;
    if (this.progress.phase === 'checking')
      return html`<span class="small" role="status" data-testid="document-progress">${t('document.checking', { name: this.fileName })}</span>`;
    return html`<progress max="100" .value=${this.progress.percent} aria-label=${this.fileName}></progress>
      <span class="small" role="status" data-testid="document-progress">${t('document.sending', { name: this.fileName, percent: this.progress.percent })}</span>`;
  }

  private async onChoose(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    this.uploaded = '';
    this.chosenProblem = '';
    this.upload.clear();
    if (!file) return;
    const checked = chosenFileProblem(file);
    if ('message' in checked) {
      this.chosenProblem = checked.message;
      input.value = '';
      return;
    }
    this.fileName = file.name;
    this.progress = undefined;
    const document = await this.upload.run(() =>
      documentsApi.upload(this.type, this.applicationId, { materialKey: this.materialKey, file, contentType: checked.contentType }, (progress) => {
        this.progress = progress;
      }),
    );
    input.value = '';
    if (!document) return;
    this.uploaded = document.filename;
    this.dispatchEvent(new CustomEvent('gc-document-uploaded', { detail: { document }, bubbles: true, composed: true }));
  }
}

customElements.define('gc-document-upload', GcDocumentUpload);

declare global {
  interface HTMLElementTagNameMap {
    'gc-document-upload': GcDocumentUpload;
  }
  interface HTMLElementEventMap {
    'gc-document-uploaded': CustomEvent<{ document: ApplicationDocument }>;
  }
}
