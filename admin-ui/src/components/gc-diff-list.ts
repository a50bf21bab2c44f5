import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { api, type DiffItem, type DiffPage, type EntryKind } from '../api/api.ts';
import { entryName, impactStyles } from '../styles/impact-view.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { renderPager } from '../format/pager-view.ts';
import { href } from '../app/router.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import './gc-timeline-strip.ts';

const PAGE_SIZE = 20;

/** What to compare: what one release changed (against the one before), or a kind between two releases. */
export type DiffQuery = { release: number } | { kind: EntryKind; from: number; to: number };

/**
 * Entries whose timelines differ, old → new, each as a before/after strip with a link to the
 * entry, a page at a time (the API's cursor).
 *
 * @property query - the release, or the kind and the two releases
 * @property beforeLabel - the name of the old row (e.g. 第 4 版)
 * @property afterLabel - the name of the new row
 */
export class GcDiffList extends LitElement {
  static override styles = [baseStyles, impactStyles];

  @property({ attribute: false }) query: DiffQuery | undefined;
  @property({ attribute: false }) beforeLabel: string | undefined;
  @property({ attribute: false }) afterLabel: string | undefined;
  @state() private cursors: string[] = [''];
  private readonly locale = new LocaleController(this);
  private readonly diff = new Task(this, {
    task: ([key, cursor], { signal }): Promise<DiffPage> => {
      const page = { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
      if (!key) return Promise.resolve({ items: [] });
      const query = JSON.parse(key) as DiffQuery;
      return 'release' in query ? api.releaseDiff(query.release, page, signal) : api.compareReleases(query.kind, query.from, query.to, page, signal);
    },
    // By value: a parent may pass an equal query in a new object on every render.
    args: () => [this.query ? JSON.stringify(this.query) : '', this.cursors.at(-1) ?? ''] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('query');
    if (changed.has('query') && JSON.stringify(previous) !== JSON.stringify(this.query)) this.cursors = [''];
  }

  override render() {
    return renderTask(
      this.diff,
      (page) => html`<div data-testid="diff-list">
        ${page.items.length === 0 ? html`<p class="empty" data-testid="no-differences">${t('diff.none')}</p>` : page.items.map((item) => this.renderItem(item))}
        ${renderPager(this.cursors, page.cursor, (cursors) => (this.cursors = cursors))}
      </div>`,
    );
  }

  private renderItem(item: DiffItem) {
    const name = entryName(item.kind, item.before, item.after);
    const status = item.before === null ? 'diff.added' : item.after === null ? 'diff.removed' : 'diff.changed';
    return html`<div class="impact-entry" data-testid="diff-item" data-kind=${item.kind} data-code=${item.code}>
      <h3>
        <a class="mono" href=${href.entry(item.kind, item.code)}>${item.code}</a>${name ? html`<span>${name}</span>` : nothing}
        <span class="muted small">${t(`kind.${item.kind}`)}</span>
        <span class="tag">${t(status)}</span>
      </h3>
      <gc-timeline-strip .kind=${item.kind} .beforeTimeline=${item.before} .afterTimeline=${item.after} .beforeLabel=${this.beforeLabel} .afterLabel=${this.afterLabel}></gc-timeline-strip>
    </div>`;
  }
}

customElements.define('gc-diff-list', GcDiffList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-diff-list': GcDiffList;
  }
}
