import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { identityFromClaims, roles } from './identity-claims.ts';
import type { Identity, Role } from '../api/api-types.ts';
import type { SignInConfig } from './runtime-config.ts';

/** A demo user the local provider signs in without a password (`GET <issuer>/demo-users`). */
export interface DemoUser {
  username: string;
  role: Role;
  name: string;
  orgId?: string;
  orgName?: string;
}

const SESSION_EVENT = 'gc-session-change';

/** What the sign-in started with, carried through the provider in the request's state. */
interface SignInState {
  /** The console route to go back to (the hash). */
  returnTo: string;
}

let config: SignInConfig | undefined;
let manager: UserManager | undefined;
let user: User | null = null;
/** Why the last sign-in failed (the provider's error, a callback without its state), for the sign-in page. */
let lastError: Error | undefined;
let renewing: Promise<User | null> | undefined;

/**
 * The console's sign-in, through the OpenID Connect provider named in config.json (the local
 * provider, Cognito's hosted pages or the bureau's own), with oidc-client-ts: authorization
 * code + PKCE (S256), tokens kept in sessionStorage (they never outlive the tab), renewed before
 * they expire with the refresh token (oidc-client-ts's automatic silent renew), and sign-out at
 * the provider's end-session endpoint. Call `startAuth` once before the console renders: it
 * finishes a sign-in when the page is the provider's callback.
 */
export async function startAuth(signIn: SignInConfig | undefined): Promise<void> {
  config = signIn;
  if (!signIn) return;
  manager = new UserManager({
    authority: signIn.issuer,
    client_id: signIn.clientId,
    redirect_uri: signIn.redirectUri,
    post_logout_redirect_uri: signIn.postLogoutRedirectUri,
    scope: signIn.scope,
    response_type: 'code',
    // Endpoints config.json names win over discovery (Cognito's hosted domain, a provider's own sign-out URL).
    metadataSeed: {
      ...(signIn.authorizationEndpoint ? { authorization_endpoint: signIn.authorizationEndpoint } : {}),
      ...(signIn.tokenEndpoint ? { token_endpoint: signIn.tokenEndpoint } : {}),
      ...(signIn.endSessionEndpoint ? { end_session_endpoint: signIn.endSessionEndpoint } : {}),
    },
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // A minute before the access token expires, the refresh token gets a new one (no iframe: the
    // provider gives people refresh tokens, locally and on Cognito alike).
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    loadUserInfo: false,
  });
  manager.events.addUserLoaded((loaded) => setUser(loaded));
  manager.events.addUserUnloaded(() => setUser(null));
  // The token ran out without a renewal (the background one failed, or the tab slept): one more
  // try with the refresh token, else the person signs in again.
  manager.events.addAccessTokenExpired(() => void renew());

  const location = window.location;
  if (isSignOutCallback(location, signIn.postLogoutRedirectUri)) {
    // Back from the provider's sign-out: on the route the person signed out from, signed out.
    const signedOut = await manager.signoutRedirectCallback().catch(() => undefined);
    const returnTo = (signedOut?.userState as SignInState | undefined)?.returnTo ?? '';
    window.history.replaceState(null, '', `${location.pathname}${returnTo}`);
  } else if (isCallback(location, signIn.redirectUri)) {
    let returnTo = '';
    try {
      const signedIn = await manager.signinRedirectCallback();
      returnTo = (signedIn.state as SignInState | undefined)?.returnTo ?? '';
      setUser(signedIn, false);
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
    }
    // The code and state are spent: the address goes back to the console's route.
    window.history.replaceState(null, '', `${new URL(signIn.postLogoutRedirectUri, location.href).pathname}${returnTo}`);
    return;
  }

  const stored = await manager.getUser();
  if (stored?.expired) {
    // Back to a tab whose access token ran out meanwhile: renew it now, or sign in again.
    setUser(await renew(), false);
  } else {
    setUser(stored, false);
  }
}

/** Whether sign-in is configured at all (config.json names an issuer). */
export function signInConfigured(): boolean {
  return manager !== undefined;
}

/** The signed-in identity, from the ID token's claims; undefined when signed out or the token names no role. */
export function currentIdentity(): Identity | undefined {
  if (!user || !config) return undefined;
  return identityFromClaims(user.profile as Record<string, unknown>, config);
}

/** Signed in at the provider, but the token says nothing the console knows (no role, or no organisation for a hospital or firm). */
export function signedInWithoutRole(): { name: string } | undefined {
  if (!user || currentIdentity()) return undefined;
  const profile = user.profile;
  return { name: String(profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub) };
}

