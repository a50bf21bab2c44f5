import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { api } from '../api/api.ts';
import { organisations } from '../api/organisations-api.ts';
import { organisationLabel } from '../format/organisation-view.ts';
import { rememberOrganisationNames } from './organisation-names.ts';
import { locale, LocaleController, setLocale, t } from '../i18n/i18n.ts';
import type { ApplicationType, Role } from '../api/api.ts';
import { entryKinds, href, RouteController, sectionOf, type Route, type Section } from './router.ts';
import { focusHeading } from './focus-heading.ts';
import { SessionController } from './session.ts';
import { baseStyles } from '../styles/styles.ts';
import '../forms/gc-application-form.ts';
import '../pages/gc-application-list.ts';
import '../pages/gc-application-page.ts';
import '../pages/gc-change-set-list.ts';
import '../pages/gc-change-set-page.ts';
import '../pages/gc-entry-list.ts';
import '../pages/gc-entry-page.ts';
import '../pages/gc-machine-client-list.ts';
import '../pages/gc-user-list.ts';
import '../pages/gc-organisation-list.ts';
import '../pages/gc-webhook-list.ts';
import '../pages/gc-release-list.ts';
import '../pages/gc-release-compare.ts';
import '../pages/gc-release-page.ts';
import '../pages/gc-rule-page.ts';
import '../pages/gc-search-page.ts';
import '../components/gc-search-box.ts';
import '../components/gc-notification-bell.ts';
import '../pages/gc-notification-list.ts';
import '../pages/gc-email-outbox.ts';
import '../pages/gc-calendar-page.ts';
import './gc-sign-in.ts';

/**
 * The console's shell: the header (who is signed in, with the role and organisation the
 * provider's token gives, sign-out, language switch), the navigation, and the page for the
 * current hash route. Everything is behind sign-in.
 */
