import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChangeSet } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { href } from '../app/router.ts';
import { baseStyles } from '../styles/styles.ts';
import './gc-acknowledgements.ts';

/**
 * A change set's facts: who wrote, submitted, approved, rejected and published it and when, the
 * release it became or undoes, the reason it was rejected, and the impact warnings acknowledged.
 *
 * @property changeSet - the change set
 */
export class GcChangeSetMeta extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .reason {
        border-left: 3px solid var(--gc-danger);
        background: var(--gc-danger-bg);
        padding: 6px 12px;
        margin-top: 8px;
      }
      h3 {
        margin-top: 12px;
      }
    `,
  ];

  @property({ attribute: false }) changeSet: ChangeSet | undefined;
  private readonly locale = new LocaleController(this);

  override render() {
    const changeSet = this.changeSet;
    if (!changeSet) return nothing;
    const item = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
    const releaseLink = (number: number, testId: string) => html`<a href=${href.release(number)} data-testid=${testId}>${t('releases.number', { number })}</a>`;
    return html`<dl class="meta" data-testid="change-set-meta">
        ${item(t('changeSets.author'), changeSet.author.name)}
        ${item(t('changeSet.createdAt'), formatChinaTime(changeSet.createdAt))}
        ${item(t('changeSets.updatedAt'), formatChinaTime(changeSet.updatedAt))}
        ${item(t('changeSet.submittedAt'), changeSet.submittedAt ? formatChinaTime(changeSet.submittedAt) : '—')}
        ${changeSet.approvedBy ? item(t('changeSet.approvedBy'), t('changeSet.personAt', { name: changeSet.approvedBy.name, at: changeSet.approvedAt ? formatChinaTime(changeSet.approvedAt) : '' })) : null}
        ${changeSet.rejectedBy ? item(t('changeSet.rejectedBy'), t('changeSet.personAt', { name: changeSet.rejectedBy.name, at: changeSet.rejectedAt ? formatChinaTime(changeSet.rejectedAt) : '' })) : null}
        ${changeSet.publishedBy ? item(t('changeSet.publishedBy'), changeSet.publishedBy.name) : null}
        ${changeSet.releaseNumber ? item(t('changeSets.release'), releaseLink(changeSet.releaseNumber, 'release-link')) : null}
        ${changeSet.revertOf ? item(t('changeSet.revertOf'), releaseLink(changeSet.revertOf, 'revert-of-link')) : null}
      </dl>
      ${changeSet.rejectReason ? html`<div class="reason" data-testid="reject-reason-shown"><strong>${t('changeSet.rejectReason')}</strong>: ${changeSet.rejectReason}</div>` : null}
      ${
        changeSet.acknowledgements?.length
          ? html`<h3>${t('ack.title')}</h3>
            <gc-acknowledgements .items=${changeSet.acknowledgements}></gc-acknowledgements>`
          : nothing
      }`;
  }
}

customElements.define('gc-change-set-meta', GcChangeSetMeta);

declare global {
  interface HTMLElementTagNameMap {
    'gc-change-set-meta': GcChangeSetMeta;
  }
}
