import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionController } from './action-controller.ts';
import { api } from '../api/api.ts';
import { type DemoUser, demoUsers, signedInWithoutRole, signInConfigured, signInError } from './auth.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import '../components/gc-problem.ts';

/**
 * The sign-in page: one button to the identity provider's own sign-in (Cognito's hosted pages,
 * the bureau's provider, or locally the provider's page of demo users), and locally the demo
 * users in one click each, still through the provider's authorization-code + PKCE flow (the
 * click names the user in `login_hint`). Who is signed in, with which role and organisation,
 * comes only from the provider's token.
 */
export class GcSignIn extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 560px;
        margin: 48px auto;
        padding: 0 16px;
      }
      .presets {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .presets button {
        text-align: left;
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0 8px;
        white-space: normal;
      }
      .presets .role {
        color: var(--gc-muted);
        font-size: 12px;
      }
      p.intro {
        margin: 0 0 16px;
      }
      section {
        margin-top: 20px;
      }
    `,
  ];

  @state() private demoUsers: DemoUser[] = [];
  private readonly locale = new LocaleController(this);
  private readonly action = new ActionController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void demoUsers().then((users) => (this.demoUsers = users));
  }

  override render() {
    if (!signInConfigured()) {
      return html`<div class="panel" data-testid="sign-in-unconfigured"><h1>${t('signIn.title')}</h1><p>${t('signIn.unconfigured')}</p></div>`;
    }
    const withoutRole = signedInWithoutRole();
    const failed = signInError();
    return html`
      <div class="panel">
        <h1>${t('signIn.title')}</h1>
        ${
          withoutRole
            ? html`<p data-testid="sign-in-no-role">${t('signIn.noRole', { name: withoutRole.name })}</p>
              <div class="actions"><button data-testid="sign-in-no-role-sign-out" @click=${() => this.action.run(() => api.signOut())}>${t('app.signOut')}</button></div>`
            : html`<p class="intro muted">${t(this.demoUsers.length > 0 ? 'signIn.introLocal' : 'signIn.intro')}</p>
              <div class="actions">
                <button class="primary" data-testid="sign-in" ?disabled=${this.action.busy} @click=${() => this.action.run(() => api.signIn())}>
                  ${t('signIn.withProvider')}
                </button>
              </div>`
        }
        ${
          this.demoUsers.length > 0 && !withoutRole
            ? html`<section>
                <h2>${t('signIn.presets')}</h2>
                <div class="presets">
                  ${this.demoUsers.map(
                    (user) => html`<button type="button" data-testid=${`preset-${user.username}`} ?disabled=${this.action.busy}
                      @click=${() => this.action.run(() => api.signIn(user.username))}>
                      <span>${t('signIn.presetLabel', { who: user.orgName ?? t(`role.short.${user.role}`), name: user.name })}</span>
                      <span class="role">${t(`role.${user.role}`)}</span>
                    </button>`,
                  )}
                </div>
              </section>`
            : null
        }
        <gc-problem data-testid="sign-in-error" .error=${this.action.error ?? (failed ? new Error(t('signIn.failed', { reason: failed.message })) : undefined)}></gc-problem>
      </div>
    `;
  }
}

customElements.define('gc-sign-in', GcSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'gc-sign-in': GcSignIn;
  }
}