export class GcApp extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        min-height: 100vh;
        background: var(--gc-page);
      }
      header {
        background: var(--gc-header);
        color: var(--gc-on-dark);
        border-bottom: 3px solid var(--gc-header-rule);
        /* On the dark header the ring is the search box's yellow (9:1 on its blue). */
        --gc-focus: var(--gc-focus-on-dark);
      }
      .bar {
        max-width: 1280px;
        margin: 0 auto;
        padding: 0 24px;
        display: flex;
        align-items: center;
        gap: 8px 24px;
        min-height: 56px;
        flex-wrap: wrap;
      }
      .brand {
        display: flex;
        flex-direction: column;
        line-height: 1.2;
        white-space: nowrap;
      }
      .brand strong {
        font-size: 17px;
        letter-spacing: 0.5px;
      }
      .brand span {
        font-size: 12px;
        opacity: 0.8;
      }
      .spacer {
        flex: 1;
      }
      nav {
        background: var(--gc-header-shade);
      }
      nav .links {
        max-width: 1280px;
        margin: 0 auto;
        padding: 0 16px;
        display: flex;
        flex-wrap: wrap;
        gap: 2px;
      }
      nav a {
        color: var(--gc-on-dark-soft);
        padding: 8px 14px;
        white-space: nowrap;
        border-bottom: 3px solid transparent;
        text-decoration: none;
      }
      nav a:hover {
        background: rgba(255, 255, 255, 0.08);
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        color: var(--gc-on-dark);
        font-weight: 600;
        border-bottom-color: var(--gc-on-dark);
      }
      nav .divider {
        width: 1px;
        margin: 8px 6px;
        background: rgba(255, 255, 255, 0.25);
      }
      .user {
        display: flex;
        align-items: center;
        gap: 10px;
        font-size: 13px;
        white-space: nowrap;
      }
      .user .role,
      .user .org-code {
        color: inherit;
        opacity: 0.8;
      }
      header button {
        background: transparent;
        color: var(--gc-on-dark);
        border-color: rgba(255, 255, 255, 0.45);
        padding: 2px 10px;
        font-size: 13px;
      }
      header button:hover:not(:disabled) {
        background: rgba(255, 255, 255, 0.12);
        color: var(--gc-on-dark);
        border-color: var(--gc-on-dark);
      }
      main {
        max-width: 1280px;
        margin: 0 auto;
        padding: 20px 24px 48px;
      }
      /* Narrow screens: the search box takes a row of its own under the brand and the user. */
      @media (max-width: 640px) {
        .bar {
          padding: 4px 12px;
        }
        gc-search-box {
          order: 1;
          flex-basis: 100%;
          padding-bottom: 8px;
        }
        /* Who is signed in, the bell, sign-out and the language switch wrap rather than leave the screen. */
        .user {
          flex-wrap: wrap;
          white-space: normal;
          row-gap: 4px;
        }
        nav .links {
          padding: 0 4px;
        }
        nav a {
          padding: 6px 10px;
        }
        main {
          padding: 12px 12px 32px;
        }
      }
    `,
  ];

  private readonly locale = new LocaleController(this);
  private readonly session = new SessionController(this);
  private readonly router = new RouteController(this);
  /** The signed-in hospital's or firm's own organisation, read once a session: its name in the header (issue 14 §7). */
  private readonly ownOrganisation = new Task(this, {
    task: async ([orgId], { signal }) => {
      if (orgId === undefined) return undefined;
      const { value } = await organisations.get(orgId, signal);
      rememberOrganisationNames([value]);
      return value;
    },
    args: () => [this.session.identity?.orgId, this.session.identity?.sub] as const,
  });
  /** The route whose page last took focus; the first page shown after loading leaves focus where the browser put it. */
  private focusedRoute: Route | undefined;

  /** Each role starts where its work is: reviewers at the inbox, applicants at their applications, others at the catalog. */
  override updated(): void {
    const identity = this.session.identity;
    if (identity && /^#?\/?$/.test(location.hash)) {
      const applications = applicationsLink[identity.role];
      location.replace(applications ? href.applications(applications.type) : href.entries('price-items'));
      return;
    }
    this.focusNewPage();
  }

  /** After a navigation, the keyboard goes to the new page's heading (issue 14 §6). */
  private focusNewPage(): void {
    const route = this.router.route;
    if (route === this.focusedRoute) return;
    const first = this.focusedRoute === undefined;
    this.focusedRoute = route;
    const page = this.renderRoot.querySelector('main')?.firstElementChild;
    if (!first && page && this.session.identity) focusHeading(page);
  }

  override render() {
    const identity = this.session.identity;
    return html`
      <header>
        <div class="bar">
          <div class="brand">
            <strong>${t('app.title')}</strong>
            <span>${t('app.subtitle')}</span>
          </div>
          ${identity && this.session.can('catalog:read') ? html`<gc-search-box .query=${this.router.route.page === 'search' ? this.router.route.query : ''}></gc-search-box>` : null}
          <div class="spacer"></div>
          <div class="user">
            ${
              identity
                ? html`<span data-testid="signed-in-as" data-role=${identity.role} data-name=${identity.name} data-org=${identity.orgId ?? ''}>
                    ${identity.name}${identity.orgId ? html` · ${organisationLabel(identity.orgId, this.ownOrganisationName(identity.orgId))}` : null}
                    <span class="role">${t('app.signedInRole', { role: t(`role.${identity.role}`) })}</span>
                  </span>
                  ${this.session.can('notification:read') ? html`<gc-notification-bell></gc-notification-bell>` : null}
                  <button data-testid="sign-out" @click=${() => void api.signOut()}>${t('app.signOut')}</button>`
                : null
            }
            <button data-testid="locale-switch" lang=${locale() === 'en' ? 'zh-CN' : 'en'} @click=${() => void setLocale(locale() === 'en' ? 'zh-CN' : 'en')}>
              ${t('app.switchLocale')}
            </button>
          </div>
        </div>
        ${identity ? this.renderNav() : null}
      </header>
      <main>${identity ? this.renderPage(this.router.route) : html`<gc-sign-in></gc-sign-in>`}</main>
    `;
  }

  /** The name of the organisation the header shows, once read (a code the registry does not know stays a code). */
  private ownOrganisationName(orgId: string): string | undefined {
    const own = this.ownOrganisation.value;
    return own?.orgId === orgId ? own.name : undefined;
  }

  private renderNav() {
    const current = sectionOf(this.router.route);
    const link = (section: Section, to: string, label: string) =>
      html`<a href=${to} data-testid=${`nav-${section}`} aria-current=${current === section ? 'page' : 'false'}>${label}</a>`;
    const role = this.session.identity?.role;
    const applications = role === undefined ? undefined : applicationsLink[role];
    return html`<nav aria-label=${t('nav.label')}>
      <div class="links">
        ${
          applications
            ? html`${link('applications', href.applications(applications.type), t(applications.label))}<span class="divider" aria-hidden="true"></span>`
            : null
        }
        ${entryKinds.map((kind) => link(kind, href.entries(kind), t(`nav.${kind}`)))}
        <span class="divider" aria-hidden="true"></span>
        ${this.session.can('change-set:read') ? link('change-sets', href.changeSets(), t('nav.changeSets')) : null}
        ${link('releases', href.releases(), t('nav.releases'))}
        ${link('calendar', href.calendar(), t('nav.calendar'))}
        ${this.session.can('rule:decide') ? link('rules', href.rules(), t('nav.rules')) : null}
        ${this.session.can('machine-client:manage') ? link('machine-clients', href.machineClients(), t('nav.machineClients')) : null}
        ${this.session.can('user:manage') ? link('users', href.users(), t('nav.users')) : null}
        ${this.session.can('organisation:manage') ? link('organisations', href.organisations(), t('nav.organisations')) : null}
        ${this.session.can('webhook:read') && this.session.identity?.role !== 'downstream' ? link('webhooks', href.webhooks(), t('nav.webhooks')) : null}
      </div>
    </nav>`;
  }

  private renderPage(route: Route) {
    switch (route.page) {
      case 'entries':
        return keyed(route.kind, html`<gc-entry-list .kind=${route.kind}></gc-entry-list>`);
      case 'entry':
        return keyed(
          `${route.kind}/${route.code}@${route.release ?? ''}`,
          html`<gc-entry-page .kind=${route.kind} .code=${route.code} .release=${route.release}></gc-entry-page>`,
        );
      case 'change-sets':
        return html`<gc-change-set-list></gc-change-set-list>`;
      case 'change-set':
        return keyed(route.id, html`<gc-change-set-page .changeSetId=${route.id}></gc-change-set-page>`);
      case 'releases':
        return html`<gc-release-list></gc-release-list>`;
      case 'release':
        return keyed(route.number, html`<gc-release-page .number=${route.number}></gc-release-page>`);
      case 'compare-releases':
        return html`<gc-release-compare .kind=${route.kind} .from=${route.from} .to=${route.to}></gc-release-compare>`;
      case 'rules':
        return html`<gc-rule-page .rule=${route.rule}></gc-rule-page>`;
      case 'machine-clients':
        return html`<gc-machine-client-list></gc-machine-client-list>`;
      case 'users':
        return html`<gc-user-list></gc-user-list>`;
      case 'organisations':
        return html`<gc-organisation-list></gc-organisation-list>`;
      case 'webhooks':
        return html`<gc-webhook-list></gc-webhook-list>`;
      case 'notifications':
        return html`<gc-notification-list></gc-notification-list>`;
      case 'email-outbox':
        return html`<gc-email-outbox></gc-email-outbox>`;
      case 'calendar':
        return keyed(route.month ?? '', html`<gc-calendar-page .month=${route.month ?? ''}></gc-calendar-page>`);
      case 'search':
        return html`<gc-search-page .query=${route.query} .kind=${route.kind}></gc-search-page>`;
      case 'applications': {
        const type = route.type ?? ownApplicationType(this.session.identity?.role);
        return keyed(type, html`<gc-application-list .type=${type}></gc-application-list>`);
      }
      case 'application':
        return keyed(`${route.type}/${route.id}`, html`<gc-application-page .type=${route.type} .applicationId=${route.id}></gc-application-page>`);
      case 'new-application':
        return keyed(route.type, html`<gc-application-form .type=${route.type}></gc-application-form>`);
      case 'not-found':
        return html`<div class="panel" data-testid="page-not-found"><h1>${t('app.pageNotFound')}</h1><a href=${href.entries('price-items')}>${t('nav.price-items')}</a></div>`;
    }
  }
}

/** The green-channel link of each role that works applications: applicants see theirs (申报), reviewers the inbox (审核). */
const applicationsLink: Partial<Record<Role, { type: ApplicationType; label: 'nav.applications' | 'nav.review' }>> = {
  hospital: { type: 'service', label: 'nav.applications' },
  firm: { type: 'listing', label: 'nav.applications' },
  reviewer: { type: 'service', label: 'nav.review' },
};

/** A firm's applications are listings; everyone else starts from service applications. */
function ownApplicationType(role: Role | undefined): ApplicationType {
  return role === 'firm' ? 'listing' : 'service';
}

customElements.define('gc-app', GcApp);

declare global {
  interface HTMLElementTagNameMap {
    'gc-app': GcApp;
  }
}
