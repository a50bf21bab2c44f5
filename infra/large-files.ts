import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.ts';
import { repoPath } from './repo-paths.ts';

export interface LargeFilesProps {
  readonly table: ITable;
  /** The function that serves import and export (it presigns, writes exports, queues imports). */
  readonly exchange: ApiFunction;
  /** The console's origin: the only one whose browser may upload to the bucket (CORS). */
  readonly consoleOrigin: string;
  /** Where the bucket's access logs go (the console site's log bucket). */
  readonly accessLogs: IBucket;
  readonly logRetention?: RetentionDays;
}

/** Uploaded files are needed only until their import has run. */
const UPLOAD_DAYS = 7;

/**
 * Files too large for a request (issue 11 §1): Lambda takes and answers at most 6 MB and API
 * Gateway waits 30 s, while an import may be 20 MB and 20,000 rows and an export larger still.
 * The browser uploads straight to this bucket with a presigned POST (the policy caps the size),
 * the exchange function queues the import, and the importer function runs it with its progress
 * in the table. Exports are written here once per release, kind and format, and handed out as
 * presigned GETs. The bucket is private; only presigned requests reach it.
 */
export class LargeFiles extends Construct {
  readonly bucket: Bucket;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly importer: ApiFunction;

  constructor(scope: Construct, id: string, props: LargeFilesProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // Uploads and exports are derived or transient: the catalog is in the table.
      removalPolicy: RemovalPolicy.DESTROY,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'files/',
      cors: [{ allowedMethods: [HttpMethods.POST], allowedOrigins: [props.consoleOrigin], allowedHeaders: ['*'], maxAge: 3600 }],
      lifecycleRules: [{ prefix: 'imports/', expiration: Duration.days(UPLOAD_DAYS) }, { abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    this.deadLetterQueue = new Queue(this, 'ImportDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'ImportQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.minutes(16),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    this.importer = new ApiFunction(this, 'Importer', {
      entry: repoPath('functions', 'handlers', 'importer.ts'),
      serviceName: 'green-channel-importer',
      memorySize: 2048, // a 20,000-row workbook is parsed in memory
      timeout: Duration.minutes(15),
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    });
    this.importer.bindTable(props.table);
    this.importer.function.addEnvironment('FILES_BUCKET', this.bucket.bucketName);
    this.importer.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 1 }));
    this.allow(this.importer, ['s3:GetObject', 's3:PutObject'], 'imports/');

    props.exchange.function.addEnvironment('FILES_BUCKET', this.bucket.bucketName);
    props.exchange.function.addEnvironment('IMPORT_QUEUE_URL', this.queue.queueUrl);
    // Presigning an upload needs the right to put what it presigns; exports are read and written.
    this.allow(props.exchange, ['s3:GetObject', 's3:PutObject'], 'imports/');
    this.allow(props.exchange, ['s3:GetObject', 's3:PutObject'], 'exports/');
    this.queue.grantSendMessages(props.exchange.function);
  }

  /**
   * Object actions under one prefix, and listing that prefix (without it S3 answers a missing
   * key 403 instead of 404, and "is the export written yet?" could not be asked). Nothing else.
   */
  private allow(fn: ApiFunction, actions: string[], prefix: string): void {
    fn.function.addToRolePolicy(new PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${prefix}*`)] }));
    fn.function.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': `${prefix}*` } } }),
    );
  }

  /**
   * What the console's upload form posts to (CSP `connect-src`): the region's S3 endpoints. Not
   * the bucket's own name: the bucket's CORS names the console's origin, and the console's
   * headers naming the bucket would make each depend on the other.
   */
  get uploadOrigin(): string {
    const { region, urlSuffix } = Stack.of(this);
    return `https://*.s3.${region}.${urlSuffix}`;
  }
}
