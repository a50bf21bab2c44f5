import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import { listScope, visibleTo } from '#catalog/applications/access.ts';
import { actionInputs } from '#catalog/applications/actions.ts';
import { Application, ApplicationAction, ApplicationState, applicationPayloads, type HistoryEvent } from '#catalog/applications/application.ts';
import { applicationFacts } from '#catalog/applications/catalog-facts.ts';
import { findExistingEntry } from '#catalog/applications/existing-entry.ts';
import type { ListingAttributes } from '#catalog/listing.ts';
import type { PriceItemAttributes } from '#catalog/price-item.ts';
import { deferredMaterialsPastDue, overdue } from '#catalog/applications/deadlines.ts';
import type { WorkingCalendar } from '#catalog/applications/calendar.ts';
import { documentFacts } from '#catalog/applications/documents.ts';
import { draftApplication } from '#catalog/applications/draft.ts';
import { MAX_DECLARATIONS, MaterialDeclaration, ReviewOnMaterialsAtHand, type ApplicationType } from '#catalog/applications/materials.ts';
import { transition } from '#catalog/applications/workflow.ts';
import type { Change } from '#catalog/change.ts';
import { ChangeSet } from '#catalog/change-set.ts';
import type { Identity } from '#catalog/identity.ts';
import type { MeasureAttributes } from '#catalog/measure.ts';
import type { EntryFact } from '#catalog/rules/decision.ts';
import { toChinaIso } from '#catalog/time.ts';
import { DraftLimitError } from '#store/application-store.ts';
import { ConflictError } from '#store/errors.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv, nextCursor } from '../http/openapi.ts';
import { checkIfMatch, IfMatchHeader } from '../http/etag.ts';
import { ProblemError } from '../http/problem.ts';
import { eligibilityRoutes } from './application-eligibility.ts';
import { counterRoutes } from './application-counters.ts';
import { atHand, daysLeft, refusalProblem, withOrgName, withOrgNames } from './application-answers.ts';
import { terminationOf } from '#catalog/applications/termination.ts';

const labels: Record<ApplicationType, { tag: string; noun: string }> = {
  service: { tag: 'Service applications', noun: 'a new medical service price item (hospitals)' },
  listing: { tag: 'Listing applications', noun: 'a procurement listing of a drug or reagent (firms)' },
  designation: {
    tag: 'Designated treatment hospital applications',
    noun: 'designation as a COVID-19 treatment hospital under agreement management (hospitals; 2020 No.2 §2(6)2)',
  },
};

const WithStatus = (schema: z.ZodType) =>
  z.object({
    application: schema,
    overdue: z.boolean(),
    workingDaysLeft: z
      .number()
      .int()
      .optional()
      .meta({ description: 'While the bureau owes the next step: working days left before the deadline, today included' }),
    materialsPastDue: z.array(z.string()),
    reviewOnMaterialsAtHand: ReviewOnMaterialsAtHand.optional().meta({
      description: 'Present when a material is declared unavailable: which ones, and what accepting a review on the materials at hand means (2020 No.2 §2(7))',
    }),
    orgName: z.string().optional().meta({ description: 'The applying organisation’s name from the registry; absent when the registry does not know its code' }),
  });
const ApplicationStatus = WithStatus(Application).meta({ id: 'ApplicationStatus' });
const IdParam = z.strictObject({ id: z.string().min(1).max(40) });
const Headers = IfMatchHeader.extend({
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'A retried request with the same key is answered as the first was, and changes nothing twice' }),
});

/**
 * Green-channel applications: hospitals apply for new service items, firms for listings;
 * reviewers work the inbox. Every step is the workflow's pure transition; nobody sees another
 * organisation's applications (404, never their data).
 */
