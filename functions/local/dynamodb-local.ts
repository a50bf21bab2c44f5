import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

/** DynamoDB Local, AWS's own emulator, from the `emulator/` folder of amplify-dynamodb-simulator. */
export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const GUARD = 'java "$@" & java=$!; trap \'kill $java 2>/dev/null; wait $java; exit 0\' TERM INT HUP; read _ignored; kill $java 2>/dev/null; wait $java';

export class JavaMissingError extends Error {
  constructor(options?: { cause?: unknown }) {
    super(
      'DynamoDB Local needs Java 17 or newer on the PATH, and `java` was not found: install a JRE (e.g. apt-get install -y openjdk-17-jre-headless) and try again.',
      options,
    );
    this.name = 'JavaMissingError';
  }
}

export function emulatorDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/**
 * Start DynamoDB Local on a free port. With `dbPath` the data persists there (and survives a
 * kill -9); without it the database lives in memory. `-sharedDb` gives every client the same
 * database whatever its credentials and region.
 */
export async function startDynamoDbLocal({ dbPath, port }: { dbPath?: string; port?: number } = {}): Promise<DynamoDbLocal> {
  const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (java.error) throw new JavaMissingError({ cause: java.error });
  const emulator = emulatorDirectory();
  const chosenPort = port ?? (await freePort());
  const args = [
    `-Djava.library.path=${path.join(emulator, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(emulator, 'DynamoDBLocal.jar'),
    '-sharedDb',
    ...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']),
    '-port',
    String(chosenPort),
  ];
  // java runs under a small shell guard that holds a pipe from this process: when this process
  // ends in any way (even kill -9), the pipe closes, `read` returns, and the guard stops java.
  // No java process is ever left behind.
  const child = spawn('sh', ['-c', GUARD, 'dynamodb-local-guard', ...args], { cwd: emulator, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await Promise.race([waitForPort(chosenPort, 60_000).then(() => true), exited.then(() => false)]);
  if (!ready) throw new Error(`DynamoDB Local exited before it was ready: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
  return {
    endpoint: `http://127.0.0.1:${chosenPort}`,
    pid: child.pid as number,
    stop: () => stopProcess(child, exited),
  };
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`DynamoDB Local did not open port ${port} within ${timeoutMs / 1000} s`);
}
