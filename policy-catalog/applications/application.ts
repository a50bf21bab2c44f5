import * as z from 'zod';
import { clauses } from '../clauses.ts';
import { Person, Role } from '../identity.ts';
import { PoolingArea } from '../measure.ts';
import { Fen } from '../money.ts';
import { HospitalGrade, PriceItemCode } from '../price-item.ts';
import { addCodedIssue } from '../problem-codes.ts';
import { Instant } from '../time.ts';
import { type ApplicationType, checklistIssues, MAX_DECLARATIONS, MaterialDeclaration, MaterialKey } from './materials.ts';

/** 2022 No.13 §3: the new services that take the green channel. */
export const GreenChannelReason = z
  .enum(['major-disease-treatment', 'major-epidemic', 'fills-gap'])
  .meta({ id: 'GreenChannelReason', description: '优化重大疾病诊疗方案 / 应对重大疫情 / 填补诊疗空白的重大创新项目' });
export type GreenChannelReason = z.infer<typeof GreenChannelReason>;

/** What a hospital applies for (新增医疗服务价格项目申报): the proposed price item. */
export const ServiceApplicationPayload = z
  .strictObject({
    itemCode: PriceItemCode,
    itemName: z.string().trim().min(1).max(200).meta({ example: '新型冠状病毒抗原检测' }),
    unit: z.string().trim().min(1).max(20).meta({ example: '人次' }),
    category: z.string().trim().min(1).max(50).meta({ example: '抗原检测' }),
    priceFen: Fen.meta({ description: 'Proposed ceiling price in fen' }),
    grade: HospitalGrade.meta({ description: "The applying hospital's grade (三级/二级/一级)" }),
    reason: z.string().trim().min(1).max(2000).meta({ description: 'Why the item is needed (申报理由)' }),
    greenChannel: z.boolean(),
    greenChannelReason: GreenChannelReason.optional(),
  })
  .superRefine((payload, ctx) => {
    if (payload.greenChannel && payload.greenChannelReason === undefined) {
      addCodedIssue(ctx, ['greenChannelReason'], {
        code: 'green_channel_reason_required',
        message: `${clauses.newServiceGreenChannel}: a green-channel application states which green-channel case it is`,
      });
    }
    if (!payload.greenChannel && payload.greenChannelReason !== undefined) {
      addCodedIssue(ctx, ['greenChannelReason'], {
        code: 'green_channel_reason_not_allowed',
        message: 'only a green-channel application has a green-channel reason',
      });
    }
  })
  .meta({ id: 'ServiceApplicationPayload' });
export type ServiceApplicationPayload = z.infer<typeof ServiceApplicationPayload>;

/** What a firm applies for (挂网申请): the product to list and its proposed listed price. */
export const ListingApplicationPayload = z
  .strictObject({
    product: z.string().trim().min(1).max(200).meta({ example: '阿兹夫定片' }),
    productType: z.enum(['drug', 'reagent', 'consumable']),
    specification: z.string().trim().min(1).max(200).meta({ example: '1mg×35片/瓶' }),
    manufacturer: z.string().trim().min(1).max(200),
    registrationNumber: z.string().trim().min(1).max(100).meta({ description: 'Registration certificate or approval number (注册证号/批准文号)' }),
    listedPriceFen: Fen.meta({ description: 'Proposed listed price in fen', example: 27000 }),
    firm: z.string().trim().min(1).max(200).meta({ description: "The applying firm's name, as it will be listed" }),
    inNinthEditionPlan: z.boolean().meta({ description: 'Newly added by the COVID-19 Diagnosis and Treatment Plan (trial 9th edition)' }),
    greenChannel: z.boolean(),
    offlinePurchaseAllowed: z.boolean().meta({ description: 'Hospitals may buy it offline: COVID-19 treatment drugs only' }),
  })
  .superRefine((payload, ctx) => {
    if (payload.greenChannel && !payload.inNinthEditionPlan) {
      addCodedIssue(ctx, ['greenChannel'], {
        code: 'listing_green_channel_new_products',
        message: `${clauses.procurementGreenChannel}: the listing green channel is for products newly added by the 9th-edition plan`,
      });
    }
    // Same rule as ListingAttributes, so that an approved application always makes a valid listing.
    if (payload.offlinePurchaseAllowed && (payload.productType !== 'drug' || !payload.greenChannel)) {
      addCodedIssue(ctx, ['offlinePurchaseAllowed'], {
        code: 'offline_purchase_covid_drugs_only',
        message: `${clauses.procurementGreenChannel}: offline purchase is allowed only for COVID-19 treatment drugs listed in the green channel`,
      });
    }
  })
  .meta({ id: 'ListingApplicationPayload' });
