import { Webhook as Signer } from 'standardwebhooks';
import type { EntryKind } from '#catalog/kinds.ts';
import { toChinaIso } from '#catalog/time.ts';
import { applicationEventIdOf, backoffMs, eventIdOf, RETRY_FOR_MS, releasePublishedEvent, type Webhook } from '#catalog/webhook.ts';
import type { Store } from '#store/store.ts';
import { type UrlPolicy, webhookUrlRefusal } from '../http/webhook-url.ts';

/** An endpoint has this long to answer; its body is ignored. */
const DELIVERY_TIMEOUT_MS = 5_000;
/** Releases delivered to one endpoint per run, so that one far-behind endpoint cannot hold up the rest. */
const MAX_PER_RUN = 50;

export interface DeliveryRun {
  store: Store;
  policy: UrlPolicy;
  now: () => Date;
  /** The HTTP client (tests may wrap it); the platform's fetch by default. */
  post?: typeof fetch;
  /** Told when an endpoint is disabled (on AWS, a log line the alarm reads). */
  onDisabled?: (webhook: Webhook) => void;
}

/**
 * One pass of the webhook worker (issue 15 §1): every active endpoint that is due gets the
 * releases after its `deliveredThrough`, oldest first and only visible ones, each as a Standard
 * Webhooks message signed with the endpoint's secret. A 2xx moves it on; anything else is
 * logged and retried with backoff, and after a day of failures the endpoint is disabled. At
 * least once: a process killed after a delivery and before saving it sends it again (same
 * `webhook-id`, so the receiver can tell).
 */
export async function deliverWebhooks({ store, policy, now, post = fetch, onDisabled }: DeliveryRun): Promise<{ delivered: number; failed: number }> {
  const visible = await store.releases.visibleRelease();
  let delivered = 0;
  let failed = 0;
  for (const found of await store.webhooks.list()) {
    let { webhook, version } = found;
    const { secret } = found;
    if (webhook.state !== 'active') continue;
    if (webhook.nextAttemptAt && Date.parse(webhook.nextAttemptAt) > now().getTime()) continue;
    const signer = new Signer(secret);
    const pending = await pendingMessages(store, webhook, visible);
    for (const message of pending) {
      const at = now();
      const started = performance.now();
      let status: number | undefined;
      let error: string | undefined = await webhookUrlRefusal(webhook.url, policy);
      if (!error) {
        try {
          const response = await post(webhook.url, {
            method: 'POST',
            // Signed with the time it is sent (receivers refuse stale timestamps), not the scheduling clock.
            headers: { 'Content-Type': 'application/json', ...signedHeaders(signer, message.eventId, new Date(), message.body) },
            body: message.body,
            redirect: 'manual',
            signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          });
          status = response.status;
          await response.body?.cancel();
          if (status < 200 || status >= 300) error = `the endpoint answered ${status}`;
        } catch (caught) {
          error = caught instanceof Error ? caught.message : String(caught);
        }
      }
      const attempt = webhook.attempts + 1;
      await store.webhooks.logDelivery({
        webhookId: webhook.id,
        eventId: message.eventId,
        release: message.release,
        attempt,
        at: toChinaIso(at.getTime()),
        ...(status === undefined ? {} : { status }),
        latencyMs: Math.round(performance.now() - started),
        ...(error ? { error } : {}),
      });
      let next: Webhook;
      if (!error) {
        const { failingSince: _since, nextAttemptAt: _next, ...rest } = webhook;
        next = { ...message.advance(rest as Webhook), attempts: 0 };
        delivered++;
      } else {
        failed++;
        const failingSince = webhook.failingSince ?? toChinaIso(at.getTime());
        const expired = at.getTime() - Date.parse(failingSince) >= RETRY_FOR_MS;
        next = expired
          ? {
              ...webhook,
              state: 'disabled',
              attempts: attempt,
              failingSince,
              disabledAt: toChinaIso(at.getTime()),
              disabledReason: `failed for a day: ${error}`,
            }
          : { ...webhook, attempts: attempt, failingSince, nextAttemptAt: toChinaIso(at.getTime() + backoffMs(attempt)) };
      }
      if (!(await store.webhooks.save(next, version, secret))) break; // changed meanwhile (deleted, replayed): the next run sees it
      version += 1;
      webhook = next;
      if (next.state === 'disabled') onDisabled?.(next);
      if (error) break;
    }
  }
  return { delivered, failed };
}

interface Message {
  eventId: string;
  body: string;
  /** The release it concerns (for an application event, the release visible when it was sent). */
  release: number;
  /** The endpoint once this message is acknowledged. */
  advance: (webhook: Webhook) => Webhook;
}

/** What an endpoint has not acknowledged yet, oldest first, at most a run's worth. */
async function pendingMessages(store: Store, webhook: Webhook, visible: number): Promise<Message[]> {
  if (webhook.orgId !== undefined) {
    const events = await store.webhooks.orgEvents(webhook.orgId, webhook.eventsAfter ?? '', MAX_PER_RUN);
    return events.map(({ position, body }) => ({
      eventId: applicationEventIdOf(webhook.id, position),
      body,
      release: visible,
      advance: (acknowledged) => ({ ...acknowledged, eventsAfter: position }),
    }));
  }
  const messages: Message[] = [];
  for (let number = webhook.deliveredThrough + 1; number <= visible && messages.length < MAX_PER_RUN; number++) {
    const event = await releaseEventOf(store, number);
    if (!event) break;
    messages.push({
      eventId: eventIdOf(webhook.id, number),
      body: JSON.stringify(event),
      release: number,
      advance: (acknowledged) => ({ ...acknowledged, deliveredThrough: number }),
    });
  }
  return messages;
}

/** A visible release's `release.published` event, as webhooks and EventBridge carry it. */
export async function releaseEventOf(store: Store, number: number) {
  const release = await store.releases.getRelease(number);
  if (!release) return undefined;
  const counts: Partial<Record<EntryKind, number>> = {};
  for (const { change } of await store.releases.releaseChanges(release)) counts[change.kind] = (counts[change.kind] ?? 0) + 1;
  return releasePublishedEvent(release, counts);
}

/**
 * Locally the worker runs in `npm start`'s process: a pass every `everyMs` (retries keep their
 * backoff), and one at once when `nudge()` says a release has just become visible. One pass at a
 * time; a nudge during a pass runs another after it.
 */
export function startWebhookWorker(run: DeliveryRun, everyMs = 1000, onError: (error: unknown) => void = console.error) {
  let running = false;
  let again = false;
  const pass = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    deliverWebhooks(run)
      .catch(onError)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          pass();
        }
      });
  };
  const timer = setInterval(pass, everyMs);
  timer.unref();
  return { nudge: pass, stop: () => clearInterval(timer) };
}

/** The Standard Webhooks headers: `webhook-id`, `webhook-timestamp`, `webhook-signature` (v1, HMAC-SHA256). */
function signedHeaders(signer: Signer, eventId: string, at: Date, body: string): Record<string, string> {
  return { 'webhook-id': eventId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signer.sign(eventId, at, body) };
}
