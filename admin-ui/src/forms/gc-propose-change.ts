import { Task } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { api, type AttributesOf, type Change, type ChangeSet, type EntryKind } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { href, navigate } from '../app/router.ts';
import { SessionController } from '../app/session.ts';
import { baseStyles } from '../styles/styles.ts';
import { specOf } from '../specs/kind-specs.ts';
import { renderTask } from '../app/task-view.ts';
import type { ChangeFormInitial } from './gc-change-form.ts';
import './gc-change-form.ts';

const NEW_CHANGE_SET = 'new';

/**
 * "Propose a change" to one entry of any kind: a change prefilled with its current attributes,
 * added to one of the signed-in officer's drafts or to a new change set (created with the change
 * in one request). On success it opens that change set.
 *
 * @property kind - the entry's kind
 * @property code - the entry's code
 * @property entryAttributes - the attributes to start from
 * @fires gc-change-cancel - the user closed the form
 */
export class GcProposeChange extends LitElement {
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

  @property() kind: EntryKind = 'price-items';
  @property() code = '';
  @property({ attribute: false }) entryAttributes: AttributesOf<EntryKind> | undefined;
  @state() private target: string = NEW_CHANGE_SET;
  @state() private newTitle = '';
  /** Rebuilt only when the item changes, so that re-rendering keeps what the user typed. */
  private formInitial: ChangeFormInitial = { kind: 'price-items', code: '' };
  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  private readonly save = new ActionController(this);
  /** The officer's own change sets that can take another change (drafts, and rejected ones, which editing reopens). */
  private readonly drafts = new Task(this, {
    task: async ([sub], { signal }) => {
      const all = await api.listChangeSets(undefined, signal);
      return all.filter((changeSet) => changeSet.author.sub === sub && (changeSet.state === 'draft' || changeSet.state === 'rejected'));
    },
    args: () => [this.session.identity?.sub ?? ''] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kind') || changed.has('code') || changed.has('entryAttributes')) {
      this.formInitial = { kind: this.kind, code: this.code, ...(this.entryAttributes ? { attributes: this.entryAttributes } : {}) };
    }
  }

  override render() {
    return html`
      <div class="panel" data-testid="propose-change-panel">
        <h2>${t('propose.title')}</h2>
        ${renderTask(this.drafts, (drafts) => this.renderTarget(drafts))}
        <gc-change-form
          entryLocked
          .initial=${this.formInitial}
          .busy=${this.save.busy}
          .error=${this.save.error}
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
    const name = this.entryAttributes ? specOf(this.kind).nameOf(this.entryAttributes) : this.code;
    return t('propose.defaultTitle', { kind: t(`kind.${this.kind}`), name });
  }

  private async onSubmit(event: CustomEvent<{ change: Change }>): Promise<void> {
    event.stopPropagation();
    await this.save.run(async () => {
      const change = event.detail.change;
      if (this.target === NEW_CHANGE_SET) {
        // The draft and its first change in one request: a failed save leaves no empty draft behind.
        const created = await api.createChangeSet((this.newTitle || this.defaultTitle()).trim(), [change]);
        navigate(href.changeSet(created.value.id));
        return;
      }
      const { etag } = await api.getChangeSet(this.target);
      await api.addChanges(this.target, etag, [change]);
      navigate(href.changeSet(this.target));
    });
  }
}

customElements.define('gc-propose-change', GcProposeChange);

declare global {
  interface HTMLElementTagNameMap {
    'gc-propose-change': GcProposeChange;
  }
}
