import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import { type Acknowledgement, AcknowledgeableCode, acknowledgedCodes, missingAcknowledgements } from '#catalog/acknowledgement.ts';
import { Change, NumberedChange } from '#catalog/change.ts';
import { ImpactTotals, impactEntrySchema } from '#catalog/impact.ts';
import { ChangeSet, type ChangeSetAction, type ContentEdit, scopeRefusal, transition } from '#catalog/change-set.ts';
import type { Identity } from '#catalog/identity.ts';
import { Release } from '#catalog/release.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { checkIfMatch, etag, IfMatchHeader } from '../http/etag.ts';
import { pageOf } from '../http/catalog-diff.ts';
import { changeSetImpact } from '../http/change-set-impact.ts';
import { ProblemError } from '../http/problem.ts';
import type { Clock } from '../app.ts';

const tags = ['Change sets'];
const IdParam = z.strictObject({ id: z.string().min(1).max(100) });
const IfMatch = IfMatchHeader;

const ChangeSetWithChanges = ChangeSet.extend({ changes: z.array(NumberedChange) }).meta({ id: 'ChangeSetWithChanges' });

const CreateChangeSet = z
  .strictObject({
    title: z.string().trim().min(1).max(200).meta({ example: '下调核酸检测价格' }),
    changes: z.array(Change).max(99).optional().meta({ description: 'First changes, created with the draft in one transaction (at most 99)' }),
  })
  .meta({ id: 'CreateChangeSet' });
const AddChanges = z.strictObject({ changes: z.array(Change).min(1).max(20_000) }).meta({ id: 'AddChanges' });
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
const NoBody = z.strictObject({}).meta({ description: 'An empty object, or no body at all' });