export type ListingApplicationPayload = z.infer<typeof ListingApplicationPayload>;

/**
 * 2020 No.2 §2(6)2: what a hospital designated to treat COVID-19 patients asks the bureau for —
 * 协议管理 (bring it under a service agreement), 定点确立 (designate it), 资金拨付 (advance funds),
 * 结算 (settlement arrangements).
 */
export const DesignationRequest = z
  .enum(['agreement-management', 'designation', 'fund-advance', 'settlement'])
  .meta({ id: 'DesignationRequest', description: 'agreement-management: 协议管理; designation: 定点确立; fund-advance: 资金拨付; settlement: 结算' });
export type DesignationRequest = z.infer<typeof DesignationRequest>;

/**
 * What a hospital asks to become a designated COVID-19 treatment hospital (定点救治医院) under
 * agreement management in a pooling area. The whole channel is a green channel (2020 No.2 §2(6)2:
 * 开辟……“绿色通道”，按照特事特办、急事急办的原则优先处理), so `greenChannel` is always true.
 */
export const DesignationApplicationPayload = z
  .strictObject({
    poolingArea: PoolingArea.meta({ description: 'The pooling area (统筹区) whose fund the agreement is with' }),
    grade: HospitalGrade.meta({ description: "The applying hospital's grade (三级/二级/一级)" }),
    covidBeds: z.number().int().min(1).max(100_000).meta({ description: 'Beds set aside for COVID-19 patients (收治床位)', example: 200 }),
    requests: z
      .array(DesignationRequest)
      .min(1)
      .max(DesignationRequest.options.length)
      .refine((requests) => new Set(requests).size === requests.length, { message: 'each request at most once', params: { code: 'listed_once' } })
      .meta({ description: 'What the hospital asks the bureau for: any of 协议管理, 定点确立, 资金拨付, 结算' }),
    greenChannel: z
      .literal(true)
      .default(true)
      .meta({ description: `Always true: ${clauses.designatedTreatmentHospitals} makes the whole channel a green channel` }),
  })
  .meta({ id: 'DesignationApplicationPayload' });
export type DesignationApplicationPayload = z.infer<typeof DesignationApplicationPayload>;

/**
 * Listings add a public notice (公示) between review and approval, and one reconsideration
 * (复议) after a rejection; service applications never enter those states.
 */
export const ApplicationState = z
  .enum(['draft', 'submitted', 'accepted', 'supplement-requested', 'under-review', 'public-notice', 'approved', 'rejected', 'reconsideration', 'withdrawn'])
  .meta({ id: 'ApplicationState' });
export type ApplicationState = z.infer<typeof ApplicationState>;

export const ApplicationAction = z
  .enum([
    'edit',
    'submit',
    'withdraw',
    'supply-supplement',
    'supply-material',
    'request-reconsideration',
    'accept',
    'request-supplement',
    'start-review',
    'publish-notice',
    'object',
    'approve',
    'reject',
  ])
  .meta({ id: 'ApplicationAction' });
export type ApplicationAction = z.infer<typeof ApplicationAction>;

export const HistoryEvent = z
  .strictObject({
    at: Instant,
    actor: z.strictObject({ sub: z.string(), name: z.string(), role: Role }),
    from: ApplicationState,
    to: ApplicationState,
    action: ApplicationAction,
    reason: z.string().optional(),
    materials: z.array(MaterialKey).optional().meta({ description: 'The materials supplied or asked for in this step' }),
  })
  .meta({ id: 'ApplicationHistoryEvent' });
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** Short enough that `GW-<id>` is still a valid listing code. */
export const ApplicationId = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,36}$/, 'must be 1–37 letters, digits, ".", "_" or "-"')
  .meta({ id: 'ApplicationId' });

