import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { EntryKind, Period } from '../api/api.ts';
import { barText, periodValue } from '../i18n/impact-text.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { barsOf, type Bar } from '../format/strip-model.ts';
import { baseStyles } from '../styles/styles.ts';
import { scaleFor, type Scale } from '../format/timeline-scale.ts';

/**
 * An entry's timeline before and after, as bars along one date axis: before above, after below;
 * the parts of published periods that no longer apply hatched (a period removed entirely also
 * struck through), the parts that are new in the accent colour; each bar labelled with its price
 * in yuan (or payment class, measure type); open-ended periods running off the right edge; a
 * line at now. The drawing is hidden from screen readers, which read the same periods as lists.
 *
 * @property kind - the entry's kind (how a period is labelled)
 * @property beforeTimeline - the timeline before (null: the entry did not exist)
 * @property afterTimeline - the timeline after (null: the entry applies nowhere)
 * @property beforeLabel - the row's name (default 调整前)
 * @property afterLabel - the row's name (default 调整后)
 * @property now - the instant marked as now
 */
export class GcTimelineStrip extends LitElement {
  static override styles = [
    baseStyles,
    css`
      figure {
        margin: 0;
      }
      .grid {
        display: grid;
        grid-template-columns: 88px 1fr;
        row-gap: 6px;
        align-items: center;
      }
      .row-label {
        font-size: 12px;
        color: var(--gc-muted);
        text-align: right;
        padding-right: 10px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .track {
        position: relative;
        height: 26px;
        background: var(--gc-subtle);
        border-radius: 3px;
      }
      .bar {
        position: absolute;
        top: 2px;
        bottom: 2px;
        min-width: 3px;
        box-sizing: border-box;
        border: 1px solid var(--gc-line-strong);
        background: var(--gc-fill-strong);
        border-radius: 3px;
        overflow: hidden;
      }
      .bar.open {
        border-right: none;
        border-radius: 3px 0 0 3px;
        -webkit-mask-image: linear-gradient(to left, transparent 0, #000 28px);
        mask-image: linear-gradient(to left, transparent 0, #000 28px);
      }
      .bar.new,
      .bar.partly-new {
        border-color: var(--gc-accent);
      }
      .bar.removed,
      .bar.cut {
        border-color: var(--gc-danger);
      }
      .mark {
        position: absolute;
        top: 0;
        bottom: 0;
      }
      .bar[data-row='before'] .mark {
        background: repeating-linear-gradient(135deg, var(--gc-danger-tint) 0 5px, var(--gc-surface) 5px 9px);
      }
      .bar[data-row='after'] .mark {
        background: var(--gc-info-tint);
      }
      .label {
        position: relative;
        display: block;
        padding: 0 6px;
        font-size: 12px;
        line-height: 20px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        font-variant-numeric: tabular-nums;
      }
      .bar.removed .label {
        text-decoration: line-through;
        text-decoration-color: var(--gc-danger);
        text-decoration-thickness: 2px;
        color: var(--gc-danger);
      }
      .bar.new .label,
      .bar.partly-new .label {
        color: var(--gc-accent-dark);
        font-weight: 600;
      }
      .none {
        position: absolute;
        z-index: 1;
        left: 8px;
        padding: 0 4px;
        background: var(--gc-subtle);
        font-size: 12px;
        line-height: 26px;
        color: var(--gc-muted);
      }
      .now {
        position: absolute;
        top: -3px;
        bottom: -3px;
        border-left: 2px dashed var(--gc-warning);
        pointer-events: none;
      }
      .axis {
        position: relative;
        height: 18px;
        border-top: 1px solid var(--gc-line);
      }
      .tick {
        position: absolute;
        top: 0;
        font-size: 11px;
        color: var(--gc-muted);
        border-left: 1px solid var(--gc-line);
        padding-left: 3px;
        line-height: 16px;
        white-space: nowrap;
      }
      .now-label {
        position: absolute;
        top: 0;
        font-size: 11px;
        line-height: 16px;
        color: var(--gc-warning-text);
        font-weight: 600;
        white-space: nowrap;
        background: var(--gc-surface);
        padding: 0 2px;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 2px 14px;
        margin: 6px 0 0 88px;
        font-size: 12px;
        color: var(--gc-muted);
      }
      .legend > span {
        white-space: nowrap;
      }
      .swatch {
        display: inline-block;
        width: 18px;
        height: 10px;
        border-radius: 2px;
        vertical-align: -1px;
        margin-right: 4px;
        border: 1px solid;
      }
      .swatch.lost {
        border-color: var(--gc-danger);
        background: repeating-linear-gradient(135deg, var(--gc-danger-tint) 0 4px, var(--gc-surface) 4px 7px);
      }
      .swatch.fresh {
        border-color: var(--gc-accent);
        background: var(--gc-info-tint);
      }
      .swatch.kept {
        border-color: var(--gc-line-strong);
        background: var(--gc-fill-strong);
      }
      .swatch.now-swatch {
        width: 0;
        border: none;
        border-left: 2px dashed var(--gc-warning);
      }
      .sr-only {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
    `,
  ];

