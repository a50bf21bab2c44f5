import * as z from 'zod';
import type { EntryKind } from './kinds.ts';
import type { Release } from './release.ts';
import { Instant } from './time.ts';

/**
 * What a system may be told of: every release (downstream systems), or its own organisation's
 * applications changing state (a hospital's or firm's own system, registered with its token).
 */
export const WebhookEvent = z.enum(['release.published', 'application.state-changed']).meta({ id: 'WebhookEvent' });
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const RegisterWebhook = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .meta({ description: 'Where events are POSTed; HTTPS (plain HTTP only on a local server)', example: 'https://his.example.cn/hooks/green-channel' }),
    events: z.array(WebhookEvent).min(1).max(10),
  })
  .meta({ id: 'RegisterWebhook' });
export type RegisterWebhook = z.infer<typeof RegisterWebhook>;

/**
 * An endpoint of a downstream system (issue 15 §1): owned by the client that registered it,
 * told of every release in release order, from the one after `deliveredThrough`. A failing
 * endpoint is retried with backoff for a day, then disabled.
 */
export const Webhook = z
  .strictObject({
    id: z.string(),
    owner: z.string().meta({ description: 'The machine client (or person) that registered it; only they see it' }),
    url: z.string(),
    events: z.array(WebhookEvent),
    state: z.enum(['active', 'disabled']),
    deliveredThrough: z.number().int().meta({ description: 'The last release delivered (acknowledged with a 2xx)' }),
    orgId: z.string().optional().meta({ description: 'For application.state-changed: the organisation whose applications it is told of' }),
    eventsAfter: z.string().optional().meta({ description: 'For application.state-changed: the position of the last event delivered' }),
    createdAt: Instant,
    failingSince: Instant.optional().meta({ description: 'When the delivery now retried first failed' }),
    attempts: z.number().int().meta({ description: 'Failed attempts at the delivery now due' }),
    nextAttemptAt: Instant.optional(),
    disabledAt: Instant.optional(),
    disabledReason: z.string().optional(),
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const WebhookDelivery = z
  .strictObject({
    webhookId: z.string(),
    eventId: z.string(),
    release: z.number().int(),
    attempt: z.number().int(),
    at: Instant,
    status: z.number().int().optional().meta({ description: 'The endpoint’s HTTP status; absent when it could not be reached' }),
    latencyMs: z.number().int(),
    error: z.string().optional(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** Retried for a day, then the endpoint is disabled and the bureau told. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;

/** The wait before attempt `attempts + 1`: 30 s doubling, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/** The event of a release, as every endpoint receives it: what changed, counted by kind, and where to read it. */
export function releasePublishedEvent(release: Release, countsByKind: Partial<Record<EntryKind, number>>) {
  return {
    type: 'release.published' as const,
    timestamp: release.publishedAt,
    data: {
      number: release.number,
      title: release.title,
      publishedAt: release.publishedAt,
      changeCount: release.changeCount,
      countsByKind,
      feed: `/v1/releases?after=${release.number - 1}&limit=1`,
    },
  };
}

/** The event's id, the same on every attempt and replay: receivers deduplicate by it. */
export function eventIdOf(webhookId: string, release: number): string {
  return `msg_${webhookId.replace(/-/g, '').slice(0, 16)}_r${release}`;
}

/** An application event's id, from its position in the organisation's event log. */
export function applicationEventIdOf(webhookId: string, position: string): string {
  return `msg_${webhookId.replace(/-/g, '').slice(0, 16)}_a${position.replace(/[^A-Za-z0-9]/g, '').slice(0, 80)}`;
}
