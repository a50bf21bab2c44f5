import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { inject } from 'vitest';
import type { Role } from '../../policy-catalog/identity.ts';
import { createApp, systemClock } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import * as spreadsheets from '../../functions/http/spreadsheet.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../functions/local/dynamodb-local.ts';
import { inProcessImports } from '../../functions/jobs/run-import.ts';
import { fileExchange } from '../../functions/routes/file-exchange.ts';
import { applicationDocuments } from '../../functions/routes/documents.ts';
import { LocalFileStore } from '../../functions/local/local-file-store.ts';
import { withProviderAt } from '../../functions/local/oidc/mount.ts';
import { consoleClientId, createLocalProvider, localApiAudience, localClaimNames } from '../../functions/local/oidc/provider.ts';
import { loadSeed } from '../../functions/local/seed.ts';
import { seedOrganisations } from '../../functions/local/organisation-seed.ts';
import { createStore, localDynamoClient, type Store } from '../../functions/store/store.ts';
import { toChinaIso } from '../../policy-catalog/time.ts';
import { testSigner } from '../support/test-tokens.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const consoleDirectory = path.join(root, 'admin-ui/dist');

export interface ConsoleServer {
  /** http://127.0.0.1:<port> — the console at `/`, the API beside it and the provider at `/oidc`, as `npm start` serves them. */
  baseUrl: string;
  /** The local provider's issuer, `<baseUrl>/oidc`. */
  issuer: string;
  store: Store;
  /**
   * A token for any identity, for API calls made beside the browser: signed by the tests' own RSA key
   * in the provider's name (the server trusts that one key besides the provider's).
   */
  tokenFor(role: Role, name: string, orgId?: string): Promise<string>;
  /** A demo user's access token from the local provider (the demo-user grant), as scripts get one. */
  providerTokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The app on a real HTTP port with the local OpenID Connect provider mounted at /oidc (its keys
 * and store in a temporary directory), serving the built console and its /config.json like
 * `npm start` does (with file import and machine clients), on a table of its own in DynamoDB
 * Local with the seed loaded and the demo organisations named. It uses the DynamoDB Local of the
 * vitest global setup when there is one (npm test), else starts its own in memory (a bare
 * `vitest run`).
 */
export async function startConsoleServer(): Promise<ConsoleServer> {
  if (!existsSync(path.join(consoleDirectory, 'index.html'))) {
    throw new Error(`The console is not built (${consoleDirectory}/index.html is missing): run \`npm run build:ui\` first.`);
  }
  const provided = inject('dynamoEndpoint') as string | undefined;
  const ownDynamo: DynamoDbLocal | undefined = provided ? undefined : await startDynamoDbLocal();
  const endpoint = provided ?? (ownDynamo as DynamoDbLocal).endpoint;
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'gc-console-oidc-'));
  // The issuer names the port, so the port is taken first and the handler set once the provider exists.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  const cleanUp = async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
    rmSync(dataDirectory, { recursive: true, force: true });
    await ownDynamo?.stop();
  };
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const issuer = `${baseUrl}/oidc`;

    const store = createStore({ client: localDynamoClient(endpoint), tableName: `browser-${crypto.randomUUID()}` });
    await store.ensureTable();
    await loadSeed(store);
    await seedOrganisations(store, new Date());
    const signer = await testSigner();
    const oidc = await createLocalProvider({ issuer, dataDirectory, apiAudience: localApiAudience });
    const files = new LocalFileStore(path.join(dataDirectory, 'files'), baseUrl);
    const app = createApp({
      store,
      clock: systemClock,
      auth: oidcAuth({
        issuer,
        audience: localApiAudience,
        keys: (header, token) => (header.kid === signer.publicJwk.kid ? signer.keys(header, token) : oidc.keys(header, token)),
        claimNames: localClaimNames,
        clientIsActive: (clientId) => store.machineClients.isActive(clientId, toChinaIso(Date.now())),
      }),
      console: withConsoleConfig(
        {
          issuer,
          clientId: consoleClientId,
          redirectUri: `${baseUrl}/auth/callback`,
          postLogoutRedirectUri: `${baseUrl}/`,
          scope: 'openid profile',
          rolesClaim: localClaimNames.roles,
          orgClaim: localClaimNames.org,
        },
        serveStatic({
          root: path.relative(process.cwd(), consoleDirectory) || '.',
          rewriteRequestPath: (requestPath) => (/\.[a-z0-9]+$/i.test(requestPath) ? requestPath : '/index.html'),
        }),
      ),
      exchange: fileExchange({ spreadsheets, files, startImport: inProcessImports({ store, files, spreadsheets, now: () => new Date() }) }),
      documents: applicationDocuments({ files }),
      clientRegistry: oidc.clientRegistry,
      userDirectory: oidc.accounts,
      webhooks: { local: true },
      mail: { delivery: 'outbox' },
      fileRoutes: files.routes(),
      onInternalError: (error) => console.error(error),
    });
    handle = withProviderAt(oidc.mountPath, oidc.callback, getRequestListener(app.fetch));

    return {
      baseUrl,
      issuer,
      store,
      tokenFor: (role, name, orgId) => signer.tokenFor(role, name, orgId, { issuer, audience: localApiAudience }),
      async providerTokenFor(username) {
        const response = await fetch(`${issuer}/token`, {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'urn:green-channel:demo-user', client_id: 'gc-demo', username }),
        });
        const body = (await response.json()) as { access_token?: string };
        if (!body.access_token) throw new Error(`no token for ${username}: ${JSON.stringify(body)}`);
        return body.access_token;
      },
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** `/config.json` in front of the console, as `functions/local/start.ts` serves it. */
function withConsoleConfig(config: Record<string, string>, serveConsole: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (c.req.path === '/config.json' ? Promise.resolve(c.json(config, 200, { 'Cache-Control': 'no-store' })) : serveConsole(c, next));
}
