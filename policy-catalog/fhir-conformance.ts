import { toEpochMs } from './time.ts';
import type { Timeline } from './timeline.ts';

/**
 * What a FHIR client needs beyond the resources (issue 15 §4): the CapabilityStatement at
 * `/fhir/metadata`, the search parameters' meaning, and OperationOutcome for errors.
 */
export const searchParameters = [
  { name: 'code', type: 'token', documentation: 'The price item or drug code (system|code or code; comma-separated for any of several)' },
  { name: 'status', type: 'token', documentation: 'Every published resource is active' },
  { name: 'effective', type: 'date', documentation: 'In effect on this date (00:00 China time) or instant' },
  { name: '_count', type: 'number', documentation: 'Entries per page (1–1000), the next link continues' },
  { name: '_at', type: 'date', documentation: 'The catalog as published at this instant (the release visible then)' },
  { name: '_since', type: 'date', documentation: 'Only entries changed by releases published after this instant' },
] as const;

export function capabilityStatement(base: string, release: number, publishedAt: string | undefined) {
  const resource = (type: string, profile: string) => ({
    type,
    profile,
    interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'search-type' }],
    versioning: 'versioned',
    readHistory: false,
    searchParam: searchParameters.map(({ name, type: kind, documentation }) => ({ name, type: kind, documentation })),
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: publishedAt ?? '2020-01-01T00:00:00+08:00',
    publisher: '省医疗保障局',
    kind: 'instance',
    software: { name: 'Green Channel policy catalog', version: String(release) },
    implementation: { description: 'The provincial medical insurance policy catalog: service prices and the drug list', url: base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: { description: 'OAuth 2.0 bearer tokens (client credentials, scope catalog/read)' },
        resource: [
          resource('ChargeItemDefinition', 'http://hl7.org/fhir/StructureDefinition/ChargeItemDefinition'),
          resource('MedicationKnowledge', 'http://hl7.org/fhir/StructureDefinition/MedicationKnowledge'),
        ],
      },
    ],
  };
}

/** An error as FHIR clients read it. */
export function operationOutcome(status: number, diagnostics: string) {
  const code = status === 404 ? 'not-found' : status === 401 ? 'login' : status === 403 ? 'forbidden' : status < 500 ? 'invalid' : 'exception';
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/** `code=a,system|b` → the codes asked for (the system is ours or absent). */
export function codesOf(param: string): string[] {
  return param
    .split(',')
    .map((token) => token.slice(token.lastIndexOf('|') + 1).trim())
    .filter(Boolean);
}

/** `effective=2022-05-10` (a China date) or an instant, with an optional `eq` prefix → epoch ms. */
export function effectiveInstant(param: string): number | undefined {
  const value = param.replace(/^eq/, '');
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00+08:00`) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whether a period of `timeline` is in effect at `ms`, and which (its index). */
export function periodAt(timeline: Timeline, ms: number): number {
  return timeline.findIndex((period) => toEpochMs(period.validFrom) <= ms && (period.validTo === null || ms < toEpochMs(period.validTo)));
}
