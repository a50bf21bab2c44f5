import { html } from 'lit';
import { t, type MessageKey } from '../i18n/i18n.ts';

/** The pooling areas of Jilin province (administrative division codes); 220000 is the whole province. */
const areaNames: Record<string, MessageKey> = {
  '220000': 'area.220000',
  '220100': 'area.220100',
  '220200': 'area.220200',
  '220300': 'area.220300',
  '220400': 'area.220400',
  '220500': 'area.220500',
  '220600': 'area.220600',
  '220700': 'area.220700',
  '220800': 'area.220800',
  '222400': 'area.222400',
};

/** "长春市 220100", or the code alone for an area the console does not know by name. */
export function poolingAreaText(code: string): string {
  const name = areaNames[code];
  return name ? `${t(name)} ${code}` : code;
}

/** The same for a table cell: the name kept on one line, the code beside it in small type. */
export function poolingAreaCell(code: string) {
  const name = areaNames[code];
  return name ? html`<span class="nowrap">${t(name)}</span> <span class="muted small mono">${code}</span>` : html`<span class="mono">${code}</span>`;
}
