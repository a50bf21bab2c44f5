import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { api, type EntryKind, type ExportFormat } from '../api/api.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import './gc-problem.ts';

const formats: readonly ExportFormat[] = ['csv', 'xlsx'];

/**
 * Download the current view of a kind as CSV or XLSX, in the import layout (so it doubles as the
 * import template). The export needs the sign-in token, so the file is fetched by the API client
 * and saved through a Blob URL rather than linked.
 *
 * @property kind - the kind to export
 * @property label - the text before the links (default: "export current data")
 */
export class GcExportLinks extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: inline-block;
      }
      .links {
        display: inline-flex;
        gap: 4px;
        align-items: center;
        font-size: 13px;
      }
      button.link {
        font-size: 13px;
      }
    `,
  ];

  @property() kind: EntryKind = 'price-items';
  @property() label = '';
  /** The format being downloaded. */
  @state() private format: ExportFormat | undefined;
  private readonly locale = new LocaleController(this);
  private readonly action = new ActionController(this);

  override render() {
    return html`<span class="links">
        <span class="muted">${this.label || t('export.label')}</span>
        ${formats.map(
          (
            format,
          ) => html`<button type="button" class="link" data-testid=${`export-${format}`} ?disabled=${this.action.busy} @click=${() => this.download(format)}>
            ${this.action.busy && this.format === format ? t('export.busy') : format.toUpperCase()}
          </button>`,
        )}
      </span>
      <gc-problem .error=${this.action.error}></gc-problem>`;
  }

  private async download(format: ExportFormat): Promise<void> {
    this.format = format;
    const file = await this.action.run(() => api.exportEntries(this.kind, format));
    if (file && 'url' in file) openLink(file.url);
    else if (file) saveFile(file.blob, file.filename);
  }
}

/** The stored file's signed URL: the browser downloads it (its answer says attachment and the name). */
function openLink(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Hand a downloaded file to the browser as if it had been a link. */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

customElements.define('gc-export-links', GcExportLinks);

declare global {
  interface HTMLElementTagNameMap {
    'gc-export-links': GcExportLinks;
  }
}
