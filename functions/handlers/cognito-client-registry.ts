import type { ClientRegistry } from '../http/client-registry.ts';
import { type CognitoClient, lazyCognito } from './cognito-sdk.ts';

/**
 * Downstream systems' clients on AWS: a Cognito app client each (its own id and secret,
 * client-credentials only, scope `catalog/read` of the `catalog` resource server), so that one
 * can be deleted alone.
 */
export function cognitoClientRegistry({ userPoolId, client }: { userPoolId: string; client?: CognitoClient }): ClientRegistry {
  const { sdk, client: clientOf } = lazyCognito(client);
  return {
    async create({ name, scopes }) {
      const { CreateUserPoolClientCommand } = await sdk();
      const created = await (await clientOf()).send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: name.slice(0, 128),
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['client_credentials'],
          AllowedOAuthScopes: [...scopes],
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
          PreventUserExistenceErrors: 'ENABLED',
          EnableTokenRevocation: true,
        }),
      );
      const clientId = created.UserPoolClient?.ClientId;
      const clientSecret = created.UserPoolClient?.ClientSecret;
      if (!clientId || !clientSecret) throw new Error('Cognito created a client without an id or secret');
      return { clientId, clientSecret };
    },
    async delete(clientId) {
      const { DeleteUserPoolClientCommand, ResourceNotFoundException } = await sdk();
      try {
        await (await clientOf()).send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}
