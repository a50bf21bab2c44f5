import type { Task } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import { t } from '../i18n/i18n.ts';
import '../components/gc-problem.ts';

/**
 * A Task (an API resource being loaded) rendered the same way everywhere: a loading line, the
 * problem on error, and while it reloads, the value it had.
 */
export function renderTask<A extends readonly unknown[], R>(task: Task<A, R>, complete: (value: R) => unknown): unknown {
  return task.render({
    initial: loading,
    pending: () => (task.value === undefined ? loading() : complete(task.value)),
    complete,
    error: (error) => html`<gc-problem .error=${error}></gc-problem>`,
  });
}

export function loading(): TemplateResult {
  return html`<p class="muted loading" data-testid="loading">${t('common.loading')}</p>`;
}
