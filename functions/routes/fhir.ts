import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import type { DrugEntryAttributes } from '#catalog/drug-entry.ts';
import { chargeItemDefinitions, medicationKnowledge, searchsetBundle } from '#catalog/fhir.ts';
import { capabilityStatement, codesOf, effectiveInstant, periodAt, searchParameters } from '#catalog/fhir-conformance.ts';
import type { EntryKind } from '#catalog/kinds.ts';
import type { PriceItemAttributes } from '#catalog/price-item.ts';
import type { Release } from '#catalog/release.ts';
import { toEpochMs } from '#catalog/time.ts';
import type { Timeline } from '#catalog/timeline.ts';
import type { EntryVersion } from '#store/release-store.ts';
import type { Store } from '#store/store.ts';
import { catalogRelease } from '../http/freshness.ts';
import { authorize, bearerSecurity, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

export const FHIR_JSON = 'application/fhir+json';

const Search = z.strictObject({
  _count: z.coerce.number().int().min(1).max(1000).default(100),
  _cursor: z.string().max(100).optional(),
  code: z.string().max(2000).optional().meta({ description: searchParameters[0].documentation }),
  status: z.string().max(40).optional().meta({ description: searchParameters[1].documentation }),
  effective: z.string().max(40).optional().meta({ description: searchParameters[2].documentation }),
  _at: z.iso.datetime({ offset: true }).optional().meta({ description: searchParameters[4].documentation }),
  _since: z.iso.datetime({ offset: true }).optional().meta({ description: searchParameters[5].documentation }),
});
const fhirBody = (description: string) => ({ description, content: { [FHIR_JSON]: { schema: z.object({ resourceType: z.string() }).passthrough() } } });

interface ResourceType {
  type: 'ChargeItemDefinition' | 'MedicationKnowledge';
  kind: EntryKind;
  summary: string;
  /** The resources of an entry; with `at`, only those in effect then. */
  toResources: (entry: EntryVersion, at?: number) => { id: string }[];
  /** The entry's code in a resource id. */
  codeOf: (id: string) => string;
}

const resourceTypes: ResourceType[] = [
  {
    type: 'ChargeItemDefinition',
    kind: 'price-items',
    summary: 'Price items as FHIR R4 ChargeItemDefinition (one per period of the timeline)',
    toResources: (entry, at) => {
      const all = chargeItemDefinitions(entry as { code: string; release: number; timeline: Timeline<PriceItemAttributes> });
      if (at === undefined) return all;
      const index = periodAt(entry.timeline, at);
      return index < 0 ? [] : [all[index] as { id: string }];
    },
    codeOf: (id) => id.replace(/-p\d+$/, ''),
  },
  {
    type: 'MedicationKnowledge',
    kind: 'drug-entries',
    summary: 'Drug entries as FHIR R4 MedicationKnowledge',
    toResources: (entry, at) =>
      at !== undefined && periodAt(entry.timeline, at) < 0
        ? []
        : [medicationKnowledge(entry as { code: string; release: number; timeline: Timeline<DrugEntryAttributes> })],
    codeOf: (id) => id,
  },
];

/**
 * The catalog as FHIR R4 (issue 15 §4): `metadata` (CapabilityStatement), read by id, version
 * read by release (`_history/{release}`), and search by code, status, effective date, `_at`
 * and `_since`, with `_count` and absolute paging links. ETags are `W/"<release>"`; errors are
 * OperationOutcome (app.ts). Everything is `application/fhir+json`.
 */
export function fhirRoutes({ store }: { store: Store }) {
  const app = new OpenAPIHono<AppEnv>();
  const base = (c: Context) => `${new URL(c.req.url).origin}/fhir`;
  const send = (c: Context, body: object, release: number) => {
    c.header('ETag', `W/"${release}"`);
    return c.body(JSON.stringify(body), 200, { 'Content-Type': FHIR_JSON }) as never;
  };
  const releases = async (): Promise<Release[]> => (await store.releases.listReleases({ after: 0, limit: 100_000 })).releases;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/metadata',
      tags: ['FHIR'],
      security: bearerSecurity,
      summary: 'The CapabilityStatement: what this FHIR server supports',
      responses: { 200: fhirBody('A FHIR R4 CapabilityStatement'), ...problems('unauthenticated') },
    }),
    async (c) => {
      authorize(c, 'catalog:read');
      const release = await catalogRelease(c, store);
      const current = release > 0 ? await store.releases.getRelease(release) : undefined;
      return send(c, capabilityStatement(base(c), release, current?.publishedAt), release);
    },
  );

  for (const { type, kind, summary, toResources, codeOf } of resourceTypes) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/${type}`,
        tags: ['FHIR'],
        security: bearerSecurity,
        summary,
        description: 'A searchset Bundle whose meta.versionId is the catalog release; page with _count and the next link.',
        request: { query: Search },
        responses: { 200: fhirBody('A FHIR R4 searchset Bundle'), ...problems('validation-failed', 'unauthenticated') },
      }),
      async (c) => {
        authorize(c, 'catalog:read');
        const query = c.req.valid('query');
        let release = await catalogRelease(c, store);
        const published = query._at || query._since ? await releases() : [];
        if (query._at) {
          const at = toEpochMs(query._at);
          release = published.filter((candidate) => toEpochMs(candidate.publishedAt) <= at && candidate.number <= release).at(-1)?.number ?? 0;
        }
        const since = query._since
          ? new Set(published.filter((candidate) => toEpochMs(candidate.publishedAt) > toEpochMs(query._since as string)).map((r) => r.number))
          : undefined;
        const at = query.effective === undefined ? undefined : effectiveInstant(query.effective);
        if (query.effective !== undefined && at === undefined) {
          throw new ProblemError('validation-failed', 'effective is a date (2022-05-10) or an instant', [
            { path: 'effective', in: 'query', code: 'invalid_instant', message: 'not a date' },
          ]);
        }
        const codes = query.code === undefined ? undefined : new Set(codesOf(query.code));
        const after = query._cursor === undefined ? undefined : decode(query._cursor);
        const entries = release === 0 ? [] : (await store.catalog.view(kind, release)).entries;
        const matches = (entry: EntryVersion) =>
          (codes === undefined || codes.has(entry.code)) &&
          (since === undefined || since.has(entry.release)) &&
          (query.status === undefined || query.status === 'active');
        const page: { id: string }[] = [];
        let taken = 0;
        let last: string | undefined;
        let more = false;
        for (const entry of entries) {
          if (after !== undefined && entry.code <= after) continue;
          if (!matches(entry)) continue;
          const resources = toResources(entry, at);
          if (resources.length === 0) continue;
          if (taken === query._count) {
            more = true;
            break;
          }
          page.push(...resources);
          taken += 1;
          last = entry.code;
        }
        const params = new URLSearchParams(
          Object.entries(query)
            .filter(([name, value]) => value !== undefined && name !== '_cursor')
            .map(([name, value]) => [name, String(value)]),
        );
        const self = `${base(c)}/${type}?${params}${query._cursor ? `&_cursor=${query._cursor}` : ''}`;
        const next = more && last !== undefined ? `${base(c)}/${type}?${params}&_cursor=${encode(last)}` : undefined;
        return send(c, searchsetBundle(page, { release, selfUrl: self, ...(next ? { nextUrl: next } : {}) }), release);
      },
    );

    const IdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9.-]{1,64}$/) });
    const read = async (c: Context, id: string, asOf: number) => {
      const code = codeOf(id);
      const entry = asOf === 0 ? undefined : await store.releases.getEntry(kind, code, asOf);
      const resource = entry ? toResources(entry).find((candidate) => candidate.id === id) : undefined;
      if (!resource) throw new ProblemError('not-found', `${type}/${id} does not exist${asOf ? ` as of release ${asOf}` : ''}`);
      return send(c, { ...resource, meta: { versionId: String(asOf) } }, asOf);
    };

    app.openapi(
      createRoute({
        method: 'get',
        path: `/${type}/{id}`,
        tags: ['FHIR'],
        security: bearerSecurity,
        summary: `Read one ${type} as the current release has it`,
        request: { params: IdParams },
        responses: { 200: fhirBody(`A FHIR R4 ${type}`), ...problems('validation-failed', 'unauthenticated', 'not-found') },
      }),
      async (c) => {
        authorize(c, 'catalog:read');
        return read(c, c.req.valid('param').id, await catalogRelease(c, store));
      },
    );

    app.openapi(
      createRoute({
        method: 'get',
        path: `/${type}/{id}/_history/{vid}`,
        tags: ['FHIR'],
        security: bearerSecurity,
        summary: `Read one ${type} as release {vid} had it (version read)`,
        request: { params: IdParams.extend({ vid: z.coerce.number().int().min(1).max(1e9) }) },
        responses: { 200: fhirBody(`A FHIR R4 ${type}`), ...problems('validation-failed', 'unauthenticated', 'not-found') },
      }),
      async (c) => {
        authorize(c, 'catalog:read');
        const { id, vid } = c.req.valid('param');
        if (vid > (await catalogRelease(c, store))) throw new ProblemError('not-found', `release ${vid} has not been published`);
        return read(c, id, vid);
      },
    );
  }
  return app;
}

function encode(code: string): string {
  return Buffer.from(code).toString('base64url');
}

function decode(cursor: string): string {
  const code = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9A-Za-z][0-9A-Za-z._-]{0,59}$/.test(code)) {
    throw new ProblemError('validation-failed', 'the cursor is not one this API gave out', [
      { path: '_cursor', in: 'query', code: 'invalid_cursor', message: 'invalid cursor' },
    ]);
  }
  return code;
}
