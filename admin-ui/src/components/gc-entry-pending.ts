import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { api, type EntryKind, type PendingChanges } from '../api/api.ts';
import { impactStyles, renderWarnings } from '../styles/impact-view.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { href } from '../app/router.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import './gc-changes-table.ts';
import './gc-state-badge.ts';
import './gc-timeline-strip.ts';

/**
 * The changes to one entry waiting in change sets not yet published (bureau roles), each change
 * set's effect alone on the published timeline as a before/after strip with its warnings, then
 * its changes to the entry.
 *
 * @property kind - the entry's kind
 * @property code - the entry's code
 */
export class GcEntryPending extends LitElement {
  static override styles = [
    baseStyles,
    impactStyles,
    css`
      .pending-set {
        border-top: 1px solid var(--gc-divider);
        padding-top: 12px;
        margin-bottom: 16px;
      }
      .pending-set h3 {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      gc-timeline-strip {
        margin-bottom: 8px;
      }
    `,
  ];

  @property() kind: EntryKind = 'price-items';
  @property() code = '';
  private readonly locale = new LocaleController(this);
  private readonly pending = new Task(this, {
    task: ([kind, code], { signal }) => api.getPending(kind, code, signal),
    args: () => [this.kind, this.code] as const,
  });

  override render() {
    return html`<div class="panel" data-testid="pending-changes">
      <h2>${t('entry.pending')}</h2>
      ${renderTask(this.pending, (answer) => this.renderPending(answer))}
    </div>`;
  }

  private renderPending({ pending, against }: PendingChanges) {
    if (pending.length === 0) return html`<p class="empty">${t('entry.noPending')}</p>`;
    return html`<p class="muted small">${t('entry.pendingAgainst', { release: against })}</p>
      ${pending.map(
        ({ changeSet, changes, impact }) => html`<div class="pending-set" data-testid="pending-change-set" data-id=${changeSet.id}>
          <h3>
            <a href=${href.changeSet(changeSet.id)}>${changeSet.title}</a>
            <gc-state-badge .state=${changeSet.state}></gc-state-badge>
            <span class="muted small">${t('changeSets.byAuthor', { name: changeSet.author.name })}</span>
          </h3>
          <gc-timeline-strip .kind=${impact.kind} .beforeTimeline=${impact.before} .afterTimeline=${impact.after}
            .beforeLabel=${t('entry.pendingBefore', { release: against })} .afterLabel=${t('entry.pendingAfter')}></gc-timeline-strip>
          ${renderWarnings(impact)}
          <gc-changes-table .changes=${changes}></gc-changes-table>
        </div>`,
      )}`;
  }
}

customElements.define('gc-entry-pending', GcEntryPending);

declare global {
  interface HTMLElementTagNameMap {
    'gc-entry-pending': GcEntryPending;
  }
}
