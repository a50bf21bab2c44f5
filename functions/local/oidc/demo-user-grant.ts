import { errors, type Provider, type ResourceServer, type TokenEndpointGrantContext } from 'oidc-provider';
import type { DemoUser } from './demo-users.ts';

/** Only in the local provider: `grant_type=urn:green-channel:demo-user&client_id=gc-demo&username=…` answers that user's access token. */
export const demoUserGrantType = 'urn:green-channel:demo-user';

/** The public client scripts and tests use for the demo-user grant (and for nothing else). */
export const demoGrantClientId = 'gc-demo';

/**
 * Registers the demo-user grant. A token is issued the way the built-in grants issue theirs: a
 * saved Grant for the user and client, then an AccessToken naming the account and that grant, for
 * the API's resource server (so it is a JWT with the API's audience, lifetime and claims).
 */
export function registerDemoUserGrant(
  provider: Provider,
  { demoUsers, apiAudience, resourceServer }: { demoUsers: readonly DemoUser[]; apiAudience: string; resourceServer: ResourceServer },
): void {
  const byUsername = new Map(demoUsers.map((user) => [user.username, user]));
  const handler = async (ctx: TokenEndpointGrantContext<{ username?: string }>) => {
    const { client, params } = ctx.oidc;
    const user = typeof params.username === 'string' ? byUsername.get(params.username) : undefined;
    if (!user) throw new errors.InvalidGrant('no such demo user');

    const grant = new provider.Grant({ accountId: user.username, clientId: client.clientId });
    grant.addResourceScope(apiAudience, resourceServer.scope);
    const grantId = await grant.save();

    const token = new provider.AccessToken({ accountId: user.username, client, grantId, gty: demoUserGrantType, scope: resourceServer.scope });
    token.resourceServer = new provider.ResourceServer(apiAudience, resourceServer);
    ctx.oidc.entity('AccessToken', token);
    const accessToken = await token.save();

    ctx.body = { access_token: accessToken, token_type: token.tokenType, expires_in: token.expiration, scope: token.scope };
  };
  provider.registerGrantType(demoUserGrantType, handler, 'username');
}
