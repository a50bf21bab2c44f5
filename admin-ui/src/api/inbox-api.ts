import type { ApplicationType } from '../../../policy-catalog/applications/materials.ts';
import { HttpClient } from './api-http.ts';
import type { components } from './openapi.d.ts';

/** The inbox in numbers (issue 14 §5): open, due within two working days, overdue; generated from the API's schema. */
export type InboxCounters = components['schemas']['ApplicationCounters'];
/** A month of what takes effect when. */
export type CalendarMonth = components['schemas']['CalendarMonth'];

/** The reviewers' counters of each application type, and the catalog's calendar of what takes effect when. */
export class InboxClient extends HttpClient {
  calendar(month: string, signal?: AbortSignal): Promise<CalendarMonth> {
    return this.request(['v1', 'catalog', 'calendar'], { query: { month }, ...(signal ? { signal } : {}) });
  }

  counters(type: ApplicationType, signal?: AbortSignal): Promise<InboxCounters> {
    return this.request(['v1', `${type}-applications`, 'counters'], signal ? { signal } : {});
  }
}

export const inbox = new InboxClient();
