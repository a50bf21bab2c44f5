import { notificationMail, type OutboxMail, stillEntitled } from '#catalog/email.ts';
import type { Store } from '#store/store.ts';
import type { Subscriber } from '#store/email-store.ts';
import type { UserDirectory } from '../http/user-directory.ts';

/** Sends one mail and answers the mail service's id for it (SES on AWS). */
export type MailSender = (mail: { to: string; subject: string; text: string }) => Promise<string>;

export interface MailPass {
  store: Store;
  now: () => Date;
  /** The console's address, for the links in the mails. */
  consoleUrl: string;
  /** Absent locally: mail stays in the outbox, which the console shows. */
  send?: MailSender;
  /**
   * Where people's accounts are (Cognito, the local provider): each pass checks every subscriber
   * is still who they were when they opted in, and stops the mail of anyone who is not. Without
   * one (an external provider), nobody's change at the provider is seen here.
   */
  directory?: Pick<UserDirectory, 'bySub'>;
}

/** Notifications told this long ago are taken as all written (a step's transaction commits well within it). */
const SETTLE_MS = 2 * 60_000;
/** Notifications read per audience and subscriber in one pass; more wait for the next. */
const PER_AUDIENCE = 100;
/** Attempts before a mail is given up as failed. */
const MAX_ATTEMPTS = 5;
/** Mails sent per pass at most (SES's sending rate is the limit; the rest wait for the next pass). */
const PER_PASS = 200;

/**
 * The mail job (issue 14 §3): queue, for everyone who opted in, one mail per notification of
 * their audiences told since their mark; then send what is queued. Safe to run again after a
 * crash at any point: a mail's id is the person's and the notification's, and queueing an id
 * twice queues it once. A mail is sent at least once; a pass that dies between the mail service
 * taking a mail and recording it sends that mail again on the next pass.
 */
export async function mailPass({
  store,
  now,
  consoleUrl,
  send,
  directory,
}: MailPass): Promise<{ queued: number; sent: number; failed: number; stopped: number }> {
  let queued = 0;
  let stopped = 0;
  for (const subscriber of await store.email.subscribers()) {
    if (directory && !stillEntitled(subscriber.sub, subscriber.audiences, await directory.bySub(subscriber.sub))) {
      await store.email.stop(subscriber.sub, subscriber);
      stopped += 1;
      continue;
    }
    queued += await queueFor(store, subscriber, now(), consoleUrl);
  }
  if (!send) return { queued, sent: 0, failed: 0, stopped };
  let sent = 0;
  let failed = 0;
  for (const mail of await store.email.queued(PER_PASS)) {
    const outcome = await sendOne(send, mail, now);
    const settled = await store.email.settle(mail, outcome);
    if (settled.status === 'sent') sent += 1;
    else failed += 1;
  }
  return { queued, sent, failed, stopped };
}

async function queueFor(store: Store, subscriber: Subscriber, now: Date, consoleUrl: string): Promise<number> {
  const settled = `${new Date(now.getTime() - SETTLE_MS).toISOString()}#`;
  let through = settled;
  let queued = 0;
  for (const audience of subscriber.audiences) {
    const told = await store.notifications.after(audience, subscriber.mailedThrough, PER_AUDIENCE);
    for (const { notification } of told) {
      const mail: OutboxMail = {
        id: `${subscriber.sub}:${notification.id}`,
        to: subscriber.address,
        ...notificationMail(notification, consoleUrl),
        queuedAt: now.toISOString(),
        status: 'queued',
        attempts: 0,
      };
      if (await store.email.queue(mail)) queued += 1;
    }
    // A full page means more are waiting: the mark stays at the last one read for this audience.
    const last = told.at(-1);
    if (told.length === PER_AUDIENCE && last && last.sk < through) through = last.sk;
  }
  await store.email.advance(subscriber, through);
  return queued;
}

async function sendOne(send: MailSender, mail: OutboxMail, now: () => Date) {
  try {
    const messageId = await send({ to: mail.to, subject: mail.subject, text: mail.text });
    return { sentAt: now().toISOString(), messageId };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), giveUp: mail.attempts + 1 >= MAX_ATTEMPTS };
  }
}
