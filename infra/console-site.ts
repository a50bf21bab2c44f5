import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Distribution, HttpVersion, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { repoPath } from './repo-paths.ts';

export interface ConsoleSiteProps {
  /**
   * The built console (Vite's output).
   * @default admin-ui/dist
   */
  readonly distDir?: string;
}

/**
 * The console, served as a single-page app: a private S3 bucket read only by CloudFront
 * (Origin Access Control), every unknown path answered with `index.html` so the console's own
 * router handles deep links.
 */
export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps = {}) {
    super(scope, id);

    const distDir = props.distDir ?? repoPath('admin-ui', 'dist');
    if (!existsSync(join(distDir, 'index.html'))) {
      throw new Error(
        `The console is not built: ${join(distDir, 'index.html')} does not exist. Run \`npm run build:ui\` before \`cdk synth\` or the infra tests.`,
      );
    }

    // The bucket holds only a build artifact, reproducible from the repository, so it goes with
    // the stack. Instead of the auto-delete custom resource, the deployment below removes what
    // it put there (`retainOnDelete: false`), which leaves the bucket empty and deletable.
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
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
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      errorResponses: [spaFallback(403), spaFallback(404)],
    });

    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(distDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      retainOnDelete: false,
    });
  }

  /** The console's address, ending in `/`. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
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
