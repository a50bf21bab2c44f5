import { addCodedIssue } from './problem-codes.ts';
import * as z from 'zod';
import { entryKinds, type EntryKind } from './kinds.ts';
import { measurePeriodIssues, type MeasureAttributes } from './measure.ts';
import { Instant, toEpochMs } from './time.ts';
import { endAt, setPeriod, type Timeline } from './timeline.ts';

function changeSchemas<K extends EntryKind>(kind: K) {
  const code = entryKinds[kind].code as (typeof entryKinds)[K]['code'];
  const attributes = entryKinds[kind].attributes as (typeof entryKinds)[K]['attributes'];
  const set = z
    .strictObject({
      kind: z.literal(kind),
      code,
      op: z.literal('set'),
      validFrom: Instant,
      validTo: Instant.optional().meta({ description: 'Exclusive end; omitted means open-ended' }),
      attributes,
    })
    .superRefine((change, ctx) => {
      if (change.validTo !== undefined && toEpochMs(change.validTo) <= toEpochMs(change.validFrom)) {
        addCodedIssue(ctx, ['validTo'], { code: 'after_valid_from', params: { other: 'validFrom' }, message: 'must be after validFrom' });
        return;
      }
      if (kind === 'measures') {
        for (const issue of measurePeriodIssues((change as { attributes: unknown }).attributes as MeasureAttributes, change.validFrom, change.validTo)) {
          addCodedIssue(ctx, [issue.path], issue);
        }
      }
    })
    .meta({ description: 'Set these attributes over [validFrom, validTo), splitting whatever the period overlaps' });
  const end = z
    .strictObject({ kind: z.literal(kind), code, op: z.literal('end'), at: Instant })
    .meta({ description: 'The entry stops applying at this instant' });
  return z.discriminatedUnion('op', [set, end]);
}

/**
 * A change to one entry. `set` carries the entry's full attributes for the period (validated
 * by the kind's schema); `end` stops the entry at an instant.
 */
export const Change = z
  .discriminatedUnion('kind', [changeSchemas('price-items'), changeSchemas('drug-entries'), changeSchemas('listings'), changeSchemas('measures')])
  .meta({ id: 'Change' });
export type Change = z.infer<typeof Change>;

export const NumberedChange = z
  .strictObject({ n: z.number().int().min(1), change: Change })
  .meta({ id: 'NumberedChange', description: 'A change with its stable number within its change set' });
export type NumberedChange = z.infer<typeof NumberedChange>;

export function applyChange<A>(timeline: Timeline<A>, change: Change): Timeline<A> {
  if (change.op === 'end') return endAt(timeline, change.at);
  return setPeriod(timeline, {
    validFrom: change.validFrom,
    validTo: change.validTo ?? null,
    attributes: change.attributes as A,
  });
}

/** Apply changes in order; later changes win where they overlap earlier ones. */
export function applyChanges<A>(timeline: Timeline<A>, changes: readonly Change[]): Timeline<A> {
  return changes.reduce<Timeline<A>>((current, change) => applyChange(current, change), timeline);
}

export function entryKey(change: { kind: EntryKind; code: string }): string {
  return `${change.kind}/${change.code}`;
}
