import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';

/**
 * A modal confirmation (a native <dialog>). `ask()` opens it and resolves true on confirm,
 * false on cancel or Escape.
 *
 * @property heading - the question
 * @property message - what happens if the user confirms
 * @property confirmLabel - the confirm button's text
 */
export class GcConfirmDialog extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: contents;
      }
      dialog {
        border: 1px solid var(--gc-border);
        border-radius: 4px;
        padding: 20px 24px;
        max-width: 460px;
        box-shadow: 0 8px 30px rgba(0, 0, 0, 0.18);
      }
      dialog::backdrop {
        background: rgba(20, 30, 45, 0.45);
      }
      p {
        margin: 8px 0 20px;
      }
      .actions {
        justify-content: flex-end;
      }
    `,
  ];

  @property() heading = '';
  @property() message = '';
  @property({ attribute: false }) confirmLabel = '';
  private readonly locale = new LocaleController(this);
  private settle: ((confirmed: boolean) => void) | undefined;

  /** Opens the dialog; resolves with the user's answer. */
  async ask(): Promise<boolean> {
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return false;
    this.settle?.(false);
    dialog.showModal();
    return new Promise<boolean>((resolve) => (this.settle = resolve));
  }

  override render() {
    return html`
      <dialog data-testid="confirm-dialog" @close=${() => this.answer(false)} @cancel=${() => this.answer(false)}>
        <h2>${this.heading}</h2>
        <p>${this.message}</p>
        <div class="actions">
          <button data-testid="confirm-cancel" @click=${() => this.close(false)}>${t('common.cancel')}</button>
          <button class="primary" data-testid="confirm-ok" @click=${() => this.close(true)}>${this.confirmLabel || t('common.confirm')}</button>
        </div>
      </dialog>
    `;
  }

  private close(confirmed: boolean): void {
    this.answer(confirmed);
    this.renderRoot.querySelector('dialog')?.close();
  }

  private answer(confirmed: boolean): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(confirmed);
  }
}

customElements.define('gc-confirm-dialog', GcConfirmDialog);

declare global {
  interface HTMLElementTagNameMap {
    'gc-confirm-dialog': GcConfirmDialog;
  }
}
