import { Task } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { api, type ImpactPage } from '../api/api.ts';
import { impactStyles, renderImpactEntry, renderTotals } from '../styles/impact-view.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { renderPager } from '../format/pager-view.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';

const PAGE_SIZE = 10;

/** Detail of `gc-impact-loaded`: the release the impact is computed against and its totals. */
export type ImpactLoaded = Pick<ImpactPage, 'against' | 'totals'>;

/**
 * What a change set does to the catalog, against the visible release: the totals first (each
 * warning code with the number of entries carrying it, those to acknowledge marked), then per
 * entry its before/after strip and warnings in words, a page of entries at a time (the API's
 * cursor), so that a change set of thousands of entries stays readable.
 *
 * @property changeSetId - the change set
 * @fires gc-impact-loaded - a page was read; detail: { against, totals }
 */
export class GcImpactSummary extends LitElement {
  static override styles = [
    baseStyles,
    impactStyles,
    css`
      .against {
        margin: 0 0 8px;
      }
    `,
  ];

  @property() changeSetId = '';
  /** The cursors of the pages visited so far; the last one is the current page's ('' = first). */
  @state() private cursors: string[] = [''];
  private readonly locale = new LocaleController(this);
  private readonly impact = new Task(this, {
    task: async ([id, cursor], { signal }) => {
      const page = await api.getImpact(id, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, signal);
      this.dispatchEvent(new CustomEvent<ImpactLoaded>('gc-impact-loaded', { detail: { against: page.against, totals: page.totals } }));
      return page;
    },
    args: () => [this.changeSetId, this.cursors.at(-1) ?? ''] as const,
  });

  /** Read the impact again from its first page (the catalog may have moved on); resolves when it is read. */
  async reload(): Promise<ImpactPage | undefined> {
    this.cursors = [''];
    await this.updateComplete;
    await this.impact.run();
    return this.impact.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('changeSetId')) this.cursors = [''];
  }

  override render() {
    return renderTask(this.impact, (page) => this.renderPage(page));
  }

  private renderPage(page: ImpactPage) {
    const total = (page.totals['new-entry'] ?? 0) + (page.totals['existing-entry'] ?? 0);
    return html`<div data-testid="impact-summary" data-against=${page.against}>
      <p class="muted small against">${t('impact.against', { release: page.against, count: total })}</p>
      ${renderTotals(page.totals)}
      ${page.entries.map((entry) => renderImpactEntry(entry))}
      ${renderPager(this.cursors, page.cursor, (cursors) => (this.cursors = cursors))}
    </div>`;
  }
}

customElements.define('gc-impact-summary', GcImpactSummary);

declare global {
  interface HTMLElementTagNameMap {
    'gc-impact-summary': GcImpactSummary;
  }
}
