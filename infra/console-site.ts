import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Fn, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { repoPath } from './repo-paths.ts';

export interface ConsoleSiteProps {
  /**
   * The built console (Vite's output).
   * @default admin-ui/dist
   */
  readonly distDir?: string;
  /** The console's own domain and its ACM certificate (us-east-1). @default the CloudFront domain */
  readonly domain?: { readonly domainName: string; readonly certificateArn: string };
  /** Days the CloudFront and S3 access logs are kept. @default 180 */
  readonly logRetentionDays?: number;
  /**
   * A WAF web ACL (scope CLOUDFRONT, so created in us-east-1: see edge-protection-stack.ts) for
   * the distribution, and so for the console and the API behind it. @default none
   */
  readonly webAclArn?: string;
}

/** The API's paths on the console's own origin (the distribution forwards them to the HTTP API). */
export const apiPaths = ['/v1/*', '/fhir/*', '/openapi.json', '/docs', '/health', '/health/*'] as const;

/**
 * The `sha256-…` CSP sources of the inline `<style>` elements of the built `index.html`
 * (Vite keeps the page's small critical style inline), so the policy allows exactly those.
 */
export function inlineStyleHashes(indexHtml: string): string[] {
  return [...indexHtml.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map(
    ([, css]) =>
      `'sha256-${createHash('sha256')
        .update(css ?? '', 'utf8')
        .digest('base64')}'`,
  );
}

/**
 * The console, served as a single-page app: a private S3 bucket read only by CloudFront
 * (Origin Access Control), every unknown path answered with `index.html` so the console's own
 * router handles deep links.
 *
 * Every response carries a strict Content-Security-Policy: the console's code and styles come
 * from its own origin only (plus the hashes of `index.html`'s inline style), and it talks to
 * itself, the API and the identity provider ({@link ConsoleSite.allowConnectTo}) and nothing else.
 */
export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;
  readonly responseHeaders: ResponseHeadersPolicy;
  private readonly connectSources = new Set<string>(["'self'"]);
  private readonly domainName?: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps = {}) {
    super(scope, id);

    const distDir = props.distDir ?? repoPath('admin-ui', 'dist');
    if (!existsSync(join(distDir, 'index.html'))) {
      throw new Error(
        `The console is not built: ${join(distDir, 'index.html')} does not exist. Run \`npm run build:ui\` before \`cdk synth\` or the infra tests.`,
      );
    }

    this.domainName = props.domain?.domainName;
    const logRetention = Duration.days(props.logRetentionDays ?? 180);

    // CloudFront's standard logs are written with ACLs, hence object-writer ownership; still
    // private, encrypted, TLS only. Kept as long as the other logs, then expired.
    this.logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: logRetention }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The bucket holds only a build artifact, reproducible from the repository, so it goes with
    // the stack. Instead of the auto-delete custom resource, the deployment below removes what
    // it put there (`retainOnDelete: false`), which leaves the bucket empty and deletable.
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
    });

    const styleHashes = inlineStyleHashes(readFileSync(join(distDir, 'index.html'), 'utf8'));
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      // Lit renders a few computed positions as style attributes (the timeline strip); style
      // attributes cannot run code. Style elements: the console's own files and index.html's.
      `style-src 'self' ${styleHashes.join(' ')}`.trim(),
      "style-src-attr 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      () => `connect-src ${[...this.connectSources].join(' ')}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      'upgrade-insecure-requests',
    ];
    this.responseHeaders = new ResponseHeadersPolicy(this, 'ResponseHeaders', {
      comment: 'Green Channel console: strict CSP, HSTS, no sniffing, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: Lazy.string({ produce: () => csp.map((directive) => (typeof directive === 'function' ? directive() : directive)).join('; ') }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    // A client-side route (/change-sets/42) has no object in the bucket; S3 behind OAC answers
    // 403 for a missing key (404 if listing were allowed), and both must render the app.
    const spaFallback = (httpStatus: number) => ({
      httpStatus,
      responseHttpStatus: 200,
      responsePagePath: '/index.html',
      ttl: Duration.seconds(0),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Green Channel console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.responseHeaders,
      },
      errorResponses: [spaFallback(403), spaFallback(404)],
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.domain
        ? {
            domainNames: [props.domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(distDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      retainOnDelete: false,
    });
  }

  /**
   * Serves the API on the console's own origin (issue 11 §6): the distribution forwards the API's
   * paths to the HTTP API, uncached, with every viewer header but Host (so the bearer token and
   * If-Match reach it), so the console calls its own origin (no CORS) and the distribution's WAF
   * sees API traffic too. The API's own endpoint stays up for downstream systems.
   */
  serveApi(apiEndpoint: string): void {
    const origin = new HttpOrigin(Fn.select(2, Fn.split('/', apiEndpoint)), { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY });
    for (const path of apiPaths) {
      this.distribution.addBehavior(path, origin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.responseHeaders,
      });
    }
  }

  /** The console's origin (`https://host`), as browsers send it in `Origin`. */
  get origin(): string {
    return `https://${this.domainName ?? this.distribution.distributionDomainName}`;
  }

  /** The console's address, ending in `/`. */
  get url(): string {
    return `${this.origin}/`;
  }

  /** Lets the console's scripts call these origins (CSP `connect-src`), e.g. the API and the identity provider. */
  allowConnectTo(...origins: string[]): void {
    for (const origin of origins) this.connectSources.add(origin);
  }

  /**
   * Publishes `/config.json` next to the console: the deploy-time values it cannot know at build
   * time (API URL; the OpenID Connect issuer, client id, redirect URIs and endpoints it signs in
   * with). Values may be CDK tokens; they are resolved on deploy.
   */
  addRuntimeConfig(config: Record<string, string>): void {
    this.deployment.addSource(Source.jsonData('config.json', config));
  }
}
