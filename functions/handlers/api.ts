import { lambdaHandler } from './lambda-handler.ts';

/** The API function: everything but import and export (see exchange.ts), to stay small and start fast. */
export const handler = lambdaHandler({ serviceName: 'green-channel-api' });
