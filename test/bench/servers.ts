// Bench servers, each in a process of its own so that the load generator does not share its
// event loop. `app`: the whole app on the local server's stack (createApp + @hono/node-server).
// `bare`: node:http answering every request with the same bytes, as the reference.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { serve } from '@hono/node-server';
import { createLocalJWKSet } from 'jose';
import { createApp, systemClock } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER } from '../support/test-tokens.ts';

const [mode, ...args] = process.argv.slice(2);
process.on('SIGINT', () => process.exit(0)); // exit normally, so that --cpu-prof can write its profile

if (mode === 'app') {
  const [endpoint, tableName, port, publicKey] = args as [string, string, string, string];
  const store = createStore({ client: localDynamoClient(endpoint), tableName });
  const app = createApp({
    store,
    clock: systemClock,
    auth: oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: createLocalJWKSet({ keys: [JSON.parse(publicKey)] }), claimNames: TEST_CLAIM_NAMES }),
  });
  serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () => process.send?.('ready'));
} else if (mode === 'bare') {
  // Responses to serve, by path: { status, headers, bodyFile }.
  const [port, routesFile] = args as [string, string];
  const routes = JSON.parse(readFileSync(routesFile, 'utf8')) as Record<string, { status: number; headers: Record<string, string>; body: string }>;
  const prepared = Object.fromEntries(Object.entries(routes).map(([path, route]) => [path, { ...route, bytes: Buffer.from(route.body, 'base64') }]));
  http
    .createServer((request, response) => {
      const route = prepared[request.url ?? ''];
      if (!route) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(route.status, route.headers);
      response.end(route.bytes);
    })
    .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
}
