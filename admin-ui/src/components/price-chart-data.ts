import type { AttributesOf, Period } from '../api/api.ts';
import { t } from '../i18n/i18n.ts';

type PriceAttributes = AttributesOf<'price-items'>;

/**
 * The chart's colours, named once here and not in the palette (styles/tokens.ts): uPlot draws on a
 * canvas, which cannot read CSS custom properties. The ceiling is the header's navy, grade
 * prices red, green and the warning brown, and the dashed line at now a mid grey.
 */
export const chartColours = {
  ceiling: '#173f6e',
  grade: { '3': '#c8102e', '2': '#2f7d32', '1': '#8a5a00' },
  now: '#9aa5b1',
} as const;

/** One line of the chart: a price over time, in yuan, stepping at each period's start. */
export interface PriceLine {
  label: string;
  /** The attribute's value in fen in a period, or undefined where the period has none. */
  fenOf: (attributes: PriceAttributes) => number | undefined;
  colour: string;
}

/**
 * The points of a step chart of `timeline` as of `now`: each period as two points at its start
 * and just before its end (x in seconds), so a price is flat over its period and steps at the
 * next start; a point with no price in a gap between periods. Per line two series: in force or
 * past (solid), and scheduled (starts after `now`, dashed; it begins at the last point before
 * it, so the step into it is dashed too). An open-ended last period runs a year past its start
 * (or past now) so that it shows.
 */
export function chartData(timeline: readonly Period<PriceAttributes>[], lines: readonly PriceLine[], now: Date): (number | null)[][] {
  const nowSeconds = now.getTime() / 1000;
  const points: { x: number; period: Period<PriceAttributes> | undefined }[] = [];
  for (const [index, period] of timeline.entries()) {
    const from = Date.parse(period.validFrom) / 1000;
    const to = period.validTo ? Date.parse(period.validTo) / 1000 : Math.max(from, nowSeconds) + 365 * 86_400;
    points.push({ x: from, period }, { x: to - 1, period });
    const next = timeline[index + 1];
    if (next && Date.parse(next.validFrom) / 1000 > to) points.push({ x: to, period: undefined });
  }
  const scheduled = (period: Period<PriceAttributes> | undefined) => period !== undefined && Date.parse(period.validFrom) / 1000 > nowSeconds;
  const series = lines.flatMap((line) => {
    const value = (period: Period<PriceAttributes> | undefined) => {
      const fen = period ? line.fenOf(period.attributes) : undefined;
      return fen === undefined ? null : fen / 100;
    };
    const shown = points.map(({ period }) => (scheduled(period) ? null : value(period)));
    const ahead = points.map(({ period }, index) => {
      if (scheduled(period)) return value(period);
      const next = points[index + 1];
      return next && scheduled(next.period) ? value(period) : null;
    });
    return [shown, ahead];
  });
  return [points.map((point) => point.x), ...series];
}

/** The lines of a price item: its ceiling, and its grade prices where it has them. */
export function priceLines(timeline: readonly Period<PriceAttributes>[]): PriceLine[] {
  const lines: PriceLine[] = [{ label: t('field.priceYuan'), fenOf: (attributes) => attributes.priceFen, colour: chartColours.ceiling }];
  for (const grade of ['3', '2', '1'] as const) {
    if (timeline.some((period) => period.attributes.gradePriceFen?.[grade] !== undefined)) {
      lines.push({ label: t(`field.gradePrice.${grade}`), fenOf: (attributes) => attributes.gradePriceFen?.[grade], colour: chartColours.grade[grade] });
    }
  }
  return lines;
}
