import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSEvent } from 'aws-lambda';
import * as spreadsheets from '../http/spreadsheet.ts';
import { type ImportRunner, runImport } from '../jobs/run-import.ts';
import { awsDynamoClient, createStore } from '../store/store.ts';
import { metricsNamespace } from './lambda-observer.ts';
import { s3FileStore } from './s3-file-store.ts';

/**
 * The importer on AWS Lambda, fed by the import queue: runs each queued import (see
 * jobs/run-import.ts). Taking a job is conditional, so a redelivered message does nothing; an
 * error the job could not record is thrown, SQS retries, and then the dead-letter queue has it.
 */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'green-channel-importer' });
const tableName = process.env.TABLE_NAME;
const bucket = process.env.FILES_BUCKET;
if (!tableName || !bucket) throw new Error('TABLE_NAME and FILES_BUCKET must be set');
const metrics = new Metrics({ namespace: metricsNamespace, serviceName: 'green-channel-importer' });
const runner: ImportRunner = {
  store: createStore({ client: awsDynamoClient(), tableName }),
  files: s3FileStore({ bucket }),
  spreadsheets,
  now: () => new Date(),
};

export async function importAll(event: SQSEvent, given: ImportRunner = runner): Promise<{ ended: { importId: string; state: string }[] }> {
  const ended: { importId: string; state: string }[] = [];
  for (const record of event.Records) {
    const { changeSetId, importId } = JSON.parse(record.body) as { changeSetId: string; importId: string };
    const job = await runImport(given, changeSetId, importId);
    ended.push({ importId, state: job?.state ?? 'missing' });
    if (job) {
      metrics.addMetric(`Imports${job.state === 'done' ? 'Done' : job.state === 'rejected' ? 'Rejected' : 'Failed'}`, MetricUnit.Count, 1);
      metrics.addMetric('ImportRows', MetricUnit.Count, job.rowsRead);
      metrics.addMetric('ImportBadRows', MetricUnit.Count, job.errorCount);
    }
  }
  logger.info('imports done', { ended });
  return { ended };
}

export const handler = middy((event: SQSEvent) => importAll(event))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
