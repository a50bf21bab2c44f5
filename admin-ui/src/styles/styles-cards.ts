import { css } from 'lit';

/**
 * Phones: every table becomes a stack of cards, one a row, each cell with its column's header
 * before it (the data-label that table-controller.ts copies from the header row).
 */
export const tableCardStyles = css`
  @media (max-width: 640px) {
    table,
    table > tbody,
    table > tbody > tr {
      display: block;
      background: none;
    }
    table > thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    table > tbody > tr {
      background: var(--gc-surface);
      border: 1px solid var(--gc-border);
      border-radius: 4px;
      padding: 6px 12px;
      margin-bottom: 8px;
    }
    /* .num in the list so that a numeric cell's right alignment and nowrap give way too. */
    table > tbody > tr > :is(td, th, .num) {
      display: flow-root;
      border: none;
      padding: 3px 0 3px 104px;
      text-align: left;
      white-space: normal;
      overflow-wrap: anywhere;
      font-weight: normal;
      background: none;
    }
    table > tbody > tr > :is(td, th)[data-label=''],
    table > tbody > tr > :is(td, th):not([data-label]) {
      padding-left: 0;
    }
    table > tbody > tr > :is(td, th)[data-label]:not([data-label=''])::before {
      content: attr(data-label);
      float: left;
      width: 96px;
      margin-left: -104px;
      color: var(--gc-muted);
      font-size: 13px;
      overflow-wrap: anywhere;
    }
  }
`;
