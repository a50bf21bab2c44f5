import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { api, ApiError, type EntryKind, type ImportJob } from '../api/api.ts';
import { type CodedError, fieldErrorText } from '../i18n/field-error-text.ts';
import { LocaleController, locale, t } from '../i18n/i18n.ts';
import { entryKinds } from '../app/router.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';
import './gc-export-links.ts';
import './gc-problem.ts';
import { TableController } from '../app/table-controller.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Import a CSV or XLSX file of one kind into a draft change set: the file goes straight to
 * storage, the import runs on its own, and a progress bar follows it. All or nothing: when any
 * row is bad the API adds nothing, and this panel lists the bad rows (and offers them all as a
 * workbook) (row number as in the
 * spreadsheet, the header being row 1; the column; the reason). Beside it, the current data of
 * the kind as CSV or XLSX, which is also the template.
 *
 * @property changeSetId - the draft to import into
 * @property etag - the change set's ETag as last read, sent as If-Match
 * @fires gc-imported - detail `{ imported, etag }`: rows were added
 */
export class GcImportPanel extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      form.upload {
        flex-direction: row;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 12px;
      }
      input[type='file'] {
        height: auto;
        padding: 3px 6px;
        max-width: 360px;
      }
      .layout {
        margin-top: 10px;
        display: flex;
        justify-content: space-between;
        gap: 12px;
        flex-wrap: wrap;
      }
      .columns {
        font-size: 12px;
        color: var(--gc-muted);
      }
      .rejected {
        margin-top: 12px;
        border: 1px solid var(--gc-danger-border);
        border-left: 4px solid var(--gc-danger);
        background: var(--gc-danger-bg);
        padding: 8px 12px;
        border-radius: 3px;
      }
      .rejected strong {
        color: var(--gc-danger);
      }
      .rejected table {
        margin-top: 8px;
      }
      .rejected .row-number {
        width: 70px;
      }
      .rejected .column {
        width: 180px;
      }
      .progress {
        margin-top: 12px;
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .progress progress {
        width: 320px;
        height: 12px;
      }
    `,
  ];

  @property() changeSetId = '';
  @property() etag = '';
  @state() private kind: EntryKind = 'price-items';
  @state() private imported: number | undefined;
  @state() private fileMissing = false;
  /** The import under way or just ended (large files go through storage and run on their own). */
  @state() private job: ImportJob | undefined;
  @state() private errorWorkbookUrl: string | undefined;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly upload = new ActionController(this);
  /**
   * The file layout, from the same module the server reads files with. It brings the change
   * schemas (and zod) along, so it is loaded only when this panel shows.
   */
  private readonly layout = new Task(this, {
    task: async ([kind]) => (await import('../../../policy-catalog/exchange.ts')).columnsOf(kind),
    args: () => [this.kind] as const,
  });

  override render() {
    const columns = (this.layout.value ?? []).map((column) => (locale() === 'en' ? column.en : column.zh));
    return html`<div class="panel" data-testid="import-panel">
      <h2>${t('import.title')}</h2>
      <p class="muted small">${t('import.intro')}</p>
      <form class="upload" @submit=${this.onSubmit}>
        <label class="field">
          <span>${t('import.kind')}</span>
          <select id="import-kind" @change=${(event: Event) => this.chooseKind((event.target as HTMLSelectElement).value as EntryKind)}>
            ${entryKinds.map((kind) => html`<option value=${kind} ?selected=${kind === this.kind}>${t(`kind.${kind}`)}</option>`)}
          </select>
        </label>
        <label class="field">
          <span>${t('import.file')}</span>
          <input id="import-file" name="file" type="file" accept=".csv,.xlsx,text/csv,${XLSX_TYPE}" aria-invalid=${this.fileMissing ? 'true' : 'false'}
            @change=${() => (this.fileMissing = false)} />
          ${this.fileMissing ? html`<span class="error">${t('import.fileMissing')}</span>` : null}
        </label>
        <button class="primary" type="submit" data-testid="import-submit" ?disabled=${this.upload.busy}>${this.upload.busy ? t('import.busy') : t('import.submit')}</button>
      </form>
      <div class="layout">
        <div class="columns" data-testid="import-columns">${columns.length ? t('import.columns', { columns: columns.join(t('common.listSeparator')) }) : ''}</div>
        <gc-export-links .kind=${this.kind} .label=${t('import.template')}></gc-export-links>
      </div>
      ${this.upload.busy || this.job?.state === 'failed' ? this.renderProgress() : null}
      ${
        this.imported !== undefined
          ? html`<div class="notice" data-testid="import-result" data-imported=${this.imported}>${t('import.done', { count: this.imported, kind: t(`kind.${this.kind}`) })}</div>`
          : null
      }
      ${this.renderError()}
    </div>`;
  }

  private renderProgress() {
    const job = this.job;
    if (job?.state === 'failed')
      return html`<div class="error" role="alert" data-testid="import-failed">${t('import.failed', { reason: job.failure ?? '' })}</div>`;
    if (!job || job.state === 'awaiting-upload') return html`<div class="progress muted" data-testid="import-progress">${t('import.uploading')}</div>`;
    if (job.state === 'queued') return html`<div class="progress muted" data-testid="import-progress">${t('import.queued')}</div>`;
    const checked = job.rowsValid + job.errorCount;
    return html`<div class="progress" data-testid="import-progress" data-state=${job.state}>
      <progress max=${Math.max(job.rowsRead, 1)} .value=${checked}></progress>
      <span class="small">${t('import.progress', { read: job.rowsRead, checked, bad: job.errorCount })}</span>
    </div>`;
  }

  private renderError() {
    const { error } = this.upload;
    const rows = this.job?.state === 'rejected' ? this.job.errors : error instanceof ApiError ? error.problem.rows : undefined;
    if (!rows?.length) return html`<gc-problem .error=${error} data-testid="import-problem"></gc-problem>`;
    const bad = this.job?.state === 'rejected' ? this.job.errorCount : new Set(rows.map((row) => row.row)).size;
    return html`<div class="rejected" role="alert" data-testid="import-rejected">
      <strong>${t('import.rejected', { rows: bad })}</strong>
      ${this.errorWorkbookUrl ? html` <a href=${this.errorWorkbookUrl} data-testid="import-error-workbook">${t('import.errorWorkbook')}</a>` : null}
      <table data-testid="import-errors">
        <thead>
          <tr>
            <th class="num row-number">${t('import.row')}</th>
            <th class="column">${t('import.column')}</th>
            <th>${t('import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          ${groupedRows(rows).map(
            ({ rows: numbers, column, text }) => html`<tr data-testid="import-error-row" data-row=${numbers[0]} data-column=${column}>
              <td class="num">${rowRanges(numbers)}</td>
              <td>${column || '—'}</td>
              <td>${text}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private chooseKind(kind: EntryKind): void {
    this.kind = kind;
    this.imported = undefined;
    this.job = undefined;
    this.errorWorkbookUrl = undefined;
    this.upload.clear();
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#import-file');
    const file = input?.files?.[0];
    this.imported = undefined;
    this.job = undefined;
    this.errorWorkbookUrl = undefined;
    this.fileMissing = !file;
    if (!file) return this.upload.clear();
    const result = await this.upload.run(() =>
      api.importLarge(this.changeSetId, this.etag, this.kind, file, contentTypeOf(file), (job) => {
        this.job = job;
      }),
    );
    if (!result) return;
    this.job = result.job;
    this.errorWorkbookUrl = result.errorWorkbookUrl;
    if (result.job.state !== 'done') return;
    const imported = result.job.imported ?? 0;
    this.imported = imported;
    if (input) input.value = '';
    const etag = `"v${result.job.changeSetVersion}"`;
    this.dispatchEvent(new CustomEvent('gc-imported', { detail: { imported, etag }, bubbles: true, composed: true }));
  }
}

/** Browsers often give a CSV file no type, or a spreadsheet program's; the name says what it is. */
function contentTypeOf(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return file.type || 'application/octet-stream';
}

customElements.define('gc-import-panel', GcImportPanel);

declare global {
  interface HTMLElementTagNameMap {
    'gc-import-panel': GcImportPanel;
  }
  interface HTMLElementEventMap {
    'gc-imported': CustomEvent<{ imported: number; etag: string }>;
  }
}

/** Identical errors (same column, same words) once, with every row they occur in. */
function groupedRows(rows: readonly CodedRowError[]): { rows: number[]; column: string; text: string }[] {
  const groups = new Map<string, { rows: number[]; column: string; text: string }>();
  for (const row of rows) {
    const text = fieldErrorText(row);
    const key = `${row.column}\u0000${text}`;
    const group = groups.get(key) ?? { rows: [], column: row.column, text };
    group.rows.push(row.row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** 3, 4, 5, 9 → "3–5、9". */
function rowRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && (sorted[end + 1] as number) === (sorted[end] as number) + 1) end++;
    ranges.push(start === end ? String(sorted[start]) : `${sorted[start]}–${sorted[end]}`);
    start = end + 1;
  }
  return ranges.join(t('common.listSeparator'));
}

type CodedRowError = CodedError & { row: number; column: string };
