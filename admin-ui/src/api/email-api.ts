import { ApiError, HttpClient } from './api-http.ts';
import type { components } from './openapi.d.ts';

/** Whether I am mailed my notifications, where, and whether mail leaves at all (`outbox`: kept for an admin to read). */
export type EmailPreference = components['schemas']['EmailPreferenceAnswer'];
export type OutboxMail = components['schemas']['OutboxMail'];
export type OutboxPage = components['schemas']['OutboxPage'];

/** Mail for people who opt in (issue 14 §3): my choice, the code that confirms an address, and the admins' outbox. */
export class EmailClient extends HttpClient {
  /** My choice, or undefined where the API offers no mail (no sender configured). */
  async preference(signal?: AbortSignal): Promise<EmailPreference | undefined> {
    try {
      return await this.request<EmailPreference>(['v1', 'me', 'email'], signal ? { signal } : {});
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 404) return undefined;
      throw error;
    }
  }

  /** Mail a code to `address`; mail starts when it is typed back. */
  start(address: string): Promise<EmailPreference> {
    return this.request(['v1', 'me', 'email'], { method: 'PUT', body: { address } });
  }

  confirm(code: string): Promise<EmailPreference> {
    return this.request(['v1', 'me', 'email', 'confirm'], { method: 'POST', body: { code } });
  }

  stop(): Promise<EmailPreference> {
    return this.request(['v1', 'me', 'email'], { method: 'DELETE' });
  }

  outbox(cursor?: string, signal?: AbortSignal): Promise<OutboxPage> {
    return this.request(['v1', 'email-outbox'], { query: { limit: 20, cursor }, ...(signal ? { signal } : {}) });
  }
}

/** The one mail client of the console; main.ts points it at the API with the others. */
export const emailApi = new EmailClient();
