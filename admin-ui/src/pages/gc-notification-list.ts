import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionController } from '../app/action-controller.ts';
import { focusHeading } from '../app/focus-heading.ts';
import { api, type Notification, type NotificationPage } from '../api/api.ts';
import { href, navigate } from '../app/router.ts';
import { formatChinaTime } from '../format/format.ts';
import { isMessageKey, LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import '../components/gc-email-preferences.ts';
import '../components/gc-problem.ts';

type Shown = Notification & { read: boolean };

/**
 * The notification centre (issue 14 §3): what happened to me, my organisation and my role, newest
 * first, older ones on request; opening one marks it read and goes to what it is about.
 */
export class GcNotificationList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        border-bottom: 1px solid var(--gc-border);
      }
      li a {
        display: flex;
        gap: 12px;
        align-items: baseline;
        padding: 10px 4px;
        color: inherit;
        text-decoration: none;
      }
      li a:hover .text,
      li a:focus-visible .text {
        text-decoration: underline;
      }
      li.unread .text {
        font-weight: 600;
      }
      .when {
        white-space: nowrap;
        min-width: 9.5em;
      }
      @media (max-width: 600px) {
        li a {
          flex-direction: column;
          gap: 2px;
        }
      }
    `,
  ];

  @state() private items: Shown[] = [];
  @state() private cursor: string | undefined;
  @state() private unread = 0;
  @state() private loaded = false;
  private readonly locale = new LocaleController(this);
  private readonly loading = new ActionController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    return html`<div class="toolbar">
        <div>
          <h1 tabindex="-1">${t('notifications.title')}</h1>
          <div class="muted small">${t('notifications.subtitle')}</div>
        </div>
        <div>
          ${this.unread > 0 ? html`<span class="muted" data-testid="notifications-unread">${t('notifications.unreadCount', { count: this.unread })}</span>` : null}
          <button data-testid="notifications-mark-all" ?disabled=${this.unread === 0 || this.loading.busy} @click=${() => void this.markAll()}>
            ${t('notifications.markAll')}
          </button>
        </div>
      </div>
      <div class="panel">
        <gc-problem .error=${this.loading.error}></gc-problem>
        ${this.loaded && this.items.length === 0 ? html`<p class="empty">${t('notifications.none')}</p>` : null}
        <ol data-testid="notifications">
          ${this.items.map(
            (item) => html`<li class=${item.read ? '' : 'unread'} data-testid="notification" data-kind=${item.kind} data-read=${String(item.read)}>
              <a href=${linkOf(item)} @click=${(event: Event) => this.open(event, item)}>
                <span class="when muted small">${formatChinaTime(item.at)}</span>
                <span class="text">${notificationText(item)}</span>
                ${item.read ? null : html`<span class="tag warn">${t('notifications.unreadTag')}</span>`}
              </a>
            </li>`,
          )}
        </ol>
        ${this.cursor ? html`<button data-testid="notifications-more" ?disabled=${this.loading.busy} @click=${() => void this.load(this.cursor)}>${t('notifications.more')}</button>` : null}
      </div>
      <gc-email-preferences></gc-email-preferences>
      ${api.identity()?.role === 'admin' ? html`<p><a href=${href.emailOutbox()} data-testid="outbox-link">${t('outbox.link')}</a></p>` : null}`;
  }

  private async load(cursor?: string): Promise<void> {
    const page: NotificationPage | undefined = await this.loading.run(() => api.notifications(cursor));
    if (!page) return;
    this.items = cursor ? [...this.items, ...page.items] : page.items;
    this.cursor = page.cursor;
    this.unread = page.unread;
    this.loaded = true;
  }

  private async markAll(): Promise<void> {
    const unread = await this.loading.run(() => api.markNotificationsRead({ all: true }));
    if (unread === undefined) return;
    this.unread = unread;
    this.items = this.items.map((item) => ({ ...item, read: true }));
    // The button is disabled now that nothing is unread: the keyboard goes to the heading rather than the page body.
    focusHeading(this);
  }

  private async open(event: Event, item: Shown): Promise<void> {
    if (item.read) return;
    event.preventDefault();
    await api.markNotificationsRead({ ids: [item.id] }).catch(() => undefined);
    navigate(linkOf(item));
  }
}

/** Where a notification leads: its application, or its change set. */
function linkOf(item: Notification): string {
  const { applicationType, applicationId, changeSetId } = item.params;
  if (applicationId && (applicationType === 'service' || applicationType === 'listing' || applicationType === 'designation')) {
    return href.application(applicationType, applicationId);
  }
  return changeSetId ? href.changeSet(changeSetId) : href.notifications();
}

/** A notification in the console's words, from its kind and parameters. */
export function notificationText(item: Notification): string {
  const { itemName, applicationId, to, dueAt, title, release } = item.params;
  const stateKey = `applicationState.${to}`;
  return t(`notifications.kind.${item.kind}`, {
    item: itemName ?? applicationId ?? '',
    state: isMessageKey(stateKey) ? t(stateKey) : (to ?? ''),
    due: dueAt ? formatChinaTime(dueAt) : '',
    title: title ?? '',
    release: release ?? '',
  });
}

customElements.define('gc-notification-list', GcNotificationList);

declare global {
  interface HTMLElementTagNameMap {
    'gc-notification-list': GcNotificationList;
  }
}
