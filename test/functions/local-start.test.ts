import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { seedReleases } from '../../policy-catalog/seed/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDirectory = mkdtempSync(path.join(tmpdir(), 'gc-start-'));

afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

async function start(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), GC_DATA_DIR: dataDirectory },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the local server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the local server did not answer /health within 60 s');
}

function stop(child: ChildProcess): Promise<unknown> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  return exited;
}

function dynamoProcessesFor(directory: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'DynamoDBLocal'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(directory));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function releaseCount(port: number): Promise<number> {
  const base = `http://127.0.0.1:${port}`;
  const { access_token: token } = (await (
    await fetch(`${base}/oidc/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'urn:green-channel:demo-user', client_id: 'gc-demo', username: 'hospital' }),
    })
  ).json()) as { access_token: string };
  const releases = (await (await fetch(`${base}/v1/releases`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { visibleRelease: number };
  return releases.visibleRelease;
}

describe('the local runtime (npm start)', () => {
  it('serves /health, stops DynamoDB Local on Ctrl-C, and keeps its data for the next start', async () => {
    const port = await freePort();
    const first = await start(port);
    expect(await releaseCount(port)).toBe(seedReleases.length);
    expect(dynamoProcessesFor(dataDirectory).length).toBeGreaterThan(0);
    await stop(first);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dynamoProcessesFor(dataDirectory)).toEqual([]);

    const second = await start(port);
    expect(await releaseCount(port)).toBe(seedReleases.length); // the seed is loaded once, and the data survived
    second.kill('SIGKILL'); // even a hard kill leaves no java behind
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(dynamoProcessesFor(dataDirectory)).toEqual([]);
  }, 150_000);
});
