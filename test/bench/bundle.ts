// Issue 12 §3 and §5: the API Lambda bundle as `cdk synth` builds it, against a handler that
// bundles only DynamoDBClient: its size, its cold import, its handler on API Gateway v2 events;
// and what the bundle is made of, by package (esbuild's metafile, built with the same options).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { record, results, round } from './results.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function bundleBench(endpoint: string, tableName: string) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'gc-bench-synth-'));
  const synth = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `
    const { App } = await import('aws-cdk-lib');
    const { GreenChannelStack } = await import(${JSON.stringify(path.join(root, 'infra/green-channel-stack.ts'))});
    const { ApiFunction } = await import(${JSON.stringify(path.join(root, 'infra/api-function.ts'))});
    const app = new App({ outdir: ${JSON.stringify(outdir)} });
    new GreenChannelStack(app, 'Bench');
    const { Stack } = await import('aws-cdk-lib');
    const floor = new Stack(app, 'Floor');
    new ApiFunction(floor, 'Floor', { entry: ${JSON.stringify(path.join(root, 'test/bench/floor-handler.ts'))} });
    app.synth();
  `,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (synth.status !== 0) throw new Error(`synth failed: ${synth.stderr}`);
  const manifest = (stack: string) =>
    JSON.parse(readFileSync(path.join(outdir, `${stack}.assets.json`), 'utf8')) as { files: Record<string, { source: { path: string } }> };
  const bundleOf = (stack: string, marker: string) => {
    for (const file of Object.values(manifest(stack).files)) {
      const dir = path.join(outdir, file.source.path);
      if (!statSync(dir).isDirectory() || !readdirSync(dir).includes('index.mjs')) continue;
      const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      if (code.includes(marker)) return path.join(dir, 'index.mjs');
    }
    throw new Error(`no bundle with ${marker} in ${stack}`);
  };
  const api = bundleOf('Bench', 'green-channel-api');
  const floor = bundleOf('Floor', 'bench-floor-handler');

  // Issue 12 §3: the bundle's handler with API Gateway v2 events against a constant-body floor.
  const lambda = spawnSync(process.execPath, ['--no-warnings', '--import', 'tsx', path.join(root, 'test/bench/lambda-path.ts'), api, endpoint, tableName], {
    cwd: root,
    encoding: 'utf8',
  });
  if (lambda.status !== 0) throw new Error(`the Lambda-path bench failed: ${lambda.stderr}`);
  const paths = JSON.parse(lambda.stdout) as { app: { p50: number; p99: number }; floor: { p50: number; p99: number }; bytes: number };
  record('Lambda path: page of 100 (API Gateway v2 events)', 'p50', paths.app.p50, paths.floor.p50, 'ms', { atMost: 1.5 });
  record('Lambda path: page of 100 (API Gateway v2 events)', 'p99', paths.app.p99, paths.floor.p99, 'ms', { atMost: 1.5 });
  const apiKb = statSync(api).size / 1024;
  const floorKb = statSync(floor).size / 1024;
  results.push({
    bench: 'API bundle size',
    figure: 'minified ESM, AWS SDK inside',
    value: round(apiKb),
    reference: round(floorKb),
    ratio: round(apiKb / floorKb, 3),
    target: '≤ 550 KB',
    pass: apiKb <= 550,
    unit: 'KB',
  });
  console.log(`  ${apiKb <= 550 ? 'ok  ' : 'MISS'} API bundle size: ${round(apiKb)} KB (floor ${round(floorKb)} KB; target ≤ 550 KB)`);
  await printBreakdown();
  const importTimes = (file: string) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const run = spawnSync(
        process.execPath,
        [
          '--no-warnings',
          '--input-type=module',
          '-e',
          `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, TABLE_NAME: 'bench', AWS_REGION: 'cn-north-1', GC_MODE: 'aws' },
        },
      );
      times.push(Number(run.stdout.trim()));
    }
    times.sort((a, b) => a - b);
    return ((times[9] as number) + (times[10] as number)) / 2;
  };
  // Interleave to share the machine's noise fairly.
  const floorMedian = importTimes(floor);
  const apiMedian = importTimes(api);
  record('API bundle import', 'median of 20 cold imports', apiMedian, floorMedian, 'ms', { atMost: 1.3 });
  rmSync(outdir, { recursive: true, force: true });
}

/** The API bundle's bytes by package, largest first (the same esbuild options as infra/api-function.ts). */
async function printBreakdown() {
  const built = await build({
    entryPoints: [path.join(root, 'functions/handlers/api.ts')],
    bundle: true,
    write: false,
    outfile: path.join(tmpdir(), 'gc-bench-breakdown.mjs'),
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    metafile: true,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-sqs', 'pinyin-pro'],
    charset: 'utf8',
    alias: { zod: path.join(root, 'functions/handlers/zod-lean.ts') },
    logLevel: 'silent',
  });
  const output = Object.values(built.metafile.outputs)[0];
  if (!output) return;
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const owner = inModules ? (inModules[1] as string) : file.split('/').slice(0, 2).join('/');
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
  }
  console.log(`       by package (${round(output.bytes / 1024)} KB):`);
  for (const [owner, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
    console.log(
      `       ${round(bytes / 1024)
        .toFixed(1)
        .padStart(7)} KB  ${owner}`,
    );
  }
}
