import { Task } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { api, type ChangeSet, type PriceItemAttributes, type PriceItemChange } from './api.ts';
import { formatChinaTime } from './format.ts';
import { LocaleController, t } from './i18n.ts';
import { href, navigate } from './router.ts';
import { SessionController } from './session.ts';
import { baseStyles } from './styles.ts';
import { renderTask } from './task-view.ts';
import type { ChangeFormInitial } from './gc-change-form.ts';
import './gc-change-form.ts';

const NEW_CHANGE_SET = 'new';

/**
 * "Change this price": a `set` change for one item, prefilled with its current attributes,
 * added to one of the signed-in officer's drafts or to a new change set. On success it opens
 * that change set.
 *
 * @property code - the price item
 * @property itemAttributes - the attributes to start from
 * @fires gc-change-cancel - the user closed the form
 */
export class GcProposeChange extends LitElement {
  static override properties = {
    code: {},
    itemAttributes: { attribute: false },
    target: { state: true },
    newTitle: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      .target {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px;
        margin-bottom: 16px;
      }
    `,
  ];

  declare code: string;
  declare itemAttributes: PriceItemAttributes | undefined;
  declare private target: string;
  declare private newTitle: string;
  declare private busy: boolean;
  declare private error: unknown;
  /** Rebuilt only when the item changes, so that re-rendering keeps what the user typed. */
  private formInitial: ChangeFormInitial = { code: '' };
  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  /** The officer's own change sets that can take another change (drafts, and rejected ones, which editing reopens). */
  private readonly drafts = new Task(this, {
    task: async ([sub], { signal }) => {
      const all = await api.listChangeSets(undefined, signal);
      return all.filter((changeSet) => changeSet.author.sub === sub && (changeSet.state === 'draft' || changeSet.state === 'rejected'));
    },
    args: () => [this.session.identity?.sub ?? ''] as const,
  });

  constructor() {
    super();
    this.code = '';
    this.itemAttributes = undefined;
    this.target = NEW_CHANGE_SET;
    this.newTitle = '';
    this.busy = false;
    this.error = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code') || changed.has('itemAttributes')) {
      this.formInitial = { code: this.code, ...(this.itemAttributes ? { attributes: this.itemAttributes } : {}) };
    }
  }

  override render() {
    return html`
      <div class="panel" data-testid="propose-change">
        <h2>${t('propose.title')}</h2>
        ${renderTask(this.drafts, (drafts) => this.renderTarget(drafts))}
        <gc-change-form
          codeLocked
          .initial=${this.formInitial}
          .busy=${this.busy}
          .error=${this.error}
          .submitLabel=${t('propose.submit')}
          @gc-change-submit=${this.onSubmit}
        ></gc-change-form>
      </div>
    `;
  }

  private renderTarget(drafts: ChangeSet[]) {
    return html`<div class="target">
      <label class="field">
        <span>${t('propose.target')}</span>
        <select id="target-change-set" .value=${this.target} @change=${(event: Event) => (this.target = (event.target as HTMLSelectElement).value)}>
          <option value=${NEW_CHANGE_SET} ?selected=${this.target === NEW_CHANGE_SET}>${t('propose.newChangeSet')}</option>
          ${drafts.map(
            (draft) => html`<option value=${draft.id} ?selected=${this.target === draft.id}>
              ${t('propose.draftOption', { title: draft.title, state: t(`state.${draft.state}`), count: draft.changeCount, updated: formatChinaTime(draft.updatedAt) })}
            </option>`,
          )}
        </select>
      </label>
      <label class="field" ?hidden=${this.target !== NEW_CHANGE_SET}>
        <span>${t('changeSets.newTitle')}</span>
        <input id="new-change-set-title" maxlength="200" .value=${this.newTitle || this.defaultTitle()} @input=${(event: Event) => (this.newTitle = (event.target as HTMLInputElement).value)} />
      </label>
    </div>`;
  }

  private defaultTitle(): string {
    return t('propose.defaultTitle', { name: this.itemAttributes?.name ?? this.code });
  }

  private async onSubmit(event: CustomEvent<{ change: PriceItemChange }>): Promise<void> {
    event.stopPropagation();
    this.busy = true;
    this.error = undefined;
    try {
      let id = this.target;
      let etag: string;
      if (id === NEW_CHANGE_SET) {
        const created = await api.createChangeSet((this.newTitle || this.defaultTitle()).trim());
        id = created.value.id;
        etag = created.etag;
        // Should adding the change fail, a second try goes into this change set, not yet another one.
        this.target = id;
        void this.drafts.run();
      } else {
        etag = (await api.getChangeSet(id)).etag;
      }
      await api.addChanges(id, etag, [event.detail.change]);
      navigate(href.changeSet(id));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('gc-propose-change', GcProposeChange);

declare global {
  interface HTMLElementTagNameMap {
    'gc-propose-change': GcProposeChange;
  }
}
