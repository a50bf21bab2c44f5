/**
 * What the console learns at run time from `/config.json`: served by `npm start` locally, written
 * to S3 by the deployment on AWS (`infra/green-channel-stack.ts`, same key names). Nothing here
 * is secret: the console is a public client (authorization code + PKCE).
 */
export interface RuntimeConfig {
  /** The API's base URL; absent: the console's own origin (the local server). */
  apiUrl?: string;
  /** How the console signs people in; absent when config.json has no issuer (the console then says so). */
  signIn?: SignInConfig;
}

export interface SignInConfig {
  /** The OpenID Connect issuer; its discovery document names whatever the endpoints below leave out. */
  issuer: string;
  clientId: string;
  /** Where the provider sends the browser back with the code (`/auth/callback` locally, the console's root on AWS). */
  redirectUri: string;
  postLogoutRedirectUri: string;
  scope: string;
  /** Where a token keeps the roles and the organisation (locally `roles` / `org_id`; Cognito's by default). */
  rolesClaim: string;
  orgClaim: string;
  /** `cognito` when the provider is a Cognito user pool: its sign-out (`/logout`) takes `client_id` and `logout_uri`. */
  identityMode?: string;
  /** Overrides for the discovery document (Cognito's hosted-domain endpoints; the sign-out URL of any provider). */
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  endSessionEndpoint?: string;
}

/** Cognito's claims: the groups a user is in, and the organisation attribute only administrators set. */
export const defaultClaimNames = { rolesClaim: 'cognito:groups', orgClaim: 'custom:orgId' } as const;

/** Reads `/config.json`; a missing or unreadable one gives the same-origin API and no sign-in. */
export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  let raw: unknown;
  try {
    const response = await fetch('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    raw = response.ok ? await response.json() : undefined;
  } catch {
    raw = undefined;
  }
  return parseRuntimeConfig(raw);
}

/** The config's known keys, each a non-empty string or left out; unknown keys are ignored. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const text = (key: string): string | undefined => {
    const value = record[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const apiUrl = text('apiUrl');
  const issuer = text('issuer');
  const clientId = text('clientId');
  const redirectUri = text('redirectUri');
  const config: RuntimeConfig = apiUrl ? { apiUrl } : {};
  if (!issuer || !clientId || !redirectUri) return config;
  const optional = (key: 'identityMode' | 'authorizationEndpoint' | 'tokenEndpoint' | 'endSessionEndpoint') => {
    const value = text(key);
    return value ? { [key]: value } : {};
  };
  config.signIn = {
    issuer,
    clientId,
    redirectUri,
    postLogoutRedirectUri: text('postLogoutRedirectUri') ?? redirectUri,
    scope: text('scope') ?? 'openid profile',
    rolesClaim: text('rolesClaim') ?? defaultClaimNames.rolesClaim,
    orgClaim: text('orgClaim') ?? defaultClaimNames.orgClaim,
    ...optional('identityMode'),
    ...optional('authorizationEndpoint'),
    ...optional('tokenEndpoint'),
    ...optional('endSessionEndpoint'),
  };
  return config;
}
