import { Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  OAuthScope,
  ResourceServerScope,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * The roles of the catalog, as Cognito group names. The API reads them from the
 * `cognito:groups` claim, so these strings are a contract with `functions/http/auth.ts`.
 */
export const roleGroups = ['pricing-staff', 'reviewer', 'hospital', 'firm', 'downstream', 'admin'] as const;

/** The OAuth scope a downstream machine client is given: the resource server `catalog`, scope `read`. */
export const catalogReadScope = 'catalog/read';

export interface IdentityProps {
  /** Where the console may be sent back to after sign-in and sign-out (its own URL). */
  readonly consoleUrls: string[];
  /**
   * The Cognito hosted-domain prefix (`<prefix>.auth.<region>.amazoncognito.com`); unique per region.
   * @default `green-channel-<account id>`
   */
  readonly domainPrefix?: string;
}

/**
 * Who may call the API: one Cognito user pool for people (staff, reviewers, hospitals, firms,
 * admins) and machine clients (downstream systems).
 *
 * - people are invited by an admin, never sign themselves up, and sign in with their email
 * - a role is a group membership; hospitals and firms carry their organisation in `custom:orgId`
 * - the console signs in with the authorization-code flow and PKCE (a public client, no secret)
 * - a downstream system gets a confidential client using the client-credentials flow and the
 *   `catalog/read` scope; such tokens carry no groups, only the scope and their `client_id`
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  readonly downstreamClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { orgId: new StringAttribute({ mutable: true }) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
    });

    for (const groupName of roleGroups) {
      this.userPool.addGroup(groupIdFor(groupName), { groupName });
    }

    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      // Only the hosted sign-in and its code exchange; no password ever reaches the console.
      authFlows: {},
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.consoleUrls,
        logoutUrls: props.consoleUrls,
      },
      preventUserExistenceErrors: true,
    });

    const readScope = new ResourceServerScope({
      scopeName: 'read',
      scopeDescription: 'Read the published catalog, entries as of a date and release, and the change feed',
    });
    const catalogServer = this.userPool.addResourceServer('CatalogResourceServer', {
      identifier: 'catalog',
      scopes: [readScope],
    });

    this.downstreamClient = this.userPool.addClient('DownstreamClient', {
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [OAuthScope.resourceServer(catalogServer, readScope)],
      },
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: {
        domainPrefix: props.domainPrefix ?? `green-channel-${Stack.of(this).account}`,
      },
    });
  }

  /** The issuer the API's JWT authorizer trusts. */
  get issuerUrl(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /** The clients whose tokens the API accepts (the `aud` or `client_id` claim). */
  get audiences(): string[] {
    return [this.consoleClient.userPoolClientId, this.downstreamClient.userPoolClientId];
  }
}

/** `pricing-staff` → `PricingStaffGroup`: a stable construct id for a group name. */
function groupIdFor(groupName: string): string {
  const pascal = groupName
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return `${pascal}Group`;
}
