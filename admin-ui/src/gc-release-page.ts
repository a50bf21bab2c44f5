import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { api, type ReleaseWithChanges } from './api.ts';
import { formatChinaTime } from './format.ts';
import { LocaleController, t } from './i18n.ts';
import { href } from './router.ts';
import { SessionController } from './session.ts';
import { baseStyles } from './styles.ts';
import { renderTask } from './task-view.ts';
import './gc-changes-table.ts';

/**
 * One release: who wrote, approved and published it, and its changes.
 *
 * @property number - the release number
 */
export class GcReleasePage extends LitElement {
  static override properties = { number: { type: Number } };
  static override styles = [
    baseStyles,
    css`
      .head {
        display: block;
      }
    `,
  ];

  declare number: number;
  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  private readonly release = new Task(this, {
    task: ([number], { signal }) => api.getRelease(number, signal),
    args: () => [this.number] as const,
  });

  constructor() {
    super();
    this.number = 0;
  }

  override render() {
    return renderTask(this.release, (release) => this.renderRelease(release));
  }

  private renderRelease(release: ReleaseWithChanges) {
    const item = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
    return html`
      <div class="crumbs"><a href=${href.releases()}>${t('nav.releases')}</a> / ${t('releases.number', { number: release.number })}</div>
      <div class="head">
        <h1 data-testid="release-title">${t('releases.number', { number: release.number })} · ${release.title}</h1>
      </div>
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
        </dl>
      </div>
      <div class="panel">
        <h2>${t('releases.changes')}</h2>
        <gc-changes-table .changes=${release.changes}></gc-changes-table>
      </div>
    `;
  }
}

customElements.define('gc-release-page', GcReleasePage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-release-page': GcReleasePage;
  }
}
