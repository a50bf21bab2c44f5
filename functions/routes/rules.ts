import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { DrugEntryAttributes } from '#catalog/drug-entry.ts';
import type { ListingAttributes } from '#catalog/listing.ts';
import type { MeasureAttributes } from '#catalog/measure.ts';
import type { PriceItemAttributes } from '#catalog/price-item.ts';
import { ContributionReliefAnswer, ContributionReliefRequest, decideContributionRelief } from '#catalog/rules/contribution-relief.ts';
import { DeadlineAnswer, DeadlineRequest, decideDeadline } from '#catalog/rules/deadline.ts';
import type { EntryFact } from '#catalog/rules/decision.ts';
import { decideDrugCoverage, DrugCoverageAnswer, DrugCoverageRequest } from '#catalog/rules/drug-coverage.ts';
import { decideMedicalAssistance, MedicalAssistanceAnswer, MedicalAssistanceRequest } from '#catalog/rules/medical-assistance.ts';
import { decideOfflinePurchase, OfflinePurchaseAnswer, OfflinePurchaseRequest } from '#catalog/rules/offline-purchase.ts';
import { decideOutOfArea, OutOfAreaAnswer, OutOfAreaRequest } from '#catalog/rules/out-of-area.ts';
import { decidePrepayment, PrepaymentAnswer, PrepaymentRequest } from '#catalog/rules/prepayment.ts';
import { decideServiceCoverage, ServiceCoverageAnswer, ServiceCoverageRequest } from '#catalog/rules/service-coverage.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import type { Clock } from '../app.ts';
import { authorize, bearerSecurity, json, jsonBody, problems, type AppEnv } from '../http/openapi.ts';

const tags = ['Rules'];

/**
 * The notices' rules as decisions: POST a case, get the decision with its reasons (the clause)
 * and its basis (the entry versions, by release, that it used). Thin: load the facts as of the
 * visible release, call the pure rule in policy-catalog.
 */
