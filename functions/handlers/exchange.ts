import * as spreadsheets from '../http/spreadsheet.ts';
import { applicationDocuments } from '../routes/documents.ts';
import { fileExchange } from '../routes/file-exchange.ts';
import { sqsImportStarter } from './import-queue.ts';
import { lambdaHandler } from './lambda-handler.ts';
import { s3FileStore } from './s3-file-store.ts';

/**
 * The import/export function: the same app with the spreadsheet code (ExcelJS and friends) and
 * the application documents' storage, sniffing and scan hook, which the API function leaves out.
 * The HTTP API routes only the import, export and document paths here.
 */
const bucket = process.env.FILES_BUCKET;
const queueUrl = process.env.IMPORT_QUEUE_URL;
const documentsBucket = process.env.DOCUMENTS_BUCKET;

export const handler = lambdaHandler({
  serviceName: 'green-channel-exchange',
  // Large imports go through S3 and the importer function; exports are stored once per release.
  exchange: fileExchange({ spreadsheets, ...(bucket && queueUrl ? { files: s3FileStore({ bucket }), startImport: sqsImportStarter({ queueUrl }) } : {}) }),
  // Application documents in their own, retained bucket; a virus scanner is handed in here (document-scanner.ts).
  ...(documentsBucket ? { documents: applicationDocuments({ files: s3FileStore({ bucket: documentsBucket }) }) } : {}),
});
