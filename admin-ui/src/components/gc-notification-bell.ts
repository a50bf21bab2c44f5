import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { api, NOTIFICATIONS_CHANGED } from '../api/api.ts';
import { href } from '../app/router.ts';
import { LocaleController, t } from '../i18n/i18n.ts';

/** How often the header asks for the unread count (and on every page change). */
const POLL_MS = 60_000;

/** The header's link to the notification centre, with how many are unread. */
export class GcNotificationBell extends LitElement {
  static override styles = css`
    a {
      color: var(--gc-on-dark);
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 8px;
      border: 1px solid rgba(255, 255, 255, 0.45);
      border-radius: 3px;
      font-size: 13px;
      text-decoration: none;
    }
    a:hover,
    a:focus-visible {
      background: rgba(255, 255, 255, 0.12);
      border-color: var(--gc-on-dark);
    }
    a:focus-visible {
      outline: 3px solid var(--gc-focus-on-dark);
      outline-offset: 2px;
    }
    .count {
      background: var(--gc-header-rule);
      color: var(--gc-on-dark);
      border-radius: 9px;
      min-width: 18px;
      padding: 0 5px;
      text-align: center;
      font-weight: 600;
    }
  `;

  @state() private unread = 0;
  private readonly locale = new LocaleController(this);
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly refresh = () => void this.fetchUnread();
  private readonly changed = (event: Event) => {
    this.unread = (event as CustomEvent<number>).detail;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.refresh();
    this.timer = setInterval(this.refresh, POLL_MS);
    window.addEventListener('hashchange', this.refresh);
    window.addEventListener(NOTIFICATIONS_CHANGED, this.changed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    window.removeEventListener('hashchange', this.refresh);
    window.removeEventListener(NOTIFICATIONS_CHANGED, this.changed);
  }

  override render() {
    const count = this.unread >= 100 ? '99+' : String(this.unread);
    return html`<a href=${href.notifications()} data-testid="notification-bell" data-unread=${this.unread}
      aria-label=${this.unread > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}>
      <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24" fill="currentColor"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/></svg><span>${t('notifications.bell')}</span>${this.unread > 0 ? html`<span class="count" aria-hidden="true">${count}</span>` : null}
    </a>`;
  }

  private async fetchUnread(): Promise<void> {
    try {
      this.unread = await api.unreadNotifications();
    } catch {
      // The count is a courtesy: a failed poll keeps the last one, and the next poll tries again.
    }
  }
}

customElements.define('gc-notification-bell', GcNotificationBell);

declare global {
  interface HTMLElementTagNameMap {
    'gc-notification-bell': GcNotificationBell;
  }
}
