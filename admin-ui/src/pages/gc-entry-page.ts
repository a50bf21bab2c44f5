import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { api, type AttributesOf, type EntryAsOf, type EntryKind, type EntryOnDate, type Period } from '../api/api.ts';
import { chinaToday, formatChinaTime, periodInForce, periodToShow } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import type { AnyKindSpec } from '../specs/kind-spec.ts';
import { specOf } from '../specs/kind-specs.ts';
import { endText, isContinued, statusTag } from '../format/period-view.ts';
import { href } from '../app/router.ts';
import { focusHeading } from '../app/focus-heading.ts';
import { SessionController } from '../app/session.ts';
import { baseStyles } from '../styles/styles.ts';
import { loading, renderTask } from '../app/task-view.ts';
import '../components/gc-entry-pending.ts';
import '../components/gc-problem.ts';
import '../forms/gc-propose-change.ts';
import { TableController } from '../app/table-controller.ts';

/**
 * One entry of any kind: the period that applies now with its end (for a drug, when it leaves
 * the payment scope), its whole timeline, the changes to it waiting in unpublished change sets
 * with their effect as a before/after strip (bureau roles only), a look-up of the period on a date as of a release, and for pricing staff
 * the form to propose a change. With `release`, the entry as it was published in that release.
 *
 * @property kind - the entry's kind
 * @property code - the entry's code
 * @property release - show the entry as of this release (undefined: the newest)
 */