const common = {
  id: ApplicationId,
  orgId: z.string().min(1).max(100).meta({ description: 'The applying hospital or firm' }),
  state: ApplicationState,
  createdBy: Person,
  createdAt: Instant,
  updatedAt: Instant,
  materials: z.array(MaterialDeclaration).max(MAX_DECLARATIONS).meta({ description: 'At most one declaration per key of the checklist' }),
  submittedAt: Instant.optional(),
  dueAt: Instant.optional().meta({ description: "The bureau's deadline (exclusive end), in working days; green channel sooner" }),
  supplementRequest: z.strictObject({ reason: z.string(), materials: z.array(MaterialKey).optional(), requestedAt: Instant, requestedBy: Person }).optional(),
  decision: z.strictObject({ outcome: z.enum(['approved', 'rejected', 'withdrawn']), by: Person, at: Instant, reason: z.string().optional() }).optional(),
  history: z.array(HistoryEvent),
  changeSetId: z.string().optional().meta({ description: 'The draft change set made on approval' }),
  marks: z
    .strictObject({
      overdueSince: Instant.optional().meta({ description: 'When the hourly job found the bureau late' }),
      materialsPastDue: z.array(MaterialKey).optional().meta({ description: 'Deferred materials whose promised day has passed' }),
    })
    .optional()
    .meta({ description: 'Set by the hourly job (overdue work, deferred materials past due)' }),
  version: z.number().int().min(1).meta({ description: 'Optimistic-concurrency version' }),
};

export const ServiceApplication = z
  .strictObject({ ...common, type: z.literal('service'), payload: ServiceApplicationPayload })
  .superRefine(onlyChecklistMaterials('service'))
  .meta({ id: 'ServiceApplication' });
export type ServiceApplication = z.infer<typeof ServiceApplication>;

export const ListingApplication = z
  .strictObject({
    ...common,
    type: z.literal('listing'),
    payload: ListingApplicationPayload,
    noticeEndsAt: Instant.optional().meta({ description: 'The end of the public notice window (公示期)' }),
    reconsiderationDueAt: Instant.optional().meta({ description: 'A rejection may be reconsidered until then' }),
    reconsidered: z.boolean().optional().meta({ description: 'The one reconsideration has been used' }),
  })
  .superRefine(onlyChecklistMaterials('listing'))
  .meta({ id: 'ListingApplication' });
export type ListingApplication = z.infer<typeof ListingApplication>;

/**
 * A hospital's application to be designated a COVID-19 treatment hospital (2020 No.2 §2(6)2). Its
 * approval records the bureau's decision; it makes no catalog entry (approval.ts says why).
 */
export const DesignationApplication = z
  .strictObject({ ...common, type: z.literal('designation'), payload: DesignationApplicationPayload })
  .superRefine(onlyChecklistMaterials('designation'))
  .meta({ id: 'DesignationApplication' });
export type DesignationApplication = z.infer<typeof DesignationApplication>;

export const Application = z.discriminatedUnion('type', [ServiceApplication, ListingApplication, DesignationApplication]).meta({ id: 'Application' });
export type Application = z.infer<typeof Application>;

/** Materials from the type's checklist only, each once: nobody stores made-up declarations. */
function onlyChecklistMaterials(type: ApplicationType) {
  return (application: { materials: readonly { key: string }[] }, ctx: z.RefinementCtx) => {
    for (const { path, ...coded } of checklistIssues(type, application.materials)) addCodedIssue(ctx, ['materials', ...path], coded);
  };
}

export function isGreenChannel(application: Application): boolean {
  return application.payload.greenChannel;
}

/** The payload schema of each type, for drafts and edits. */
export const applicationPayloads = {
  service: ServiceApplicationPayload,
  listing: ListingApplicationPayload,
  designation: DesignationApplicationPayload,
} as const satisfies Record<ApplicationType, z.ZodType>;
