import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A component's tables, readable on any screen (issue 14 §6). On phones they are cards: after
 * each render every body cell gets its column's header text as `data-label`, which the card
 * layout (styles-cards.ts) shows before the value once the header row is hidden. Wider screens
 * keep the table, and a `.table-scroll` box it overflows becomes a tab stop so that the keyboard
 * can scroll it too (axe scrollable-region-focusable). Add one to any component that renders a
 * `<table>` with a `<thead>`.
 */
export class TableController implements ReactiveController {
  private observed = new WeakSet<Element>();
  private readonly resizes = new ResizeObserver((entries) => {
    for (const { target } of entries) scrollableByKeyboard(target);
  });

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostUpdated(): void {
    const root = this.host.shadowRoot ?? this.host;
    labelCells(root);
    for (const box of root.querySelectorAll('.table-scroll')) {
      if (this.observed.has(box)) continue;
      this.observed.add(box);
      this.resizes.observe(box);
    }
  }

  hostDisconnected(): void {
    this.resizes.disconnect();
    this.observed = new WeakSet();
  }
}

/** Copies each column header's text onto the body cells below it (a header spanning columns labels each of them). */
export function labelCells(root: ParentNode): void {
  for (const table of root.querySelectorAll('table')) {
    const header = table.tHead?.rows[0];
    if (!header) continue;
    const labels = [...header.cells].flatMap((cell) => Array<string>(cell.colSpan).fill(cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          // A cell spanning the whole row (an empty list's line, a detail row) is a line of its own, not a labelled value.
          const label = cell.colSpan > 1 ? '' : (labels[column] ?? '');
          if (cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
          column += cell.colSpan;
        }
      }
    }
  }
}

/** A box the table overflows is a tab stop (arrow keys scroll it); one it fits in is not. */
function scrollableByKeyboard(box: Element): void {
  if (box.scrollWidth > box.clientWidth) box.setAttribute('tabindex', '0');
  else box.removeAttribute('tabindex');
}
