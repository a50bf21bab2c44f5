/**
 * Where downstream systems' clients are created and deleted: the local OpenID Connect provider,
 * Cognito app clients on AWS. For an external provider (the bureau's own, e.g. in an AWS China
 * region) clients are registered there by its administrators, and the API has no registry: it
 * then checks only the bureau's revocations.
 */
export interface ClientRegistry {
  /** A confidential client for the client-credentials grant with these scopes; the secret is returned once. */
  create(request: { name: string; scopes: readonly string[] }): Promise<{ clientId: string; clientSecret: string }>;
  /** Delete the client at the provider (its tokens stay valid until they expire; the API refuses them). */
  delete(clientId: string): Promise<void>;
}
