import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/**
 * On AWS an import runs in the importer function, outside the request that started it (a 20,000
 * row workbook takes longer than API Gateway waits): the exchange function sends the import's ids
 * to this queue.
 */
export function sqsImportStarter({ queueUrl, client = new SQSClient({ maxAttempts: 3 }) }: { queueUrl: string; client?: SQSClient }) {
  return async (changeSetId: string, importId: string): Promise<void> => {
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ changeSetId, importId }) }));
  };
}
