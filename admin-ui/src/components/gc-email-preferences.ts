import { css, html, LitElement } from 'lit';
import { query, state } from 'lit/decorators.js';
import { emailApi, type EmailPreference } from '../api/email-api.ts';
import { ActionController } from '../app/action-controller.ts';
import { focusHeading } from '../app/focus-heading.ts';
import type { GcConfirmDialog } from '../forms/gc-confirm-dialog.ts';
import { formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import '../forms/gc-confirm-dialog.ts';
import './gc-problem.ts';

/**
 * My choice of mail (issue 14 §3), on the notifications page: give an address, type back the
 * code mailed to it, and notifications are mailed too; stop whenever. Shows nothing where the
 * API offers no mail.
 */
export class GcEmailPreferences extends LitElement {
  static override styles = [
    baseStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: end;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      input[type='email'] {
        width: min(22em, 100%);
      }
      input[inputmode='numeric'] {
        width: 8em;
        letter-spacing: 0.2em;
      }
    `,
  ];

  @state() private preference: EmailPreference | undefined;
  /** Changing the address of mail that is on: the address form is shown again. */
  @state() private changing = false;
  @query('gc-confirm-dialog') private dialog!: GcConfirmDialog;
  private readonly locale = new LocaleController(this);
  private readonly action = new ActionController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.action.run(async () => (this.preference = await emailApi.preference()));
  }

  override render() {
    const preference = this.preference;
    if (!preference) return html`<gc-problem .error=${this.action.error}></gc-problem>`;
    const { state: current, address = '', since } = preference;
    const when = since ? formatChinaTime(since) : '';
    return html`<section class="panel" aria-labelledby="email-title" data-testid="email-preferences" data-state=${current}>
      <h2 id="email-title" tabindex="-1">${t('email.title')}</h2>
      <p class="muted">${t('email.intro')}</p>
      ${preference.delivery === 'outbox' ? html`<p class="muted small" data-testid="email-outbox-only">${t('email.outboxOnly')}</p>` : null}
      ${current === 'active' ? html`<p data-testid="email-active">${t('email.active', { address, since: when })}</p>` : null}
      ${current === 'pending' ? html`<p data-testid="email-pending">${t('email.pending', { address, since: when })}</p>` : null}
      ${current === 'none' || current === 'pending' || this.changing ? this.renderAddressForm(current === 'none' || this.changing ? '' : address) : null}
      ${current === 'pending' && !this.changing ? this.renderCodeForm() : null}
      ${
        current === 'active' && !this.changing
          ? html`<div class="actions">
              <button type="button" ?disabled=${this.action.busy} @click=${() => (this.changing = true)}>${t('email.changeAddress')}</button>
              <button type="button" class="danger" data-testid="email-stop" ?disabled=${this.action.busy} @click=${() => void this.stop()}>
                ${t('email.stop')}
              </button>
            </div>`
          : null
      }
      <gc-problem .error=${this.action.error}></gc-problem>
      <gc-confirm-dialog
        .heading=${t('email.stopConfirmTitle')}
        .message=${t('email.stopConfirmMessage', { address })}
        .confirmLabel=${t('email.stop')}
      ></gc-confirm-dialog>
    </section>`;
  }

  private renderAddressForm(address: string) {
    const sent = this.preference?.state === 'pending';
    return html`<form @submit=${(event: SubmitEvent) => this.start(event)}>
      <label>
        ${t('email.address')}
        <input type="email" name="address" required maxlength="254" autocomplete="email" .value=${address} data-testid="email-address" />
      </label>
      <button type="submit" ?disabled=${this.action.busy} data-testid="email-send-code">${sent ? t('email.resendCode') : t('email.sendCode')}</button>
    </form>`;
  }

  private renderCodeForm() {
    return html`<form @submit=${(event: SubmitEvent) => this.confirm(event)}>
      <label>
        ${t('email.code')}
        <input name="code" required inputmode="numeric" pattern="\\d{6}" maxlength="6" autocomplete="one-time-code" title=${t('email.codeHint')} data-testid="email-code" />
        <span class="muted small">${t('email.codeHint')}</span>
      </label>
      <button type="submit" class="primary" ?disabled=${this.action.busy} data-testid="email-confirm">${t('email.confirm')}</button>
    </form>`;
  }

  private async start(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const address = String(new FormData(event.target as HTMLFormElement).get('address') ?? '').trim();
    await this.settle(() => emailApi.start(address));
  }

  private async confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const code = String(new FormData(event.target as HTMLFormElement).get('code') ?? '').trim();
    await this.settle(() => emailApi.confirm(code));
  }

  private async stop(): Promise<void> {
    if (!(await this.dialog.ask())) return;
    await this.settle(() => emailApi.stop());
  }

  /** Runs a step; on success shows the new choice and moves the keyboard to the section's heading. */
  private async settle(step: () => Promise<EmailPreference>): Promise<void> {
    const next = await this.action.run(step);
    if (!next) return;
    this.preference = next;
    this.changing = false;
    await this.updateComplete;
    focusHeading(this, 'h2');
  }
}

customElements.define('gc-email-preferences', GcEmailPreferences);

declare global {
  interface HTMLElementTagNameMap {
    'gc-email-preferences': GcEmailPreferences;
  }
}