  @property() kind: EntryKind = 'price-items';
  @property({ attribute: false }) beforeTimeline: Period<unknown>[] | null = null;
  @property({ attribute: false }) afterTimeline: Period<unknown>[] | null = null;
  @property({ attribute: false }) beforeLabel: string | undefined;
  @property({ attribute: false }) afterLabel: string | undefined;
  @property({ attribute: false }) now: Date = new Date();
  private readonly locale = new LocaleController(this);

  override render() {
    const bars = barsOf(this.beforeTimeline, this.afterTimeline);
    const scale = scaleFor([this.beforeTimeline ?? [], this.afterTimeline ?? []], this.now.getTime());
    const beforeLabel = this.beforeLabel ?? t('strip.before');
    const afterLabel = this.afterLabel ?? t('strip.after');
    const nowX = scale.x(this.now.getTime());
    return html`<figure data-testid="timeline-strip" aria-label=${t('strip.title')}>
      <div class="grid" aria-hidden="true">
        <div class="row-label" title=${beforeLabel}>${beforeLabel}</div>
        ${this.renderTrack(bars.before, scale, this.beforeTimeline === null ? t('strip.noBefore') : undefined)}
        <div class="row-label" title=${afterLabel}>${afterLabel}</div>
        ${this.renderTrack(bars.after, scale, this.afterTimeline === null ? t('strip.noAfter') : undefined)}
        <div></div>
        <div class="axis">
          ${scale.ticks.map((tick) => html`<span class="tick" style="left:${scale.x(tick.ms)}%">${tick.label}</span>`)}
          <span class="now-label" style="left:${nowX}%;transform:translateX(${nowX < 4 ? '0' : nowX > 96 ? '-100%' : '-50%'})">${t('strip.now')}</span>
        </div>
      </div>
      <div class="legend" aria-hidden="true">
        <span><span class="swatch kept"></span>${t('strip.legend.kept')}</span>
        <span><span class="swatch lost"></span>${t('strip.legend.lost')}</span>
        <span><span class="swatch fresh"></span>${t('strip.legend.fresh')}</span>
        <span><span class="swatch now-swatch"></span>${t('strip.now')}</span>
      </div>
      <div class="sr-only" data-testid="strip-text">
        ${this.renderList(beforeLabel, bars.before, this.beforeTimeline === null ? t('strip.noBefore') : undefined)}
        ${this.renderList(afterLabel, bars.after, this.afterTimeline === null ? t('strip.noAfter') : undefined)}
      </div>
    </figure>`;
  }

  private renderTrack(bars: Bar[], scale: Scale, empty: string | undefined) {
    const now = scale.x(this.now.getTime());
    return html`<div class="track">
      ${empty ? html`<span class="none">${empty}</span>` : nothing}
      ${bars.map((bar) => {
        const left = scale.x(bar.span.start);
        const right = bar.span.end === Infinity ? 100 : scale.x(bar.span.end);
        const width = Math.max(right - left, 0);
        const open = bar.span.end === Infinity;
        const length = (open ? scale.end : bar.span.end) - bar.span.start;
        return html`<div
          class="bar ${bar.state} ${open ? 'open' : ''}"
          style="left:${left}%;width:${width}%"
          title=${barText(this.kind, bar)}
          data-testid="strip-bar"
          data-row=${bar.row}
          data-state=${bar.state}
          data-valid-from=${bar.period.validFrom}
        >
          ${bar.marked.map((part) => {
            const from = ((part.start - bar.span.start) / length) * 100;
            const to = (((part.end === Infinity ? scale.end : part.end) - bar.span.start) / length) * 100;
            return html`<span class="mark" style="left:${from}%;width:${Math.max(to - from, 0)}%"></span>`;
          })}
          <span class="label" data-testid="strip-label">${periodValue(this.kind, bar.period.attributes)}</span>
        </div>`;
      })}
      <span class="now" style="left:${now}%"></span>
    </div>`;
  }

  private renderList(label: string, bars: Bar[], empty: string | undefined) {
    return html`<p>${label}${t('common.colon')}${empty ?? ''}</p>
      ${
        bars.length > 0
          ? html`<ul>
            ${bars.map((bar) => html`<li data-testid="strip-period" data-row=${bar.row} data-state=${bar.state} data-valid-from=${bar.period.validFrom}>${barText(this.kind, bar)}</li>`)}
          </ul>`
          : nothing
      }`;
  }
}

customElements.define('gc-timeline-strip', GcTimelineStrip);

declare global {
  interface HTMLElementTagNameMap {
    'gc-timeline-strip': GcTimelineStrip;
  }
}
