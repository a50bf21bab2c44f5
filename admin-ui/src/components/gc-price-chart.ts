import { css, html, LitElement, type PropertyValues, unsafeCSS } from 'lit';
import { property } from 'lit/decorators.js';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css?inline';
import type { AttributesOf, Period } from '../api/api.ts';
import { formatChinaTime } from '../format/format.ts';
import { chartColours, chartData, priceLines } from './price-chart-data.ts';
import { LocaleController, t } from '../i18n/i18n.ts';

type PriceAttributes = AttributesOf<'price-items'>;

/**
 * A step chart of a price item's prices over time (issue 14 §5): the ceiling and grade prices in
 * yuan, each changing at a period's start; scheduled periods dashed; a marker at now. Drawn
 * with uPlot (small, canvas); the periods table beside it stays the exact record.
 *
 * @property timeline - the entry's periods (as of the release shown)
 */
export class GcPriceChart extends LitElement {
  static override styles = [
    unsafeCSS(uPlotStyles),
    css`
      :host {
        display: block;
      }
      .chart {
        width: 100%;
        min-height: 260px;
      }
      .legend-note {
        font-size: 12px;
        color: var(--gc-text-quiet);
      }
    `,
  ];

  @property({ attribute: false }) timeline: readonly Period<PriceAttributes>[] = [];
  private readonly locale = new LocaleController(this);
  private plot: uPlot | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  override render() {
    return html`<div class="chart" data-testid="price-chart" role="img" aria-label=${t('chart.priceAria', { count: this.timeline.length })}></div>
      <div class="legend-note">${t('chart.scheduledDashed')}</div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('timeline')) this.draw();
  }

  private draw(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!target) return;
    this.plot?.destroy();
    const now = new Date();
    const lines = priceLines(this.timeline);
    const nowSeconds = now.getTime() / 1000;
    const options: uPlot.Options = {
      width: Math.max(280, target.clientWidth),
      height: 260,
      scales: { x: { time: true } },
      axes: [
        { space: 90, values: (_plot, ticks) => ticks.map((tick) => formatChinaTime(new Date(tick * 1000).toISOString()).slice(0, 7)) },
        // The unit is in every series' label (最高限价（元）), so the axis needs none (it overlapped the ticks on phones).
        { values: (_plot, ticks) => ticks.map((tick) => tick.toFixed(2)) },
      ],
      series: [
        { label: t('chart.time'), value: (_plot, value) => (value === null ? '—' : formatChinaTime(new Date(value * 1000).toISOString()).slice(0, 10)) },
        ...lines.flatMap((line) => [
          { label: line.label, stroke: line.colour, width: 2, value: yuan },
          { label: `${line.label}（${t('chart.scheduled')}）`, stroke: line.colour, width: 2, dash: [6, 4], value: yuan },
        ]),
      ],
      hooks: {
        draw: [
          (plot) => {
            // A thin line at now.
            const x = Math.round(plot.valToPos(nowSeconds, 'x', true));
            const { ctx } = plot;
            ctx.save();
            ctx.strokeStyle = chartColours.now;
            ctx.setLineDash([2, 3]);
            ctx.beginPath();
            ctx.moveTo(x, plot.bbox.top);
            ctx.lineTo(x, plot.bbox.top + plot.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    this.plot = new uPlot(options, chartData(this.timeline, lines, now) as uPlot.AlignedData, target);
    this.resize.observe(target);
  }

  private fit(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (this.plot && target) this.plot.setSize({ width: Math.max(280, target.clientWidth), height: 260 });
  }
}

function yuan(_plot: uPlot, value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)} ${t('chart.yuanUnit')}`;
}

customElements.define('gc-price-chart', GcPriceChart);

declare global {
  interface HTMLElementTagNameMap {
    'gc-price-chart': GcPriceChart;
  }
}
