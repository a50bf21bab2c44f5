import type { Construct } from 'constructs';
import * as z from 'zod';

/**
 * Deploy-time settings, read from `cdk.json` (`context`) or `-c key=value`, and validated here
 * and nowhere else: a wrong setting stops `cdk synth` with a message naming the field, before
 * anything reaches CloudFormation.
 */

/** The context key holding the identity settings. */
export const identityContextKey = 'identity';

const httpsUrl = (what: string) =>
  z.url({
    protocol: /^https$/,
    error: (issue) => (issue.input === undefined ? `required: ${what}` : `${what} must be an https URL`),
  });

const nonEmpty = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `required: ${what}` : `${what} must be a string`) })
    .trim()
    .min(1, `${what} must not be empty`);

/** The stack creates a Cognito user pool (groups, hosted domain, console client, resource server). */
export const CognitoIdentityConfig = z.strictObject({
  mode: z.literal('cognito'),
  /**
   * The hosted sign-in domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique per
   * region; lower-case letters, digits and hyphens.
   * @default `green-channel-<account id>`
   */
  domainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'domainPrefix: lower-case letters, digits and inner hyphens, at most 63')
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'domainPrefix may not contain aws, amazon or cognito')
    .optional(),
});

/**
 * The bureau's own OpenID Connect provider (any standards-compliant one): no Cognito resources;
 * the HTTP API's JWT authorizer trusts `issuer` and `audience`.
 */
export const OidcIdentityConfig = z.strictObject({
  mode: z.literal('oidc'),
  /** Exactly the tokens' `iss` claim; `<issuer>/.well-known/openid-configuration` must be reachable by API Gateway. */
  issuer: httpsUrl('issuer (the OpenID Connect issuer URL, exactly as in the tokens’ iss claim)'),
  /**
   * What the tokens' `aud` claim must contain (API Gateway checks `client_id` only when a token
   * has no `aud`). One value or a list.
   */
  audience: z
    .union([nonEmpty('audience'), z.array(nonEmpty('audience')).min(1, 'audience must list at least one value')], {
      error: (issue) =>
        issue.input === undefined ? 'required: audience (the API’s audience, one value or a list)' : 'audience must be a string or a list of strings',
    })
    .transform((audience) => (typeof audience === 'string' ? [audience] : audience)),
  /** The claim carrying a person's roles (a list or a space/comma-separated string), e.g. `roles`. */
  rolesClaim: nonEmpty('rolesClaim (the claim carrying roles, e.g. "roles")'),
  /** The claim carrying a hospital's or firm's organisation id, e.g. `org_id`. */
  orgClaim: nonEmpty('orgClaim (the claim carrying the organisation id, e.g. "org_id")'),
  /** The console's client id, registered in that provider as a public client (code + PKCE). */
  consoleClientId: nonEmpty('consoleClientId (the console’s public client id in that provider)'),
  /** @default 'openid profile email' */
  consoleScope: nonEmpty('consoleScope').default('openid profile email'),
  /** Optional: published to the console when the provider's discovery document should be overridden. */
  authorizationEndpoint: httpsUrl('authorizationEndpoint').optional(),
  tokenEndpoint: httpsUrl('tokenEndpoint').optional(),
  endSessionEndpoint: httpsUrl('endSessionEndpoint').optional(),
});

export const IdentityConfig = z.discriminatedUnion('mode', [CognitoIdentityConfig, OidcIdentityConfig], {
  error: (issue) => (issue.code === 'invalid_union' ? 'mode must be "cognito" or "oidc"' : issue.input === undefined ? 'required' : 'must be an object'),
});

export type CognitoIdentityConfig = z.output<typeof CognitoIdentityConfig>;
export type OidcIdentityConfig = z.output<typeof OidcIdentityConfig>;
export type IdentityConfig = z.output<typeof IdentityConfig>;
/** What a caller may write (before defaults and transforms), e.g. in a test. */
export type IdentityConfigInput = z.input<typeof IdentityConfig>;

/** Identity settings when none are given: the stack creates its own Cognito user pool. */
export const defaultIdentityConfig: IdentityConfig = { mode: 'cognito' };

const examples = [
  '  { "mode": "cognito" }',
  '  { "mode": "oidc", "issuer": "https://idp.example.cn/realms/bureau", "audience": "green-channel-api",',
  '    "rolesClaim": "roles", "orgClaim": "org_id", "consoleClientId": "green-channel-console" }',
].join('\n');

/** A deploy-time setting is wrong; the message names each field and what it should be. */
export class InvalidConfigError extends Error {
  override readonly name = 'InvalidConfigError';
}

/**
 * Validates identity settings. A string is read as JSON (`cdk synth -c 'identity={"mode":…}'`);
 * `undefined` means {@link defaultIdentityConfig}.
 */
export function parseIdentityConfig(raw: unknown, source = `cdk.json "context.${identityContextKey}"`): IdentityConfig {
  if (raw === undefined) return defaultIdentityConfig;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new InvalidConfigError(`Invalid identity configuration (${source}): not JSON: ${raw}\nExpected one of:\n${examples}`);
    }
  }
  const parsed = IdentityConfig.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = [identityContextKey, ...issue.path.map(String)].join('.');
    return `  - ${path}: ${issue.message}`;
  });
  throw new InvalidConfigError(`Invalid identity configuration (${source}):\n${problems.join('\n')}\nExpected one of:\n${examples}`);
}

/** The identity settings of the app `scope` belongs to, from its context. */
export function identityConfigOf(scope: Construct): IdentityConfig {
  return parseIdentityConfig(scope.node.tryGetContext(identityContextKey));
}

