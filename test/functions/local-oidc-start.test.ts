import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/dynamodb-local.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDirectory = mkdtempSync(path.join(tmpdir(), 'gc-oidc-start-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(dataDirectory, { recursive: true, force: true });
});

/**
 * `npm start` on a free port. The port is free when chosen, but another test's server may take it
 * before this one listens (tests run in parallel): then the server exits, and it is started again
 * on another port, at most three times. Its stderr is kept for the error message.
 */
async function startOnFreePort(): Promise<{ child: ChildProcess; port: number }> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return { child: await start(port), port };
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

async function start(port: number): Promise<ChildProcess> {
  const started = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), GC_DATA_DIR: dataDirectory },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  started.stderr?.on('data', (chunk) => (stderr = `${stderr}${chunk}`.slice(-2000)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (started.exitCode !== null) throw new Error(`the local server exited with ${started.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return started;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the local server did not answer /health within 60 s');
}

describe('npm start serves the OpenID Connect provider at /oidc on the app’s port', () => {
  it('issues tokens the app accepts, and there is no other sign-in', async () => {
    const { child: started, port } = await startOnFreePort();
    child = started;
    const base = `http://127.0.0.1:${port}`;
    const token = async (body: Record<string, string>, headers: Record<string, string> = {}) =>
      (
        (await (
          await fetch(`${base}/oidc/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
            body: new URLSearchParams(body),
          })
        ).json()) as { access_token: string }
      ).access_token;
    const status = async (route: string, bearer: string) => (await fetch(`${base}${route}`, { headers: { Authorization: `Bearer ${bearer}` } })).status;

    const discovery = (await (await fetch(`${base}/oidc/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(`http://localhost:${port}/oidc`);
    expect((await fetch(`${base}/oidc/demo-users`)).status).toBe(200);

    const officer = await token({ grant_type: 'urn:green-channel:demo-user', client_id: 'gc-demo', username: 'pricing-a' });
    expect(await status('/v1/change-sets', officer)).toBe(200);

    // The README's curl for a downstream system: its secret is in the data directory.
    const secret = readFileSync(path.join(dataDirectory, 'oidc', 'gc-demo-his-secret'), 'utf8').trim();
    const his = await token(
      { grant_type: 'client_credentials', scope: 'catalog/read' },
      { Authorization: `Basic ${Buffer.from(`gc-demo-his:${secret}`).toString('base64')}` },
    );
    expect(await status('/v1/catalog/price-items', his)).toBe(200);

    const devSignIn = await fetch(`${base}/auth/dev-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'pricing-staff', name: '王芳' }),
    });
    expect(devSignIn.status).not.toBe(200);
    expect(existsSync(path.join(dataDirectory, 'jwt-secret'))).toBe(false);
  }, 120_000);
});
