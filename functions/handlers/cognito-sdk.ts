/** The Cognito client type, so tests can pass a mocked one. */
export type CognitoClient = import('@aws-sdk/client-cognito-identity-provider').CognitoIdentityProviderClient;
export type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');

/**
 * The Cognito SDK, loaded on first use: registering a system or changing a user's organisation
 * is rare, and the API's cold start should not pay for it (the module is left to the runtime).
 */
export function lazyCognito(client?: CognitoClient): { sdk(): Promise<CognitoSdk>; client(): Promise<CognitoClient> } {
  let module: Promise<CognitoSdk> | undefined;
  const sdk = () => (module ??= import('@aws-sdk/client-cognito-identity-provider'));
  let shared = client;
  return { sdk, client: async () => (shared ??= new (await sdk()).CognitoIdentityProviderClient({ maxAttempts: 3 })) };
}