/** The context key holding one configuration per environment (`dev`, `prod`, …), keyed by its name. */
export const environmentsContextKey = 'environments';

/** Retention periods CloudWatch Logs accepts, in days. */
const logRetentionPeriods = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const positiveInt = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .positive(`${what} must be positive`);

/**
 * Everything that differs between two deployments of the stack. Every field has a default
 * that is safe for production; `dev` relaxes what it needs to.
 */
export const EnvironmentConfig = z.strictObject({
  /** The CloudFormation stack's name. @default `GreenChannel-<environment>` */
  stackName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,100}$/, 'stackName: letters, digits and hyphens, starting with a letter')
    .optional(),
  /**
   * Days CloudWatch keeps function and API access logs. PRC Cybersecurity Law art. 21 asks for
   * network logs to be kept at least six months.
   * @default 180
   */
  logRetentionDays: z
    .number()
    .refine((days) => (logRetentionPeriods as readonly number[]).includes(days), `logRetentionDays must be one of ${logRetentionPeriods.join(', ')}`)
    .default(180),
  /** Where alarms are sent (an SNS e-mail subscription, confirmed by its recipient). @default none: the topic has no subscriber */
  alarmEmail: z.email('alarmEmail must be an e-mail address').optional(),
  /** An AWS Backup plan for the table: daily backups kept 35 days, monthly ones kept a year. @default true */
  backup: z.boolean().default(true),
  /** The table cannot be deleted until this is turned off. @default true */
  deletionProtection: z.boolean().default(true),
  /** The HTTP API's default throttling: steady requests per second and burst. */
  throttle: z
    .strictObject({ rateLimit: positiveInt('throttle.rateLimit').default(50), burstLimit: positiveInt('throttle.burstLimit').default(100) })
    .default({ rateLimit: 50, burstLimit: 100 }),
  /**
   * Concurrent executions reserved for (and capping) each function. Leave unset where the
   * account's concurrency quota is small: reservations must leave 100 unreserved.
   * @default none
   */
  reservedConcurrency: z
    .strictObject({
      api: positiveInt('reservedConcurrency.api').optional(),
      exchange: positiveInt('reservedConcurrency.exchange').optional(),
      scheduled: positiveInt('reservedConcurrency.scheduled').optional(),
    })
    .default({}),
  /**
   * The console's own domain, with its ACM certificate (in us-east-1, as CloudFront requires).
   * Without it the console is served at its CloudFront domain.
   */
  consoleDomain: z
    .strictObject({
      domainName: z
        .string()
        .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'consoleDomain.domainName must be a lower-case host name'),
      certificateArn: z
        .string()
        .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/, 'consoleDomain.certificateArn must be an ACM certificate ARN in us-east-1'),
    })
    .optional(),
  /**
   * A WAF web ACL for the distribution (console and API): scope CLOUDFRONT, so made in
   * us-east-1, e.g. by this app's `GreenChannelEdge-<env>` stack (its output `WebAclArn`).
   * @default none (the distribution has no WAF; say so in the deploy checklist)
   */
  webAclArn: z
    .string()
    .regex(
      /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[0-9a-f-]+$/,
      'webAclArn must be a WAF web ACL ARN of scope CLOUDFRONT (us-east-1, global/webacl/…)',
    )
    .optional(),
  /** Encrypt the table with a customer-managed KMS key the stack creates (rotated yearly). @default false: an AWS-owned key */
  customerManagedKey: z.boolean().default(false),
  /**
   * Mail for people who opt in to it (their notifications), sent through SES as `from`, an
   * address whose identity (the address or its domain) is verified in SES in the stack's region.
   * @default none: nobody can opt in to mail
   */
  mail: z
    .strictObject({
      from: z.email('mail.from must be an e-mail address'),
      configurationSet: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, 'mail.configurationSet: an SES configuration set name')
        .optional(),
    })
    .optional(),
  /** This environment's identity settings (see {@link IdentityConfig}). @default the context's `identity` */
  identity: z.unknown().optional(),
});

export type EnvironmentConfig = z.output<typeof EnvironmentConfig>;
export type EnvironmentConfigInput = z.input<typeof EnvironmentConfig>;

/** An environment's name: also part of the names the stack gives resources, so short and plain. */
const environmentName = /^[a-z][a-z0-9]{0,11}$/;

/** Validates one environment's settings; `name` is used in messages. */
export function parseEnvironmentConfig(raw: unknown, name: string, source = `cdk.json "context.${environmentsContextKey}.${name}"`): EnvironmentConfig {
  if (!environmentName.test(name)) {
    throw new InvalidConfigError(`Invalid environment name (${source}): "${name}": lower-case letters and digits, at most 12, starting with a letter`);
  }
  const parsed = EnvironmentConfig.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  - ${[environmentsContextKey, name, ...issue.path.map(String)].join('.')}: ${issue.message}`);
  throw new InvalidConfigError(`Invalid environment configuration (${source}):\n${problems.join('\n')}`);
}

/** Every environment in the app's context, validated, by name. A string is read as JSON. */
export function environmentsOf(scope: Construct): Record<string, EnvironmentConfig> {
  let raw: unknown = scope.node.tryGetContext(environmentsContextKey);
  if (raw === undefined) return {};
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new InvalidConfigError(`Invalid environments (cdk.json "context.${environmentsContextKey}"): not JSON`);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidConfigError(`Invalid environments (cdk.json "context.${environmentsContextKey}"): must be an object keyed by environment name`);
  }
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, parseEnvironmentConfig(value, name)]));
}
