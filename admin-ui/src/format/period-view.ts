import { html } from 'lit';
import type { Period } from '../api/api.ts';
import { formatChinaEnd, periodStatus } from './format.ts';
import { t } from '../i18n/i18n.ts';
import type { AnyKindSpec } from '../specs/kind-spec.ts';

/**
 * Where a period stands now, as a tag: in force, upcoming, or past its end ("已调出" for a drug).
 * A past period that the next one continues without a gap is only past: the entry did not end.
 */
export function statusTag(spec: AnyKindSpec, period: Period<unknown>, now: Date = new Date(), continued = false) {
  const status = periodStatus(period, now);
  const tone = { 'in-force': 'ok', upcoming: 'warn', ended: 'off' }[status];
  const label = status === 'ended' ? t(continued ? 'timeline.past' : spec.endedLabel) : t(status === 'in-force' ? 'timeline.inForce' : 'timeline.upcoming');
  return html`<span class="tag ${tone}" data-status=${status}>${label}</span>`;
}

/** A period's end the notices' way ("2022-12-31 24:00"), or "open-ended". */
export function endText(period: Period<unknown>) {
  return period.validTo ? formatChinaEnd(period.validTo) : html`<span class="muted">${t('timeline.openEnded')}</span>`;
}

/** Whether the next period starts the instant this one ends. */
export function isContinued(timeline: readonly Period<unknown>[], index: number): boolean {
  const period = timeline[index];
  const next = timeline[index + 1];
  return period?.validTo != null && next !== undefined && Date.parse(next.validFrom) === Date.parse(period.validTo);
}
