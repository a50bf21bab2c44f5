import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import { type Acknowledgement, AcknowledgeableCode, acknowledgedCodes, missingAcknowledgements } from '#catalog/acknowledgement.ts';
import { ChangeSet } from '#catalog/change-set.ts';
import type { Identity } from '#catalog/identity.ts';
import { ImpactTotals, impactEntrySchema } from '#catalog/impact.ts';
import { changeSetNotification, itemPublishedNotification } from '#catalog/notifications.ts';
import { Release } from '#catalog/release.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Observer } from '../http/observer.ts';
import type { Clock } from '../app.ts';
import { pageOf } from '../http/catalog-diff.ts';
import { changeSetImpact, checkAreaLimits } from '../http/change-set-impact.ts';
import { checkIfMatch, etag } from '../http/etag.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';
import { decide, IdParam, IfMatch, load, move, tags } from './change-set-steps.ts';

const Reject = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
const PublishAnswer = z.object({ changeSet: ChangeSet, release: Release, state: z.enum(['visible', 'committed']) }).meta({
  id: 'PublishAnswer',
  description: 'state "visible": every reader sees the release now; "committed": its number is final and it becomes visible shortly',
});
const AcknowledgeBody = z
  .strictObject({
    acknowledge: z
      .array(AcknowledgeableCode)
      .max(4)
      .optional()
      .meta({ description: 'The impact warning codes the person approving or publishing has seen and accepts' }),
  })
  .meta({ id: 'AcknowledgeBody' });
const ImpactEntrySchema = impactEntrySchema(z.strictObject({ validFrom: z.string(), validTo: z.string().nullable(), attributes: z.unknown() })).meta({
  id: 'ImpactEntry',
});
const ImpactPage = z
  .object({
    against: z.number().int().meta({ description: 'The release the impact is computed against' }),
    totals: ImpactTotals,
    entries: z.array(ImpactEntrySchema),
    cursor: z.string().optional(),
  })
  .meta({ id: 'ImpactPage' });

/**
 * The second pair of eyes: a change set's impact, and the steps that sign it off — approve,
 * reject, publish — each of the first and last only once its warnings are acknowledged by name.
 */
