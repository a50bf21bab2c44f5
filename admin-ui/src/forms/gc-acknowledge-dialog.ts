import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AcknowledgeableCode, ImpactTotals } from '../api/api.ts';
import { codeName, requiredOf } from '../i18n/impact-text.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';
import type { GcImpactSummary, ImpactLoaded } from '../components/gc-impact-summary.ts';
import '../components/gc-impact-summary.ts';

/** What the dialog asks about: approval or publication, with its words. */
export interface AcknowledgeRequest {
  heading: string;
  message: string;
  confirmLabel: string;
  /** Said above the impact, e.g. that a release was published meanwhile and the impact was read again. */
  notice?: string;
}

/**
 * The confirmation of a step that signs off a change set (approve, publish): the change set's
 * impact as on its page, and one checkbox per warning code that must be acknowledged by name
 * (only the codes present). The confirm button stays disabled until every one is ticked and the
 * impact is read. `ask()` resolves with the ticked codes, or undefined when cancelled.
 *
 * @property changeSetId - the change set whose impact is shown
 */
export class GcAcknowledgeDialog extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: contents;
      }
      dialog {
        border: 1px solid var(--gc-border);
        border-radius: 4px;
        padding: 0;
        width: min(980px, 92vw);
        max-height: 90vh;
        box-shadow: 0 8px 30px rgba(0, 0, 0, 0.18);
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
      }
      dialog::backdrop {
        background: rgba(20, 30, 45, 0.45);
      }
      header,
      footer {
        padding: 16px 24px 8px;
      }
      footer {
        border-top: 1px solid var(--gc-border);
        padding: 12px 24px 16px;
      }
      .body {
        overflow-y: auto;
        padding: 0 24px 8px;
      }
      header p {
        margin: 4px 0 0;
      }
      fieldset {
        border: 1px solid var(--gc-danger-border);
        background: var(--gc-danger-bg);
        border-radius: 3px;
        margin: 0 0 12px;
        padding: 8px 12px;
      }
      legend {
        font-weight: 600;
        color: var(--gc-danger);
        padding: 0 4px;
      }
      fieldset label {
        display: flex;
        gap: 8px;
        align-items: center;
        padding: 3px 0;
        cursor: pointer;
      }
      fieldset input {
        margin: 0;
        width: 16px;
        height: 16px;
      }
      .actions {
        justify-content: flex-end;
      }
    `,
  ];

  @property() changeSetId = '';
  @state() private request: AcknowledgeRequest | undefined;
  /** The totals of the impact last read; undefined while it is being read. */
  @state() private totals: ImpactTotals | undefined;
  @state() private ticked: ReadonlySet<AcknowledgeableCode> = new Set();
  private readonly locale = new LocaleController(this);
  private settle: ((codes: AcknowledgeableCode[] | undefined) => void) | undefined;

  /** Opens the dialog with the impact read afresh; resolves with the acknowledged codes, or undefined when cancelled. */
  async ask(request: AcknowledgeRequest): Promise<AcknowledgeableCode[] | undefined> {
    this.settle?.(undefined);
    // The first time, the impact is read as its view appears; later, read again (the catalog may have moved on).
    const shownBefore = this.request !== undefined;
    this.request = request;
    this.totals = undefined;
    this.ticked = new Set();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return undefined;
    dialog.showModal();
    const answer = new Promise<AcknowledgeableCode[] | undefined>((resolve) => (this.settle = resolve));
    if (shownBefore) await this.renderRoot.querySelector<GcImpactSummary>('gc-impact-summary')?.reload();
    return answer;
  }

  override render() {
    const request = this.request;
    const required = this.totals ? requiredOf(this.totals) : [];
    const ready = this.totals !== undefined && required.every(({ code }) => this.ticked.has(code));
    return html`<dialog data-testid="ack-dialog" aria-labelledby="ack-heading" @cancel=${() => this.answer(undefined)} @close=${() => this.answer(undefined)}>
      <header>
        <h2 id="ack-heading">${request?.heading ?? ''}</h2>
        <p>${request?.message ?? ''}</p>
        ${request?.notice ? html`<div class="notice warn" role="alert" data-testid="ack-notice">${request.notice}</div>` : nothing}
      </header>
      <div class="body">
        ${
          request
            ? html`<gc-impact-summary .changeSetId=${this.changeSetId} @gc-impact-loaded=${(event: CustomEvent<ImpactLoaded>) => this.onLoaded(event.detail)}></gc-impact-summary>`
            : nothing
        }
      </div>
      <footer>
        ${
          required.length > 0
            ? html`<fieldset data-testid="ack-codes">
              <legend>${t('impact.ackLegend')}</legend>
              ${required.map(
                ({ code, entries }) => html`<label>
                  <input type="checkbox" data-testid="ack-code" data-code=${code} .checked=${this.ticked.has(code)}
                    @change=${(event: Event) => this.tick(code, (event.target as HTMLInputElement).checked)} />
                  <span>${t('impact.acknowledge', { what: codeName(code), count: entries })}</span>
                </label>`,
              )}
            </fieldset>`
            : nothing
        }
        <div class="actions">
          ${this.totals !== undefined && !ready ? html`<span class="muted small" data-testid="ack-hint">${t('impact.ackHint')}</span>` : nothing}
          <button data-testid="ack-cancel" @click=${() => this.close(undefined)}>${t('common.cancel')}</button>
          <button class="primary" data-testid="ack-confirm" ?disabled=${!ready} @click=${() => this.close(required.map(({ code }) => code))}>
            ${request?.confirmLabel ?? t('common.confirm')}
          </button>
        </div>
      </footer>
    </dialog>`;
  }

  private onLoaded({ totals }: ImpactLoaded): void {
    this.totals = totals;
  }

  private tick(code: AcknowledgeableCode, checked: boolean): void {
    const next = new Set(this.ticked);
    if (checked) next.add(code);
    else next.delete(code);
    this.ticked = next;
  }

  private close(codes: AcknowledgeableCode[] | undefined): void {
    this.answer(codes);
    this.renderRoot.querySelector('dialog')?.close();
  }

  private answer(codes: AcknowledgeableCode[] | undefined): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(codes);
  }
}

customElements.define('gc-acknowledge-dialog', GcAcknowledgeDialog);

declare global {
  interface HTMLElementTagNameMap {
    'gc-acknowledge-dialog': GcAcknowledgeDialog;
  }
}