export function applicationRoutes({ store, clock, type }: { store: Store; clock: Clock; type: ApplicationType }) {
  const app = new OpenAPIHono<AppEnv>();
  const tags = [labels[type].tag];

  const facts = async (now: string) => {
    const release = await store.catalog.visibleRelease();
    const measures = (await store.catalog.view('measures', release)).entries as EntryFact<MeasureAttributes>[];
    return applicationFacts(measures, now);
  };
  /** The visible catalog's entry that this application would duplicate (2022 No.13 §3). */
  const duplicateOf = async (application: Application) => {
    const release = await store.catalog.visibleRelease({ fresh: true });
    const [priceItems, listings] = await Promise.all([store.catalog.view('price-items', release), store.catalog.view('listings', release)]);
    return findExistingEntry(application, {
      priceItem: (code) => priceItems.byCode.get(code) as EntryFact<PriceItemAttributes> | undefined,
      listings: () => listings.entries as EntryFact<ListingAttributes>[],
    });
  };
  const withStatus = (application: Application, now: string, calendar?: WorkingCalendar) => ({
    application,
    overdue: overdue(application, now),
    ...daysLeft(application, now, calendar),
    materialsPastDue: deferredMaterialsPastDue(application, now).map((material) => material.key),
    ...atHand(application),
  });
  const load = async (id: string, actor: Identity): Promise<Application> => {
    const application = await store.applications.get(type, id);
    // Another organisation's application answers exactly as a missing one does.
    if (!application || !visibleTo(application, actor)) throw new ProblemError('not-found', `no ${type} application ${id}`);
    return application;
  };

  // Asked before the form (a terminated agreement?), and the inbox in numbers.
  app.route('/', eligibilityRoutes({ type, clock, facts }));
  app.route('/', counterRoutes({ store, type, clock, facts }));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: `Start a draft application for ${labels[type].noun}`,
      request: {
        headers: Headers,
        body: jsonBody(
          z.strictObject({
            payload: applicationPayloads[type],
            materials: z
              .array(MaterialDeclaration)
              .max(MAX_DECLARATIONS)
              .optional()
              .meta({ description: 'Declarations for the checklist (its keys only, each once); checked in full on submission' }),
          }),
        ),
      },
      responses: {
        201: json(ApplicationStatus, 'The draft'),
        ...problems('validation-failed', 'malformed-json', 'unauthenticated', 'forbidden', 'unprocessable', 'limit-reached'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'application:create');
      const body = c.req.valid('json');
      return idempotent(c as never, store, actor, async (key) => {
        const now = toChinaIso(clock.now().getTime());
        const drafted = draftApplication({ id: newId(), type, payload: body.payload, materials: body.materials, actor, now });
        if (!drafted.ok) throw refusalProblem(drafted.refusal);
        const answer = { status: 201, body: await withOrgName(store, withStatus(drafted.application, now)) };
        // The draft and the key's answer are written together, so concurrent retries create one draft.
        try {
          await store.applications.create(
            drafted.application,
            key && { scope: key.scope, response: { requestHash: key.requestHash, ...answer }, nowMs: Date.now() },
          );
        } catch (error) {
          if (error instanceof DraftLimitError)
            throw new ProblemError('limit-reached', error.message, undefined, { cause: error, extensions: { limit: 'open-drafts', max: error.max } });
          throw error;
        }
        c.header('Location', `/v1/${type}-applications/${drafted.application.id}`);
        c.header('ETag', `"v${drafted.application.version}"`);
        return answer;
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearerSecurity,
      summary: 'The applications you may see, soonest due first: an applicant’s own, the bureau’s inbox',
      description:
        'Paged: `limit` (default 50, at most 200) and the `cursor` of the previous page, present while more may follow (a filtered page may hold fewer than `limit`). ' +
        'A hospital or firm lists its own organisation’s applications; the bureau lists every organisation’s, and with no `state` every state but draft.',
      request: {
        query: z.strictObject({
          state: ApplicationState.optional(),
          greenChannel: z.enum(['true', 'false']).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(300).optional().meta({ description: 'The `cursor` of the previous page of the same list' }),
        }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(ApplicationStatus),
            cursor: nextCursor,
          }),
          'Applications',
        ),
        ...problems('validation-failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => {
      const actor = authorize(c, 'application:read');
      const query = c.req.valid('query');
      const now = toChinaIso(clock.now().getTime());
      const filter = {
        now,
        ...(query.state === undefined ? {} : { state: query.state }),
        ...(query.greenChannel === undefined ? {} : { greenChannel: query.greenChannel === 'true' }),
        ...(query.overdue === undefined ? {} : { overdue: query.overdue === 'true' }),
      };
      const page = { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) };
      const scope = listScope(type, actor);
      const found: { items: Application[]; cursor?: string } =
        scope.kind === 'bureau'
          ? await store.applications.inbox(type, filter, page)
          : scope.kind === 'organisation'
            ? await store.applications.ownList(type, scope.orgId, filter, page)
            : { items: [] };
      const { calendar } = await facts(now);
      const items = await withOrgNames(
        store,
        found.items.map((application) => withStatus(application, now, calendar)),
      );
      return c.json({ items, ...(found.cursor === undefined ? {} : { cursor: found.cursor }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      security: bearerSecurity,
      summary: 'An application with its history of every step',
      request: { params: IdParam },
      responses: { 200: json(ApplicationStatus, 'The application; ETag carries its version'), ...problems('unauthenticated', 'forbidden', 'not-found') },
    }),
    async (c) => {
      const actor = authorize(c, 'application:read');
      const application = await load(c.req.valid('param').id, actor);
      c.header('ETag', `"v${application.version}"`);
      const now = toChinaIso(clock.now().getTime());
      return c.json(await withOrgName(store, withStatus(application, now, (await facts(now)).calendar)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/{action}',
      tags,
      security: bearerSecurity,
      summary: 'Take a step: submit, accept, request-supplement, approve, reject, withdraw, …',
      description:
        type === 'designation'
          ? 'The body is the step’s input (see ApplicationAction); an approval records the bureau’s decision and makes no catalog change.'
          : 'The body is the step’s input (see ApplicationAction); an approval makes a draft change set with the new catalog entry, for pricing staff to publish.',
      request: {
        params: IdParam.extend({ action: ApplicationAction }),
        headers: Headers,
        body: { content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } }, required: false },
      },
      responses: {
        200: json(WithStatus(Application).extend({ event: z.unknown(), changeSet: ChangeSet.optional() }), 'The application after the step'),
        ...problems(
          'validation-failed',
          'malformed-json',
          'unauthenticated',
          'forbidden',
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
      const actor = authorize(c, 'application:read');
      const { id, action } = c.req.valid('param');
      const input = c.req.valid('json');
      return idempotent(c as never, store, actor, async () => {
        const current = await load(id, actor);
        checkIfMatch(c as never, current);
        const now = toChinaIso(clock.now().getTime());
        const { calendar, deadlines, terminations } = await facts(now);
        const termination = terminationOf(current.orgId, terminations, now);
        const existingEntry = action === 'submit' || action === 'approve' ? await duplicateOf(current) : undefined;
        // The steps that change materials check the files they name against the application's own.
        const documents = materialSteps.has(action) ? documentFacts(await store.documents.list(type, id)) : undefined;
        const result = transition({
          application: current,
          action,
          actor,
          now,
          input,
          calendar,
          deadlines,
          ...(termination ? { termination } : {}),
          ...(existingEntry ? { existingEntry } : {}),
          ...(documents ? { documents } : {}),
        });
        if (!result.ok) throw refusalProblem(result.refusal, actionInputs[action] ? 'body' : undefined);
        let changeSet: ChangeSet | undefined;
        if (result.change && result.application.type !== 'designation') {
          changeSet = draftChangeSetFor(result.application, result.event, result.change, actor, now);
          await store.applications.save({ ...result.application, changeSetId: changeSet.id }, current, { changeSet, changes: [result.change] });
        } else {
          await store.applications.save(result.application, current);
        }
        const saved = changeSet ? { ...result.application, changeSetId: changeSet.id } : result.application;
        c.header('ETag', `"v${saved.version}"`);
        const answer = await withOrgName(store, withStatus(saved, now, calendar));
        return { status: 200, body: { ...answer, event: result.event, ...(changeSet ? { changeSet } : {}) } };
      }) as never;
    },
  );

  return app;
}

const materialSteps: ReadonlySet<string> = new Set(['edit', 'supply-supplement', 'supply-material']);

function newId(): string {
  return `${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}

/** The draft change set an approval makes; the approving reviewer is its author, pricing staff approve and publish it. */
function draftChangeSetFor(
  application: Application & { type: 'service' | 'listing' },
  event: HistoryEvent,
  change: Change,
  actor: Identity,
  now: string,
): ChangeSet {
  const what = application.type === 'service' ? `新增医疗服务价格项目：${application.payload.itemName}` : `阳光挂网：${application.payload.product}`;
  return {
    id: `app-${application.id}`,
    title: `${what}（申报 ${application.id} 审核通过${event.reason ? `：${event.reason}` : ''}）`,
    state: 'draft',
    author: { sub: actor.sub, name: actor.name },
    createdAt: now,
    updatedAt: now,
    changeCount: 1,
    source: { applicationType: application.type, applicationId: application.id, entry: { kind: change.kind, code: change.code } },
    version: 1,
  };
}

/**
 * Idempotency-Key: the first answer to a key is kept, and a retry with the same key and body is
 * answered the same without acting again; the same key with another body is refused.
 */
async function idempotent(
  c: Context<AppEnv>,
  store: Store,
  actor: Identity,
  act: (key: { scope: string; requestHash: string } | undefined) => Promise<{ status: number; body: unknown }>,
): Promise<Response> {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) {
    const { status, body } = await act(undefined);
    return c.json(body, status as 200);
  }
  const scope = `${actor.sub}|${c.req.method} ${c.req.path}|${key}`;
  const requestHash = createHash('sha256')
    .update(await c.req.text())
    .digest('base64url');
  const replay = async (): Promise<Response | undefined> => {
    const earlier = await store.applications.idempotentResponse(scope);
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHash) throw new ProblemError('unprocessable', 'this Idempotency-Key was used with another request body');
    c.header('Idempotent-Replayed', 'true');
    return c.json(earlier.body, earlier.status as 200);
  };
  const earlier = await replay();
  if (earlier) return earlier;
  let answer: { status: number; body: unknown };
  try {
    answer = await act({ scope, requestHash });
  } catch (error) {
    // A concurrent request with the same key got there first: answer as it was answered.
    if (error instanceof ConflictError) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw error;
  }
  await store.applications.rememberResponse(scope, { requestHash, ...answer }, Date.now());
  return c.json(answer.body, answer.status as 200);
}
