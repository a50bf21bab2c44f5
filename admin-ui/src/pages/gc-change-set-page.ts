import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { type AcknowledgeableCode, ApiError, api, type Change, type ChangeSetWithChanges, type PublishResult } from '../api/api.ts';
import { codeName } from '../i18n/impact-text.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { href, navigate } from '../app/router.ts';
import { focusHeading } from '../app/focus-heading.ts';
import { SessionController } from '../app/session.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import type { AcknowledgeRequest, GcAcknowledgeDialog } from '../forms/gc-acknowledge-dialog.ts';
import type { GcConfirmDialog } from '../forms/gc-confirm-dialog.ts';
import '../forms/gc-acknowledge-dialog.ts';
import '../forms/gc-change-form.ts';
import '../components/gc-change-set-meta.ts';
import '../components/gc-change-set-steps.ts';
import '../components/gc-impact-summary.ts';
import '../components/gc-changes-table.ts';
import '../forms/gc-confirm-dialog.ts';
import '../components/gc-import-panel.ts';
import '../components/gc-problem.ts';
import '../components/gc-state-badge.ts';

const ACKNOWLEDGEMENT_REQUIRED = '/problems/acknowledgement-required';

/**
 * One change set: its impact on the catalog (totals, then per entry a before/after strip and the
 * warnings), its changes, and what the signed-in person may do with it in its state. The author
 * edits a draft (add and remove changes of any kind, or import a CSV/XLSX file), submits or
 * discards it; a second person approves or rejects it (four eyes: the API refuses the author); an
 * approved change set is published and becomes the next release. Approval and publication show
 * the impact again and need each warning acknowledged by name. A change set made by an
 * application is submitted as it is. Every write sends the ETag last read as If-Match.
 *
 * @property changeSetId - the change set's id
 */
