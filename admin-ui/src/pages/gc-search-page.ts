import { Task } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { api, type EntryKind, type SearchHit, type SearchPage } from '../api/api.ts';
import { entryKinds, href } from '../app/router.ts';
import { renderTask } from '../app/task-view.ts';
import { formatYuan } from '../format/format.ts';
import { renderPager } from '../format/pager-view.ts';
import { statusTag } from '../format/period-view.ts';
import { isMessageKey, LocaleController, t } from '../i18n/i18n.ts';
import { specOf } from '../specs/kind-specs.ts';
import { baseStyles } from '../styles/styles.ts';
import { TableController } from '../app/table-controller.ts';

const PAGE_SIZE = 20;

/**
 * The results of the header's search: every kind (or one), best first, each with its kind in
 * words, code, name and the price in force now in yuan (a drug's payment class, a measure's
 * type), linking to the entry. The heading takes the focus when results arrive, so a keyboard
 * or screen-reader user lands on them.
 *
 * @property query - what was searched (code, name or pinyin initials)
 * @property kind - one kind only; absent for all
 */
export class GcSearchPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .kinds {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        margin: 8px 0 0;
        padding: 0;
        list-style: none;
      }
      .kinds a[aria-current='page'] {
        font-weight: 600;
        color: var(--gc-text);
      }
      h1:focus {
        outline: none;
      }
      td.name {
        min-width: 200px;
      }
    `,
  ];

  @property() query = '';
  @property() kind: EntryKind | undefined;
  /** The cursors of the pages visited so far; the last one is the current page's ('' = first). */
  @state() private cursors: string[] = [''];
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  /** The page the heading last took the focus for. */
  private focusedFor: SearchPage | undefined;
  private readonly results = new Task(this, {
    task: ([query, kind, cursor], { signal }) =>
      api.searchCatalog({ q: query, limit: PAGE_SIZE, ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) }, signal),
    args: () => [this.query, this.kind, this.cursors.at(-1) ?? ''] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('query') && changed.get('query') !== undefined) || (changed.has('kind') && changed.get('kind') !== undefined)) this.cursors = [''];
  }

  override render() {
    return html`
      <div class="toolbar">
        <div>
          <h1 tabindex="-1" data-testid="search-title">${t('search.title', { query: this.query })}</h1>
          <ul class="kinds" aria-label=${t('search.kindFilter')}>
            ${[undefined, ...entryKinds].map(
              (kind) =>
                html`<li><a href=${href.search(this.query, kind)} data-testid="search-kind" data-kind=${kind ?? ''} aria-current=${this.kind === kind ? 'page' : 'false'}
                  >${kind ? t(`kind.${kind}`) : t('search.allKinds')}</a></li>`,
            )}
          </ul>
        </div>
      </div>
      <div class="panel">${renderTask(this.results, (page) => this.renderResults(page))}</div>
    `;
  }

  protected override updated(): void {
    // The results arrived: take the keyboard to them (once per page shown).
    const shown = this.results.value;
    if (shown && shown !== this.focusedFor) {
      this.focusedFor = shown;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  private renderResults(page: SearchPage) {
    const now = new Date();
    return html`
      <p class="muted small" data-testid="search-total" role="status">${t('search.total', { total: page.total, release: page.release })}</p>
      ${
        page.items.length === 0
          ? html`<p class="empty" data-testid="search-none">${t('search.none')}</p>`
          : html`<div class="table-scroll">
            <table data-testid="search-results">
              <thead>
                <tr>
                  <th scope="col">${t('search.kind')}</th>
                  <th scope="col">${t('field.code')}</th>
                  <th scope="col">${t('search.name')}</th>
                  <th scope="col" class="num">${t('search.price')}</th>
                  <th scope="col">${t('entries.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${page.items.map((hit) => this.renderHit(hit, now))}
              </tbody>
            </table>
          </div>`
      }
      ${renderPager(this.cursors, page.cursor, (cursors) => {
        this.cursors = cursors;
      })}
    `;
  }

  private renderHit(hit: SearchHit, now: Date) {
    const spec = specOf(hit.kind);
    const link = href.entry(hit.kind, hit.code);
    return html`<tr data-testid="search-hit" data-kind=${hit.kind} data-code=${hit.code} data-match=${hit.match}>
      <td class="nowrap" data-column="kind">${t(`kind.${hit.kind}`)}</td>
      <td class="nowrap"><a class="code" href=${link} data-testid="search-hit-link">${hit.code}</a></td>
      <td class="name" data-column="name">
        <a href=${link} tabindex="-1">${hit.period ? spec.nameOf(hit.period.attributes as never) : hit.name}</a>
      </td>
      <td class="num nowrap" data-column="price">${headlineText(hit)}</td>
      <td>${hit.period ? statusTag(spec, hit.period, now) : '—'}</td>
    </tr>`;
  }
}

/** The price in yuan (two decimals), else the kind's headline in words. */
function headlineText(hit: SearchHit): string {
  if (hit.priceFen !== null) return formatYuan(hit.priceFen);
  const headline = hit.headline;
  if (!headline) return '—';
  const key = `${headline.attribute === 'type' ? 'measureType' : headline.attribute}.${headline.value}`;
  return isMessageKey(key) ? t(key) : String(headline.value);
}

customElements.define('gc-search-page', GcSearchPage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-search-page': GcSearchPage;
  }
}
