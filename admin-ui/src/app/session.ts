import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { can, type Action } from '../../../policy-catalog/access.ts';
import { api, onSessionChange, type Identity } from '../api/api.ts';

/**
 * Who is signed in, for components that show or hide things by role. The API decides access;
 * the console only hides what the policy table says a role may not do.
 */
export class SessionController implements ReactiveController {
  identity: Identity | undefined = api.identity();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** True when the signed-in role may do `action` (the same policy table the API uses). */
  can(action: Action): boolean {
    return this.identity !== undefined && can(this.identity.role, action);
  }

  hostConnected(): void {
    this.identity = api.identity();
    this.unsubscribe = onSessionChange(() => {
      this.identity = api.identity();
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}
