import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ApiFunction } from './api-function.ts';

export interface ApplicationDocumentsProps {
  /** The function that serves the document routes (it presigns, reads, checks, keeps and deletes uploads). */
  readonly exchange: ApiFunction;
  /** The console's origin: the only one whose browser may upload to the bucket (CORS). */
  readonly consoleOrigin: string;
  /** Where the bucket's access logs go (the console site's log bucket). */
  readonly accessLogs: IBucket;
}

/** An upload is checked within minutes of arriving; one never confirmed is gone after this. */
const UPLOAD_DAYS = 2;
/** A file overwritten or deleted by mistake can be brought back for this long. */
const NONCURRENT_DAYS = 90;

/**
 * The files of green-channel applications (issue 14 §2): records of what a hospital or firm
 * submitted, so unlike the imports' and exports' bucket this one is retained with the stack's
 * removal and versioned. The browser uploads to `uploads/` with a presigned POST (the policy fixes
 * the key and type and caps the size at 20 MB); the exchange function reads the upload, checks
 * its content, and writes the checked file under `documents/`, where it stays. Uploads never
 * confirmed expire. The function may delete uploads but never a kept document.
 */
export class ApplicationDocuments extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ApplicationDocumentsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      cors: [{ allowedMethods: [HttpMethods.POST], allowedOrigins: [props.consoleOrigin], allowedHeaders: ['*'], maxAge: 3600 }],
      lifecycleRules: [
        { prefix: 'uploads/', expiration: Duration.days(UPLOAD_DAYS), noncurrentVersionExpiration: Duration.days(1) },
        { prefix: 'documents/', noncurrentVersionExpiration: Duration.days(NONCURRENT_DAYS) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    const fn = props.exchange.function;
    fn.addEnvironment('DOCUMENTS_BUCKET', this.bucket.bucketName);
    this.allow(props.exchange, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], 'uploads/');
    this.allow(props.exchange, ['s3:GetObject', 's3:PutObject'], 'documents/');
  }

  /** Object actions under one prefix, and listing that prefix (S3 answers a missing key 404 rather than 403). */
  private allow(fn: ApiFunction, actions: string[], prefix: string): void {
    fn.function.addToRolePolicy(new PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${prefix}*`)] }));
    fn.function.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': `${prefix}*` } } }),
    );
  }
}
