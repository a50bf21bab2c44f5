import { Duration, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  UserPoolOperation,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.ts';
import type { OidcIdentityConfig } from './config.ts';
import { repoPath } from './repo-paths.ts';

/**
 * The roles of the catalog, as Cognito group names, with their precedence (lower = more
 * privileged; Cognito ranks groups by it, e.g. for `cognito:preferred_role`). The order is by
 * power, most first: admin (manages users and organisations), pricing staff (author and publish
 * the catalog), reviewers (decide applications), then the organisations (hospitals, firms) that
 * only see their own applications, and read-only downstream last. Gaps of 10 leave room.
 * Precedence does not pick the API's role: a person in several groups is read by the API's own
 * rule (`functions/http/claims.ts`). The names are a contract with the API's claim mapping.
 */
export const roleGroups = [
  { name: 'admin', precedence: 0, description: 'Administrators: users, roles and organisations' },
  { name: 'pricing-staff', precedence: 10, description: 'Pricing office (价格处): author, approve and publish the catalog' },
  { name: 'reviewer', precedence: 20, description: 'Reviewers: decide green-channel applications' },
  { name: 'hospital', precedence: 30, description: 'Hospitals: their own organisation’s applications (custom:orgId)' },
  { name: 'firm', precedence: 40, description: 'Firms: their own organisation’s applications (custom:orgId)' },
  { name: 'downstream', precedence: 50, description: 'Read the published catalog (machine clients carry the catalog/read scope instead)' },
] as const;

/** The OAuth scope a downstream machine client is given: the resource server `catalog`, scope `read`. */
export const catalogReadScope = 'catalog/read';

/** How the console signs people in, published to it in `config.json`. */
export interface ConsoleSignIn {
  /** The console's public client id (code + PKCE, no secret). */
  readonly clientId: string;
  readonly scope: string;
  /** Where known; otherwise the console reads them from the issuer's discovery document. */
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly endSessionEndpoint?: string;
}

/** Whose tokens the API trusts and where in them it finds a caller's roles and organisation. */
export interface TokenTrust {
  readonly mode: 'cognito' | 'oidc';
  /** The JWT issuer, exactly as in the tokens' `iss` claim. */
  readonly issuerUrl: string;
  /** Accepted in a token's `aud` claim (or `client_id` when a token has no `aud`, as Cognito's access tokens). */
  readonly audiences: string[];
  readonly rolesClaim: string;
  readonly orgClaim: string;
  readonly consoleSignIn: ConsoleSignIn;
}

export interface CognitoIdentityProps {
  /** Where the console may be sent back to after sign-in and sign-out (its own URL). */
  readonly consoleUrls: string[];
  /**
   * The Cognito hosted-domain prefix (`<prefix>.auth.<region>.amazoncognito.com`); unique per region.
   * @default `green-channel-<account id>`
   */
  readonly domainPrefix?: string;
  /** The pre-token trigger's log retention, as the other functions'. */
  readonly logRetention?: RetentionDays;
}

/**
 * Who may call the API, when the stack brings its own provider: one Cognito user pool for
 * people (staff, reviewers, hospitals, firms, admins) and the resource server machine clients
 * are scoped to.
 *
 * - people are invited by an admin, never sign themselves up, and sign in with their email
 * - a role is a group membership; hospitals and firms carry their organisation in
 *   `custom:orgId`, which only administrators set (AdminUpdateUserAttributes, IAM-authorized):
 *   the console client may read it but writes nothing, and its tokens lack the
 *   `aws.cognito.signin.user.admin` scope that self-service attribute updates require
 * - the console signs in with the authorization-code flow and PKCE only (a public client, no
 *   secret, no SRP or password flows; refresh tokens renew the session)
 * - downstream systems get one confidential client-credentials client each, limited to
 *   `catalog/read`, created and deleted at runtime by bureau staff through the API (so one can
 *   be revoked alone); the stack creates none
 */
export class CognitoIdentity extends Construct implements TokenTrust {
  readonly mode = 'cognito' as const;
  readonly rolesClaim = 'cognito:groups';
  readonly orgClaim = 'custom:orgId';
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  readonly catalogServer: UserPoolResourceServer;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: CognitoIdentityProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Mutable so an administrator can move a user to another organisation; no app client may
      // write it (see the console client's writeAttributes below).
      customAttributes: { orgId: new StringAttribute({ mutable: true }) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // MFA is a pool-wide setting in Cognito (off, optional or required), not per group. It is
      // REQUIRED, with TOTP (an authenticator app) as the only factor, for everyone: pricing
      // staff, reviewers and admins must have it, and with OPTIONAL nothing would force them
      // (Cognito's access tokens say nothing about how a user signed in, so the API could not
      // tell). Hospitals and firms act for their organisation and get the same protection. No
      // SMS (cost, SIM swapping) and no email codes (the mailbox is the recovery channel).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Threat protection (formerly "advanced security"): compromised-credential checks and
      // adaptive authentication, enforced. It needs the Plus feature plan.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
    });

    // Access tokens carry groups but no attributes: this trigger adds the organisation and the
    // person's name (V2: access-token customization, which the Plus plan includes).
    const preToken = new ApiFunction(this, 'PreTokenGeneration', {
      entry: repoPath('functions', 'handlers', 'pre-token.ts'),
      serviceName: 'green-channel-pre-token',
      memorySize: 256,
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, preToken.function, LambdaVersion.V2_0);

    for (const group of roleGroups) {
      this.userPool.addGroup(groupIdFor(group.name), {
        groupName: group.name,
        precedence: group.precedence,
        description: group.description,
      });
    }

    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      // No SDK sign-in flow at all (no SRP, no password, no custom auth, no choice-based USER_AUTH):
      // people sign in on the hosted pages only. Refresh-token auth is the one flow left, so the
      // console can renew its tokens.
      authFlows: { user: false, userSrp: false, userPassword: false, adminUserPassword: false, custom: false },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        // Not COGNITO_ADMIN (aws.cognito.signin.user.admin): without it the console's tokens
        // cannot call the self-service user APIs (UpdateUserAttributes and the like).
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.consoleUrls,
        logoutUrls: props.consoleUrls,
      },
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes('orgId'),
      // Cognito reads an empty write list as "not set" and then lets the client write the
      // standard attributes, so the narrowest list it accepts is one harmless attribute:
      // `locale`. Nothing else, and never custom:orgId or email (the sign-in name).
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    const readScope = new ResourceServerScope({
      scopeName: 'read',
      scopeDescription: 'Read the published catalog, entries as of a date and release, and the change feed',
    });
    this.catalogServer = this.userPool.addResourceServer('CatalogResourceServer', {
      identifier: 'catalog',
      scopes: [readScope],
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: {
        domainPrefix: props.domainPrefix ?? `green-channel-${Stack.of(this).account}`,
      },
    });
  }

  get issuerUrl(): string {
    // Cognito user pools exist only in the `aws` partition's regions (not in China), so the suffix is fixed.
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /**
   * The console client. Cognito's access tokens carry no `aud`, so API Gateway compares their
   * `client_id` with this list: a machine client created at runtime is not in it (see the README).
   */
  get audiences(): string[] {
    return [this.consoleClient.userPoolClientId];
  }

  get consoleSignIn(): ConsoleSignIn {
    const base = this.domain.baseUrl();
    return {
      clientId: this.consoleClient.userPoolClientId,
      scope: 'openid email profile',
      authorizationEndpoint: `${base}/oauth2/authorize`,
      tokenEndpoint: `${base}/oauth2/token`,
      // Cognito's own sign-out endpoint: it takes `client_id` and `logout_uri`, not the OpenID
      // Connect RP-initiated logout parameters.
      endSessionEndpoint: `${base}/logout`,
    };
  }

  /**
   * Lets `grantee` manage downstream machine clients: one app client per system, created,
   * listed, described and deleted at runtime on this pool only.
   */
  grantMachineClientAdmin(grantee: IGrantable): void {
    this.userPool.grant(
      grantee,
      'cognito-idp:CreateUserPoolClient',
      'cognito-idp:DeleteUserPoolClient',
      'cognito-idp:DescribeUserPoolClient',
      'cognito-idp:ListUserPoolClients',
    );
  }

  /**
   * Lets `grantee` list people with their groups and set a user's organisation (`custom:orgId`):
   * the admin page's roles and organisations (issue 10 §7). No other attribute write, no group change.
   */
  grantUserDirectory(grantee: IGrantable): void {
    this.userPool.grant(
      grantee,
      'cognito-idp:ListUsers',
      'cognito-idp:ListUsersInGroup',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminUpdateUserAttributes',
    );
  }
}

/**
 * Who may call the API, when the bureau brings its own OpenID Connect provider: nothing is
 * created; the settings say which issuer and audience to trust and where the claims are.
 */
export class ExternalOidcIdentity implements TokenTrust {
  readonly mode = 'oidc' as const;
  readonly issuerUrl: string;
  readonly audiences: string[];
  readonly rolesClaim: string;
  readonly orgClaim: string;
  readonly consoleSignIn: ConsoleSignIn;

  constructor(config: OidcIdentityConfig) {
    this.issuerUrl = config.issuer;
    this.audiences = [...config.audience];
    this.rolesClaim = config.rolesClaim;
    this.orgClaim = config.orgClaim;
    this.consoleSignIn = {
      clientId: config.consoleClientId,
      scope: config.consoleScope,
      ...(config.authorizationEndpoint ? { authorizationEndpoint: config.authorizationEndpoint } : {}),
      ...(config.tokenEndpoint ? { tokenEndpoint: config.tokenEndpoint } : {}),
      ...(config.endSessionEndpoint ? { endSessionEndpoint: config.endSessionEndpoint } : {}),
    };
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
