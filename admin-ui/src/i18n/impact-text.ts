import type {
  AcknowledgeableCode,
  AttributesOf,
  CeilingMove,
  EntryKind,
  ImpactTotals,
  ImpactWarning,
  ImpactWarningCode,
  Period,
  PeriodBounds,
} from '../api/api.ts';
import { formatChinaEnd, formatChinaTime, formatYuan } from '../format/format.ts';
import { t } from './i18n.ts';
import type { Bar } from '../format/strip-model.ts';

/**
 * Impact warnings and timeline periods in words, in the console's language: dates in China time
 * with "24:00" ends, money in yuan, never a field name or an amount in fen.
 */

/** The codes a person approving or publishing must acknowledge by name (policy-catalog/acknowledgement.ts). */
export const acknowledgeableCodes: readonly AcknowledgeableCode[] = ['removes-published-periods', 'retroactive', 'ceiling-raised', 'large-price-change'];

/** Every warning code, in the order the API gives them. */
export const warningCodes: readonly ImpactWarningCode[] = [
  'removes-published-periods',
  'retroactive',
  'ceiling-raised',
  'large-price-change',
  'ends-entry',
  'new-entry',
  'existing-entry',
];

export function isAcknowledgeable(code: string): code is AcknowledgeableCode {
  return (acknowledgeableCodes as readonly string[]).includes(code);
}

/** The acknowledgeable codes present in `totals`, with their entry counts. */
export function requiredOf(totals: ImpactTotals): { code: AcknowledgeableCode; entries: number }[] {
  return acknowledgeableCodes.filter((code) => (totals[code] ?? 0) > 0).map((code) => ({ code, entries: totals[code] ?? 0 }));
}

/** "2030-03-01 00:00 至 2031-02-28 24:00", or "2031-03-01 00:00 起（长期有效）". */
export function rangeText({ validFrom, validTo }: PeriodBounds): string {
  return validTo === null
    ? t('impact.rangeOpen', { from: formatChinaTime(validFrom) })
    : t('impact.range', { from: formatChinaTime(validFrom), to: formatChinaEnd(validTo) });
}

/** What a period says in a word: a price item's ceiling or a listing's price in yuan, a drug's payment class, a measure's type. */
export function periodValue(kind: EntryKind, attributes: unknown): string {
  switch (kind) {
    case 'price-items':
      return yuan((attributes as AttributesOf<'price-items'>).priceFen);
    case 'listings':
      return yuan((attributes as AttributesOf<'listings'>).listedPriceFen);
    case 'drug-entries':
      return t(`paymentClass.${(attributes as AttributesOf<'drug-entries'>).paymentClass}`);
    case 'measures':
      return t(`measureType.${(attributes as AttributesOf<'measures'>).type}`);
  }
}

export function yuan(fen: number): string {
  return t('impact.yuan', { amount: formatYuan(fen) });
}

/** One bar of a strip in words, for its tooltip and the strip's text alternative. */
export function barText(kind: EntryKind, bar: Bar): string {
  const base = t('impact.periodValue', { range: rangeText(bar.period), value: periodValue(kind, bar.period.attributes) });
  const parts = bar.marked.map((span) => rangeText({ validFrom: isoOf(span.start), validTo: span.end === Infinity ? null : isoOf(span.end) }));
  switch (bar.state) {
    case 'same':
      return base;
    case 'removed':
    case 'new':
      return `${base}${t(`strip.state.${bar.state}`)}`;
    case 'cut':
    case 'partly-new':
      return `${base}${t(`strip.state.${bar.state}`, { parts: parts.join(t('common.listSeparator')) })}`;
  }
}

/** The short name of a warning code ("删除或截短已发布时段"). */
export function codeName(code: ImpactWarningCode): string {
  return t(`impact.code.${code}`);
}

export interface WarningWords {
  headline: string;
  items: string[];
}

/** A warning in words: a headline and one line per period concerned. `before` names the published periods' values. */
export function warningWords(kind: EntryKind, warning: ImpactWarning, before: readonly Period<unknown>[] | null): WarningWords {
  switch (warning.code) {
    case 'removes-published-periods': {
      const scheduled = warning.periods.filter((period) => period.scheduled).length;
      const headline =
        scheduled === warning.periods.length
          ? t('impact.removes.allScheduled', { count: scheduled })
          : scheduled > 0
            ? t('impact.removes.someScheduled', { count: warning.periods.length, scheduled })
            : t('impact.removes.headline', { count: warning.periods.length });
      const items = warning.periods.map((period) => {
        const published = before?.find((candidate) => candidate.validFrom === period.validFrom);
        const value = published ? periodValue(kind, published.attributes) : '';
        const kept = period.kept.map(rangeText).join(t('common.listSeparator'));
        return t('impact.removes.item', {
          range: rangeText(period),
          value,
          scheduled: period.scheduled ? t('impact.removes.scheduledTag') : '',
          how: t(`impact.how.${period.how}`, { kept }),
        });
      });
      return { headline, items };
    }
    case 'retroactive':
      return { headline: t('impact.retroactive.headline', { now: formatChinaTime(warning.params.now) }), items: warning.periods.map(rangeText) };
    case 'ceiling-raised':
      return { headline: t('impact.raised.headline', { count: warning.periods.length }), items: warning.periods.map((move) => moveText(move)) };
    case 'large-price-change':
      return {
        headline: t('impact.large.headline', { percent: Math.round(warning.params.threshold * 100) }),
        items: warning.periods.map((move) => moveText(move, true)),
      };
    case 'ends-entry':
      return { headline: t('impact.ends.headline'), items: warning.periods.map(rangeText) };
    case 'new-entry':
      return { headline: t('impact.new.headline'), items: [] };
    case 'existing-entry':
      return { headline: t('impact.existing.headline'), items: [] };
  }
}

/** "2030-03-01 00:00 起（长期有效）：最高限价 4.00 元 → 4.50 元（+12.5%）". */
function moveText(move: CeilingMove, withChange = false): string {
  const ceiling =
    move.ceiling === 'priceFen'
      ? t('impact.ceiling.priceFen')
      : move.ceiling === 'gradePriceFen'
        ? t(`field.gradePrice.${move.grade ?? '3'}`)
        : t('impact.ceiling.componentCap', { component: move.component ?? '' });
  const text = t('impact.move', { range: rangeText(move), ceiling, from: yuan(move.fromFen), to: yuan(move.toFen) });
  if (!withChange) return text;
  const change = move.fromFen === 0 ? t('impact.fromZero') : formatPercent((move.toFen - move.fromFen) / move.fromFen);
  return t('impact.moveWithChange', { move: text, change });
}

function formatPercent(fraction: number): string {
  const percent = Math.round(fraction * 1000) / 10;
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${Math.abs(percent)}%`;
}

/** An instant as the API writes it, in China time ("2030-03-01T00:00:00+08:00"). */
function isoOf(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
