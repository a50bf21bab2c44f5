import { App } from 'aws-cdk-lib';
import { GreenChannelStack } from './green-channel-stack.ts';

// Environment-agnostic on purpose: `cdk synth` runs offline, with no account or lookups; the
// account and region come from the credentials used at deploy time.
const app = new App();
new GreenChannelStack(app, 'GreenChannelStack', {
  description: 'Green Channel: the policy catalog of the provincial healthcare security bureau',
});
app.synth();
