import { css } from 'lit';

/** Forms built from field specs (fields.ts): a four-column grid, money with its unit, China-time date and time. */
export const formStyles = css`
  form {
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  fieldset {
    border: 1px solid var(--gc-divider);
    border-radius: 4px;
    padding: 10px 14px 14px;
    margin: 0;
    min-width: 0;
  }
  legend {
    padding: 0 6px;
    color: var(--gc-text-soft);
    font-weight: 600;
    font-size: 13px;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 12px;
  }
  .wide {
    grid-column: span 2;
  }
  .full {
    grid-column: 1 / -1;
  }
  @media (max-width: 900px) {
    .grid {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  /* Phones: one field a row, so that dates, amounts with their unit and long labels keep their width. */
  @media (max-width: 480px) {
    .grid {
      grid-template-columns: minmax(0, 1fr);
    }
    .wide {
      grid-column: auto;
    }
  }
  .datetime {
    display: flex;
    gap: 6px;
  }
  .datetime input[type='date'] {
    flex: 1;
    min-width: 0;
  }
  .with-unit {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .with-unit input {
    flex: 1;
    min-width: 0;
  }
  .unit {
    color: var(--gc-muted);
    font-size: 13px;
    white-space: nowrap;
  }
  input.amount {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .component {
    display: flex;
    gap: 8px;
    align-items: center;
    margin-bottom: 6px;
  }
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 32px;
    font-size: 14px;
  }
  label.check input {
    height: auto;
    margin: 0;
  }
  .required {
    color: var(--gc-danger);
    margin-left: 2px;
  }
  textarea {
    width: 100%;
    min-height: 44px;
    resize: vertical;
  }
  textarea[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--gc-danger);
  }
`;
