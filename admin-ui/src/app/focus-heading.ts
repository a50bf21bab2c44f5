/**
 * Takes the keyboard (and a screen reader) to the heading of content that has just replaced
 * what was there: a page after navigation (the shell does this), a form just opened, a change
 * set after it was submitted. Without it focus drops to the page body when the control that
 * had it goes away, and the next Tab starts again from the top.
 *
 * The content may still be loading its data: the heading is focused once it is rendered and
 * nothing inside is loading, or never if the person has moved focus elsewhere meanwhile.
 * `selector` picks the heading within `content` (its shadow root when it has one).
 */
export function focusHeading(content: Element, selector = 'h1', timeoutMs = 5000): void {
  const startedFrom = deepActiveElement();
  const deadline = performance.now() + timeoutMs;
  const attempt = () => {
    if (!content.isConnected) return;
    const active = deepActiveElement();
    if (active !== startedFrom && active !== document.body && active !== null) return;
    const heading = (content.shadowRoot ?? content).querySelector<HTMLElement>(selector);
    if (heading && !isLoading(content)) {
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      return;
    }
    if (performance.now() < deadline) setTimeout(attempt, 50);
  };
  requestAnimationFrame(attempt);
}

/** The focused element, inside shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether a loading line (task-view.ts) is shown anywhere inside `element`, its components' shadow roots included. */
function isLoading(element: Element): boolean {
  const root = element.shadowRoot ?? element;
  if (root.querySelector('.loading')) return true;
  return [...root.querySelectorAll('*')].some((child) => child.shadowRoot !== null && isLoading(child));
}
