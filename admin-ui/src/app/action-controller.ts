import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One user action at a time against the API (sign in, issue a token, import a file): busy while
 * it runs, and the error it ended with, kept for a `<gc-problem>` to show. Re-renders its host
 * when either changes.
 */
export class ActionController implements ReactiveController {
  busy = false;
  error: unknown = undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Runs `work`; resolves with its result, or undefined when it failed (the error is kept). */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      return await work();
    } catch (error) {
      this.error = error;
      return undefined;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Forget the last error (the user changed what it was about). */
  clear(): void {
    this.error = undefined;
    this.host.requestUpdate();
  }
}
