import { css } from 'lit';
import { tableCardStyles } from './styles-cards.ts';

/**
 * The console's common look (tables, buttons, forms, panels), shared by every component's
 * `static styles`. A plain government-console look: white panels on grey, one blue accent.
 */
export const baseStyles = css`
  :host {
    display: block;
    font-family: inherit;
    color: var(--gc-text);
    font-size: 14px;
    line-height: 1.6;
  }
  :focus-visible {
    outline: 3px solid var(--gc-focus);
    outline-offset: 2px;
  }
  /* A page's heading takes focus after navigation and actions (focus-heading.ts); it is not a control to ring. */
  h1[tabindex='-1']:focus {
    outline: none;
  }
  [hidden] {
    display: none !important;
  }
  /* Read by screen readers, not shown: a name for a column of buttons, a word a phone has no room for. */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  h1 {
    font-size: 20px;
    margin: 0 0 4px;
    font-weight: 600;
  }
  h2 {
    font-size: 16px;
    margin: 0 0 12px;
    font-weight: 600;
  }
  h3 {
    font-size: 14px;
    margin: 0 0 8px;
    font-weight: 600;
  }
  /* Links are told apart by their underline, not by colour alone (axe link-in-text-block). */
  a {
    color: var(--gc-accent);
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
  }
  a:hover {
    text-decoration-thickness: 2px;
  }
  /* A tab is a control in a row of tabs, not a link in text. */
  a[role='tab'] {
    text-decoration: none;
  }
  .panel {
    background: var(--gc-surface);
    border: 1px solid var(--gc-border);
    border-radius: 4px;
    padding: 16px 20px;
    margin-bottom: 16px;
  }
  .muted {
    color: var(--gc-muted);
  }
  .small {
    font-size: 12px;
  }
  .mono,
  .code {
    font-family: "Noto Sans Mono CJK SC", ui-monospace, "SFMono-Regular", Menlo, monospace;
    font-size: 13px;
    /* A long code breaks rather than widen a phone's page (break-word leaves tables' column widths alone). */
    overflow-wrap: break-word;
  }
  /* An organisation's code beside its name (issue 14 §7): small, a step back from the name. */
  .org-code {
    font-size: 12px;
    color: var(--gc-muted);
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .nowrap {
    white-space: nowrap;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--gc-surface);
  }
  th,
  td {
    border-bottom: 1px solid var(--gc-divider);
    padding: 8px 10px;
    text-align: left;
    vertical-align: top;
  }
  th {
    background: var(--gc-page);
    color: var(--gc-text-soft);
    font-weight: 600;
    font-size: 13px;
    white-space: nowrap;
    border-bottom: 1px solid var(--gc-border);
  }
  th.num {
    text-align: right;
  }
  tbody tr:hover {
    background: var(--gc-subtle);
  }
  tr.current {
    background: var(--gc-ok-bg);
  }
  tr.current:hover {
    background: var(--gc-ok-bg-strong);
  }
  button {
    font: inherit;
    font-size: 14px;
    border-radius: 3px;
    border: 1px solid var(--gc-border);
    background: var(--gc-surface);
    color: var(--gc-text);
    padding: 5px 14px;
    cursor: pointer;
    line-height: 1.5;
    white-space: nowrap;
  }
  button:hover:not(:disabled) {
    border-color: var(--gc-accent);
    color: var(--gc-accent);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button.primary {
    background: var(--gc-accent);
    border-color: var(--gc-accent);
    color: var(--gc-on-dark);
  }
  button.primary:hover:not(:disabled) {
    background: var(--gc-accent-dark);
    color: var(--gc-on-dark);
  }
  button.danger {
    color: var(--gc-danger);
    border-color: var(--gc-danger-border);
  }
  button.danger:hover:not(:disabled) {
    color: var(--gc-on-dark);
    background: var(--gc-danger);
    border-color: var(--gc-danger);
  }
  button.link {
    border: none;
    background: none;
    color: var(--gc-accent);
    padding: 0 4px;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-size: 14px;
    border: 1px solid var(--gc-border);
    border-radius: 3px;
    padding: 4px 8px;
    background: var(--gc-surface);
    color: var(--gc-text);
    box-sizing: border-box;
  }
  input,
  select {
    height: 32px;
  }
  input:focus,
  select:focus,
  textarea:focus {
    outline: 2px solid var(--gc-focus);
    outline-offset: 1px;
    border-color: var(--gc-accent);
  }
  /* The date picker's button inside a date field takes focus on its own. */
  input::-webkit-calendar-picker-indicator:focus-visible {
    outline: 2px solid var(--gc-focus);
    outline-offset: 1px;
  }
  input[aria-invalid='true'] {
    border-color: var(--gc-danger);
  }
  label {
    color: var(--gc-text-soft);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
  }
  .field > span {
    font-size: 13px;
    color: var(--gc-text-soft);
  }
  .field .hint {
    font-size: 12px;
    color: var(--gc-muted);
  }
  .field .error {
    font-size: 12px;
    color: var(--gc-danger);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    align-items: flex-end;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .toolbar {
    display: flex;
    justify-content: space-between;
    align-items: flex-end;
    gap: 16px;
    flex-wrap: wrap;
    margin-bottom: 12px;
  }
  .tag {
    display: inline-block;
    font-size: 12px;
    line-height: 18px;
    padding: 0 6px;
    border-radius: 2px;
    border: 1px solid var(--gc-info-border);
    background: var(--gc-info-bg);
    color: var(--gc-accent-dark);
    white-space: nowrap;
  }
  .tag.ok {
    border-color: var(--gc-ok-border);
    background: var(--gc-ok-bg);
    color: var(--gc-ok);
  }
  .empty {
    color: var(--gc-muted);
    padding: 16px 0;
  }
  dl.meta {
    display: grid;
    grid-template-columns: max-content 1fr max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dl.meta dt {
    color: var(--gc-muted);
  }
  dl.meta dd {
    margin: 0;
  }
  @media (max-width: 640px) {
    dl.meta {
      grid-template-columns: max-content minmax(0, 1fr);
    }
  }
  .notice {
    border-left: 3px solid var(--gc-ok);
    background: var(--gc-ok-bg);
    padding: 8px 12px;
    margin: 8px 0;
  }
  .notice.warn {
    border-left-color: var(--gc-warning);
    background: var(--gc-warning-bg);
  }
  .crumbs {
    font-size: 13px;
    margin-bottom: 4px;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: flex-start;
    gap: 16px;
    margin-bottom: 16px;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 12px;
    margin-top: 12px;
  }
  .tag.warn {
    border-color: var(--gc-warning-border);
    background: var(--gc-warning-bg);
    color: var(--gc-warning-text);
  }
  .tag.off {
    border-color: var(--gc-border);
    background: var(--gc-page);
    color: var(--gc-muted);
  }
  .tag.danger {
    border-color: var(--gc-danger-border);
    background: var(--gc-danger-bg);
    color: var(--gc-danger-text);
  }
  .table-scroll {
    overflow-x: auto;
  }
  /* Cells rendered by the kind specs (kind-spec.ts) */
  .note {
    display: inline-block;
    max-width: 240px;
    font-size: 12px;
    line-height: 1.5;
    color: var(--gc-muted);
  }
  .flags {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .parameters {
    font-size: 13px;
    line-height: 1.6;
  }
  /* The one headline figure of a page (a price), with its unit small beside it */
  .big {
    font-size: 28px;
    font-weight: 600;
    line-height: 1.3;
    color: var(--gc-accent-dark);
    font-variant-numeric: tabular-nums;
  }
  .big small {
    font-size: 14px;
    font-weight: normal;
    color: var(--gc-muted);
    margin-left: 4px;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li.past-due {
    color: var(--gc-danger);
  }
  ${tableCardStyles}
`;

// Forms have their own file; most components import both from here.
export { formStyles } from './styles-form.ts';
