import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { api, type PriceItemEntry, type PriceItemPage, type PriceItemPeriod } from './api.ts';
import { formatChinaTime, formatYuan, periodInForce } from './format.ts';
import { LocaleController, t } from './i18n.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { renderTask } from './task-view.ts';

const PAGE_SIZE = 20;

/**
 * The price items of the current catalog, a page at a time: searched by code prefix on the
 * server, filtered by name here, each with the ceiling price in force now.
 */
export class GcPriceItemList extends LitElement {
  static override properties = {
    codePrefix: { state: true },
    nameFilter: { state: true },
    cursors: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      form {
        display: flex;
        gap: 12px;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      .pager {
        display: flex;
        justify-content: space-between;
        align-items: center;
        margin-top: 12px;
      }
    `,
  ];

  declare private codePrefix: string;
  declare private nameFilter: string;
  /** The cursors of the pages visited so far; the last one is the current page's ('' = first). */
  declare private cursors: string[];
  private readonly locale = new LocaleController(this);
  private readonly page = new Task(this, {
    task: ([codePrefix, cursor], { signal }) =>
      api.listPriceItems({ limit: PAGE_SIZE, ...(codePrefix ? { codePrefix } : {}), ...(cursor ? { cursor } : {}) }, signal),
    args: () => [this.codePrefix, this.cursors.at(-1) ?? ''] as const,
  });

  constructor() {
    super();
    this.codePrefix = '';
    this.nameFilter = '';
    this.cursors = [''];
  }

  override render() {
    return html`
      <div class="toolbar">
        <div>
          <h1>${t('priceItems.title')}</h1>
          <div class="muted small">${t('priceItems.subtitle')}</div>
        </div>
        <form @submit=${this.onSearch} role="search">
          <label class="field">
            <span>${t('priceItems.codePrefix')}</span>
            <input id="code-prefix" class="mono" name="codePrefix" maxlength="40" placeholder="2504031" .value=${this.codePrefix} />
          </label>
          <label class="field">
            <span>${t('priceItems.nameFilter')}</span>
            <input id="name-filter" placeholder=${t('priceItems.nameFilterPlaceholder')} .value=${this.nameFilter}
              @input=${(event: Event) => (this.nameFilter = (event.target as HTMLInputElement).value)} />
          </label>
          <button class="primary" type="submit" data-testid="search">${t('common.search')}</button>
        </form>
      </div>
      <div class="panel">${renderTask(this.page, (page) => this.renderPage(page))}</div>
    `;
  }

  private renderPage(page: PriceItemPage) {
    const filter = this.nameFilter.trim().toLowerCase();
    const now = new Date();
    const rows = page.items
      .map((entry) => ({ entry, current: periodInForce(entry.timeline, now) }))
      .filter(({ entry, current }) => !filter || nameOf(entry, current).toLowerCase().includes(filter));
    return html`
      <table data-testid="price-items-table">
        <thead>
          <tr>
            <th>${t('field.code')}</th>
            <th>${t('field.name')}</th>
            <th>${t('field.unit')}</th>
            <th>${t('field.category')}</th>
            <th class="num">${t('priceItems.currentPrice')}</th>
            <th>${t('priceItems.inForceSince')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ({ entry, current }) => html`<tr data-testid="price-item-row" data-code=${entry.code}>
              <td><a class="code" href=${href.priceItem(entry.code)} data-testid="price-item-link">${entry.code}</a></td>
              <td>${nameOf(entry, current)}</td>
              <td>${current?.attributes.unit ?? entry.timeline.at(-1)?.attributes.unit ?? '—'}</td>
              <td>${current?.attributes.category ?? entry.timeline.at(-1)?.attributes.category ?? '—'}</td>
              <td class="num" data-testid="current-price">${current ? formatYuan(current.attributes.priceFen) : html`<span class="muted">${t('priceItems.notInForce')}</span>`}</td>
              <td class="nowrap">${current ? formatChinaTime(current.validFrom) : '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${rows.length === 0 ? html`<p class="empty">${t('priceItems.none')}</p>` : null}
      <div class="pager">
        <span class="muted small">${t('priceItems.asOfRelease', { release: page.release })}</span>
        <div class="actions">
          <button data-testid="previous-page" ?disabled=${this.cursors.length <= 1} @click=${() => (this.cursors = this.cursors.slice(0, -1))}>${t('common.previousPage')}</button>
          <span class="muted small">${t('common.pageNumber', { page: this.cursors.length })}</span>
          <button data-testid="next-page" ?disabled=${!page.cursor} @click=${() => page.cursor && (this.cursors = [...this.cursors, page.cursor])}>${t('common.nextPage')}</button>
        </div>
      </div>
    `;
  }

  private onSearch(event: Event): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('codePrefix') as HTMLInputElement;
    this.codePrefix = input.value.trim();
    this.cursors = [''];
  }
}

function nameOf(entry: PriceItemEntry, current: PriceItemPeriod | undefined): string {
  return (current ?? entry.timeline.at(-1))?.attributes.name ?? '—';
}

customElements.define('gc-price-item-list', GcPriceItemList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-price-item-list': GcPriceItemList;
  }
}
