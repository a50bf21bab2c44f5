import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import type { ApplicationType } from '../api/api.ts';
import { inbox } from '../api/inbox-api.ts';
import { formatChinaEnd } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { applicationTypes } from '../app/router.ts';

/**
 * The reviewers' counters above the inbox (issue 14 §5): for every application type, how many
 * the bureau owes a step on, how many are due within two working days, how many are overdue.
 */
export class GcInboxCounters extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
      gap: 8px;
      margin: 0 0 12px;
    }
    div.type {
      background: var(--gc-surface);
      border: 1px solid var(--gc-border);
      border-radius: 4px;
      padding: 8px 12px;
    }
    dt {
      font-weight: 600;
      margin-bottom: 4px;
    }
    dd {
      margin: 0;
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
      font-size: 13px;
    }
    .n {
      font-size: 18px;
      font-weight: 700;
    }
    .soon .n {
      color: var(--gc-warning-text);
    }
    .late .n {
      color: var(--gc-danger);
    }
  `;

  private readonly locale = new LocaleController(this);
  private readonly counts = new Task(this, {
    task: async (_args, { signal }) => Promise.all(applicationTypes.map(async (type) => ({ type, ...(await inbox.counters(type, signal)) }))),
    args: () => [] as const,
  });

  override render() {
    return this.counts.render({
      complete: (rows) => html`<dl data-testid="inbox-counters" aria-label=${t('counters.label')}>
        ${rows.map(
          ({ type, open, dueSoon, overdue, soonUntil }) => html`<div class="type" data-type=${type as ApplicationType}>
            <dt>${t(`applicationType.${type}`)}</dt>
            <dd>
              <span data-testid="counter-open"><span class="n">${open}</span> ${t('counters.open')}</span>
              <span class="soon" data-testid="counter-due-soon" title=${t('counters.soonUntil', { until: formatChinaEnd(soonUntil) })}
                ><span class="n">${dueSoon}</span> ${t('counters.dueSoon')}</span
              >
              <span class="late" data-testid="counter-overdue"><span class="n">${overdue}</span> ${t('counters.overdue')}</span>
            </dd>
          </div>`,
        )}
      </dl>`,
      // The counters are a summary: while they load or if they fail, the inbox below still works.
      pending: () => null,
      error: () => null,
    });
  }
}

customElements.define('gc-inbox-counters', GcInboxCounters);

declare global {
  interface HTMLElementTagNameMap {
    'gc-inbox-counters': GcInboxCounters;
  }
}
