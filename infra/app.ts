import { App } from 'aws-cdk-lib';
import { InvalidConfigError } from './config.ts';
import { GreenChannelStack } from './green-channel-stack.ts';

// Environment-agnostic on purpose: `cdk synth` runs offline, with no account or lookups; the
// account and region come from the credentials used at deploy time. Deploy-time settings (the
// identity provider) come from cdk.json's context, validated by infra/config.ts.
const app = new App();
try {
  new GreenChannelStack(app, 'GreenChannelStack', {
    description: 'Green Channel: the policy catalog of the provincial healthcare security bureau',
  });
} catch (error) {
  // A wrong setting is the operator's to fix: say what is wrong, without a stack trace.
  if (!(error instanceof InvalidConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
