import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Paths anyone may read without a token: liveness and the API's own documentation. */
export const publicPaths = ['/health', '/openapi.json', '/docs'] as const;

/**
 * Methods of the protected catch-all route. Deliberately not `ANY`: an `ANY` route with an
 * authorizer also catches the browser's CORS preflight (`OPTIONS`, sent without a token) and
 * answers it 401. With no route for `OPTIONS`, API Gateway answers preflights itself from the
 * CORS configuration below.
 */
export const protectedMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The routes of application documents (issue 14 §2), for each application type. */
const documentRoutes = (['service', 'listing', 'designation'] as const).flatMap(
  (type) =>
    [
      ['POST', `/v1/${type}-applications/{id}/documents`],
      ['GET', `/v1/${type}-applications/{id}/documents`],
      ['GET', `/v1/${type}-applications/{id}/documents/{documentId}`],
      ['POST', `/v1/${type}-applications/{id}/documents/{documentId}/confirm`],
    ] as const,
);

/** The routes of the import/export function (and application documents); API Gateway prefers them to the catch-all. */
export const exchangeRoutes = [
  ['POST', '/v1/change-sets/{id}/import'],
  ['POST', '/v1/change-sets/{id}/imports'],
  ['POST', '/v1/change-sets/{id}/imports/{importId}/start'],
  ['GET', '/v1/change-sets/{id}/imports/{importId}'],
  ['GET', '/v1/catalog/{kind}/export'],
  ...documentRoutes,
] as const;

/**
 * The reads downstream systems make (the catalog, its releases and feed, FHIR), routed without
 * the JWT authorizer: its audience list is fixed at deploy time, while each system's client is
 * created at runtime by bureau staff. The API function verifies these tokens itself (signature
 * against the provider's JWKS, issuer, expiry, client) and checks revocation; people's tokens on
 * these routes are verified the same way. Every write still passes the authorizer.
 */
export const appVerifiedReadRoutes = ['/v1/catalog/{proxy+}', '/v1/releases', '/v1/releases/{proxy+}', '/fhir/{proxy+}'] as const;

/**
 * Per-route throttling, as shares of the stage's default rate and burst: imports and exports
 * (large files, the exchange function's few instances) and writes in general.
 */
export const routeThrottleShares: Record<string, number> = {
  'POST /v1/change-sets/{id}/import': 0.05,
  'POST /v1/change-sets/{id}/imports': 0.1,
  'GET /v1/catalog/{kind}/export': 0.1,
  'POST /{proxy+}': 0.4,
  'PUT /{proxy+}': 0.2,
  'DELETE /{proxy+}': 0.2,
};

export interface CatalogHttpApiProps {
  /** The function that serves every route (the Hono app) but import and export. */
  readonly handler: IFunction;
  /** The same app with the spreadsheet code: serves import and export. */
  readonly exchangeHandler: IFunction;
  /** The JWT issuer, e.g. `https://cognito-idp.<region>.amazonaws.com/<user pool id>`. */
  readonly jwtIssuer: string;
  /** Client ids accepted in a token's `aud` (ID tokens) or `client_id` (access tokens). */
  readonly jwtAudience: string[];
  /**
   * Browser origins allowed to call the API's own endpoint (CORS). @default none: the console
   * calls the API on its own origin, through the distribution; systems call it server to server,
   * where CORS plays no part.
   */
  readonly allowOrigins?: string[];
  /** The default stage's throttling, for every route. @default 50 requests/s, burst 100 */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** @default RetentionDays.SIX_MONTHS */
  readonly accessLogRetention?: RetentionDays;
}

/**
 * One JSON line per request in the access log: who (source IP, never the token), what, how it
 * ended and how long it took. `requestId` is the correlation id the function logs too.
 */
export const accessLogFormat = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userAgent: '$context.identity.userAgent',
} as const;

/**
 * The public HTTP edge: an API Gateway HTTP API proxying every route to the API function.
 *
 * API Gateway only checks that a token is genuine (signature, issuer, audience, expiry); who
 * may do what is decided by the app's policy table, from the token's claims.
 */
export class CatalogHttpApi extends Construct {
  readonly httpApi: HttpApi;
  readonly authorizer: HttpJwtAuthorizer;
  readonly accessLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CatalogHttpApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Green Channel policy catalog API',
      ...(props.allowOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: props.allowOrigins,
              allowMethods: protectedMethods.map((method) => CorsHttpMethod[method]),
              allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key'],
              exposeHeaders: ['ETag', 'Location'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    // Retained on teardown like the functions' logs: they are the record of who called what.
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The default stage is set through its CloudFormation resource rather than replaced by a new
    // `$default` stage, which CloudFormation would try to create before deleting the old one.
    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage;
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    stage.defaultRouteSettings = { throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit };
    // The heavy routes get a share of it: a caller looping on them cannot take the whole API.
    // (RouteSettings is raw JSON to CDK: CloudFormation's own property names.)
    stage.routeSettings = Object.fromEntries(
      Object.entries(routeThrottleShares).map(([routeKey, share]) => [
        routeKey,
        {
          ThrottlingRateLimit: Math.max(1, Math.floor(throttle.rateLimit * share)),
          ThrottlingBurstLimit: Math.max(1, Math.floor(throttle.burstLimit * share)),
        },
      ]),
    );
    stage.accessLogSettings = { destinationArn: this.accessLogGroup.logGroupArn, format: JSON.stringify(accessLogFormat) };

    const integration = new HttpLambdaIntegration('ApiIntegration', props.handler);

    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwtIssuer, {
      jwtAudience: props.jwtAudience,
    });

    for (const path of [...publicPaths, ...appVerifiedReadRoutes]) {
      this.httpApi.addRoutes({ path, methods: [HttpMethod.GET], integration });
    }
    // Import and export run in a function of their own (ExcelJS is too heavy for the API function).
    const exchange = new HttpLambdaIntegration('ExchangeIntegration', props.exchangeHandler);
    const routes = [];
    for (const [method, path] of exchangeRoutes) {
      routes.push(...this.httpApi.addRoutes({ path, methods: [HttpMethod[method]], integration: exchange, authorizer: this.authorizer }));
    }
    routes.push(
      ...this.httpApi.addRoutes({
        path: '/{proxy+}',
        methods: protectedMethods.map((method) => HttpMethod[method]),
        integration,
        authorizer: this.authorizer,
      }),
    );
    // A stage's route settings name routes that must exist first.
    for (const route of routes) stage.node.addDependency(route);
  }

  /** The base URL of the default stage, ending in `/`. */
  get url(): string {
    return `${this.httpApi.apiEndpoint}/`;
  }
}