export class GcChangeSetPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      h1 {
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .decision {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 12px;
        align-items: end;
      }
      textarea {
        width: 100%;
        min-height: 56px;
      }
      textarea[aria-invalid='true'] {
        border-color: var(--gc-danger);
      }
      .toolbar h2 {
        margin: 0;
      }
      .hint {
        font-size: 13px;
        color: var(--gc-muted);
      }
      .publish-result {
        font-size: 15px;
      }
    `,
  ];

  @property() changeSetId = '';
  @state() private adding = false;
  @state() private published: PublishResult | undefined;
  @state() private reasonMissing = false;
  /** The change set's steps (their problem above the buttons), and the change form's saves (their problem in the form). */
  private readonly action = new ActionController(this);
  private readonly formAction = new ActionController(this);
  /** The ETag ("v<version>") of the change set as last read or written; sent as If-Match. */
  private etag = '';
  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  private readonly changeSet = new Task(this, {
    task: async ([id], { signal }) => {
      const { value, etag } = await api.getChangeSet(id, signal);
      this.etag = etag;
      return value;
    },
    args: () => [this.changeSetId] as const,
  });

  private get busy(): boolean {
    return this.action.busy || this.formAction.busy;
  }

  override render() {
    return html`${renderTask(this.changeSet, (changeSet) => this.renderChangeSet(changeSet))}
      <gc-acknowledge-dialog id="acknowledge-dialog" .changeSetId=${this.changeSetId}></gc-acknowledge-dialog>
      <gc-confirm-dialog id="discard-dialog" .heading=${t('changeSet.discardTitle')} .message=${t('changeSet.discardMessage')} .confirmLabel=${t('changeSet.discard')}></gc-confirm-dialog>`;
  }

  private renderChangeSet(changeSet: ChangeSetWithChanges) {
    const identity = this.session.identity;
    const isAuthor = identity?.sub === changeSet.author.sub;
    const editable = isAuthor && this.session.can('change-set:edit') && (changeSet.state === 'draft' || changeSet.state === 'rejected');
    // A change set an application made holds exactly what it asked for: nothing to add, remove, import or discard.
    const extendable = editable && !changeSet.source;
    const unpublished = changeSet.state !== 'published' && changeSet.changeCount > 0;
    return html`
      <div class="crumbs"><a href=${href.changeSets()}>${t('nav.changeSets')}</a> / ${changeSet.title}</div>
      <div class="head">
        <div>
          <h1><span data-testid="change-set-title">${changeSet.title}</span><gc-state-badge data-testid="change-set-state" .state=${changeSet.state}></gc-state-badge></h1>
          <div class="muted small mono">${changeSet.id} · ${t('changeSet.version', { version: changeSet.version })}</div>
          ${
            changeSet.source
              ? html`<div class="small" data-testid="change-set-source">
                ${t('changeSet.fromApplication')}<a href=${href.application(changeSet.source.applicationType, changeSet.source.applicationId)}>${changeSet.source.applicationId}</a>
              </div>`
              : null
          }
        </div>
      </div>
      <gc-change-set-steps .state=${changeSet.state}></gc-change-set-steps>
      ${
        this.published
          ? html`<div class="notice publish-result ${this.published.state === 'committed' ? 'warn' : ''}" data-testid="publish-result"
              data-release=${this.published.release.number} data-state=${this.published.state}>
            ${t(this.published.state === 'committed' ? 'changeSet.publishCommitted' : 'changeSet.publishedAs', { number: this.published.release.number })}
            <a href=${href.release(this.published.release.number)}>${t('changeSet.openRelease')}</a>
          </div>`
          : null
      }
      <gc-problem .error=${this.action.error} data-testid="action-problem"></gc-problem>
      ${this.renderActions(changeSet, isAuthor, extendable)}
      <div class="panel"><gc-change-set-meta .changeSet=${changeSet}></gc-change-set-meta></div>
      ${
        unpublished
          ? html`<div class="panel" data-testid="impact-panel">
            <h2>${t('impact.title')}</h2>
            <gc-impact-summary .changeSetId=${changeSet.id}></gc-impact-summary>
          </div>`
          : null
      }
      ${
        extendable
          ? html`<gc-import-panel .changeSetId=${changeSet.id} .etag=${this.etag}
            @gc-imported=${(event: CustomEvent<{ etag: string }>) => this.afterImport(event.detail.etag)}></gc-import-panel>`
          : null
      }
      <div class="panel">
        <div class="toolbar">
          <h2>${t('changeSet.changes', { count: changeSet.changeCount })}</h2>
          ${extendable && !this.adding ? html`<button class="primary" data-testid="add-change" @click=${() => this.openChangeForm()}>${t('changeSet.addChange')}</button>` : null}
        </div>
        ${
          extendable && this.adding
            ? html`<div class="panel" id="add-change-form">
              <h3>${t('changeSet.addChange')}</h3>
              <gc-change-form prefillable .busy=${this.busy} .error=${this.formAction.error} .submitLabel=${t('changeSet.addChangeSubmit')}
                @gc-change-submit=${(event: CustomEvent<{ change: Change }>) => this.addChange(changeSet, event.detail.change)}
                @gc-change-cancel=${() => {
                  this.adding = false;
                  this.formAction.clear();
                }}></gc-change-form>
            </div>`
            : null
        }
        <gc-changes-table .changes=${changeSet.changes} ?removable=${extendable} ?busy=${this.busy}
          @gc-remove-change=${(event: CustomEvent<{ n: number }>) => this.removeChange(changeSet, event.detail.n)}></gc-changes-table>
      </div>
    `;
  }

  private renderActions(changeSet: ChangeSetWithChanges, isAuthor: boolean, discardable: boolean) {
    switch (changeSet.state) {
      case 'draft':
      case 'rejected':
        if (!isAuthor || !this.session.can('change-set:submit')) {
          return html`<div class="panel hint">${t('changeSet.waitingForAuthor', { name: changeSet.author.name })}</div>`;
        }
        return html`<div class="panel actions">
          <button class="primary" data-testid="submit-change-set" ?disabled=${this.busy || changeSet.changeCount === 0 || changeSet.state === 'rejected'} @click=${() => this.submit(changeSet)}>
            ${t('changeSet.submit')}
          </button>
          <span class="hint">${changeSet.state === 'rejected' ? t('changeSet.rejectedHint') : changeSet.changeCount === 0 ? t('changeSet.emptyHint') : t('changeSet.submitHint')}</span>
          ${
            discardable
              ? html`<button class="danger discard" data-testid="discard-change-set" ?disabled=${this.busy} @click=${() => this.discard(changeSet)}>${t('changeSet.discard')}</button>`
              : null
          }
        </div>`;
      case 'submitted':
        if (!this.session.can('change-set:approve')) return html`<div class="panel hint">${t('changeSet.waitingForApproval')}</div>`;
        return html`<div class="panel" data-testid="approval">
          <h2>${t('changeSet.approval')}</h2>
          ${isAuthor ? html`<p class="hint" data-testid="four-eyes-hint">${t('changeSet.fourEyesHint')}</p>` : null}
          <div class="decision">
            <label class="field">
              <span>${t('changeSet.rejectReason')}</span>
              <textarea id="reject-reason" maxlength="2000" placeholder=${t('changeSet.rejectReasonPlaceholder')} aria-invalid=${this.reasonMissing ? 'true' : 'false'}
                @input=${() => (this.reasonMissing = false)}></textarea>
              ${this.reasonMissing ? html`<span class="error" data-testid="reject-reason-missing">${t('changeSet.rejectReasonRequired')}</span>` : null}
            </label>
            <div class="actions">
              <button class="primary" data-testid="approve-change-set" ?disabled=${this.busy} @click=${() => this.approve(changeSet)}>${t('changeSet.approve')}</button>
              <button class="danger" data-testid="reject-change-set" ?disabled=${this.busy} @click=${() => this.reject(changeSet)}>${t('changeSet.reject')}</button>
            </div>
          </div>
        </div>`;
      case 'approved':
        if (!this.session.can('change-set:publish')) return html`<div class="panel hint">${t('changeSet.waitingForPublish')}</div>`;
        return html`<div class="panel actions">
          <button class="primary" data-testid="publish-change-set" ?disabled=${this.busy} @click=${() => this.publish(changeSet)}>${t('changeSet.publish')}</button>
          <span class="hint">${t('changeSet.publishHint')}</span>
        </div>`;
      case 'published':
        return null;
    }
  }

  private async afterImport(etag: string): Promise<void> {
    if (etag) this.etag = etag;
    this.action.clear();
    await this.changeSet.run();
  }

  /** The form opens in place of its button, and the keyboard goes to its heading. */
  private openChangeForm(): void {
    this.adding = true;
    void this.updateComplete.then(() => focusHeading(this.renderRoot.querySelector('#add-change-form') ?? this, 'h3'));
  }

  private async addChange(changeSet: ChangeSetWithChanges, change: Change): Promise<void> {
    const ok = await this.write(() => api.addChanges(changeSet.id, this.etag, [change]), 'form');
    if (ok) this.adding = false;
  }

  private removeChange(changeSet: ChangeSetWithChanges, n: number): Promise<boolean> {
    return this.write(() => api.removeChange(changeSet.id, this.etag, n));
  }

  private submit(changeSet: ChangeSetWithChanges): Promise<boolean> {
    return this.write(() => api.submitChangeSet(changeSet.id, this.etag));
  }

  private approve(changeSet: ChangeSetWithChanges): Promise<void> {
    const request = { heading: t('changeSet.approveConfirmTitle'), message: t('changeSet.approveConfirmMessage'), confirmLabel: t('changeSet.approve') };
    return this.acknowledged(request, (codes) => api.approveChangeSet(changeSet.id, this.etag, codes));
  }

  private async reject(changeSet: ChangeSetWithChanges): Promise<void> {
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>('#reject-reason');
    const reason = textarea?.value.trim() ?? '';
    this.reasonMissing = !reason;
    if (!reason) {
      textarea?.focus();
      return;
    }
    await this.write(() => api.rejectChangeSet(changeSet.id, this.etag, reason));
  }

  private publish(changeSet: ChangeSetWithChanges): Promise<void> {
    const request = { heading: t('changeSet.publishConfirmTitle'), message: t('changeSet.publishConfirmMessage'), confirmLabel: t('changeSet.publishConfirm') };
    return this.acknowledged(request, async (codes) => {
      const result = await api.publishChangeSet(changeSet.id, this.etag, codes);
      this.published = result.value;
      return result;
    });
  }

  /**
   * A step that needs the impact acknowledged: the dialog shows it and asks for each warning
   * code; should the API still want more (a release was published meanwhile, so the impact
   * changed), the dialog opens again on the impact read afresh, saying what is now required.
   */
  private async acknowledged(request: AcknowledgeRequest, step: (codes: AcknowledgeableCode[]) => Promise<{ etag: string }>): Promise<void> {
    const dialog = this.renderRoot.querySelector<GcAcknowledgeDialog>('#acknowledge-dialog');
    let notice: string | undefined;
    while (dialog) {
      const codes = await dialog.ask(notice ? { ...request, notice } : request);
      if (!codes) return;
      let required: ApiError | undefined;
      await this.write(async () => {
        try {
          return await step(codes);
        } catch (error) {
          if (!(error instanceof ApiError) || error.problem.type !== ACKNOWLEDGEMENT_REQUIRED) throw error;
          required = error;
          return { etag: '' };
        }
      });
      if (!required) return;
      const { against, required: codesRequired = [] } = required.problem;
      notice = t('changeSet.acknowledgeAgain', {
        release: against ?? '—',
        codes: codesRequired.map(({ code }) => codeName(code)).join(t('common.listSeparator')),
      });
    }
  }

  private async discard(changeSet: ChangeSetWithChanges): Promise<void> {
    const dialog = this.renderRoot.querySelector<GcConfirmDialog>('#discard-dialog');
    if (!dialog || !(await dialog.ask())) return;
    const discarded = await this.action.run(async () => {
      await api.discardChangeSet(changeSet.id, this.etag);
      return true;
    });
    if (discarded) navigate(href.changeSets());
    else await this.changeSet.run();
  }

  /** One write: If-Match with the last ETag, then a fresh read. Returns whether it succeeded. */
  private async write(action: () => Promise<{ etag: string }>, errorTarget: 'action' | 'form' = 'action'): Promise<boolean> {
    this.action.clear();
    this.formAction.clear();
    const result = await (errorTarget === 'form' ? this.formAction : this.action).run(action);
    if (result?.etag) this.etag = result.etag;
    const written = result !== undefined;
    await this.changeSet.run();
    // The step's buttons went with the state they belonged to: the keyboard goes to the heading, which names the new state.
    if (written) focusHeading(this);
    return written;
  }
}

customElements.define('gc-change-set-page', GcChangeSetPage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-change-set-page': GcChangeSetPage;
  }
}
