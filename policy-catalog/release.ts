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
    madeByApplication: z.boolean().optional().meta({ description: 'The change set was made by the approval of a green-channel application' }),
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

/** Roles that see the names of the bureau's staff on releases; everyone else sees the office. */
const staffRoles: ReadonlySet<string> = new Set(['pricing-staff', 'reviewer', 'admin']);

/** The office that takes each step of a release, as hospitals, firms and downstream systems see it. */
export const officeLabels = {
  pricing: { sub: 'office:pricing', name: '价格处' },
  review: { sub: 'office:review', name: '审核处' },
} as const;

/**
 * A release as `role` may read it: staff see who did what; hospitals, firms and downstream
 * systems see the number, title, times and changes, and each person only as their office
 * (the author of a change set made by an application's approval is a reviewer).
 */
export function releaseForReader(release: Release, role: string): Release {
  if (staffRoles.has(role)) return release;
  const pricing = officeLabels.pricing;
  return {
    ...release,
    author: release.madeByApplication ? officeLabels.review : pricing,
    approvedBy: pricing,
    publishedBy: pricing,
    ...(release.acknowledgements ? { acknowledgements: release.acknowledgements.map((acknowledgement) => ({ ...acknowledgement, by: pricing })) } : {}),
  };
}
