import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';

type Token = { Ref?: string; 'Fn::GetAtt'?: [string, string] };

/** A deploy-time value as a short readable string: `{Logical}` for a Ref, `{Logical.Attribute}` for a GetAtt. */
function render(token: Token): string {
  if (token.Ref) return `{${token.Ref}}`;
  if (token['Fn::GetAtt']) return `{${token['Fn::GetAtt'].join('.')}}`;
  return JSON.stringify(token);
}

/**
 * The `config.json` the stack publishes next to the console, read from the synthesized asset,
 * its deploy-time values rendered by {@link render}.
 */
export function consoleConfig(template: Template, outdir: string): Record<string, unknown> {
  const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
  if (deployments.length !== 1) throw new Error(`expected one bucket deployment, found ${deployments.length}`);
  const { SourceObjectKeys: keys, SourceMarkers: markers } = deployments[0]!.Properties as {
    SourceObjectKeys: string[];
    SourceMarkers: Record<string, Token>[];
  };
  const found = keys
    .map((key, index) => ({ file: join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'config.json'), markers: markers[index] ?? {} }))
    .filter(({ file }) => existsSync(file));
  if (found.length !== 1) throw new Error(`expected one config.json among the deployment's sources, found ${found.length}`);
  const { file, markers: tokens } = found[0]!;
  const text = readFileSync(file, 'utf8').replace(/<<marker:0xbaba:\d+>>/g, (marker) => {
    const token = tokens[marker];
    if (!token) throw new Error(`no value for ${marker}`);
    return render(token);
  });
  return JSON.parse(text) as Record<string, unknown>;
}
