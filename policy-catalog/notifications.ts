import * as z from 'zod';
import type { Application, ApplicationState } from './applications/application.ts';
import type { ChangeSet } from './change-set.ts';
import type { Identity } from './identity.ts';

/**
 * What people are told in the console (issue 14 §3). A notification goes to an audience: an
 * organisation (its hospital's or firm's staff: their applications), the bureau's reviewers
 * (deadlines), or one person (the author of a change set). Its text is the console's, from the
 * kind and the parameters.
 */
export const NotificationKind = z
  .enum([
    'application-step',
    'supplement-requested',
    'public-notice-started',
    'public-notice-ended',
    'deadline-soon',
    'overdue',
    'change-set-approved',
    'change-set-rejected',
    'change-set-published',
    'item-published',
  ])
  .meta({ id: 'NotificationKind' });
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z
  .object({
    id: z.string().meta({ description: 'Stable: the same event always has the same id, so it is never told twice' }),
    kind: NotificationKind,
    at: z.string().meta({ description: 'When it happened (ISO 8601)' }),
    audience: z.string().meta({ example: 'org:hosp-a', description: 'org:<orgId>, role:reviewer or user:<sub>' }),
    params: z
      .object({
        applicationType: z.string().optional(),
        applicationId: z.string().optional(),
        itemName: z.string().optional(),
        from: z.string().optional(),
        to: z.string().optional(),
        dueAt: z.string().optional(),
        changeSetId: z.string().optional(),
        title: z.string().optional(),
        release: z.number().int().optional(),
      })
      .meta({ description: 'What the console needs to say it and link to it' }),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

/** Instants as UTC ISO strings, so that they sort as text. */
function utc(at: string): string {
  return new Date(Date.parse(at)).toISOString();
}

/** The audiences a person belongs to: their own, their organisation's, and reviewers'. */
export function audiencesOf(identity: Identity): string[] {
  const audiences = [`user:${identity.sub}`];
  if (identity.orgId !== undefined && (identity.role === 'hospital' || identity.role === 'firm')) audiences.push(`org:${identity.orgId}`);
  if (identity.role === 'reviewer') audiences.push('role:reviewer');
  return audiences;
}

function applicationParams(application: Application): Notification['params'] {
  const payload = application.payload as { itemName?: string; productName?: string; hospitalName?: string };
  const itemName = payload.itemName ?? payload.productName ?? payload.hospitalName;
  return { applicationType: application.type, applicationId: application.id, ...(itemName === undefined ? {} : { itemName }) };
}

const applicantSteps: ReadonlySet<ApplicationState> = new Set(['submitted', 'withdrawn', 'reconsideration']);

/**
 * What the applying organisation is told when its application moves from `from` to `next.state`:
 * every step, and by name a supplement request and the start and end of 公示.
 */
export function applicationNotifications(next: Application, from: ApplicationState, at: string): Notification[] {
  // Nobody is told of their own organisation's steps (submitting, withdrawing, asking for reconsideration).
  if (next.state === from || applicantSteps.has(next.state)) return [];
  const audience = `org:${next.orgId}`;
  const base = { at: utc(at), audience, params: { ...applicationParams(next), from, to: next.state } };
  const id = (what: string) => `${what}-${next.type}-${next.id}-v${next.version}`;
  const told: Notification[] = [];
  if (next.state === 'supplement-requested') told.push({ ...base, id: id('supplement'), kind: 'supplement-requested' });
  else if (next.state === 'public-notice') told.push({ ...base, id: id('notice-started'), kind: 'public-notice-started' });
  else if (from === 'public-notice') told.push({ ...base, id: id('notice-ended'), kind: 'public-notice-ended' });
  else told.push({ ...base, id: id('step'), kind: 'application-step' });
  return told;
}

/** The author of a change set is told when someone else approves, rejects or publishes it. */
export function changeSetNotification(next: ChangeSet, at: string): Notification | undefined {
  const kinds: Partial<Record<ChangeSet['state'], NotificationKind>> = {
    approved: 'change-set-approved',
    rejected: 'change-set-rejected',
    published: 'change-set-published',
  };
  const kind = kinds[next.state];
  if (kind === undefined) return undefined;
  return {
    id: `${kind}-${next.id}-v${next.version}`,
    kind,
    at: utc(at),
    audience: `user:${next.author.sub}`,
    params: { changeSetId: next.id, title: next.title, ...(next.releaseNumber === undefined ? {} : { release: next.releaseNumber }) },
  };
}

/** The applying organisation is told when the entry its application asked for is published. */
export function itemPublishedNotification(application: Application, release: number, at: string): Notification {
  return {
    id: `item-published-${application.type}-${application.id}-r${release}`,
    kind: 'item-published',
    at: utc(at),
    audience: `org:${application.orgId}`,
    params: { ...applicationParams(application), release },
  };
}

/** Reviewers are told of work due within two working days, and of work overdue (once each per due date). */
export function deadlineNotification(application: Application, kind: 'deadline-soon' | 'overdue', at: string): Notification {
  return {
    id: `${kind}-${application.type}-${application.id}-${application.dueAt ?? ''}`,
    kind,
    at: utc(at),
    audience: 'role:reviewer',
    params: { ...applicationParams(application), ...(application.dueAt === undefined ? {} : { dueAt: application.dueAt }), to: application.state },
  };
}
