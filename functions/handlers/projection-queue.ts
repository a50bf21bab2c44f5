/** The SQS client type, so tests can pass a mocked one. */
type SqsClient = import('@aws-sdk/client-sqs').SQSClient;

/**
 * On AWS a publish hands its release's projection to the projector through this queue: a Lambda
 * does no work after it answers, and a 20,000-entry projection outlasts any request. The SDK
 * module is loaded on the first publish (left to the runtime, so the API's bundle does not grow).
 * The message only wakes the projector, which rolls every committed release forward in order.
 */
export function sqsProjectionScheduler({ queueUrl, client }: { queueUrl: string; client?: SqsClient }): (release: number) => Promise<void> {
  let sdk: Promise<typeof import('@aws-sdk/client-sqs')> | undefined;
  let shared = client;
  return async (release) => {
    sdk ??= import('@aws-sdk/client-sqs');
    const { SQSClient, SendMessageCommand } = await sdk;
    shared ??= new SQSClient({ maxAttempts: 3 });
    await shared.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ release }) }));
  };
}
