import type { Change } from './change.ts';
import type { EntryKind } from './kinds.ts';
import { toEpochMs } from './time.ts';
import type { Timeline } from './timeline.ts';

/**
 * The changes that turn an entry's `current` timeline back into `target` (its timeline before a
 * release): stop the entry where its current timeline starts, then set each target period again.
 * Applying them to `current` gives exactly `target`, gaps included (an entry the release created
 * ends where it started, and so applies nowhere).
 */
export function restoreChanges(kind: EntryKind, code: string, current: Timeline | null, target: Timeline | null): Change[] {
  const changes: Change[] = [];
  const periods = current ?? [];
  if (periods.length > 0) {
    const earliest = [...periods, ...(target ?? [])].reduce((first, period) => (toEpochMs(period.validFrom) < toEpochMs(first.validFrom) ? period : first));
    changes.push({ kind, code, op: 'end', at: earliest.validFrom } as Change);
  }
  for (const period of target ?? []) {
    changes.push({
      kind,
      code,
      op: 'set',
      validFrom: period.validFrom,
      ...(period.validTo === null ? {} : { validTo: period.validTo }),
      attributes: period.attributes,
    } as Change);
  }
  return changes;
}
