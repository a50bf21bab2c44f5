import { css, html, LitElement } from 'lit';
import { ActionController } from './action-controller.ts';
import { api, type DemoIdentity, type Role } from './api.ts';
import { demoIdentities } from './demo-identities.ts';
import { LocaleController, t } from './i18n.ts';
import { baseStyles } from './styles.ts';
import './gc-problem.ts';

const roles: readonly Role[] = ['pricing-staff', 'reviewer', 'hospital', 'firm', 'downstream', 'admin'];
const rolesWithOrganisation: readonly Role[] = ['hospital', 'firm'];

/**
 * The local sign-in: pick a demo identity (role, name, and the organisation for hospitals and
 * firms), or one of the presets. Signing in announces a session change; the app takes it
 * from there.
 */
export class GcSignIn extends LitElement {
  static override properties = {
    chosenRole: { state: true },
    name: { state: true },
    orgId: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host {
        max-width: 760px;
        margin: 48px auto;
        padding: 0 16px;
      }
      .columns {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 16px;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      .presets {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .presets button {
        text-align: left;
        display: flex;
        justify-content: space-between;
        gap: 8px;
      }
      .presets .role {
        color: var(--gc-muted);
        font-size: 12px;
      }
      p.intro {
        margin: 0 0 16px;
      }
      @media (max-width: 640px) {
        .columns {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  declare private chosenRole: Role;
  declare private name: string;
  declare private orgId: string;
  private readonly locale = new LocaleController(this);
  private readonly action = new ActionController(this);

  constructor() {
    super();
    this.chosenRole = 'pricing-staff';
    this.name = '';
    this.orgId = '';
  }

  override render() {
    const needsOrganisation = rolesWithOrganisation.includes(this.chosenRole);
    return html`
      <div class="panel">
        <h1>${t('signIn.title')}</h1>
        <p class="intro muted">${t('signIn.intro')}</p>
        <div class="columns">
          <section>
            <h2>${t('signIn.presets')}</h2>
            <div class="presets">
              ${demoIdentities.map(
                (
                  identity,
                ) => html`<button type="button" data-testid=${`preset-${identity.id}`} ?disabled=${this.action.busy} @click=${() => this.signIn(identity)}>
                  <span>${t('signIn.presetLabel', { who: identity.orgName ?? t(`role.short.${identity.role}`), name: identity.name })}</span>
                  <span class="role">${t(`role.${identity.role}`)}</span>
                </button>`,
              )}
            </div>
          </section>
          <section>
            <h2>${t('signIn.custom')}</h2>
            <form @submit=${this.onSubmit}>
              <label class="field">
                <span>${t('signIn.role')}</span>
                <select id="role" .value=${this.chosenRole} @change=${(event: Event) => (this.chosenRole = (event.target as HTMLSelectElement).value as Role)}>
                  ${roles.map((role) => html`<option value=${role} ?selected=${role === this.chosenRole}>${t(`role.${role}`)}</option>`)}
                </select>
              </label>
              <label class="field">
                <span>${t('signIn.name')}</span>
                <input id="name" required maxlength="100" .value=${this.name} @input=${(event: Event) => (this.name = (event.target as HTMLInputElement).value)} />
              </label>
              <label class="field" ?hidden=${!needsOrganisation}>
                <span>${t('signIn.orgId')}</span>
                <input id="org-id" ?required=${needsOrganisation} maxlength="100" placeholder="hosp-jdyy" .value=${this.orgId}
                  @input=${(event: Event) => (this.orgId = (event.target as HTMLInputElement).value)} />
                <span class="hint">${t('signIn.orgIdHint')}</span>
              </label>
              <div class="actions">
                <button class="primary" type="submit" data-testid="sign-in-submit" ?disabled=${this.action.busy}>${t('signIn.submit')}</button>
              </div>
            </form>
          </section>
        </div>
        <gc-problem .error=${this.action.error}></gc-problem>
      </div>
    `;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const orgId = this.orgId.trim();
    void this.signIn({
      role: this.chosenRole,
      name: this.name.trim(),
      ...(rolesWithOrganisation.includes(this.chosenRole) && orgId ? { orgId } : {}),
    });
  }

  private async signIn(identity: DemoIdentity): Promise<void> {
    await this.action.run(() => api.signIn({ role: identity.role, name: identity.name, ...(identity.orgId ? { orgId: identity.orgId } : {}) }));
  }
}

customElements.define('gc-sign-in', GcSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'gc-sign-in': GcSignIn;
  }
}
