import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { Organisation, OrganisationType, SetOrganisationRecord } from '../api/organisations-api.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles, formStyles } from '../styles/styles.ts';

const types: readonly OrganisationType[] = ['hospital', 'firm'];

/** What the form asks the page to save: the code and what the admin set. */
export interface OrganisationSubmit extends SetOrganisationRecord {
  orgId: string;
}

/**
 * Add an organisation to the registry, or rename one (issue 14 §7): its code (fixed once added,
 * since tokens carry it), its Chinese name and its type. The page saves it (and asks before a
 * rename); the browser checks the fields first, the API again.
 *
 * @property organisation - the organisation to rename; absent, a new one is added
 * @property busy - while the page saves: the buttons wait
 * @fires gc-organisation-submit - detail `OrganisationSubmit`: the fields are filled in and valid
 * @fires gc-organisation-cancel - the admin closed the form
 */
export class GcOrganisationForm extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      form {
        flex-direction: row;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 12px;
        margin-top: 12px;
      }
      h2 {
        flex-basis: 100%;
        margin: 0;
      }
      #organisation-code {
        width: 200px;
        max-width: 100%;
      }
      #organisation-name {
        width: 320px;
        max-width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) organisation: Organisation | undefined = undefined;
  @property({ type: Boolean }) busy = false;
  private readonly locale = new LocaleController(this);

  override render() {
    const current = this.organisation;
    return html`<form data-testid="organisation-form" data-mode=${current ? 'rename' : 'add'} @submit=${this.onSubmit}>
      <h2>${current ? t('organisations.renameTitle', { code: current.orgId }) : t('organisations.addTitle')}</h2>
      <label class="field">
        <span>${t('organisations.code')}<span class="required" aria-hidden="true">*</span></span>
        <input id="organisation-code" name="orgId" class="mono" required pattern="[A-Za-z0-9][A-Za-z0-9_\\-]{1,63}" title=${t('organisations.codeHint')}
          placeholder="hosp-cczx" .value=${current?.orgId ?? ''} ?readonly=${current !== undefined} />
      </label>
      <label class="field">
        <span>${t('organisations.name')}<span class="required" aria-hidden="true">*</span></span>
        <input id="organisation-name" name="name" required maxlength="100" placeholder=${t('organisations.namePlaceholder')} .value=${current?.name ?? ''} />
      </label>
      <label class="field">
        <span>${t('organisations.type')}</span>
        <select id="organisation-type" name="type">
          ${types.map((type) => html`<option value=${type} ?selected=${(current?.type ?? 'hospital') === type}>${t(`organisationType.${type}`)}</option>`)}
        </select>
      </label>
      <button class="primary" type="submit" data-testid="organisation-save" ?disabled=${this.busy}>${t('organisations.save')}</button>
      <button type="button" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new CustomEvent('gc-organisation-cancel', { bubbles: true, composed: true }))}>
        ${t('organisations.cancel')}
      </button>
    </form>`;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = form.querySelector<HTMLInputElement>('#organisation-name');
    // Only spaces is no name: the browser's `required` lets it through.
    if (name && name.value.trim() === '') name.value = '';
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const detail: OrganisationSubmit = {
      orgId: String(data.get('orgId') ?? '').trim(),
      name: String(data.get('name') ?? '').trim(),
      type: data.get('type') === 'firm' ? 'firm' : 'hospital',
    };
    this.dispatchEvent(new CustomEvent('gc-organisation-submit', { detail, bubbles: true, composed: true }));
  }
}

customElements.define('gc-organisation-form', GcOrganisationForm);

declare global {
  interface HTMLElementTagNameMap {
    'gc-organisation-form': GcOrganisationForm;
  }
}
