import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** Requests one client address may make in five minutes before WAF blocks it for a while. */
export const rateLimitPer5Minutes = 2000;

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * The WAF in front of the console's distribution, and so of the API behind it (issue 11 §6).
 * A web ACL for CloudFront must live in us-east-1, whatever region the catalog is in, so it is
 * a stack of its own: deploy it first, then give its `WebAclArn` output to the environment's
 * `webAclArn` setting. Rules: AWS's managed common rule set and known-bad-inputs set, and a
 * rate rule per client address.
 */
export class EdgeProtectionStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { ...props, env: { ...props.env, region: 'us-east-1' } });
    const managed = (name: string, priority: number) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'Green Channel: the console and the API behind its distribution',
      visibilityConfig: visibility('GreenChannelEdge'),
      rules: [
        managed('AWSManagedRulesCommonRuleSet', 0),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
        {
          name: 'RatePerClientAddress',
          priority: 2,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: rateLimitPer5Minutes, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RatePerClientAddress'),
        },
      ],
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'Give this to the environment’s webAclArn setting' });
  }
}
