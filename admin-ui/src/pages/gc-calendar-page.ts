import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type CalendarMonth, inbox } from '../api/inbox-api.ts';
import { href } from '../app/router.ts';
import { renderTask } from '../app/task-view.ts';
import { chinaToday, formatChinaTime } from '../format/format.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { baseStyles } from '../styles/styles.ts';

/**
 * What takes effect when (issue 14 §5): a month of the published catalog as a calendar (weeks
 * from Monday, China dates), each day with how many periods start and end; choosing a day lists
 * them, each linking to its entry.
 *
 * @property month - YYYY-MM; this month (China time) when empty
 */
export class GcCalendarPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(7, minmax(0, 1fr));
        gap: 4px;
      }
      .weekday {
        text-align: center;
        font-size: 12px;
        color: var(--gc-muted);
      }
      .day {
        min-height: 64px;
        border: 1px solid var(--gc-border);
        border-radius: 4px;
        background: var(--gc-surface);
        padding: 4px;
        text-align: left;
        font: inherit;
        color: inherit;
        cursor: pointer;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      .day[disabled] {
        cursor: default;
        background: transparent;
      }
      .day[aria-pressed='true'] {
        border-color: var(--gc-header);
        box-shadow: inset 0 0 0 1px var(--gc-header);
      }
      .count {
        font-size: 12px;
      }
      .starts {
        color: var(--gc-ok-deep);
      }
      .ends {
        color: var(--gc-warning-deep);
      }
      @media (max-width: 600px) {
        .day {
          min-height: 44px;
          padding: 2px;
        }
        /* Out of sight but still part of the day's name: "3 生效" is read, not a bare "3". */
        .count .word {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
      }
    `,
  ];

  @property() month = '';
  @state() private day: string | undefined;
  private readonly locale = new LocaleController(this);
  private readonly calendar = new Task(this, {
    task: ([month], { signal }) => inbox.calendar(month, signal),
    args: () => [this.shownMonth()] as const,
  });

  override render() {
    const month = this.shownMonth();
    return html`<div class="toolbar">
        <div>
          <h1 tabindex="-1">${t('calendar.title')}</h1>
          <div class="muted small">${t('calendar.subtitle')}</div>
        </div>
        <div>
          <a class="button" href=${href.calendar(shift(month, -1))} data-testid="calendar-previous">${t('calendar.previous')}</a>
          <strong data-testid="calendar-month">${t('calendar.month', { year: month.slice(0, 4), month: Number(month.slice(5)) })}</strong>
          <a class="button" href=${href.calendar(shift(month, 1))} data-testid="calendar-next">${t('calendar.next')}</a>
        </div>
      </div>
      <div class="panel">${renderTask(this.calendar, (answer) => this.renderMonth(answer))}</div>`;
  }

  private renderMonth(answer: CalendarMonth) {
    const byDate = new Map(answer.days.map((day) => [day.date, day.events]));
    const cells = monthCells(answer.month);
    const chosen = this.day ? byDate.get(this.day) : undefined;
    return html`<div class="grid" data-testid="calendar-grid" role="group" aria-label=${t('calendar.month', { year: answer.month.slice(0, 4), month: Number(answer.month.slice(5)) })}>
        ${[1, 2, 3, 4, 5, 6, 7].map((weekday) => html`<div class="weekday" aria-hidden="true">${t(`calendar.weekday.${weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)}</div>`)}
        ${cells.map((date) => {
          if (!date) return html`<span></span>`;
          const events = byDate.get(date) ?? [];
          const starts = events.filter((event) => event.what === 'starts').length;
          const ends = events.length - starts;
          return html`<button class="day" data-testid="calendar-day" data-date=${date} data-events=${events.length} ?disabled=${events.length === 0}
            aria-pressed=${String(this.day === date)} @click=${() => (this.day = date)}>
            <span>${Number(date.slice(8))}</span>
            ${starts ? html`<span class="count starts">${starts}<span class="word"> ${t('calendar.starts')}</span></span>` : null}
            ${ends ? html`<span class="count ends">${ends}<span class="word"> ${t('calendar.ends')}</span></span>` : null}
          </button>`;
        })}
      </div>
      ${
        chosen
          ? html`<h2 tabindex="-1" data-testid="calendar-day-title">${this.day}</h2>
            <ul data-testid="calendar-events">
              ${chosen.map(
                (event) => html`<li data-testid="calendar-event" data-kind=${event.kind} data-code=${event.code} data-what=${event.what}>
                  <span class=${event.what}>${t(event.what === 'starts' ? 'calendar.startsAt' : 'calendar.endsAt', { at: formatChinaTime(event.at) })}</span>
                  · ${t(`kind.${event.kind}`)} · <a href=${href.entry(event.kind, event.code)}>${event.name}</a> <span class="mono small">${event.code}</span>
                </li>`,
              )}
            </ul>`
          : html`<p class="muted small">${t('calendar.pickDay')}</p>`
      }`;
  }

  private shownMonth(): string {
    return /^\d{4}-\d{2}$/.test(this.month) ? this.month : chinaToday().slice(0, 7);
  }
}

/** The month's dates laid out in weeks from Monday, blanks before the 1st. */
function monthCells(month: string): (string | undefined)[] {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, number - 1, 1));
  const days = new Date(Date.UTC(year, number, 0)).getUTCDate();
  const blanks = (first.getUTCDay() + 6) % 7;
  return [...Array.from({ length: blanks }, () => undefined), ...Array.from({ length: days }, (_, index) => `${month}-${String(index + 1).padStart(2, '0')}`)];
}

function shift(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + number - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

customElements.define('gc-calendar-page', GcCalendarPage);

declare global {
  interface HTMLElementTagNameMap {
    'gc-calendar-page': GcCalendarPage;
  }
}
