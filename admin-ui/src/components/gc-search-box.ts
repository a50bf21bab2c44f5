import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { href, navigate } from '../app/router.ts';
import { LocaleController, t } from '../i18n/i18n.ts';

/**
 * The header's search box: code, name or pinyin initials across every kind. Enter opens the
 * results page; "/" anywhere outside a text field puts the cursor here.
 *
 * @property query - the search shown on the results page, so the box keeps what was asked
 */
export class GcSearchBox extends LitElement {
  static override styles = css`
    :host {
      display: block;
      flex: 0 1 320px;
      min-width: 0;
    }
    form {
      display: flex;
      margin: 0;
    }
    input {
      flex: 1;
      min-width: 0;
      height: 32px;
      box-sizing: border-box;
      font: inherit;
      font-size: 14px;
      padding: 4px 10px;
      border: 1px solid rgba(255, 255, 255, 0.55);
      border-right: none;
      border-radius: 3px 0 0 3px;
      background: var(--gc-surface);
      color: var(--gc-text);
    }
    input::placeholder {
      color: var(--gc-muted);
    }
    input:focus-visible,
    button:focus-visible {
      outline: 3px solid var(--gc-focus-on-dark);
      outline-offset: 1px;
    }
    button {
      font: inherit;
      font-size: 13px;
      height: 32px;
      padding: 0 12px;
      border: 1px solid rgba(255, 255, 255, 0.55);
      border-radius: 0 3px 3px 0;
      background: var(--gc-header-shade);
      color: var(--gc-on-dark);
      cursor: pointer;
      white-space: nowrap;
    }
    button:hover {
      background: var(--gc-header-deep);
    }
  `;

  @property() query = '';
  private readonly locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onSlash);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onSlash);
    super.disconnectedCallback();
  }

  override render() {
    return html`<form role="search" aria-label=${t('search.label')} @submit=${this.onSubmit}>
      <input
        type="search"
        name="q"
        data-testid="search-box"
        maxlength="100"
        autocomplete="off"
        enterkeyhint="search"
        aria-label=${t('search.label')}
        aria-keyshortcuts="/"
        placeholder=${t('search.placeholder')}
        .value=${this.query}
      />
      <button type="submit" data-testid="search-submit">${t('common.search')}</button>
    </form>`;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    const query = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    if (query) navigate(href.search(query));
  }

  /** "/" focuses the box, unless the person is typing somewhere else. */
  private readonly onSlash = (event: KeyboardEvent) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    event.preventDefault();
    this.renderRoot.querySelector('input')?.focus();
  };
}

customElements.define('gc-search-box', GcSearchBox);

declare global {
  interface HTMLElementTagNameMap {
    'gc-search-box': GcSearchBox;
  }
}
