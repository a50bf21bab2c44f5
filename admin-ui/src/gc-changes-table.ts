import { css, html, LitElement } from 'lit';
import type { NumberedChange } from './api.ts';
import { formatChinaTime, formatYuan } from './format.ts';
import { LocaleController, t } from './i18n.ts';
import { componentsText, gradePricesText } from './price-text.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';

/**
 * The changes of a change set or a release, one row each.
 *
 * @property changes - the numbered changes
 * @property removable - show a remove button per row
 * @property busy - disable the remove buttons
 * @fires gc-remove-change - detail `{ n }`: the user asked to remove change n
 */
export class GcChangesTable extends LitElement {
  static override properties = {
    changes: { attribute: false },
    removable: { type: Boolean },
    busy: { type: Boolean },
  };
  static override styles = [
    baseStyles,
    css`
      .op-end {
        border-color: #eab4b0;
        background: #fdeeed;
        color: #a1221b;
      }
    `,
  ];

  declare changes: NumberedChange[];
  declare removable: boolean;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.changes = [];
    this.removable = false;
    this.busy = false;
  }

  override render() {
    if (this.changes.length === 0) return html`<p class="empty" data-testid="no-changes">${t('changes.none')}</p>`;
    return html`
      <table data-testid="changes-table">
        <thead>
          <tr>
            <th class="num">${t('changes.n')}</th>
            <th>${t('field.code')}</th>
            <th>${t('changes.op')}</th>
            <th>${t('field.name')}</th>
            <th>${t('field.validFrom')}</th>
            <th>${t('field.validTo')}</th>
            <th class="num">${t('field.priceYuan')}</th>
            <th>${t('field.gradePrices')}</th>
            <th>${t('field.components')}</th>
            ${this.removable ? html`<th></th>` : null}
          </tr>
        </thead>
        <tbody>
          ${this.changes.map((numbered) => this.renderRow(numbered))}
        </tbody>
      </table>
    `;
  }

  private renderRow({ n, change }: NumberedChange) {
    const code = change.kind === 'price-items' ? html`<a class="code" href=${href.priceItem(change.code)}>${change.code}</a>` : html`<span class="code">${change.code}</span>`;
    const remove = this.removable
      ? html`<td><button class="danger" data-testid="remove-change" data-n=${n} ?disabled=${this.busy} @click=${() => this.askToRemove(n)}>${t('changes.remove')}</button></td>`
      : null;
    if (change.op === 'end') {
      return html`<tr data-testid="change-row" data-n=${n} data-code=${change.code} data-op="end">
        <td class="num">${n}</td>
        <td>${code}</td>
        <td><span class="tag op-end">${t('changes.op.end')}</span>${change.kind === 'price-items' ? null : html` <span class="muted small">${t(`kind.${change.kind}`)}</span>`}</td>
        <td class="muted">—</td>
        <td class="muted">—</td>
        <td class="nowrap">${formatChinaTime(change.at)}</td>
        <td class="num muted">—</td>
        <td class="muted">—</td>
        <td class="muted">—</td>
        ${remove}
      </tr>`;
    }
    const attributes = change.kind === 'price-items' ? change.attributes : undefined;
    return html`<tr data-testid="change-row" data-n=${n} data-code=${change.code} data-op="set">
      <td class="num">${n}</td>
      <td>${code}</td>
      <td><span class="tag">${t('changes.op.set')}</span>${change.kind === 'price-items' ? null : html` <span class="muted small">${t(`kind.${change.kind}`)}</span>`}</td>
      <td>${attributes?.name ?? nameOf(change.attributes)}</td>
      <td class="nowrap">${formatChinaTime(change.validFrom)}</td>
      <td class="nowrap">${change.validTo ? formatChinaTime(change.validTo) : html`<span class="muted">${t('timeline.openEnded')}</span>`}</td>
      <td class="num" data-testid="change-price">${attributes ? formatYuan(attributes.priceFen) : '—'}</td>
      <td>${attributes ? gradePricesText(attributes) : '—'}</td>
      <td>${attributes ? componentsText(attributes) : '—'}</td>
      ${remove}
    </tr>`;
  }

  private askToRemove(n: number): void {
    this.dispatchEvent(new CustomEvent('gc-remove-change', { detail: { n }, bubbles: true, composed: true }));
  }
}

/** Entries of other kinds name themselves differently (a drug's generic name, a listing's product, a measure's title). */
function nameOf(attributes: unknown): string {
  const named = (attributes ?? {}) as { name?: unknown; genericName?: unknown; product?: unknown; title?: unknown };
  const name = [named.name, named.genericName, named.product, named.title].find((candidate) => typeof candidate === 'string');
  return typeof name === 'string' ? name : '—';
}

customElements.define('gc-changes-table', GcChangesTable);

declare global {
  interface HTMLElementTagNameMap {
    'gc-changes-table': GcChangesTable;
  }
  interface HTMLElementEventMap {
    'gc-remove-change': CustomEvent<{ n: number }>;
  }
}
