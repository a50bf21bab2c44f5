import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { EntryKind, NumberedChange } from '../api/api.ts';
import { formatChinaEnd, formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { specOf } from '../specs/kind-specs.ts';
import { entryKinds, href } from '../app/router.ts';
import { baseStyles } from '../styles/styles.ts';
import { TableController } from '../app/table-controller.ts';

const PAGE_SIZE = 100;

/**
 * The changes of a change set or a release, a table per kind (each with its kind's columns),
 * a hundred changes a page: an imported change set can hold 15,000.
 *
 * @property changes - the numbered changes
 * @property removable - show a remove button per row
 * @property busy - disable the remove buttons
 * @fires gc-remove-change - detail `{ n }`: the user asked to remove change n
 */
export class GcChangesTable extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .op-end {
        border-color: var(--gc-danger-border);
        background: var(--gc-danger-bg);
        color: var(--gc-danger-text);
      }
      h3 {
        margin-top: 8px;
      }
    `,
  ];

  @property({ attribute: false }) changes: NumberedChange[] = [];
  @property({ type: Boolean }) removable = false;
  @property({ type: Boolean }) busy = false;
  @state() private page = 0;
  private readonly locale = new LocaleController(this);
  private readonly tables = new TableController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    const pages = Math.max(1, Math.ceil(this.changes.length / PAGE_SIZE));
    if (changed.has('changes') && this.page >= pages) this.page = pages - 1;
  }

  override render() {
    if (this.changes.length === 0) return html`<p class="empty" data-testid="no-changes">${t('changes.none')}</p>`;
    const shown = this.changes.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE);
    const kinds = entryKinds.filter((kind) => shown.some(({ change }) => change.kind === kind));
    const pages = Math.ceil(this.changes.length / PAGE_SIZE);
    return html`
      ${kinds.map((kind) =>
        this.renderKind(
          kind,
          shown.filter(({ change }) => change.kind === kind),
          kinds.length > 1 || kind !== 'price-items',
        ),
      )}
      ${
        pages > 1
          ? html`<div class="pager">
            <span class="muted small">${t('changes.range', { from: this.page * PAGE_SIZE + 1, to: this.page * PAGE_SIZE + shown.length, total: this.changes.length })}</span>
            <div class="actions">
              <button data-testid="changes-previous" ?disabled=${this.page === 0} @click=${() => (this.page -= 1)}>${t('common.previousPage')}</button>
              <button data-testid="changes-next" ?disabled=${this.page >= pages - 1} @click=${() => (this.page += 1)}>${t('common.nextPage')}</button>
            </div>
          </div>`
          : null
      }
    `;
  }

  private renderKind(kind: EntryKind, changes: NumberedChange[], withHeading: boolean) {
    const spec = specOf(kind);
    return html`
      ${withHeading ? html`<h3>${t(`kind.${kind}`)} <span class="muted small">${t('changeSets.changeCount', { count: changes.length })}</span></h3>` : null}
      <div class="table-scroll">
        <table data-testid="changes-table" data-kind=${kind}>
          <thead>
            <tr>
              <th class="num">${t('changes.n')}</th>
              <th>${t('field.code')}</th>
              <th>${t('changes.op')}</th>
              <th>${t('field.validFrom')}</th>
              <th>${t(spec.endLabel)}</th>
              ${spec.periodColumns.map((column) => html`<th class=${column.numeric ? 'num' : ''}>${t(column.label)}</th>`)}
              ${this.removable ? html`<th><span class="sr-only">${t('common.actions')}</span></th>` : null}
            </tr>
          </thead>
          <tbody>
            ${changes.map(({ n, change }) => {
              const set = change.op === 'set' ? change : undefined;
              return html`<tr data-testid="change-row" data-n=${n} data-code=${change.code} data-op=${change.op}>
                <td class="num">${n}</td>
                <td class="nowrap"><a class="code" href=${href.entry(kind, change.code)}>${change.code}</a></td>
                <td>${set ? html`<span class="tag">${t('changes.op.set')}</span>` : html`<span class="tag op-end">${t('changes.op.end')}</span>`}</td>
                <td class="nowrap">${set ? formatChinaTime(set.validFrom) : '—'}</td>
                <td class="nowrap">${set ? (set.validTo ? formatChinaEnd(set.validTo) : html`<span class="muted">${t('timeline.openEnded')}</span>`) : change.op === 'end' ? formatChinaEnd(change.at) : ''}</td>
                ${spec.periodColumns.map(
                  (column) =>
                    html`<td class=${column.numeric ? 'num' : ''} data-column=${column.key}>${set ? column.cell(set.attributes) : html`<span class="muted">—</span>`}</td>`,
                )}
                ${
                  this.removable
                    ? html`<td><button class="danger" data-testid="remove-change" data-n=${n} ?disabled=${this.busy} @click=${() => this.askToRemove(n)}>${t('changes.remove')}</button></td>`
                    : null
                }
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    `;
  }

  private askToRemove(n: number): void {
    this.dispatchEvent(new CustomEvent('gc-remove-change', { detail: { n }, bubbles: true, composed: true }));
  }
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
