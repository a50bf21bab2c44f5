import { html, nothing } from 'lit';
import { t } from '../i18n/i18n.ts';

/**
 * Previous / page n / next over an API cursor: `cursors` are those of the pages visited so far
 * (the last one is the current page's, '' for the first), `next` the cursor the API gave for the
 * page after. `go` receives the new list.
 */
export function renderPager(cursors: readonly string[], next: string | undefined, go: (cursors: string[]) => void) {
  if (cursors.length <= 1 && !next) return nothing;
  return html`<div class="pager">
    <button data-testid="previous-page" ?disabled=${cursors.length <= 1} @click=${() => go(cursors.slice(0, -1))}>${t('common.previousPage')}</button>
    <span class="muted small">${t('common.pageNumber', { page: cursors.length })}</span>
    <button data-testid="next-page" ?disabled=${!next} @click=${() => next && go([...cursors, next])}>${t('common.nextPage')}</button>
  </div>`;
}
