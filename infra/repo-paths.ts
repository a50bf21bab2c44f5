import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file rather than `process.cwd()`, so that `cdk synth`,
 * vitest and an editor's CDK tooling agree on paths wherever they are started from.
 */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** An absolute path inside the repository, given its repo-relative segments. */
export function repoPath(...segments: string[]): string {
  return join(repoRoot, ...segments);
}