/** The access token for the API. */
export function accessToken(): string | undefined {
  return user && !user.expired ? user.access_token : undefined;
}

export function signInError(): Error | undefined {
  return lastError;
}

/**
 * Sends the browser to the provider (authorization code + PKCE). `loginHint` names a demo user,
 * whom the local provider then signs in without showing its page.
 */
export async function signIn(loginHint?: string): Promise<void> {
  if (!manager) throw new Error('sign-in is not configured (config.json has no issuer)');
  lastError = undefined;
  const state: SignInState = { returnTo: window.location.hash };
  await manager.signinRedirect({ state, ...(loginHint ? { extraQueryParams: { login_hint: loginHint } } : {}) });
}

/**
 * Signs out here and at the provider: the refresh token is revoked where the provider allows it,
 * then the browser goes to the provider's end-session endpoint (OpenID Connect RP-initiated
 * logout; Cognito's `/logout` wants `client_id` and `logout_uri` instead) and comes back to the
 * console signed out.
 */
export async function signOut(): Promise<void> {
  if (!manager || !config) return;
  const current = user;
  await manager.revokeTokens(['refresh_token']).catch(() => undefined);
  if (!(await hasEndSession(manager))) {
    await forget();
    return;
  }
  const state: SignInState = { returnTo: window.location.hash };
  const cognito = config.identityMode === 'cognito';
  await manager.signoutRedirect({
    state,
    // Cognito's `/logout` sends the browser to `logout_uri` (without the state); oidc-client-ts adds
    // `client_id` itself only when it has no ID token to send.
    ...(cognito ? { extraQueryParams: { logout_uri: config.postLogoutRedirectUri, ...(current?.id_token ? { client_id: config.clientId } : {}) } } : {}),
  });
}

/**
 * A fresh access token by the refresh token; null (and signed out here) when the provider
 * refuses. One renewal at a time: a refresh token used twice may be taken for a stolen one.
 */
export function renew(): Promise<User | null> {
  const userManager = manager;
  if (!userManager) return Promise.resolve(null);
  renewing ??= (async () => {
    try {
      return await userManager.signinSilent();
    } catch {
      await forget();
      return null;
    } finally {
      renewing = undefined;
    }
  })();
  return renewing;
}

/** Signed out in this tab only (the token is gone or refused); the provider's session is left as it is. */
async function forget(): Promise<void> {
  await manager?.removeUser();
  setUser(null);
}

/** The local provider's demo users, when the provider is on the console's own origin (only `npm start` does that); else none. */
export async function demoUsers(): Promise<DemoUser[]> {
  if (!config) return [];
  const issuer = new URL(config.issuer, window.location.href);
  if (issuer.origin !== window.location.origin) return [];
  try {
    const response = await fetch(`${issuer.href.replace(/\/$/, '')}/demo-users`, { headers: { Accept: 'application/json' } });
    const listed: unknown = response.ok ? await response.json() : [];
    return Array.isArray(listed) ? listed.filter(isDemoUser) : [];
  } catch {
    return [];
  }
}

/** Dispatched on window whenever someone signs in or out, or the tokens are renewed. */
export function onSessionChange(listener: () => void): () => void {
  window.addEventListener(SESSION_EVENT, listener);
  return () => window.removeEventListener(SESSION_EVENT, listener);
}

function setUser(next: User | null, notify = true): void {
  user = next;
  if (notify) window.dispatchEvent(new CustomEvent(SESSION_EVENT));
}

async function hasEndSession(userManager: UserManager): Promise<boolean> {
  try {
    return Boolean(await userManager.metadataService.getEndSessionEndpoint());
  } catch {
    return false;
  }
}

/** The provider's return from a sign-out (OpenID Connect RP-initiated logout): on the post-logout URI's path, with the state only. */
function isSignOutCallback(location: Location, postLogoutRedirectUri: string): boolean {
  const params = new URLSearchParams(location.search);
  return location.pathname === new URL(postLogoutRedirectUri, location.href).pathname && params.has('state') && !params.has('code') && !params.has('error');
}

/** The provider's answer to a sign-in: on the redirect URI's path, with a code (or an error) and the state. */
function isCallback(location: Location, redirectUri: string): boolean {
  const expected = new URL(redirectUri, location.href);
  const params = new URLSearchParams(location.search);
  return location.pathname === expected.pathname && params.has('state') && (params.has('code') || params.has('error'));
}

function isDemoUser(value: unknown): value is DemoUser {
  const candidate = value as DemoUser;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof candidate.username === 'string' &&
    roles.includes(candidate.role as Role) &&
    typeof candidate.name === 'string' &&
    (candidate.orgName === undefined || typeof candidate.orgName === 'string')
  );
}
