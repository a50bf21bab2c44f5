import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe-core rule broken on a page, with the elements that break it (selectors through shadow roots). */
export interface Violation {
  rule: string;
  impact: 'critical' | 'serious';
  help: string;
  nodes: { target: string; summary: string }[];
}

/**
 * The critical and serious axe-core violations of the page as it is now. axe walks open shadow
 * roots itself, so every Lit component is checked; it is injected once per document.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact as 'critical' | 'serious',
        help: violation.help,
        nodes: violation.nodes.map((node) => ({ target: JSON.stringify(node.target), summary: node.failureSummary ?? '' })),
      }));
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] }[];
    }
  });
}

/**
 * What axe-core and the page's width find wrong with the page as it is now, one line each: a
 * rule with the elements breaking it, the elements sticking out on the right, the signed-in
 * controls outside the window.
 */
export async function pageFaults(page: Page): Promise<string[]> {
  const width = await overflow(page);
  const violations = await seriousViolations(page);
  return [
    ...violations.map((violation) => `${violation.rule} (${violation.impact}) at ${violation.nodes.map((node) => node.target).join(' ')}`),
    ...(width.scrollWidth > width.viewportWidth ? [`${width.scrollWidth}px wide: ${width.widest.join(', ')}`] : []),
    ...(width.outside.length > 0 ? [`outside the window: ${width.outside.join(', ')}`] : []),
  ];
}

/** How far the page is wider than the window, and the signed-in controls that lie outside it (by test id). */
export async function overflow(page: Page): Promise<{ scrollWidth: number; viewportWidth: number; outside: string[]; widest: string[] }> {
  return page.evaluate(() => {
    const viewportWidth = window.innerWidth;
    const all: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        all.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    const outside = all
      .filter((element) => ['sign-out', 'locale-switch', 'notification-bell'].includes(element.getAttribute('data-testid') ?? ''))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.left < 0 || box.right > viewportWidth;
      })
      .map((element) => element.getAttribute('data-testid') ?? '');
    // The elements sticking out on the right, innermost first, to say what to fix.
    const widest = all
      .filter((element) => element.getBoundingClientRect().right > viewportWidth + 0.5)
      .filter((element) => ![...(element.shadowRoot?.children ?? element.children)].some((child) => child.getBoundingClientRect().right > viewportWidth + 0.5))
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''} → ${Math.round(element.getBoundingClientRect().right)}px`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, viewportWidth, outside, widest };
  });
}

/** The focused element, inside shadow roots, as `tag:text` (its first 40 characters). */
export async function deepActiveElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? `${active.tagName.toLowerCase()}${active.textContent ? `:${active.textContent.trim().slice(0, 40)}` : ''}` : '';
  });
}

/**
 * Tabs through the page from its top `presses` times; for each control reached, a line if its
 * focus ring is missing, thinner than 2 px, or under 3:1 against what lies behind it (WCAG 2.2
 * §2.4.13 and §1.4.11).
 */
export async function focusRingFaults(page: Page, presses: number): Promise<string[]> {
  await page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    (active as HTMLElement | null)?.blur();
  });
  const faults = new Set<string>();
  for (let press = 0; press < presses; press += 1) {
    await page.keyboard.press('Tab');
    const fault = await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      if (!active || active === document.body) return undefined;
      const host = (active.getRootNode() as ShadowRoot).host?.tagName.toLowerCase() ?? 'document';
      const label = active.getAttribute('data-testid') ?? active.getAttribute('type') ?? (active.textContent ?? '').trim().slice(0, 20);
      const name = `${host} ${active.tagName.toLowerCase()}:${label}`;
      // Focus on a part the browser draws inside a control (a date field's picker button): its ring is the
      // ::-webkit-calendar-picker-indicator:focus-visible of styles.ts, which computed styles do not show.
      if (!active.matches(':focus')) return undefined;
      const style = getComputedStyle(active);
      if (style.outlineStyle === 'none' || Number.parseFloat(style.outlineWidth) < 2) return `${name}: ring ${style.outlineStyle} ${style.outlineWidth}`;
      const rgba = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
      // What lies behind the ring: the first opaque background from the control's parent up, through shadow hosts.
      let node: Element | null = active.parentElement ?? ((active.getRootNode() as ShadowRoot).host || null);
      let behind = [255, 255, 255];
      while (node) {
        const [r = 0, g = 0, b = 0, a = 1] = rgba(getComputedStyle(node).backgroundColor);
        if (a === 1) {
          behind = [r, g, b];
          break;
        }
        node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
      }
      const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
        const linear = (channel: number) => (channel / 255 <= 0.03928 ? channel / 255 / 12.92 : ((channel / 255 + 0.055) / 1.055) ** 2.4);
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
      };
      const [ring, back] = [luminance(rgba(style.outlineColor)), luminance(behind)];
      const ratio = (Math.max(ring, back) + 0.05) / (Math.min(ring, back) + 0.05);
      return ratio < 3 ? `${name}: ring ${style.outlineColor} on rgb(${behind.join(', ')}) is ${ratio.toFixed(1)}:1` : undefined;
    });
    if (fault) faults.add(fault);
  }
  return [...faults];
}
