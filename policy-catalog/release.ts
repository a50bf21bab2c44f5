import * as z from 'zod';
import { Acknowledgement } from './acknowledgement.ts';
import { Person } from './identity.ts';
import { Instant } from './time.ts';
import type { Timeline } from './timeline.ts';

/** Release N: one published, numbered, immutable set of catalog changes. Numbers are gapless from 1. */
export const Release = z
  .strictObject({
    number: z.number().int().min(1),
    title: z.string(),
    changeSetId: z.string(),
    publishedAt: Instant,
    publishedBy: Person,
    author: Person,
    approvedBy: Person,
    changeCount: z.number().int().min(0),
    acknowledgements: z.array(Acknowledgement).optional().meta({ description: 'Impact warnings acknowledged at approval and publication, by whom' }),
    revertOf: z.number().int().min(1).optional().meta({ description: 'The release this one undoes' }),
  })
  .meta({ id: 'Release' });
export type Release = z.infer<typeof Release>;

/** A catalog view: each entry's code → its timeline. */
export type View<A = unknown> = ReadonlyMap<string, Timeline<A>>;

export interface EntryDiff<A = unknown> {
  code: string;
  before: Timeline<A> | null;
  after: Timeline<A> | null;
}

/** The entries whose timelines differ between two views, sorted by code. */
export function diffViews<A>(before: View<A>, after: View<A>): EntryDiff<A>[] {
  const codes = [...new Set([...before.keys(), ...after.keys()])].sort();
  const diffs: EntryDiff<A>[] = [];
  for (const code of codes) {
    const a = before.get(code) ?? null;
    const b = after.get(code) ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push({ code, before: a, after: b });
  }
  return diffs;
}
