import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { api, type FeedRelease } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { href } from '../app/router.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import { TableController } from '../app/table-controller.ts';

const PAGE_SIZE = 20;

interface ReleaseListPage {
  releases: FeedRelease[];
  visibleRelease: number;
  /** The newest number on this page. */
  upTo: number;
}

/**
 * The published releases, newest first. The API's change feed runs oldest first after a number,
 * so a page showing releases up to N asks for the PAGE_SIZE releases after N - PAGE_SIZE, as a
 * summary (a release can hold 15,000 changes; its page shows them).
 */
export class GcReleaseList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .pager {
        margin: 12px 0 0;
      }
    `,
  ];

  /** The newest release shown; undefined for the newest page. */
  @state() private upTo: number | undefined;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);
  private readonly page = new Task(this, {
    task: async ([upTo], { signal }): Promise<ReleaseListPage> => {
      const newest = upTo ?? (await api.listReleases({ limit: 1, include: 'summary' }, signal)).visibleRelease;
      const after = Math.max(0, newest - PAGE_SIZE);
      const page = await api.listReleases({ after, limit: newest - after || 1, include: 'summary' }, signal);
      return { releases: page.items.filter((release) => release.number <= newest).reverse(), visibleRelease: page.visibleRelease, upTo: newest };
    },
    args: () => [this.upTo] as const,
  });

  override render() {
    return html`
      <div class="toolbar">
        <div>
          <h1>${t('releases.title')}</h1>
          <div class="muted small">${t('releases.subtitle')}</div>
        </div>
        <a href=${href.compareReleases()} data-testid="compare-releases-link">${t('compare.link')}</a>
      </div>
      <div class="panel">${renderTask(this.page, (page) => this.renderPage(page))}</div>
    `;
  }

  private renderPage({ releases, visibleRelease, upTo }: ReleaseListPage) {
    const oldest = releases.at(-1)?.number ?? 1;
    return html`
      ${
        releases.length === 0
          ? html`<p class="empty">${t('releases.none')}</p>`
          : html`<table data-testid="releases-table">
            <thead>
              <tr>
                <th class="num">${t('releases.numberColumn')}</th>
                <th>${t('releases.titleColumn')}</th>
                <th>${t('releases.publishedAt')}</th>
                <th>${t('releases.author')}</th>
                <th>${t('releases.approvedBy')}</th>
                <th>${t('releases.publishedBy')}</th>
                <th class="num">${t('releases.changeCount')}</th>
              </tr>
            </thead>
            <tbody>
              ${releases.map(
                (release) => html`<tr data-testid="release-row" data-number=${release.number}>
                  <td class="num"><a href=${href.release(release.number)}>${release.number}</a></td>
                  <td><a href=${href.release(release.number)}>${release.title}</a></td>
                  <td class="nowrap">${formatChinaTime(release.publishedAt)}</td>
                  <td>${release.author.name}</td>
                  <td>${release.approvedBy.name}</td>
                  <td>${release.publishedBy.name}</td>
                  <td class="num">${release.changeCount}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
      <div class="toolbar pager">
        <span class="muted small">${t('releases.visible', { number: visibleRelease })}</span>
        <div class="actions">
          <button data-testid="newer-releases" ?disabled=${upTo >= visibleRelease} @click=${() => (this.upTo = Math.min(visibleRelease, upTo + PAGE_SIZE))}>${t('releases.newer')}</button>
          <button data-testid="older-releases" ?disabled=${oldest <= 1} @click=${() => (this.upTo = oldest - 1)}>${t('releases.older')}</button>
        </div>
      </div>
    `;
  }
}

customElements.define('gc-release-list', GcReleaseList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-release-list': GcReleaseList;
  }
}
