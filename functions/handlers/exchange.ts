import * as spreadsheets from '../http/spreadsheet.ts';
import { lambdaHandler } from './lambda-handler.ts';

/**
 * The import/export function: the same app with the spreadsheet code (ExcelJS and friends),
 * which the API function leaves out. The HTTP API routes only the import and export paths here.
 */
export const handler = lambdaHandler({ serviceName: 'green-channel-exchange', spreadsheets });
