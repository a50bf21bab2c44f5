import { css, html, nothing } from 'lit';
import type { EntryKind, ImpactEntry, ImpactTotals, Period } from '../api/api.ts';
import { codeName, isAcknowledgeable, warningCodes, warningWords } from '../i18n/impact-text.ts';
import { t } from '../i18n/i18n.ts';
import { specOf } from '../specs/kind-specs.ts';
import '../components/gc-timeline-strip.ts';

/** Styles of the impact views (totals, entries with their strips and warnings), for the components that show them. */
export const impactStyles = css`
  ul.totals {
    list-style: none;
    padding: 0;
    margin: 0 0 12px;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  ul.totals li {
    border: 1px solid var(--gc-border);
    border-radius: 3px;
    padding: 4px 10px;
    background: var(--gc-subtle);
  }
  ul.totals li.needs-ack {
    border-color: var(--gc-danger-border);
    background: var(--gc-danger-bg);
  }
  ul.totals .count {
    font-weight: 600;
    margin-left: 6px;
    font-variant-numeric: tabular-nums;
  }
  .impact-entry {
    border-top: 1px solid var(--gc-divider);
    padding: 12px 0 8px;
  }
  .impact-entry h3 {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  ul.warnings {
    list-style: none;
    margin: 8px 0 0;
    padding: 0;
  }
  ul.warnings > li {
    border-left: 3px solid var(--gc-warning);
    background: var(--gc-warning-bg-soft);
    padding: 4px 10px;
    margin-bottom: 6px;
  }
  ul.warnings > li.needs-ack {
    border-left-color: var(--gc-danger);
    background: var(--gc-danger-bg);
  }
  ul.warnings ul {
    margin: 2px 0 0;
    padding-left: 20px;
    font-size: 13px;
  }
`;

/** The entry's name from its newest period before or after (a code alone when it has none). */
export function entryName(kind: EntryKind, before: readonly Period<unknown>[] | null, after: readonly Period<unknown>[] | null): string | undefined {
  const period = after?.at(-1) ?? before?.at(-1);
  return period ? specOf(kind).nameOf(period.attributes as never) : undefined;
}

/** Each warning code present in `totals` with the number of entries carrying it; the ones to acknowledge marked. */
export function renderTotals(totals: ImpactTotals) {
  const present = warningCodes.filter((code) => (totals[code] ?? 0) > 0);
  const needsAck = present.some(isAcknowledgeable);
  return html`<ul class="totals" data-testid="impact-totals">
      ${present.map(
        (code) => html`<li class=${isAcknowledgeable(code) ? 'needs-ack' : ''} data-testid="impact-total" data-code=${code} data-count=${totals[code] ?? 0}>
          ${codeName(code)}<span class="count">${t('impact.entries', { count: totals[code] ?? 0 })}</span>
          ${isAcknowledgeable(code) ? html` <span class="tag danger">${t('impact.needsAck')}</span>` : nothing}
        </li>`,
      )}
    </ul>
    ${needsAck ? nothing : html`<p class="muted" data-testid="impact-no-ack">${t('impact.nothingToAck')}</p>`}`;
}

/** One entry: its code and name, new or existing, the before/after strip and the warnings in words. */
export function renderImpactEntry(entry: ImpactEntry, labels: { before?: string; after?: string } = {}) {
  const name = entryName(entry.kind, entry.before, entry.after);
  const isNew = entry.warnings.some((warning) => warning.code === 'new-entry');
  return html`<div class="impact-entry" data-testid="impact-entry" data-kind=${entry.kind} data-code=${entry.code}>
    <h3>
      <span class="mono">${entry.code}</span>${name ? html`<span>${name}</span>` : nothing}
      <span class="muted small">${t(`kind.${entry.kind}`)}</span>
      <span class="tag ${isNew ? 'ok' : ''}">${t(isNew ? 'impact.code.new-entry' : 'impact.code.existing-entry')}</span>
    </h3>
    <gc-timeline-strip .kind=${entry.kind} .beforeTimeline=${entry.before} .afterTimeline=${entry.after} .beforeLabel=${labels.before} .afterLabel=${labels.after}></gc-timeline-strip>
    ${renderWarnings(entry)}
  </div>`;
}

/** The warnings of an entry but new/existing (its tag says that), each with its periods in words. */
export function renderWarnings(entry: ImpactEntry) {
  const shown = entry.warnings.filter((warning) => warning.code !== 'new-entry' && warning.code !== 'existing-entry');
  if (shown.length === 0) return nothing;
  return html`<ul class="warnings">
    ${shown.map((warning) => {
      const words = warningWords(entry.kind, warning, entry.before);
      return html`<li class=${isAcknowledgeable(warning.code) ? 'needs-ack' : ''} data-testid="impact-warning" data-code=${warning.code}>
        <strong>${words.headline}</strong>
        ${words.items.length > 0 ? html`<ul>${words.items.map((item) => html`<li>${item}</li>`)}</ul>` : nothing}
      </li>`;
    })}
  </ul>`;
}
