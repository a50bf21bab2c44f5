import { Task } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { api, type EntryKind, type EntryPage } from '../api/api.ts';
import { formatChinaTime, periodToShow } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { specOf } from '../specs/kind-specs.ts';
import { endText, statusTag } from '../format/period-view.ts';
import { href } from '../app/router.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import '../components/gc-export-links.ts';
import { TableController } from '../app/table-controller.ts';

const PAGE_SIZE = 20;

interface Filters {
  codePrefix: string;
  category: string;
  /** The view as of this release; '' for the newest. */
  release: string;
}

/**
 * The entries of one kind, a page at a time: filtered by code prefix and category (payment
 * class, product type, measure type) on the server, by name on the page, optionally as the view
 * stood at an earlier release. Each row shows the period in force now (else the next, else the
 * last) with its end, so a drug's phase-out date is visible in the list.
 *
 * @property kind - price-items | drug-entries | listings | measures
 */
export class GcEntryList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      form {
        display: flex;
        gap: 12px;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      #release {
        width: 110px;
      }
      #code-prefix {
        width: 170px;
      }
    `,
  ];

  @property() kind: EntryKind = 'price-items';
  @state() private filters: Filters = { codePrefix: '', category: '', release: '' };
  @state() private nameFilter = '';
  /** The cursors of the pages visited so far; the last one is the current page's ('' = first). */
  @state() private cursors: string[] = [''];
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly page = new Task(this, {
    task: ([kind, filters, cursor], { signal }) =>
      api.listEntries(
        kind,
        {
          limit: PAGE_SIZE,
          ...(filters.codePrefix ? { codePrefix: filters.codePrefix } : {}),
          ...(filters.category ? { category: filters.category } : {}),
          ...(filters.release ? { release: Number(filters.release) } : {}),
          ...(cursor ? { cursor } : {}),
        },
        signal,
      ),
    args: () => [this.kind, this.filters, this.cursors.at(-1) ?? ''] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kind') && changed.get('kind') !== undefined) {
      this.filters = { codePrefix: '', category: '', release: '' };
      this.nameFilter = '';
      this.cursors = [''];
    }
  }

  override render() {
    const { category } = specOf(this.kind);
    return html`
      <div class="toolbar">
        <div>
          <h1 data-testid="entries-title">${t(`entries.title.${this.kind}`)}</h1>
          <div class="muted small">${t(`entries.subtitle.${this.kind}`)}</div>
        </div>
        <form @submit=${this.onSearch} role="search">
          <label class="field">
            <span>${t('entries.codePrefix')}</span>
            <input id="code-prefix" class="mono" name="codePrefix" maxlength="40" .value=${this.filters.codePrefix} />
          </label>
          <label class="field">
            <span>${t(category.label)}</span>
            ${
              category.options
                ? html`<select id="category" name="category">
                  <option value="" ?selected=${this.filters.category === ''}>${t('entries.allCategories')}</option>
                  ${category.options.map((option) => html`<option value=${option.value} ?selected=${this.filters.category === option.value}>${t(option.label)}</option>`)}
                </select>`
                : html`<input id="category" name="category" maxlength="100" .value=${this.filters.category} />`
            }
          </label>
          <label class="field">
            <span>${t('entries.release')}</span>
            <input id="release" name="release" type="number" min="1" placeholder=${t('entries.releaseLatest')} .value=${this.filters.release} />
          </label>
          <label class="field">
            <span>${t('entries.nameFilter')}</span>
            <input id="name-filter" placeholder=${t('entries.nameFilterPlaceholder')} .value=${this.nameFilter}
              @input=${(event: Event) => (this.nameFilter = (event.target as HTMLInputElement).value)} />
          </label>
          <button class="primary" type="submit" data-testid="search">${t('common.search')}</button>
        </form>
      </div>
      <div class="panel">${renderTask(this.page, (page) => this.renderPage(page))}</div>
    `;
  }

  private renderPage(page: EntryPage) {
    const spec = specOf(this.kind);
    const filter = this.nameFilter.trim().toLowerCase();
    const now = new Date();
    const asOf = this.filters.release ? page.release : undefined;
    const rows = page.items
      .map((entry) => ({ entry, period: periodToShow(entry.timeline, now) }))
      .filter(({ period }) => !filter || (period !== undefined && spec.nameOf(period.attributes).toLowerCase().includes(filter)));
    return html`
      <div class="table-scroll">
        <table data-testid="entries-table" data-kind=${this.kind}>
          <thead>
            <tr>
              <th>${t('field.code')}</th>
              ${spec.listColumns.map((column) => html`<th class=${column.numeric ? 'num' : ''}>${t(column.label)}</th>`)}
              <th>${t('field.validFrom')}</th>
              <th>${t(spec.endLabel)}</th>
              <th>${t('entries.status')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              ({ entry, period }) => html`<tr data-testid="entry-row" data-code=${entry.code}>
                <td class="nowrap"><a class="code" href=${href.entry(this.kind, entry.code, asOf)} data-testid="entry-link">${entry.code}</a></td>
                ${spec.listColumns.map((column) => html`<td class=${column.numeric ? 'num' : ''} data-column=${column.key}>${period ? column.cell(period.attributes) : '—'}</td>`)}
                <td class="nowrap">${period ? formatChinaTime(period.validFrom) : '—'}</td>
                <td class="nowrap" data-column="end">${period ? endText(period) : '—'}</td>
                <td>${period ? statusTag(spec, period, now) : '—'}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${rows.length === 0 ? html`<p class="empty">${t('entries.none')}</p>` : null}
      <div class="pager">
        <span class="muted small">${t('entries.asOfRelease', { release: page.release })}</span>
        <gc-export-links .kind=${this.kind}></gc-export-links>
        <div class="actions">
          <button data-testid="previous-page" ?disabled=${this.cursors.length <= 1} @click=${() => (this.cursors = this.cursors.slice(0, -1))}>${t('common.previousPage')}</button>
          <span class="muted small">${t('common.pageNumber', { page: this.cursors.length })}</span>
          <button data-testid="next-page" ?disabled=${!page.cursor} @click=${() => {
            if (page.cursor) this.cursors = [...this.cursors, page.cursor];
          }}>${t('common.nextPage')}</button>
        </div>
      </div>
    `;
  }

  private onSearch(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    this.filters = { codePrefix: text('codePrefix'), category: text('category'), release: /^[1-9]\d*$/.test(text('release')) ? text('release') : '' };
    this.cursors = [''];
  }
}

customElements.define('gc-entry-list', GcEntryList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-entry-list': GcEntryList;
  }
}