export class GcEntryPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .now-panel {
        display: flex;
        gap: 16px 32px;
        align-items: flex-start;
        flex-wrap: wrap;
      }
      .fact {
        min-width: 80px;
      }
      .fact .value {
        margin-top: 2px;
      }
      .big .tag {
        font-size: 18px;
        line-height: 30px;
        padding: 0 12px;
      }
      .period-end {
        flex-basis: 100%;
        border-left: 3px solid var(--gc-warning);
        background: var(--gc-warning-bg);
        padding: 6px 12px;
        font-size: 15px;
      }
      .period-end strong {
        font-variant-numeric: tabular-nums;
      }
      form.lookup {
        display: flex;
        gap: 12px;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      .result {
        margin-top: 12px;
        border: 1px solid var(--gc-info-border);
        background: var(--gc-info-bg-soft);
        border-radius: 3px;
        padding: 10px 14px;
      }
      .result .now-panel {
        margin: 8px 0;
      }
      #lookup-release {
        width: 160px;
      }
    `,
  ];

  @property() kind: EntryKind = 'price-items';
  @property() code = '';
  @property({ type: Number }) release: number | undefined;
  @state() private proposing = false;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // The chart (and uPlot) loads only where it is drawn: a price item's page.
    if (this.kind === 'price-items') void import('../components/gc-price-chart.ts');
  }
  private readonly session = new SessionController(this);
  private readonly entry = new Task(this, {
    task: ([kind, code, release], { signal }) => api.getEntry(kind, code, release, signal),
    args: () => [this.kind, this.code, this.release] as const,
  });
  /** Whether the entry existed before the release that last changed it (to link to that version). */
  private readonly existedBefore = new Task(this, {
    task: async ([kind, code, entryRelease], { signal }) => {
      if (entryRelease === undefined || entryRelease <= 1) return false;
      try {
        await api.getEntry(kind, code, entryRelease - 1, signal);
        return true;
      } catch {
        return false;
      }
    },
    args: () => [this.kind, this.code, this.entry.value?.release] as const,
  });
  private readonly lookup = new Task(this, {
    task: ([kind, code, on, release]: readonly [EntryKind, string, string, number | undefined], { signal }) => api.getEntryOn(kind, code, on, release, signal),
    autoRun: false,
  });

  override render() {
    return renderTask(this.entry, (entry) => this.renderEntry(entry));
  }

  private renderEntry(entry: EntryAsOf) {
    const spec = specOf(this.kind);
    const now = new Date();
    const shown = periodToShow(entry.timeline, now);
    const latestView = this.release === undefined;
    return html`
      <div class="crumbs"><a href=${href.entries(this.kind)}>${t(`nav.${this.kind}`)}</a> / <span class="mono">${entry.code}</span></div>
      ${
        latestView
          ? null
          : html`<div class="notice warn" data-testid="as-of-notice">
            ${t('entry.viewingRelease', { release: entry.asOfRelease })} <a href=${href.entry(this.kind, entry.code)}>${t('entry.viewLatest')}</a>
          </div>`
      }
      <div class="head">
        <div>
          <h1 data-testid="entry-name">${shown ? spec.nameOf(shown.attributes) : entry.code}</h1>
          <div class="muted">
            <span class="mono">${entry.code}</span> · ${t(`kind.${this.kind}`)} ·
            ${t('entry.asOfRelease', { release: entry.asOfRelease })}
            (${t('entry.lastChangedIn')} <a href=${href.release(entry.release)} data-testid="entry-release">${t('releases.number', { number: entry.release })}</a>${
              this.existedBefore.value
                ? html` · <a href=${href.entry(this.kind, entry.code, entry.release - 1)} data-testid="entry-before">${t('entry.viewBefore', { release: entry.release })}</a>`
                : null
            })
          </div>
        </div>
        ${
          latestView && this.session.can('change-set:edit')
            ? html`<button class="primary" data-testid="propose-change" ?disabled=${this.proposing} @click=${() => this.openProposal()}>${t('entry.proposeChange')}</button>`
            : null
        }
      </div>

      <div class="panel" data-testid="current-period">
        ${shown ? this.renderPeriodSummary(spec, shown, now) : html`<div class="muted">${t('entry.noTimeline')}</div>`}
      </div>

      ${
        this.proposing
          ? html`<gc-propose-change .kind=${this.kind} .code=${entry.code} .entryAttributes=${shown?.attributes} @gc-change-cancel=${() => this.closeProposal()}></gc-propose-change>`
          : null
      }

      <div class="panel">
        <h2>${t('entry.timeline')}</h2>
        ${
          this.kind === 'price-items' && entry.timeline.length > 0
            ? html`<gc-price-chart .timeline=${entry.timeline as Period<AttributesOf<'price-items'>>[]}></gc-price-chart>`
            : null
        }
        ${this.renderTimeline(spec, entry.timeline, periodInForce(entry.timeline, now), now)}
      </div>

      ${this.session.can('change-set:read') && latestView ? html`<gc-entry-pending .kind=${this.kind} .code=${entry.code}></gc-entry-pending>` : null}

      <div class="panel">
        <h2>${t('entry.lookup')}</h2>
        ${this.renderLookup(entry)}
      </div>
    `;
  }

  /** The facts of a period, its status and start, and its end written out ("调出支付范围：2022-12-31 24:00"). */
  /** The proposal form opens below the summary; the keyboard goes to its heading. */
  private openProposal(): void {
    this.proposing = true;
    void this.updateComplete.then(() => {
      const form = this.renderRoot.querySelector('gc-propose-change');
      if (form) focusHeading(form, 'h2');
    });
  }

  /** Cancelled: back to the button that opened it. */
  private closeProposal(): void {
    this.proposing = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-testid="propose-change"]')?.focus());
  }

  private renderPeriodSummary(spec: AnyKindSpec, period: Period<AttributesOf<EntryKind>>, now: Date) {
    return html`<div class="now-panel">
      <div class="fact">
        <div class="muted small">${t('entries.status')}</div>
        <div class="value">${statusTag(spec, period, now)}</div>
      </div>
      ${spec.facts(period.attributes).map(
        (fact) => html`<div class="fact" data-fact=${fact.key}>
          <div class="muted small">${t(fact.label)}</div>
          <div class="value ${fact.big ? 'big' : ''}" data-testid=${fact.big ? 'headline' : 'fact'}>${fact.value}</div>
        </div>`,
      )}
      <div class="fact">
        <div class="muted small">${t('field.validFrom')}</div>
        <div class="value nowrap">${formatChinaTime(period.validFrom)}</div>
      </div>
      ${
        period.validTo
          ? html`<div class="period-end" data-testid="period-end" data-valid-to=${period.validTo}>${t(spec.endLabel)}${t('common.colon')}<strong>${endText(period)}</strong></div>`
          : html`<div class="fact" data-testid="period-end" data-valid-to="">
            <div class="muted small">${t(spec.endLabel)}</div>
            <div class="value">${endText(period)}</div>
          </div>`
      }
    </div>`;
  }

  private renderTimeline(spec: AnyKindSpec, timeline: Period<AttributesOf<EntryKind>>[], current: Period<AttributesOf<EntryKind>> | undefined, now: Date) {
    if (timeline.length === 0) return html`<p class="empty">${t('entry.noTimeline')}</p>`;
    return html`<div class="table-scroll">
      <table data-testid="timeline">
        <thead>
          <tr>
            <th>${t('field.validFrom')}</th>
            <th>${t(spec.endLabel)}</th>
            ${spec.periodColumns.map((column) => html`<th class=${column.numeric ? 'num' : ''}>${t(column.label)}</th>`)}
            <th>${t('entries.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${timeline.map(
            (
              period,
              index,
            ) => html`<tr class=${period === current ? 'current' : ''} data-testid="period-row" data-valid-from=${period.validFrom} data-valid-to=${period.validTo ?? ''}>
              <td class="nowrap">${formatChinaTime(period.validFrom)}</td>
              <td class="nowrap" data-column="end">${endText(period)}</td>
              ${spec.periodColumns.map((column) => html`<td class=${column.numeric ? 'num' : ''} data-column=${column.key}>${column.cell(period.attributes)}</td>`)}
              <td>${statusTag(spec, period, now, isContinued(timeline, index))}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderLookup(entry: EntryAsOf) {
    return html`
      <form class="lookup" @submit=${this.onLookup}>
        <label class="field">
          <span>${t('entry.lookupDate')}</span>
          <input id="lookup-date" name="on" type="date" required .value=${chinaToday()} />
        </label>
        <label class="field">
          <span>${t('entry.lookupRelease')}</span>
          <input id="lookup-release" name="release" type="number" min="1" max=${entry.asOfRelease} placeholder=${t('entry.lookupReleaseLatest', { release: entry.asOfRelease })} />
        </label>
        <button class="primary" type="submit" data-testid="lookup-submit">${t('entry.lookupSubmit')}</button>
      </form>
      ${this.lookup.render({
        pending: loading,
        complete: (result) => this.renderLookupResult(result),
        error: (error) => html`<gc-problem .error=${error} data-testid="lookup-problem"></gc-problem>`,
      })}
    `;
  }

  private renderLookupResult(result: EntryOnDate) {
    const spec = specOf(this.kind);
    return html`<div class="result" data-testid="lookup-result">
      <div>${t('entry.lookupAnswer', { on: formatChinaTime(result.on), release: result.asOfRelease })}</div>
      ${this.renderPeriodSummary(spec, result.period, new Date(result.on))}
    </div>`;
  }

  private onLookup(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const on = String(data.get('on') ?? '');
    const release = String(data.get('release') ?? '').trim();
    if (!on) return;
    void this.lookup.run([this.kind, this.code, on, release ? Number(release) : this.release]);
  }
}

customElements.define('gc-entry-page', GcEntryPage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-entry-page': GcEntryPage;
  }
}
