import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { api, type ChangeSet, type NumberedChange, type PriceItemAsOf, type PriceItemOnDate, type PriceItemPeriod } from './api.ts';
import { chinaToday, formatChinaTime, formatYuan, periodInForce } from './format.ts';
import { LocaleController, t } from './i18n.ts';
import { componentsText, gradePricesText } from './price-text.ts';
import { href } from './router.ts';
import { SessionController } from './session.ts';
import { baseStyles } from './styles.ts';
import { loading, renderTask } from './task-view.ts';
import './gc-changes-table.ts';
import './gc-problem.ts';
import './gc-propose-change.ts';
import './gc-state-badge.ts';

/** Change sets in these states may still become a release. */
const unpublishedStates = ['draft', 'submitted', 'approved'] as const;

interface PendingChanges {
  changeSet: ChangeSet;
  changes: NumberedChange[];
}

/**
 * One price item: its timeline with the period in force now, the changes to it waiting in
 * unpublished change sets (bureau roles only), a look-up of the price on a date as of a
 * release, and for pricing staff the form to change the price.
 *
 * @property code - the item's code
 */
export class GcPriceItemPage extends LitElement {
  static override properties = {
    code: {},
    proposing: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      .head {
        display: flex;
        justify-content: space-between;
        align-items: flex-start;
        gap: 16px;
        margin-bottom: 16px;
      }
      .crumbs {
        font-size: 13px;
        margin-bottom: 4px;
      }
      .now-panel {
        display: flex;
        gap: 32px;
        align-items: baseline;
        flex-wrap: wrap;
      }
      .big {
        font-size: 28px;
        font-weight: 600;
        color: var(--gc-accent-dark);
        font-variant-numeric: tabular-nums;
      }
      .big small {
        font-size: 14px;
        font-weight: normal;
        color: var(--gc-muted);
        margin-left: 4px;
      }
      .pending-set {
        margin-bottom: 16px;
      }
      .pending-set h3 {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      form.lookup {
        display: flex;
        gap: 12px;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      .result {
        margin-top: 12px;
        border: 1px solid #b9d2ef;
        background: #f4f8fd;
        border-radius: 3px;
        padding: 10px 14px;
      }
      #lookup-release {
        width: 160px;
      }
      .note {
        max-width: 260px;
        font-size: 12px;
        color: var(--gc-muted);
      }
    `,
  ];

  declare code: string;
  declare private proposing: boolean;
  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  private readonly entry = new Task(this, {
    task: ([code], { signal }) => api.getPriceItem(code, signal),
    args: () => [this.code] as const,
  });
  /** Changes to this item in change sets not yet published. Only the bureau may read change sets. */
  private readonly pending = new Task(this, {
    task: async ([code, mayRead], { signal }): Promise<PendingChanges[]> => {
      if (!mayRead) return [];
      const all = await api.listChangeSets(undefined, signal);
      const open = all.filter((changeSet) => (unpublishedStates as readonly string[]).includes(changeSet.state));
      const loaded = await Promise.all(open.map((changeSet) => api.getChangeSet(changeSet.id, signal)));
      return loaded
        .map(({ value }) => ({ changeSet: value, changes: value.changes.filter(({ change }) => change.kind === 'price-items' && change.code === code) }))
        .filter(({ changes }) => changes.length > 0);
    },
    args: () => [this.code, this.session.can('change-set:read')] as const,
  });
  private readonly lookup = new Task(this, {
    task: ([code, on, release]: readonly [string, string, number | undefined], { signal }) => api.getPriceItemOn(code, on, release, signal),
    autoRun: false,
  });

  constructor() {
    super();
    this.code = '';
    this.proposing = false;
  }

  override render() {
    return renderTask(this.entry, (entry) => this.renderEntry(entry));
  }

  private renderEntry(entry: PriceItemAsOf) {
    const now = new Date();
    const current = periodInForce(entry.timeline, now);
    const latest = current ?? entry.timeline.at(-1);
    return html`
      <div class="crumbs"><a href=${href.priceItems()}>${t('nav.priceItems')}</a> / <span class="mono">${entry.code}</span></div>
      <div class="head">
        <div>
          <h1 data-testid="item-name">${latest?.attributes.name ?? entry.code}</h1>
          <div class="muted"><span class="mono">${entry.code}</span> · ${latest?.attributes.category ?? ''} · ${t('item.asOfRelease', { release: entry.asOfRelease, entryRelease: entry.release })}</div>
        </div>
        ${this.session.can('change-set:edit')
          ? html`<button class="primary" data-testid="change-price" ?disabled=${this.proposing} @click=${() => (this.proposing = true)}>${t('item.changePrice')}</button>`
          : null}
      </div>

      <div class="panel now-panel" data-testid="current-period">
        ${current
          ? html`<div>
                <div class="muted small">${t('item.currentPrice')}</div>
                <div class="big" data-testid="current-price">${formatYuan(current.attributes.priceFen)}<small>${t('item.yuanPer', { unit: current.attributes.unit })}</small></div>
              </div>
              <div>
                <div class="muted small">${t('field.validFrom')}</div>
                <div>${formatChinaTime(current.validFrom)}</div>
              </div>
              <div>
                <div class="muted small">${t('field.validTo')}</div>
                <div>${current.validTo ? formatChinaTime(current.validTo) : t('timeline.openEnded')}</div>
              </div>
              ${current.attributes.components?.length
                ? html`<div><div class="muted small">${t('field.components')}</div><div>${componentsText(current.attributes)}</div></div>`
                : null}`
          : html`<div class="muted">${t('item.notInForce')}</div>`}
      </div>

      ${this.proposing
        ? html`<gc-propose-change .code=${entry.code} .itemAttributes=${latest?.attributes} @gc-change-cancel=${() => (this.proposing = false)}></gc-propose-change>`
        : null}

      <div class="panel">
        <h2>${t('item.timeline')}</h2>
        ${this.renderTimeline(entry.timeline, current)}
      </div>

      ${this.session.can('change-set:read') ? this.renderPending() : null}

      <div class="panel">
        <h2>${t('item.lookup')}</h2>
        ${this.renderLookup(entry)}
      </div>
    `;
  }

  private renderTimeline(timeline: PriceItemPeriod[], current: PriceItemPeriod | undefined) {
    if (timeline.length === 0) return html`<p class="empty">${t('item.noTimeline')}</p>`;
    const now = Date.now();
    return html`<table data-testid="timeline">
      <thead>
        <tr>
          <th>${t('field.validFrom')}</th>
          <th>${t('field.validTo')}</th>
          <th class="num">${t('field.priceYuan')}</th>
          <th>${t('field.gradePrices')}</th>
          <th>${t('field.components')}</th>
          <th>${t('field.unit')}</th>
          <th>${t('field.note')}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${timeline.map((period) => {
          const isCurrent = period === current;
          const isFuture = Date.parse(period.validFrom) > now;
          return html`<tr class=${isCurrent ? 'current' : ''} data-testid="period-row" data-valid-from=${period.validFrom} data-current=${isCurrent ? 'true' : 'false'}>
            <td class="nowrap">${formatChinaTime(period.validFrom)}</td>
            <td class="nowrap">${period.validTo ? formatChinaTime(period.validTo) : html`<span class="muted">${t('timeline.openEnded')}</span>`}</td>
            <td class="num" data-testid="period-price">${formatYuan(period.attributes.priceFen)}</td>
            <td>${gradePricesText(period.attributes)}</td>
            <td>${componentsText(period.attributes)}</td>
            <td>${period.attributes.unit}</td>
            <td class="note">${period.attributes.note ?? ''}</td>
            <td>${isCurrent ? html`<span class="tag ok">${t('timeline.inForce')}</span>` : isFuture ? html`<span class="tag">${t('timeline.upcoming')}</span>` : null}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private renderPending() {
    return html`<div class="panel" data-testid="pending-changes">
      <h2>${t('item.pending')}</h2>
      ${renderTask(this.pending, (pending) =>
        pending.length === 0
          ? html`<p class="empty">${t('item.noPending')}</p>`
          : pending.map(
              ({ changeSet, changes }) => html`<div class="pending-set" data-testid="pending-change-set" data-id=${changeSet.id}>
                <h3>
                  <a href=${href.changeSet(changeSet.id)}>${changeSet.title}</a>
                  <gc-state-badge .state=${changeSet.state}></gc-state-badge>
                  <span class="muted small">${t('changeSets.byAuthor', { name: changeSet.author.name })}</span>
                </h3>
                <gc-changes-table .changes=${changes}></gc-changes-table>
              </div>`,
            ),
      )}
    </div>`;
  }

  private renderLookup(entry: PriceItemAsOf) {
    return html`
      <form class="lookup" @submit=${this.onLookup}>
        <label class="field">
          <span>${t('item.lookupDate')}</span>
          <input id="lookup-date" name="on" type="date" required .value=${chinaToday()} />
        </label>
        <label class="field">
          <span>${t('item.lookupRelease')}</span>
          <input id="lookup-release" name="release" type="number" min="1" max=${entry.asOfRelease} placeholder=${t('item.lookupReleaseLatest', { release: entry.asOfRelease })} />
        </label>
        <button class="primary" type="submit" data-testid="lookup-submit">${t('item.lookupSubmit')}</button>
      </form>
      ${this.lookup.render({
        pending: loading,
        complete: (result) => this.renderLookupResult(result),
        error: (error) => html`<gc-problem .error=${error} data-testid="lookup-problem"></gc-problem>`,
      })}
    `;
  }

  private renderLookupResult(result: PriceItemOnDate) {
    const { period } = result;
    return html`<div class="result" data-testid="lookup-result" data-price-fen=${period.attributes.priceFen}>
      <div>${t('item.lookupAnswer', { on: formatChinaTime(result.on), release: result.asOfRelease })}</div>
      <div class="big" data-testid="lookup-price">${formatYuan(period.attributes.priceFen)}<small>${t('item.yuanPer', { unit: period.attributes.unit })}</small></div>
      <div class="muted small">
        ${t('item.lookupPeriod', { from: formatChinaTime(period.validFrom), to: period.validTo ? formatChinaTime(period.validTo) : t('timeline.openEnded') })}
        · ${period.attributes.name} · ${t('field.gradePrices')}: ${gradePricesText(period.attributes)} · ${t('field.components')}: ${componentsText(period.attributes)}
      </div>
    </div>`;
  }

  private onLookup(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const on = String(data.get('on') ?? '');
    const release = String(data.get('release') ?? '').trim();
    if (!on) return;
    void this.lookup.run([this.code, on, release ? Number(release) : undefined]);
  }
}

customElements.define('gc-price-item-page', GcPriceItemPage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-price-item-page': GcPriceItemPage;
  }
}
