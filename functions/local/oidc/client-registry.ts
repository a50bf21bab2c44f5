import { randomBytes, randomUUID } from 'node:crypto';
import type { Adapter } from 'oidc-provider';
import type { ClientRegistry } from '../../http/client-registry.ts';

/**
 * Downstream systems' clients in the local provider: confidential clients for the
 * client-credentials grant, kept in the provider's own store (under the data directory), read by
 * the provider on every token request (the adapter is the provider's own, model `Client`), so a
 * deleted one gets no new token.
 */
export function providerClientRegistry(clients: Adapter): ClientRegistry {
  return {
    // The scopes are the API's (a resource server's, `catalog/read`): the provider grants them to every
    // client-credentials client through its resource-server settings, not through client metadata.
    async create({ name }) {
      const clientId = `gc-sys-${randomUUID()}`;
      const clientSecret = randomBytes(32).toString('base64url');
      await clients.upsert(clientId, {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: name,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      });
      return { clientId, clientSecret };
    },
    async delete(clientId) {
      await clients.destroy(clientId);
    },
  };
}