export function ruleRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new OpenAPIHono<AppEnv>();

  const measuresAsOfVisible = async () => {
    const asOfRelease = await store.releases.visibleRelease();
    const measures = (await store.releases.allEntries('measures', asOfRelease)) as EntryFact<MeasureAttributes>[];
    return { asOfRelease, measures };
  };
  const route = <Req extends z.ZodType, Res extends z.ZodType>(path: string, summary: string, description: string, request: Req, answer: Res) =>
    createRoute({
      method: 'post',
      path,
      tags,
      security: bearerSecurity,
      summary,
      description,
      request: { body: jsonBody(request) },
      responses: { 200: json(answer, 'The decision, its reasons and its basis'), ...problems('validation-failed', 'malformed-json', 'unauthenticated') },
    });

  app.openapi(
    route(
      '/drug-coverage',
      'Is this drug reimbursable for this use?',
      'The drug list as of the visible release; the inpatient grace for provincially-added drugs (2022 No.13 §1), for the batch and cutoff an inpatient-grace measure names; temporary Class A for confirmed and suspected COVID-19 patients (2020 No.2 §2(4)3).',
      DrugCoverageRequest,
      DrugCoverageAnswer,
    ),
    async (c) => {
      authorize(c, 'rule:decide');
      const request = c.req.valid('json');
      const { asOfRelease, measures } = await measuresAsOfVisible();
      const drug = (await store.releases.getEntry('drug-entries', request.drugCode, asOfRelease)) as EntryFact<DrugEntryAttributes> | undefined;
      return c.json(decideDrugCoverage(request, { drug, measures, asOfRelease }), 200);
    },
  );

  app.openapi(
    route(
      '/service-coverage',
      'Is this medical service item paid as Class A for this patient?',
      'Temporary Class A for confirmed and suspected COVID-19 patients (2020 No.2 §2(4)3): a medical service item of the diagnosis and treatment plan that a temporary-class-a measure names, in the price list at the time of use.',
      ServiceCoverageRequest,
      ServiceCoverageAnswer,
    ),
    async (c) => {
      authorize(c, 'rule:decide');
      const request = c.req.valid('json');
      const { asOfRelease, measures } = await measuresAsOfVisible();
      const service = (await store.releases.getEntry('price-items', request.serviceCode, asOfRelease)) as EntryFact<PriceItemAttributes> | undefined;
      return c.json(decideServiceCoverage(request, { service, measures, asOfRelease }), 200);
    },
  );

  app.openapi(
    route(
      '/contribution-relief',
      'What contribution relief applies to this month, scheme and payer part?',
      'From the measures in force for the pooling area (or the province): halving of the employer part of employee insurance to 50% (2022 No.13 §2: May–July 2022, at most 3 months per area, closed management, a fund covering at least 6 months unless the measure makes the exception); deferral of employee contributions (§2: March–June 2022), made up by the end of the deferral with benefits unaffected; an extended payment deadline, made up after the epidemic with benefits unaffected (2020 No.2 §2(3)2); employers’ extended base declaration (2022 No.13 §12). Each part says allowed, not-allowed, no-measure or not-applicable; "no-measure" is not "not-allowed".',
      ContributionReliefRequest,
      ContributionReliefAnswer,
    ),
    async (c) => {
      authorize(c, 'rule:decide');
      return c.json(decideContributionRelief(c.req.valid('json'), await measuresAsOfVisible()), 200);
    },
  );

  app.openapi(
    route(
      '/medical-assistance',
      'How much medical assistance for this bill?',
      '2022 No.13 §10: the ratio of the in-policy out-of-pocket cost above the deductible, within the annual cap. The area’s measure sets the ratio; without one the notice’s floor applies from its date, 2022-04-28. Before that date marginal and at-risk people are not eligible (not-eligible), and without a measure no ratio is given (no-measure).',
      MedicalAssistanceRequest,
      MedicalAssistanceAnswer,
    ),
    async (c) => {
      authorize(c, 'rule:decide');
      const request = c.req.valid('json');
      const at = request.at ?? toChinaIso(clock.now().getTime());
      return c.json(decideMedicalAssistance({ ...request, at }, await measuresAsOfVisible()), 200);
    },
  );

  app.openapi(
    route(
      '/out-of-area',
      'Which ratio applies to out-of-area care, and is filing needed?',
      '2022 No.13 §11 (stranded by lockdown) and 2020 No.2 §2(4)1 (confirmed or suspected COVID-19): while an out-of-area measure is in force (its period is the epidemic period, and eligibility ends with it), the ratio of a same-grade institution in the insured area, from that area’s own same-grade-ratios measure (no province-wide figure), without referral or filing; COVID-19 patients are treated first and settled at discharge.',
      OutOfAreaRequest,
      OutOfAreaAnswer,
    ),
    async (c) => {
      authorize(c, 'rule:decide');
      const request = c.req.valid('json');
      const at = request.at ?? toChinaIso(clock.now().getTime());
      return c.json(decideOutOfArea({ ...request, at }, await measuresAsOfVisible()), 200);
    },
  );

  app.openapi(
    route(
      '/prepayment',
      'May the fund prepay this institution, and for how many months?',
      '2022 No.13 §5, §7; 2020 No.2 §2(1)1, §2(4)2: during the epidemic period a prepayment measure sets, hospitals treating COVID-19 patients get increased prepayment without the 3-month cap, their COVID-19 treatment costs budgeted separately outside the total budget; other designated institutions get at most 3 months, only on application; all prepayment is settled after the epidemic. "no-measure" when no measure for this kind of institution is in force, "not-allowed" when the notice or the measure refuses the case.',
      PrepaymentRequest,
      PrepaymentAnswer,
    ),
    async (c) => {
      authorize(c, 'rule:decide');
      const request = c.req.valid('json');
      const at = request.at ?? toChinaIso(clock.now().getTime());
      return c.json(decidePrepayment({ ...request, at }, await measuresAsOfVisible()), 200);
    },
  );

  app.openapi(
    route(
      '/offline-purchase',
      'May hospitals buy this COVID-19 treatment drug offline?',
      '2022 No.13 §6: medical institutions may buy COVID-19 treatment drugs offline. Allowed when the listing itself says so (offlinePurchaseAllowed) or an offline-purchase measure in force names the listing or the drug; test reagents are not bought offline.',
      OfflinePurchaseRequest,
      OfflinePurchaseAnswer,
    ),
    async (c) => {
      authorize(c, 'rule:decide');
      const request = c.req.valid('json');
      const at = request.at ?? toChinaIso(clock.now().getTime());
      const { asOfRelease, measures } = await measuresAsOfVisible();
      const listing = request.listingCode
        ? ((await store.releases.getEntry('listings', request.listingCode, asOfRelease)) as EntryFact<ListingAttributes> | undefined)
        : undefined;
      const drug = request.drugCode
        ? ((await store.releases.getEntry('drug-entries', request.drugCode, asOfRelease)) as EntryFact<DrugEntryAttributes> | undefined)
        : undefined;
      return c.json(decideOfflinePurchase({ ...request, at }, { listing, drug, measures, asOfRelease }), 200);
    },
  );

  app.openapi(
    route(
      '/deadline',
      'Is this claim, payment, statement or declaration on time, counting the extensions?',
      'The deadlines the notices extend, from deadline-extension measures in force at the ordinary deadline for the area (or the province): the 2019 window reimbursement (2020 No.2 §2(3)1, 2019 costs only), contribution payment (§2(3)2), monthly settlement statements (§2(3)3), employers’ base declaration (2022 No.13 §12). The green channels’ review deadlines are not among them.',
      DeadlineRequest,
      DeadlineAnswer,
    ),
    async (c) => {
      authorize(c, 'rule:decide');
      return c.json(decideDeadline(c.req.valid('json'), await measuresAsOfVisible()), 200);
    },
  );

  return app;
}
