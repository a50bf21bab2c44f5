import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { DrugEntryAttributes } from '#catalog/drug-entry.ts';
import { chargeItemDefinitions, medicationKnowledge, searchsetBundle } from '#catalog/fhir.ts';
import type { EntryKind } from '#catalog/kinds.ts';
import type { PriceItemAttributes } from '#catalog/price-item.ts';
import type { Timeline } from '#catalog/timeline.ts';
import type { Store } from '#store/store.ts';
import { catalogRelease } from '../http/freshness.ts';
import { authorize, bearerSecurity, problems, type AppEnv } from '../http/openapi.ts';
import { ProblemError } from '../http/problem.ts';

const FHIR_JSON = 'application/fhir+json';
const Query = z.strictObject({
  _count: z.coerce.number().int().min(1).max(1000).default(100),
  _cursor: z.string().max(100).optional(),
});

/** FHIR R4 searchset Bundles of the current catalog: price items and drug entries. */
export function fhirRoutes({ store }: { store: Store }) {
  const app = new OpenAPIHono<AppEnv>();
  const resources: {
    path: string;
    kind: EntryKind;
    summary: string;
    toResources: (entry: { code: string; release: number; timeline: Timeline }) => object[];
  }[] = [
    {
      path: '/ChargeItemDefinition',
      kind: 'price-items',
      summary: 'Price items as FHIR R4 ChargeItemDefinition (one per period)',
      toResources: (entry) => chargeItemDefinitions(entry as { code: string; release: number; timeline: Timeline<PriceItemAttributes> }),
    },
    {
      path: '/MedicationKnowledge',
      kind: 'drug-entries',
      summary: 'Drug entries as FHIR R4 MedicationKnowledge',
      toResources: (entry) => [medicationKnowledge(entry as { code: string; release: number; timeline: Timeline<DrugEntryAttributes> })],
    },
  ];
  for (const { path, kind, summary, toResources } of resources) {
    app.openapi(
      createRoute({
        method: 'get',
        path,
        tags: ['FHIR'],
        security: bearerSecurity,
        summary,
        description: 'A searchset Bundle whose meta.versionId is the catalog release; page with _count and the next link.',
        request: { query: Query },
        responses: {
          200: { description: 'A FHIR R4 Bundle', content: { [FHIR_JSON]: { schema: z.object({ resourceType: z.literal('Bundle') }).passthrough() } } },
          ...problems('validation-failed', 'unauthenticated'),
        },
      }),
      async (c) => {
        authorize(c, 'catalog:read');
        const { _count: count, _cursor: cursor } = c.req.valid('query');
        const release = await catalogRelease(c, store);
        const view = await store.catalog.view(kind, release);
        const body = store.catalog.page(view, 'fhir', { limit: count, ...(cursor === undefined ? {} : { after: decode(cursor) }) }, (items, next) =>
          JSON.stringify(
            searchsetBundle(items.flatMap(toResources), {
              release,
              selfUrl: `/fhir${path}?_count=${count}${cursor ? `&_cursor=${cursor}` : ''}`,
              ...(next === undefined ? {} : { nextUrl: `/fhir${path}?_count=${count}&_cursor=${encode(next)}` }),
            }),
          ),
        );
        c.header('ETag', `W/"r${release}"`);
        return c.body(body, 200, { 'Content-Type': FHIR_JSON }) as never;
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
    throw new ProblemError('validation-failed', 'the cursor is not one this API gave out', [{ path: '_cursor', in: 'query', message: 'invalid cursor' }]);
  }
  return code;
}
