import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { api, type EntryKind } from '../api/api.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { entryKinds, href, navigate } from '../app/router.ts';
import { baseStyles } from '../styles/styles.ts';
import '../components/gc-diff-list.ts';

/**
 * Compare any two releases for one kind: every entry whose timeline differs between them, old →
 * new. What is picked lives in the address, so a comparison can be linked to.
 *
 * @property kind - the kind compared
 * @property from - the older release (0: before the first)
 * @property to - the newer release
 */
export class GcReleaseCompare extends LitElement {
  static override styles = [
    baseStyles,
    css`
      form {
        display: flex;
        gap: 12px;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      input[type='number'] {
        width: 120px;
      }
    `,
  ];

  @property() kind: EntryKind | undefined;
  @property({ type: Number }) from: number | undefined;
  @property({ type: Number }) to: number | undefined;
  private readonly locale = new LocaleController(this);
  /** The newest release, to start `to` from and bound the inputs. */
  private readonly newest = new Task(this, {
    task: async (_args, { signal }) => (await api.listReleases({ limit: 1, include: 'summary' }, signal)).visibleRelease,
    args: () => [] as const,
  });

  override render() {
    const newest = this.newest.value;
    const to = this.to ?? newest;
    const from = this.from ?? (to !== undefined ? Math.max(to - 1, 0) : undefined);
    const kind = this.kind ?? 'price-items';
    const ready = this.kind !== undefined && this.from !== undefined && this.to !== undefined;
    return html`
      <div class="crumbs"><a href=${href.releases()}>${t('nav.releases')}</a> / ${t('compare.title')}</div>
      <h1>${t('compare.title')}</h1>
      <p class="muted small">${t('compare.subtitle')}</p>
      <div class="panel">
        <form @submit=${this.onSubmit} data-testid="compare-form">
          <label class="field">
            <span>${t('compare.kind')}</span>
            <select id="compare-kind" name="kind">
              ${entryKinds.map((candidate) => html`<option value=${candidate} ?selected=${candidate === kind}>${t(`kind.${candidate}`)}</option>`)}
            </select>
          </label>
          <label class="field">
            <span>${t('compare.from')}</span>
            <input id="compare-from" name="from" type="number" min="0" max=${newest ?? ''} required .value=${from === undefined ? '' : String(from)} />
          </label>
          <label class="field">
            <span>${t('compare.to')}</span>
            <input id="compare-to" name="to" type="number" min="1" max=${newest ?? ''} required .value=${to === undefined ? '' : String(to)} />
          </label>
          <button class="primary" type="submit" data-testid="compare-submit">${t('compare.submit')}</button>
        </form>
      </div>
      ${
        ready
          ? html`<div class="panel" data-testid="compare-result">
            <h2>${t('compare.result', { kind: t(`kind.${kind}`), from: this.from ?? 0, to: this.to ?? 0 })}</h2>
            <gc-diff-list .query=${{ kind, from: this.from ?? 0, to: this.to ?? 0 }} .beforeLabel=${t('releases.number', { number: this.from ?? 0 })}
              .afterLabel=${t('releases.number', { number: this.to ?? 0 })}></gc-diff-list>
          </div>`
          : nothing
      }
    `;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const kind = entryKinds.find((candidate) => candidate === data.get('kind')) ?? 'price-items';
    const from = Number(data.get('from'));
    const to = Number(data.get('to'));
    if (!Number.isInteger(from) || !Number.isInteger(to)) return;
    navigate(href.compareReleases({ kind, from, to }));
  }
}

customElements.define('gc-release-compare', GcReleaseCompare);

declare global {
  interface HTMLElementTagNameMap {
    'gc-release-compare': GcReleaseCompare;
  }
}
