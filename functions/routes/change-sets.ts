import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { Change, NumberedChange } from '#catalog/change.ts';
import { ChangeSet } from '#catalog/change-set.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Observer } from '../http/observer.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';
import { checkIfMatch, etag } from '../http/etag.ts';
import { checkAreaLimits } from '../http/change-set-impact.ts';
import { ProblemError } from '../http/problem.ts';
import type { Clock } from '../app.ts';
import { changeSetReviewRoutes } from './change-set-review.ts';
import { decide, IdParam, IfMatch, inScope, load, move, tags } from './change-set-steps.ts';

const ChangeSetWithChanges = ChangeSet.extend({ changes: z.array(NumberedChange) }).meta({ id: 'ChangeSetWithChanges' });

const CreateChangeSet = z
  .strictObject({
    title: z.string().trim().min(1).max(200).meta({ example: '下调核酸检测价格' }),
    changes: z.array(Change).max(99).optional().meta({ description: 'First changes, created with the draft in one transaction (at most 99)' }),
  })
  .meta({ id: 'CreateChangeSet' });
const AddChanges = z.strictObject({ changes: z.array(Change).min(1).max(20_000) }).meta({ id: 'AddChanges' });
const NoBody = z.strictObject({}).meta({ description: 'An empty object, or no body at all' });

/** Change sets: drafts of catalog changes, approved by a second person, then published as a release. */
export function changeSetRoutes({ store, clock, observer }: { store: Store; clock: Clock; observer?: Observer }) {
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
      description:
        'With `state` or `author`, one page of that list, newest change first, from an index (`limit`, and `cursor` from the previous page). Without either, every change set, newest created first.',
      request: {
        query: z.strictObject({
          state: ChangeSet.shape.state.optional(),
          author: z.string().min(1).max(200).optional().meta({ description: 'The author’s `sub`, or `me`' }),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(512).optional(),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(ChangeSet), cursor: z.string().optional() }), 'Change sets'),
        ...problems('validation-failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'change-set:read');
      const { state, author, limit, cursor } = c.req.valid('query');
      if (state && author)
        throw new ProblemError('validation-failed', 'give state or author, not both', [
          { path: 'author', in: 'query', code: 'not_with', params: { other: 'state' }, message: 'not with state' },
        ]);
      if (!state && !author) return c.json({ items: await store.changeSets.list() }, 200);
      const by = state ? { state } : { author: author === 'me' ? actor.sub : (author as string) };
      return c.json(await store.changeSets.page(by, { limit, ...(cursor === undefined ? {} : { cursor }) }), 200);
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
      description:
        'Refused with 422 unprocessable and `measureIssues` when the change set would break a bound across a pooling area’s measures (2022 No.13 §2: at most 3 months of halving per area, in May–July 2022).',
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
      const check = async (changeSet: ChangeSet) => checkAreaLimits(store, changeSet.id, await store.catalog.visibleRelease({ fresh: true }));
      return c.json(await move(c, { store, clock }, 'submit', actor, { check }), 200);
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

  app.route('/', changeSetReviewRoutes({ store, clock, ...(observer ? { observer } : {}) }));

  return app;
}
