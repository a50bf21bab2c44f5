import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tables of a component as cards on phones: after each render, every body cell of the host's
 * tables gets its column's header text as `data-label`, which the card layout (styles-cards.ts)
 * shows before the value once the header row is hidden. Add one to any component that renders a
 * `<table>` with a `<thead>`.
 */
export class CardLabelsController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostUpdated(): void {
    labelCells(this.host.shadowRoot ?? this.host);
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
