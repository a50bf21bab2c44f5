import { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import type { FileStore } from '../http/file-store.ts';
import type { AppEnv } from '../http/openapi.ts';
import type { Spreadsheets } from '../http/spreadsheet-types.ts';
import { exchangeRoutes } from './exchange.ts';
import { importRoutes } from './imports.ts';

/** Import and export routes, made for the app by whoever serves them (see `fileExchange`). */
export type ExchangeRoutes = (deps: { store: Store; clock: Clock }) => OpenAPIHono<AppEnv>;

/**
 * Import and export, with the spreadsheet code and, where large files are kept, the storage and
 * the import runner. Given to the app by the exchange function (and the local server), never
 * imported by the app itself, so that the API function's bundle has none of it.
 */
export function fileExchange({
  spreadsheets,
  files,
  startImport,
}: {
  spreadsheets: Spreadsheets;
  files?: FileStore;
  startImport?: (changeSetId: string, importId: string) => Promise<void>;
}): ExchangeRoutes {
  return ({ store, clock }) => {
    const app = new OpenAPIHono<AppEnv>();
    app.route('/', exchangeRoutes({ store, clock, spreadsheets, ...(files ? { files } : {}) }));
    if (files && startImport) app.route('/', importRoutes({ store, clock, files, startImport }));
    return app;
  };
}
