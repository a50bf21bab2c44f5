import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// The floor for any function that talks to DynamoDB: the client and nothing else, bundled the
// same way as the API function (see test/bench/run.ts).
const client = new DynamoDBClient({});

export const handler = async () => ({ statusCode: 200, body: `bench-floor-handler ${typeof client.send}` });
