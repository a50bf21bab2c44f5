import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { inject } from 'vitest';
import type { Role } from '../../policy-catalog/identity.ts';
import { createApp, systemClock } from '../../functions/app.ts';
import { localAuth } from '../../functions/http/auth.ts';
import * as spreadsheets from '../../functions/http/spreadsheet.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../functions/local/dynamodb-local.ts';
import { loadSeed } from '../../functions/local/seed.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const consoleDirectory = path.join(root, 'admin-ui/dist');
const JWT_SECRET = 'browser-test-secret-not-for-production';

export interface ConsoleServer {
  /** http://127.0.0.1:<port> — the console at `/`, the API beside it, as `npm start` serves them. */
  baseUrl: string;
  store: Store;
  tokenFor(role: Role, name: string, orgId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The app on a real HTTP port, serving the built console like `npm start` does (with file import
 * and machine tokens), on a table of its own in DynamoDB Local with the seed loaded. It uses the
 * DynamoDB Local of the vitest global setup when there is one (npm test), else starts its own in
 * memory (a bare `vitest run`).
 */
export async function startConsoleServer(): Promise<ConsoleServer> {
  if (!existsSync(path.join(consoleDirectory, 'index.html'))) {
    throw new Error(`The console is not built (${consoleDirectory}/index.html is missing): run \`npm run build:ui\` first.`);
  }
  const provided = inject('dynamoEndpoint') as string | undefined;
  const ownDynamo: DynamoDbLocal | undefined = provided ? undefined : await startDynamoDbLocal();
  const endpoint = provided ?? (ownDynamo as DynamoDbLocal).endpoint;
  try {
    const store = createStore({ client: localDynamoClient(endpoint), tableName: `browser-${crypto.randomUUID()}` });
    await store.ensureTable();
    await loadSeed(store);
    const app = createApp({
      store,
      clock: systemClock,
      auth: localAuth(
        JWT_SECRET,
        () => new Date(),
        (id) => store.machineTokens.isActive(id),
      ),
      console: serveStatic({
        root: path.relative(process.cwd(), consoleDirectory) || '.',
        rewriteRequestPath: (requestPath) => (/\.[a-z0-9]+$/i.test(requestPath) ? requestPath : '/index.html'),
      }),
      spreadsheets,
      onInternalError: (error) => console.error(error),
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      baseUrl,
      store,
      async tokenFor(role, name, orgId) {
        const response = await fetch(`${baseUrl}/auth/dev-token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ role, name, ...(orgId ? { orgId } : {}) }),
        });
        return ((await response.json()) as { token: string }).token;
      },
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await ownDynamo?.stop();
      },
    };
  } catch (error) {
    await ownDynamo?.stop();
    throw error;
  }
}
