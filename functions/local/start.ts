import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp, systemClock } from '../app.ts';
import * as spreadsheets from '../http/spreadsheet.ts';
import { oidcAuth } from '../http/oidc-auth.ts';
import { createStore, localDynamoClient } from '#store/store.ts';
import { JavaMissingError, startDynamoDbLocal } from './dynamodb-local.ts';
import { loadSeed } from './seed.ts';
import { seedOrganisations } from './organisation-seed.ts';
import { withProviderAt } from './oidc/mount.ts';
import { LocalFileStore } from './local-file-store.ts';
import { inProcessImports } from '../jobs/run-import.ts';
import { startWebhookWorker } from '../jobs/deliver-webhooks.ts';
import { fileExchange } from '../routes/file-exchange.ts';
import { applicationDocuments } from '../routes/documents.ts';
import { consoleClientId, createLocalProvider, localApiAudience, localClaimNames } from './oidc/provider.ts';
import { hourlyJob } from '../jobs/hourly.ts';
import { mailPass } from '../jobs/send-mail.ts';
import { toChinaIso } from '#catalog/time.ts';

/**
 * `npm start`: DynamoDB Local with its data under .data/, the table, the seed data (once), and
 * the API with the built console on http://localhost:3000 (PORT overrides; GC_DATA_DIR moves the
 * data), with the local OpenID Connect provider at /oidc on the same port. Ctrl-C stops both.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDirectory = path.resolve(process.env.GC_DATA_DIR ?? path.join(root, '.data'));
const consoleDirectory = path.join(root, 'admin-ui/dist');
const port = Number(process.env.PORT ?? 3000);
const tableName = 'green-channel';

async function main() {
  mkdirSync(path.join(dataDirectory, 'dynamodb'), { recursive: true });
  const dynamo = await startDynamoDbLocal({ dbPath: path.join(dataDirectory, 'dynamodb') });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await dynamo.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));
  // If Node dies any other way, the guard around java sees its pipe close and stops java.

  try {
    const store = createStore({ client: localDynamoClient(dynamo.endpoint), tableName });
    await store.ensureTable();
    // Applications stored before the list indexes existed get their index keys (idempotent).
    for (const type of ['service', 'listing'] as const) await store.applications.reindex(type);
    // Change sets stored before their indexes existed get their index keys (idempotent).
    await store.changeSets.reindex();
    const rolledForward = await store.releases.recover();
    if (rolledForward.length > 0) console.log(`Completed interrupted publish of release ${rolledForward.join(', ')}.`);
    const seeded = await loadSeed(store);
    if (seeded > 0)
      console.log(
        `Loaded the seed data: ${seeded} releases (COVID-19 test prices, the notices' measures, sample drugs and listings; illustrative where not cited).`,
      );
    // The demo organisations' names (never over a name an admin set).
    const named = await seedOrganisations(store, new Date());
    if (named > 0) console.log(`Added ${named} demo organisations to the registry.`);

    if (!existsSync(path.join(consoleDirectory, 'index.html'))) {
      console.warn('The console is not built (admin-ui/dist is missing): run `npm run build:ui`. The API works without it.');
    }
    const issuer = `http://localhost:${port}/oidc`;
    // Large imports and exports go through files kept under the data directory (S3 on AWS).
    const files = new LocalFileStore(path.join(dataDirectory, 'files'), `http://localhost:${port}`);
    const oidc = await createLocalProvider({ issuer, dataDirectory, apiAudience: localApiAudience });
    const app = createApp({
      store,
      clock: systemClock,
      // Only the provider's tokens: people's and machine clients' alike (issue 10 §2).
      auth: oidcAuth({
        issuer,
        audience: localApiAudience,
        keys: oidc.keys,
        claimNames: localClaimNames,
        clientIsActive: (clientId) => store.machineClients.isActive(clientId, toChinaIso(Date.now())),
      }),
      console: withConsoleConfig(
        consoleConfig(issuer),
        serveStatic({
          root: path.relative(process.cwd(), consoleDirectory) || '.',
          rewriteRequestPath: (requestPath) => (/\.[a-z0-9]+$/i.test(requestPath) ? requestPath : '/index.html'),
        }),
      ),
      exchange: fileExchange({ spreadsheets, files, startImport: inProcessImports({ store, files, spreadsheets, now: () => new Date() }) }),
      documents: applicationDocuments({ files }),
      clientRegistry: oidc.clientRegistry,
      userDirectory: oidc.accounts,
      fileRoutes: files.routes(),
      // Plain HTTP and loopback endpoints allowed, so that examples and tests run locally.
      webhooks: { local: true },
      // Mail is kept in the outbox (the console's 发件箱), never sent.
      mail: { delivery: 'outbox' },
      onInternalError: (error) => console.error(error),
    });
    // Webhooks: every release told to the endpoints registered for it, within a second or two.
    const webhookWorker = startWebhookWorker({ store, policy: { local: true }, now: () => new Date() });
    const madeVisible = store.releases.onVisible;
    store.releases.onVisible = (release) => {
      madeVisible?.(release);
      webhookWorker.nudge();
    };
    // The hourly job, as EventBridge runs it on AWS: once now, then every hour.
    const runJob = () => hourlyJob(store, new Date()).catch((error: unknown) => console.error('the hourly job failed:', error));
    void runJob();
    setInterval(runJob, 60 * 60 * 1000).unref();
    // The mail job, as the mailer function runs it on AWS every five minutes: here every 30 s, queueing only.
    const runMail = () =>
      mailPass({ store, now: () => new Date(), consoleUrl: `http://localhost:${port}`, directory: oidc.accounts }).catch((error: unknown) =>
        console.error('the mail job failed:', error),
      );
    setInterval(runMail, 30_000).unref();
    const hostname = '0.0.0.0';
    createServer(withProviderAt(oidc.mountPath, oidc.callback, getRequestListener(app.fetch, { hostname }))).listen(port, hostname, () => {
      console.log(`Green Channel is running: console http://localhost:${port}/  API docs http://localhost:${port}/docs  (Ctrl-C stops it)`);
      console.log(`OpenID Connect provider: ${issuer}  demo users ${issuer}/demo-users`);
    });
  } catch (error) {
    console.error(error);
    await stop(1);
  }
}

/**
 * The console's `/config.json`, as the deployment writes it to S3 on AWS (same keys): it signs in
 * at the local provider as the public client `gc-console` (code + PKCE) and reads the claims the
 * local provider writes.
 */
function consoleConfig(issuer: string) {
  const origin = new URL(issuer).origin;
  return {
    issuer,
    clientId: consoleClientId,
    redirectUri: `${origin}/auth/callback`,
    postLogoutRedirectUri: `${origin}/`,
    scope: 'openid profile',
    rolesClaim: localClaimNames.roles,
    orgClaim: localClaimNames.org,
  };
}

/** Serves `/config.json` in front of the built console. */
function withConsoleConfig(config: ReturnType<typeof consoleConfig>, serveConsole: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (c.req.path === '/config.json' ? Promise.resolve(c.json(config, 200, { 'Cache-Control': 'no-store' })) : serveConsole(c, next));
}

main().catch((error: unknown) => {
  console.error(error instanceof JavaMissingError ? error.message : error);
  process.exit(1);
});