/** Change sets: drafts of catalog changes, approved by a second person, then published as a release. */
export function changeSetRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'Create a draft change set, optionally with its first changes',
      description:
        'With `changes`, the draft and its changes are created together or not at all, so a failed first save leaves nothing behind (the console’s “propose a change”).',
      request: { body: jsonBody(CreateChangeSet) },
      responses: {
        201: json(ChangeSet, 'The new draft'),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden', 'payload-too-large'),
      },
    }),
    async (c) => {
      const author = authorize(c, 'change-set:create');
      const now = toChinaIso(clock.now().getTime());
      const { title, changes = [] } = c.req.valid('json');
      const changeSet: ChangeSet = {
        id: crypto.randomUUID(),
        title,
        state: 'draft',
        author: { sub: author.sub, name: author.name },
        createdAt: now,
        updatedAt: now,
        changeCount: changes.length,
        version: 1,
      };
      if (changes.length > 0) await store.changeSets.createWith(changeSet, changes);
      else await store.changeSets.create(changeSet);
      c.header('Location', `/v1/change-sets/${changeSet.id}`);
      c.header('ETag', etag(changeSet));
      return c.json(changeSet, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'List change sets, newest first',
      request: { query: z.strictObject({ state: ChangeSet.shape.state.optional() }) },
      responses: { 200: json(z.object({ items: z.array(ChangeSet) }), 'Change sets'), ...problems('validation-failed', 'unauthenticated', 'forbidden') },
    }),
    async (c) => {
      authorize(c, 'change-set:read');
      const { state } = c.req.valid('query');
      const all = await store.changeSets.list();
      return c.json({ items: state ? all.filter((changeSet) => changeSet.state === state) : all }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      security: bearerSecurity,
      summary: 'A change set with its changes',
      request: { params: IdParam },
      responses: { 200: json(ChangeSetWithChanges, 'The change set; ETag carries its version'), ...problems('unauthenticated', 'forbidden', 'not-found') },
    }),
    async (c) => {
      authorize(c, 'change-set:read');
      const changeSet = await load(store, c.req.valid('param').id);
      const changes = await store.changeSets.listChanges(changeSet.id);
      c.header('ETag', etag(changeSet));
      return c.json({ ...changeSet, changes }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/changes',
      tags,
      security: bearerSecurity,
      summary: 'Add changes to a draft (the author only)',
      description:
        'Each change is `set` (these attributes over [validFrom, validTo), splitting what it overlaps) or `end` (the entry stops applying at `at`). Editing a rejected change set reopens it as a draft.',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(AddChanges) },
      responses: {
        201: json(z.object({ changeSet: ChangeSet, added: z.array(NumberedChange) }), 'The changes, with their numbers'),
        ...problems(
          'validation-failed',
          'malformed-json',
          'unauthenticated',
          'forbidden',
          'not-author',
          'not-found',
          'invalid-state',
          'conflict',
          'precondition-failed',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:edit');
      const current = await load(store, c.req.valid('param').id);
      checkIfMatch(c, current);
      const now = clock.now();
      const next = decide(current, 'edit', actor, now);
      const { changes } = c.req.valid('json');
      inScope(current, { op: 'add', changes });
      const { changeSet, numbers } = await store.changeSets.addChanges(next, current.version, changes, now.getTime());
      c.header('ETag', etag(changeSet));
      return c.json({ changeSet, added: changes.map((change, index) => ({ n: numbers[index] as number, change })) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/changes/{n}',
      tags,
      security: bearerSecurity,
      summary: 'Remove change n from a draft (the author only)',
      request: { params: IdParam.extend({ n: z.coerce.number().int().min(1).max(1e9) }), headers: IfMatch },
      responses: {
        200: json(ChangeSet, 'The change set after the removal'),
        ...problems(
          'validation-failed',
          'unauthenticated',
          'forbidden',
          'not-author',
          'not-found',
          'invalid-state',
          'conflict',
          'precondition-failed',
          'precondition-required',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:edit');
      const { id, n } = c.req.valid('param');
      const current = await load(store, id);
      checkIfMatch(c, current);
      const now = clock.now();
      const next = decide(current, 'edit', actor, now);
      inScope(current, { op: 'remove' });
      const removed = await store.changeSets.removeChange({ ...next, changeCount: current.changeCount - 1 }, current.version, n, now.getTime());
      if (!removed) throw new ProblemError('not-found', `change set ${id} has no change ${n}`);
      const after = await load(store, id);
      c.header('ETag', etag(after));
      return c.json(after, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/submit',
      tags,
      security: bearerSecurity,
      summary: 'Submit a draft for approval (the author only)',
      request: { params: IdParam, headers: IfMatch, body: { content: { 'application/json': { schema: NoBody } }, required: false } },
      responses: {
        200: json(ChangeSet, 'The change set in its new state'),
        ...problems(
          'validation-failed',
          'unauthenticated',
          'forbidden',
          'not-author',
          'not-found',
          'invalid-state',
          'conflict',
          'precondition-failed',
          'precondition-required',
          'unprocessable',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:submit');
      return c.json(await move(c, 'submit', actor), 200);
    },
  );

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
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:approve');
      const current = await load(store, c.req.valid('param').id);
      checkIfMatch(c, current);
      const now = clock.now();
      const next = decide(current, 'approve', actor, now);
      const acknowledgement = await acknowledge(current, 'approve', actor, now, c.req.valid('json')?.acknowledge ?? []);
      const approved = { ...next, acknowledgements: [...(current.acknowledgements ?? []), acknowledgement] };
      await store.changeSets.save(approved, current.version, now.getTime());
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
      return c.json(await move(c, 'reject', actor, c.req.valid('json').reason), 200);
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
          'service-unavailable',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:publish');
      const current = await load(store, c.req.valid('param').id);
      checkIfMatch(c, current);
      const now = clock.now();
      const decided = decide(current, 'publish', actor, now);
      // Recomputed now: another release may have been published since the approval.
      const acknowledgement = await acknowledge(current, 'publish', actor, now, c.req.valid('json')?.acknowledge ?? []);
      const published = { ...decided, acknowledgements: [...(current.acknowledgements ?? []), acknowledgement] };
      const { release, state } = await store.releases.publish(published, current.version, toChinaIso(now.getTime()), now.getTime());
      const changeSet = { ...published, releaseNumber: release.number };
      c.header('ETag', etag(changeSet));
      c.header('Location', `/v1/releases/${release.number}`);
      if (state === 'committed') c.header('Retry-After', '5');
      return c.json({ changeSet, release, state }, state === 'visible' ? 200 : 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      security: bearerSecurity,
      summary: 'Discard a draft (the author only)',
      description:
        'Only a draft (or a rejected change set) can be discarded; published history is never deleted. A change set made by an application cannot be discarded.',
      request: { params: IdParam, headers: IfMatch },
      responses: {
        204: { description: 'Discarded' },
        ...problems(
          'unauthenticated',
          'forbidden',
          'not-author',
          'not-found',
          'invalid-state',
          'conflict',
          'precondition-failed',
          'precondition-required',
          'out-of-scope',
        ),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:edit');
      const current = await load(store, c.req.valid('param').id);
      checkIfMatch(c, current);
      decide(current, 'edit', actor, clock.now());
      inScope(current, { op: 'discard' });
      await store.changeSets.discard(current.id, current.version);
      return c.body(null, 204) as never;
    },
  );

  /** Compute the change set's impact now and check that every warning needing it is acknowledged. */
  async function acknowledge(
    changeSet: ChangeSet,
    step: 'approve' | 'publish',
    actor: Identity,
    now: Date,
    given: readonly string[],
  ): Promise<Acknowledgement> {
    const against = await store.catalog.visibleRelease({ fresh: true });
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

  async function move(c: Context<AppEnv>, action: ChangeSetAction, actor: Identity, reason?: string): Promise<ChangeSet> {
    const current = await load(store, c.req.param('id') as string);
    checkIfMatch(c, current);
    const now = clock.now();
    const next = decide(current, action, actor, now, reason);
    await store.changeSets.save(next, current.version, now.getTime());
    c.header('ETag', etag(next));
    return next;
  }

  function decide(changeSet: ChangeSet, action: ChangeSetAction, actor: Identity, now: Date, reason?: string): ChangeSet {
    const result = transition({ changeSet, action, actor, now: toChinaIso(now.getTime()), ...(reason === undefined ? {} : { reason }) });
    if (result.ok) return result.changeSet;
    const { code, message } = result.refusal;
    const type = code === 'own-change-set' ? 'four-eyes' : code === 'empty' ? 'unprocessable' : code;
    throw new ProblemError(type, message);
  }

  return app;
}

/** A change set made by an application may change only that application's entry (see `scopeRefusal`). */
export function inScope(changeSet: ChangeSet, edit: ContentEdit): void {
  const refusal = scopeRefusal(changeSet, edit);
  if (refusal) throw new ProblemError('out-of-scope', refusal);
}

async function load(store: Store, id: string): Promise<ChangeSet> {
  const changeSet = await store.changeSets.get(id);
  if (!changeSet) throw new ProblemError('not-found', `no change set ${id}`);
  return changeSet;
}
