import { Aspects, type IAspect, type Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** cdk-nag's AwsSolutions and Serverless packs, run on everything under `scope` at synthesis. */
export function addNagPacks(scope: IConstruct): void {
  const packs: IAspect[] = [new AwsSolutionsChecks(), new ServerlessChecks()];
  for (const pack of packs) Aspects.of(scope).add(pack);
}

/**
 * The unsuppressed cdk-nag errors of a stack, as `path: rule…` lines (empty when clean). With
 * the `annotationsInValidationReport` flag of cdk.json, an error also fails the synthesis, whose
 * report lists it.
 */
export function nagErrors(stack: Stack): string[] {
  return Annotations.fromStack(stack)
    .findError('*', Match.stringLikeRegexp('^(AwsSolutions|Serverless)-.*'))
    .map((finding) => `${finding.id}: ${String(finding.entry.data).split(': ')[0]}`);
}

/** Warnings cdk-nag leaves (rules that are advice, not errors), as `rule` ids. */
export function nagWarnings(stack: Stack): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp('^(AwsSolutions|Serverless)-.*'))
    .map((finding) => String(finding.entry.data).split(':')[0]!);
}
