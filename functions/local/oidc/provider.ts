import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { type ClientMetadata, type Configuration, errors, Provider, type ResourceServer } from 'oidc-provider';
import { type ClaimNames, catalogReadScope } from '../../http/claims.ts';
import type { ClientRegistry } from '../../http/client-registry.ts';
import { LocalAccounts } from './accounts.ts';
import { createFileAdapter } from './adapter.ts';
import { providerClientRegistry } from './client-registry.ts';
import { demoGrantClientId, demoUserGrantType, registerDemoUserGrant } from './demo-user-grant.ts';
import { claimsOf, type DemoUser, demoSystemClientId, demoUsers as defaultDemoUsers } from './demo-users.ts';
import { interactionPath, localInteractions } from './interactions.ts';
import { loadProviderSecrets } from './keys.ts';

/** The claim names the local provider writes and the local app reads. */
export const localClaimNames: ClaimNames = { roles: 'roles', org: 'org_id' };

/** The API's resource indicator locally: the `aud` of the provider's access tokens. */
export const localApiAudience = 'urn:green-channel:api';

/** The console's client: public, authorization code + PKCE, refresh tokens. */
export const consoleClientId = 'gc-console';

/** RFC 9068 access tokens live at most this long (issue 10: ≤ 15 minutes). */
const ACCESS_TOKEN_SECONDS = 15 * 60;
/** A signed-in person stays signed in (refreshing) for a working day. */
const SESSION_SECONDS = 12 * 60 * 60;

export interface LocalProviderOptions {
  /** `http://localhost:<port>/oidc`: the provider is mounted at the issuer's path, on the app's own port. */
  issuer: string;
  /** `GC_DATA_DIR`: keys, cookie keys, client secrets and the provider's store go under `oidc/` there. */
  dataDirectory: string;
  demoUsers?: readonly DemoUser[];
  /** The API's resource indicator and the access tokens' `aud`; an absolute URI (RFC 8707). */
  apiAudience: string;
  claimNames?: ClaimNames;
}

export interface LocalProvider {
  provider: Provider;
  /** The issuer's path (`/oidc`): requests under it go to `callback`, see `withProviderAt`. */
  mountPath: string;
  /** A Node request handler for paths already stripped of `mountPath` (as connect's `app.use('/oidc', …)` passes them). */
  callback: (req: IncomingMessage, res: ServerResponse) => void;
  jwksUrl: URL;
  /** The provider's public keys, for verifying its tokens in the same process without an HTTP round trip. */
  keys: JWTVerifyGetKey;
  /** The demo downstream system's client secret (kept in the data directory). */
  demoSystemSecret: string;
  /** Downstream systems' clients registered by the bureau, in the provider's own store. */
  clientRegistry: ClientRegistry;
  /** The provider's people, whose organisation an admin may change. */
  accounts: LocalAccounts;
}

/**
 * The local OpenID Connect provider (panva's oidc-provider, OpenID certified): discovery, JWKS,
 * authorization code + PKCE for the console, refresh tokens for people, client credentials for
 * downstream systems, and, only here, the demo-user grant for scripts and tests. Access tokens
 * are JWTs for the API (RFC 9068) carrying the claims the API maps to an identity.
 */
export async function createLocalProvider({
  issuer,
  dataDirectory,
  demoUsers = defaultDemoUsers,
  apiAudience,
  claimNames = localClaimNames,
}: LocalProviderOptions): Promise<LocalProvider> {
  const directory = path.join(dataDirectory, 'oidc');
  const secrets = await loadProviderSecrets(directory);
  const demoSystemSecret = secrets.clientSecret(demoSystemClientId);
  const { origin, pathname } = new URL(issuer);
  const mountPath = pathname.replace(/\/$/, '');
  const accounts = new LocalAccounts(demoUsers, path.join(directory, 'accounts.json'));
  const systemNames = new Map(demoUsers.filter((user) => user.role === 'downstream').map((user) => [user.username, user.name]));
  const resourceServer: ResourceServer = { scope: catalogReadScope, audience: apiAudience, accessTokenFormat: 'jwt', accessTokenTTL: ACCESS_TOKEN_SECONDS };

  const clients: ClientMetadata[] = [
    {
      client_id: consoleClientId,
      client_name: '绿色通道管理台',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [`${origin}/`, `${origin}/auth/callback`],
      post_logout_redirect_uris: [`${origin}/`],
    },
    { client_id: demoGrantClientId, token_endpoint_auth_method: 'none', grant_types: [demoUserGrantType], response_types: [], redirect_uris: [] },
    {
      client_id: demoSystemClientId,
      client_name: systemNames.get(demoSystemClientId) ?? demoSystemClientId,
      client_secret: demoSystemSecret,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
  ];

  const storage = createFileAdapter(path.join(directory, 'store.json'));
  const configuration: Configuration = {
    adapter: storage,
    clients,
    jwks: secrets.signingKeys as Configuration['jwks'],
    cookies: { keys: secrets.cookieKeys },
    claims: { openid: ['sub'], profile: ['name', claimNames.roles, claimNames.org] },
    // No userinfo endpoint: every access token is for the API; the console reads the ID token.
    conformIdTokenClaims: false,
    // A person signed in to the console gets a refresh token as Cognito gives one, without the
    // `offline_access` + `prompt=consent` pair OpenID Connect asks for (which still works too),
    // so the console's code is the same for both; it lasts as long as the sign-in session.
    issueRefreshToken: (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.accountId !== undefined,
    async findAccount(_ctx, sub) {
      const user = accounts.user(sub);
      return user && { accountId: user.username, claims: () => ({ sub: user.username, ...claimsOf(user, claimNames) }) };
    },
    async extraTokenClaims(_ctx, token) {
      const user = 'accountId' in token && token.accountId ? accounts.user(token.accountId) : undefined;
      if (user) return claimsOf(user, claimNames);
      // A machine's token (client credentials): its name; its role comes from the `catalog/read` scope.
      const systemName = token.clientId ? systemNames.get(token.clientId) : undefined;
      return systemName ? { name: systemName } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf ?? apiAudience,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== apiAudience) throw new errors.InvalidTarget();
          return resourceServer;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => interactionPath(mountPath, interaction.uid) },
    pkce: { required: () => true },
    clientBasedCORS: (_ctx, requestOrigin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === requestOrigin) ?? false,
    ttl: {
      AccessToken: ACCESS_TOKEN_SECONDS,
      ClientCredentials: ACCESS_TOKEN_SECONDS,
      IdToken: ACCESS_TOKEN_SECONDS,
      AuthorizationCode: 60,
      Interaction: 10 * 60,
      Session: SESSION_SECONDS,
      RefreshToken: SESSION_SECONDS,
      // The demo-user grant makes a grant per token: it need not outlive the token.
      Grant: (_ctx, grant) => (grant.clientId === demoGrantClientId ? ACCESS_TOKEN_SECONDS : SESSION_SECONDS),
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.use(localInteractions({ provider, mountPath, accounts, apiAudience }));
  registerDemoUserGrant(provider, { demoUsers, apiAudience, resourceServer });

  return {
    provider,
    mountPath,
    callback: provider.callback(),
    jwksUrl: new URL(`${issuer.replace(/\/$/, '')}/jwks`),
    keys: createLocalJWKSet(secrets.publicKeys),
    demoSystemSecret,
    clientRegistry: providerClientRegistry(storage('Client')),
    accounts,
  };
}
