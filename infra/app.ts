import { App } from 'aws-cdk-lib';
import { environmentsOf, InvalidConfigError } from './config.ts';
import { EdgeProtectionStack } from './edge-protection-stack.ts';
import { GreenChannelStack } from './green-channel-stack.ts';

// Environment-agnostic on purpose: `cdk synth` runs offline, with no account or lookups; the
// account and region come from the credentials used at deploy time. Deploy-time settings come
// from cdk.json's context (one entry per environment under `environments`, the identity
// provider under `identity`), validated by infra/config.ts. `-c env=dev` synthesizes only that
// environment's stack; without it every environment's stack is synthesized, side by side.
const app = new App();
try {
  const environments = Object.entries(environmentsOf(app));
  if (environments.length === 0) throw new InvalidConfigError('No environments: cdk.json "context.environments" must name at least one (e.g. "dev")');
  const only: unknown = app.node.tryGetContext('env');
  if (only !== undefined && !environments.some(([name]) => name === only)) {
    throw new InvalidConfigError(`Unknown environment "${String(only)}" (-c env=…): cdk.json names ${environments.map(([name]) => name).join(', ')}`);
  }
  for (const [name, environment] of environments) {
    if (only !== undefined && name !== only) continue;
    const stackName = environment.stackName ?? `GreenChannel-${name}`;
    // The WAF for CloudFront lives in us-east-1: deployed on its own, first (see the README).
    new EdgeProtectionStack(app, `${stackName}-edge`, { description: `Green Channel (${name}): WAF for the console and API distribution` });
    new GreenChannelStack(app, stackName, {
      description: `Green Channel (${name}): the policy catalog of the provincial healthcare security bureau`,
      environmentName: name,
      environment,
    });
  }
} catch (error) {
  // A wrong setting is the operator's to fix: say what is wrong, without a stack trace.
  if (!(error instanceof InvalidConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
