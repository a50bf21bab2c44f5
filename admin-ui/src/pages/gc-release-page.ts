import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { api, type ReleaseWithChanges } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { href, navigate } from '../app/router.ts';
import { SessionController } from '../app/session.ts';
import { baseStyles } from '../styles/styles.ts';
import { renderTask } from '../app/task-view.ts';
import type { GcConfirmDialog } from '../forms/gc-confirm-dialog.ts';
import '../components/gc-acknowledgements.ts';
import '../components/gc-changes-table.ts';
import '../forms/gc-confirm-dialog.ts';
import '../components/gc-diff-list.ts';
import '../components/gc-problem.ts';

/**
 * One release: who wrote, approved and published it, the impact warnings they acknowledged, what
 * it changed old → new (a strip per entry), and its changes. Pricing staff can revert it: a draft
 * change set restoring every entry it touched as of the release before, which goes through the
 * same four eyes; the console opens it.
 *
 * @property number - the release number
 */
export class GcReleasePage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .head {
        align-items: flex-start;
      }
      .revert {
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        gap: 4px;
        max-width: 340px;
        text-align: right;
        flex-shrink: 0;
      }
    `,
  ];

  @property({ type: Number }) number = 0;
  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  private readonly revert = new ActionController(this);
  private readonly release = new Task(this, {
    task: ([number], { signal }) => api.getRelease(number, signal),
    args: () => [this.number] as const,
  });

  override render() {
    return html`${renderTask(this.release, (release) => this.renderRelease(release))}
      <gc-confirm-dialog id="revert-dialog" .heading=${t('release.revertTitle', { number: this.number })} .message=${t('release.revertMessage')}
        .confirmLabel=${t('release.revert')}></gc-confirm-dialog>`;
  }

  private renderRelease(release: ReleaseWithChanges) {
    const item = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
    const canRevert = this.session.can('change-set:create');
    return html`
      <div class="crumbs"><a href=${href.releases()}>${t('nav.releases')}</a> / ${t('releases.number', { number: release.number })}</div>
      <div class="head">
        <h1 data-testid="release-title">${t('releases.number', { number: release.number })} · ${release.title}</h1>
        ${
          canRevert
            ? html`<div class="revert">
              <button class="danger" data-testid="revert-release" ?disabled=${this.revert.busy} @click=${() => this.onRevert(release.number)}>${t('release.revert')}</button>
              <span class="muted small">${t('release.revertHint')}</span>
            </div>`
            : nothing
        }
      </div>
      <gc-problem .error=${this.revert.error} data-testid="revert-problem"></gc-problem>
      <div class="panel">
        <dl class="meta">
          ${item(t('releases.publishedAt'), formatChinaTime(release.publishedAt))}
          ${item(t('releases.publishedBy'), release.publishedBy.name)}
          ${item(t('releases.author'), release.author.name)}
          ${item(t('releases.approvedBy'), release.approvedBy.name)}
          ${item(t('releases.changeCount'), release.changeCount)}
          ${item(
            t('releases.changeSet'),
            this.session.can('change-set:read')
              ? html`<a class="mono" href=${href.changeSet(release.changeSetId)}>${release.changeSetId}</a>`
              : html`<span class="mono">${release.changeSetId}</span>`,
          )}
          ${release.revertOf ? item(t('changeSet.revertOf'), html`<a href=${href.release(release.revertOf)} data-testid="revert-of-link">${t('releases.number', { number: release.revertOf })}</a>`) : nothing}
        </dl>
      </div>
      <div class="panel" data-testid="release-acknowledgements">
        <h2>${t('ack.title')}</h2>
        <gc-acknowledgements .items=${release.acknowledgements ?? []}></gc-acknowledgements>
      </div>
      <div class="panel" data-testid="release-diff">
        <h2>${t('release.diff')}</h2>
        <p class="muted small">${t('release.diffHint', { previous: release.number - 1, number: release.number })}</p>
        <gc-diff-list .query=${{ release: release.number }} .beforeLabel=${t('releases.number', { number: release.number - 1 })}
          .afterLabel=${t('releases.number', { number: release.number })}></gc-diff-list>
      </div>
      <div class="panel">
        <h2>${t('releases.changes')}</h2>
        <gc-changes-table .changes=${release.changes}></gc-changes-table>
      </div>
    `;
  }

  private async onRevert(number: number): Promise<void> {
    const dialog = this.renderRoot.querySelector<GcConfirmDialog>('#revert-dialog');
    if (!dialog || !(await dialog.ask())) return;
    const result = await this.revert.run(() => api.revertRelease(number));
    if (result) navigate(href.changeSet(result.changeSet.id));
  }
}

customElements.define('gc-release-page', GcReleasePage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-release-page': GcReleasePage;
  }
}