export function changeSetReviewRoutes({ store, clock, observer }: { store: Store; clock: Clock; observer?: Observer }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/impact',
      tags,
      security: bearerSecurity,
      summary: 'What the change set would do: each touched entry’s timeline before and after, with warnings',
      description:
        'Against the visible release, or `?release=N`. `totals` counts the entries carrying each warning code over the whole change set; `entries` are paged (sorted by kind, then code). Warnings of the codes removes-published-periods, retroactive, ceiling-raised and large-price-change must be acknowledged by name to approve or publish.',
      request: {
        params: IdParam,
        query: z.strictObject({
          release: z.coerce.number().int().min(0).max(1e9).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.string().max(200).optional(),
        }),
      },
      responses: { 200: json(ImpactPage, 'The impact'), ...problems('validation-failed', 'unauthenticated', 'forbidden', 'not-found') },
    }),
    async (c) => {
      authorize(c, 'change-set:read');
      const changeSet = await load(store, c.req.valid('param').id);
      const { release, limit, cursor } = c.req.valid('query');
      const visible = await store.catalog.visibleRelease({ fresh: true });
      if (release !== undefined && release > visible) throw new ProblemError('not-found', `release ${release} is not published`);
      const against = release ?? visible;
      const impact = await changeSetImpact(store, changeSet.id, against, clock.now());
      const page = pageOf(impact.entries, limit, cursor);
      return c.json({ against, totals: impact.totals, entries: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/approve',
      tags,
      security: bearerSecurity,
      summary: 'Approve a submitted change set (four eyes: not its author), acknowledging its impact',
      description:
        'The impact is computed against the visible release. If it carries warnings of the codes removes-published-periods, retroactive, ceiling-raised or large-price-change, the body must list each in `acknowledge`; otherwise 409 acknowledgement-required with `required: [{ code, entries }]`. Who acknowledged what is kept with the change set and its release.',
      request: { params: IdParam, headers: IfMatch, body: { content: { 'application/json': { schema: AcknowledgeBody } }, required: false } },
      responses: {
        200: json(ChangeSet, 'The approved change set'),
        ...problems(
          'validation-failed',
          'unauthenticated',
          'forbidden',
          'four-eyes',
          'not-found',
          'invalid-state',
          'conflict',
          'precondition-failed',
          'precondition-required',
          'acknowledgement-required',
          'unprocessable',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:approve');
      const { current, next: approved, now } = await signOff(c, c.req.valid('param').id, 'approve', actor, c.req.valid('json')?.acknowledge);
      await store.changeSets.save(approved, current.version, now.getTime());
      await tellOfChangeSet(store, approved, now);
      c.header('ETag', etag(approved));
      return c.json(approved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reject',
      tags,
      security: bearerSecurity,
      summary: 'Reject a submitted change set, with a reason (not its author)',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(Reject) },
      responses: {
        200: json(ChangeSet, 'The rejected change set; its author may edit it again'),
        ...problems(
          'validation-failed',
          'malformed-json',
          'unauthenticated',
          'forbidden',
          'four-eyes',
          'not-found',
          'invalid-state',
          'conflict',
          'precondition-failed',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:reject');
      const rejected = await move(c, { store, clock }, 'reject', actor, { reason: c.req.valid('json').reason });
      await tellOfChangeSet(store, rejected, clock.now());
      return c.json(rejected, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/publish',
      tags,
      security: bearerSecurity,
      summary: 'Publish an approved change set as the next release',
      description:
        'All or nothing for every reader: the release becomes visible only when all its entries are in place. 200: the release is committed and visible. 202: the release is committed (its number is final and it will become visible, all at once) but its projection could not finish now; it is completed by the next publish, the hourly job, or the next read that finds it — poll `GET /v1/releases/{n}` or read with `?release=n`. A publish never answers 5xx once committed.',
      request: { params: IdParam, headers: IfMatch, body: { content: { 'application/json': { schema: AcknowledgeBody } }, required: false } },
      responses: {
        200: json(PublishAnswer, 'The published change set and its release, visible to every reader'),
        202: json(PublishAnswer, 'Committed; visible shortly (state "committed")'),
        ...problems(
          'validation-failed',
          'unauthenticated',
          'forbidden',
          'not-found',
          'invalid-state',
          'conflict',
          'precondition-failed',
          'precondition-required',
          'acknowledgement-required',
          'unprocessable',
          'service-unavailable',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:publish');
      // The impact is recomputed now: another release may have been published since the approval.
      const { current, next: published, now } = await signOff(c, c.req.valid('param').id, 'publish', actor, c.req.valid('json')?.acknowledge);
      const started = performance.now();
      const { release, state } = await store.releases.publish(published, current.version, toChinaIso(now.getTime()), now.getTime());
      observer?.published?.({ release: release.number, changeCount: release.changeCount, state, durationMs: Math.round(performance.now() - started) });
      const changeSet = { ...published, releaseNumber: release.number };
      await tellOfChangeSet(store, changeSet, now);
      c.header('ETag', etag(changeSet));
      c.header('Location', `/v1/releases/${release.number}`);
      if (state === 'committed') c.header('Retry-After', '5');
      return c.json({ changeSet, release, state }, state === 'visible' ? 200 : 202);
    },
  );

  /**
   * A sign-off step (approve, publish): the change set as the caller last read it (If-Match), the
   * workflow's transition, and the acknowledgement of the impact computed now, recorded with it.
   */
  async function signOff(c: Context<AppEnv>, id: string, step: 'approve' | 'publish', actor: Identity, given: readonly string[] = []) {
    const current = await load(store, id);
    checkIfMatch(c, current);
    const now = clock.now();
    const decided = decide(current, step, actor, now);
    const acknowledgement = await acknowledge(current, step, actor, now, given);
    return { current, now, next: { ...decided, acknowledgements: [...(current.acknowledgements ?? []), acknowledgement] } };
  }

  /** Compute the change set's impact now and check that every warning needing it is acknowledged. */
  async function acknowledge(
    changeSet: ChangeSet,
    step: 'approve' | 'publish',
    actor: Identity,
    now: Date,
    given: readonly string[],
  ): Promise<Acknowledgement> {
    const against = await store.catalog.visibleRelease({ fresh: true });
    await checkAreaLimits(store, changeSet.id, against);
    const { totals } = await changeSetImpact(store, changeSet.id, against, now);
    const required = missingAcknowledgements(totals, given);
    if (required.length > 0) {
      throw new ProblemError(
        'acknowledgement-required',
        `acknowledge ${required.map((item) => `${item.code} (${item.entries} entries)`).join(', ')} to ${step}`,
        undefined,
        { extensions: { required, against } },
      );
    }
    return { step, by: { sub: actor.sub, name: actor.name }, at: toChinaIso(now.getTime()), against, codes: acknowledgedCodes(totals, given) };
  }

  return app;
}

/**
 * The author is told of an approval, a rejection or a publication; the applying organisation of
 * a change set made by an application, of its item's publication. Told after the change is
 * stored (a failure to tell is logged, never undoes or fails the change); ids are stable, so a
 * retried request tells nobody twice.
 */
async function tellOfChangeSet(store: Store, changeSet: ChangeSet, now: Date): Promise<void> {
  const at = now.toISOString();
  const told = [changeSetNotification(changeSet, at)];
  const source = changeSet.source;
  if (changeSet.state === 'published' && source && changeSet.releaseNumber !== undefined) {
    const application = await store.applications.get(source.applicationType, source.applicationId).catch(() => undefined);
    if (application) told.push(itemPublishedNotification(application, changeSet.releaseNumber, at));
  }
  for (const notification of told) {
    if (!notification) continue;
    try {
      await store.notifications.tell(notification);
    } catch (error) {
      console.warn(JSON.stringify({ message: 'a notification could not be stored', id: notification.id, error: String(error) }));
    }
  }
}
