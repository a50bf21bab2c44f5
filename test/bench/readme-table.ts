/**
 * `npm run bench:table`: the README's performance table, regenerated from bench-results.json
 * (one record per figure: bench, figure, value, reference, ratio, target, pass), between the
 * `<!-- bench:start -->` and `<!-- bench:end -->` markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from './results.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { at, results } = JSON.parse(readFileSync(path.join(root, 'bench-results.json'), 'utf8')) as { at: string; results: Result[] };
const figure = (value: number) => (Number.isFinite(value) ? value.toLocaleString('en-US') : '—');
const rows = results
  .filter((result) => result.target !== 'info' || Number.isFinite(result.ratio))
  .map((result) => {
    const verdict = result.target === 'info' ? 'reported' : result.pass ? 'met' : 'missed';
    const target = result.target === 'info' ? '—' : result.target;
    return `| ${result.bench} · ${result.figure} | ${figure(result.value)} ${result.unit} | ${figure(result.reference)} ${result.unit} | ${figure(result.ratio)} | ${target} | ${verdict} |`;
  });
const table = [
  `Measured ${at.slice(0, 10)} (\`bench-results.json\`; regenerate with \`npm run bench:table\`):`,
  '',
  '| bench · figure | measured | reference (same run) | ratio | target | |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf('<!-- bench:start -->');
const end = readme.indexOf('<!-- bench:end -->');
if (start < 0 || end < start) throw new Error('README.md has no <!-- bench:start --> … <!-- bench:end --> markers');
writeFileSync(readmePath, `${readme.slice(0, start)}<!-- bench:start -->\n\n${table}\n\n${readme.slice(end)}`);
console.log(`README.md: ${rows.length} figures from bench-results.json (${at})`);
