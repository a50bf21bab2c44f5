import { Duration } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
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

/** The routes of the import/export function; API Gateway prefers them to the catch-all. */
export const exchangeRoutes = [
  ['POST', '/v1/change-sets/{id}/import'],
  ['GET', '/v1/catalog/{kind}/export'],
] as const;

export interface CatalogHttpApiProps {
  /** The function that serves every route (the Hono app) but import and export. */
  readonly handler: IFunction;
  /** The same app with the spreadsheet code: serves import and export. */
  readonly exchangeHandler: IFunction;
  /** The JWT issuer, e.g. `https://cognito-idp.<region>.amazonaws.com/<user pool id>`. */
  readonly jwtIssuer: string;
  /** Client ids accepted in a token's `aud` (ID tokens) or `client_id` (access tokens). */
  readonly jwtAudience: string[];
  /** @default ['*'] - the API is read by the console and by systems of other organisations */
  readonly allowOrigins?: string[];
}

/**
 * The public HTTP edge: an API Gateway HTTP API proxying every route to the API function.
 *
 * API Gateway only checks that a token is genuine (signature, issuer, audience, expiry); who
 * may do what is decided by the app's policy table, from the token's claims.
 */
export class CatalogHttpApi extends Construct {
  readonly httpApi: HttpApi;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: CatalogHttpApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Green Channel policy catalog API',
      corsPreflight: {
        allowOrigins: props.allowOrigins ?? ['*'],
        allowMethods: protectedMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key'],
        exposeHeaders: ['ETag', 'Location'],
        maxAge: Duration.hours(1),
      },
    });

    const integration = new HttpLambdaIntegration('ApiIntegration', props.handler);

    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwtIssuer, {
      jwtAudience: props.jwtAudience,
    });

    for (const path of publicPaths) {
      this.httpApi.addRoutes({ path, methods: [HttpMethod.GET], integration });
    }
    // Import and export run in a function of their own (ExcelJS is too heavy for the API function).
    const exchange = new HttpLambdaIntegration('ExchangeIntegration', props.exchangeHandler);
    for (const [method, path] of exchangeRoutes) {
      this.httpApi.addRoutes({ path, methods: [HttpMethod[method]], integration: exchange, authorizer: this.authorizer });
    }
    this.httpApi.addRoutes({
      path: '/{proxy+}',
      methods: protectedMethods.map((method) => HttpMethod[method]),
      integration,
      authorizer: this.authorizer,
    });
  }

  /** The base URL of the default stage, ending in `/`. */
  get url(): string {
    return `${this.httpApi.apiEndpoint}/`;
  }
}
