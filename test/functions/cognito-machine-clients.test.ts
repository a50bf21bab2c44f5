import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, DeleteUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toChinaIso } from '../../policy-catalog/time.ts';
import { createApp } from '../../functions/app.ts';
import { lambdaAuth } from '../../functions/http/auth.ts';
import { cognitoClaimNames } from '../../functions/http/claims.ts';
import { cognitoClientRegistry } from '../../functions/handlers/cognito-client-registry.ts';
import type { Store } from '../../functions/store/store.ts';
import { createTestStore, fixedClock } from '../support/fixtures.ts';

// AWS cannot be reached here: Cognito's API is the SDK's client mock; the rest is real (DynamoDB Local, the app, the Lambda auth path).
const cognito = mockClient(CognitoIdentityProviderClient);
const userPoolId = 'cn-north-1_Example';

describe('downstream systems’ clients with Cognito (the AWS path)', () => {
  let app: ReturnType<typeof createApp>;
  let store: Store;
  /** A request as API Gateway's JWT authorizer hands it to the Lambda: claims already verified. */
  const call = async (method: string, path: string, claims: Record<string, string>, body?: unknown) => {
    const event = { requestContext: { authorizer: { jwt: { claims } } } };
    const response = await app.request(
      path,
      { method, ...(body ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}) },
      { event },
    );
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  };
  const officer = { sub: 'p1', 'cognito:username': '王芳', 'cognito:groups': '[pricing-staff]' };

  beforeAll(async () => {
    store = await createTestStore();
    cognito.on(CreateUserPoolClientCommand).callsFake((input: { ClientName: string }) => ({
      UserPoolClient: { ClientId: `client-${input.ClientName.length}`, ClientSecret: 'secret-from-cognito' },
    }));
    cognito.on(DeleteUserPoolClientCommand).resolves({});
    app = createApp({
      store,
      clock: fixedClock(),
      auth: lambdaAuth(cognitoClaimNames, (clientId) => store.machineClients.isActive(clientId, toChinaIso(Date.now()))),
      clientRegistry: cognitoClientRegistry({ userPoolId, client: new CognitoIdentityProviderClient({ region: 'cn-north-1' }) }),
    });
  });

  afterAll(() => cognito.restore());

  it('creates a Cognito app client per system (client credentials, catalog/read only), and a revoked one is refused while another works', async () => {
    const his = await call('POST', '/v1/machine-clients', officer, { name: 'HIS-A', contact: '信息科' });
    expect(his.status).toBe(201);
    expect(his.body).toMatchObject({ clientId: 'client-5', clientSecret: 'secret-from-cognito' });
    const created = cognito.commandCalls(CreateUserPoolClientCommand)[0]?.args[0].input;
    expect(created).toMatchObject({
      UserPoolId: userPoolId,
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['catalog/read'],
      AllowedOAuthFlowsUserPoolClient: true,
    });
    const other = await call('POST', '/v1/machine-clients', officer, { name: 'Settlement-B', contact: '结算科' });

    const machine = (clientId: string) => ({ client_id: clientId, scope: 'catalog/read' });
    expect((await call('GET', '/v1/catalog/price-items', machine('client-5'))).status).toBe(200);
    expect((await call('DELETE', '/v1/machine-clients/client-5', officer)).status).toBe(204);
    expect(cognito.commandCalls(DeleteUserPoolClientCommand)[0]?.args[0].input).toEqual({ UserPoolId: userPoolId, ClientId: 'client-5' });
    // The token Cognito issued still verifies at the authorizer until it expires; the API refuses it.
    expect((await call('GET', '/v1/catalog/price-items', machine('client-5'))).status).toBe(401);
    expect((await call('GET', '/v1/catalog/price-items', machine(other.body?.clientId))).status).toBe(200);
  });
});
