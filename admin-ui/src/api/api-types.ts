import type { ActionInput } from '../../../policy-catalog/applications/actions.ts';
import type {
  Application,
  ApplicationAction,
  ApplicationState,
  DesignationApplicationPayload,
  HistoryEvent,
  ListingApplicationPayload,
  ServiceApplicationPayload,
} from '../../../policy-catalog/applications/application.ts';
import type { ApplicationType, MaterialDeclaration } from '../../../policy-catalog/applications/materials.ts';
import type { Refusal } from '../../../policy-catalog/applications/refusal.ts';
import type { Change, NumberedChange } from '../../../policy-catalog/change.ts';
import type { ChangeSet, ChangeSetState } from '../../../policy-catalog/change-set.ts';
import type { RowError } from '../../../policy-catalog/exchange.ts';
import type { Identity, Role } from '../../../policy-catalog/identity.ts';
import type { AttributesOf, EntryKind } from '../../../policy-catalog/kinds.ts';
import type { Release } from '../../../policy-catalog/release.ts';
import type { Basis, Reason } from '../../../policy-catalog/rules/decision.ts';
import type { Period, Timeline } from '../../../policy-catalog/timeline.ts';
import type { Acknowledgement, AcknowledgeableCode } from '../../../policy-catalog/acknowledgement.ts';
import type { ImpactEntry, ImpactTotals } from '../../../policy-catalog/impact.ts';
import type { CeilingMove, CutPeriod, ImpactWarning, ImpactWarningCode, PeriodBounds } from '../../../policy-catalog/impact-warning.ts';
import type { MachineClient, RegisterMachineClient } from '../../../policy-catalog/machine-client.ts';
import type { OrganisationChange, SetOrganisation, UserAccount } from '../../../policy-catalog/user-account.ts';
import type { ImportJob } from '../../../policy-catalog/import-job.ts';
import type { components, paths } from './openapi.d.ts';
import type { Webhook, WebhookDelivery } from '../../../policy-catalog/webhook.ts';

export type {
  Acknowledgement,
  AcknowledgeableCode,
  CeilingMove,
  CutPeriod,
  ImpactEntry,
  ImpactTotals,
  ImpactWarning,
  ImpactWarningCode,
  PeriodBounds,
  Timeline,
  ActionInput,
  Application,
  ApplicationAction,
  ApplicationState,
  ApplicationType,
  AttributesOf,
  Basis,
  Change,
  ChangeSet,
  ChangeSetState,
  DesignationApplicationPayload,
  EntryKind,
  HistoryEvent,
  Identity,
  ListingApplicationPayload,
  MachineClient,
  RegisterMachineClient,
  ImportJob,
  Webhook,
  WebhookDelivery,
  OrganisationChange,
  SetOrganisation,
  UserAccount,
  MaterialDeclaration,
  NumberedChange,
  Period,
  Reason,
  Refusal,
  Release,
  Role,
  RowError,
  ServiceApplicationPayload,
};

/** One field that failed, as the API names it (`changes.0.attributes.priceFen`, in the body). */
export type FieldProblem = components['schemas']['FieldError'];

/**
 * The generated schemas. Envelopes are taken from them as they are; only where the API's schema
 * says no more than "attributes" (timelines, periods) is the kind's own attribute type laid over.
 */
type Schemas = components['schemas'];
type ProblemSchema = Schemas['Problem'];

/** An application/problem+json answer (RFC 9457), with what some problems add. */
export interface Problem extends ProblemSchema {
  /** An import's bad rows (spreadsheet row numbers, the header is row 1). */
  rows?: RowError[];
  /** Why an application step was refused (the material, the termination…), without its English message. */
  refusal?: RefusalDetails;
  /** acknowledgement-required: the warning codes still to acknowledge, and the release the impact was computed against. */
  required?: { code: AcknowledgeableCode; entries: number }[];
  against?: number;
  /** revert-conflict: the entries later releases changed too. */
  conflicts?: { kind: EntryKind; code: string; releases: number[] }[];
}

/** A workflow refusal as the API sends it: the refusal less its message (that is the problem's detail). */
export type RefusalDetails = WithoutMessage<Refusal>;
type WithoutMessage<R> = R extends unknown ? Omit<R, 'message'> : never;

/** An entry of one kind: its timeline, and the release that produced this version of it. */
export type Entry<K extends EntryKind = EntryKind> = Omit<Schemas['Entry'], 'kind' | 'timeline'> & { kind: K; timeline: Timeline<AttributesOf<K>> };

export type EntryPage<K extends EntryKind = EntryKind> = Omit<Schemas['EntryPage'], 'kind' | 'items'> & { kind: K; items: Entry<K>[] };

export type EntryAsOf<K extends EntryKind = EntryKind> = Entry<K> & Pick<Schemas['EntryAsOf'], 'asOfRelease'>;

export type EntryOnDate<K extends EntryKind = EntryKind> = Omit<Schemas['EntryOnDate'], 'kind' | 'period'> & { kind: K; period: Period<AttributesOf<K>> };

export interface EntryQuery {
  limit?: number;
  cursor?: string;
  codePrefix?: string;
  /** A price item's category, a drug's payment class, a listing's product type, a measure's type. */
  category?: string;
  /** The whole view as it stood at this release (default: the newest). */
  release?: number;
}

export type ChangeSetWithChanges = ChangeSet & Pick<Schemas['ChangeSetWithChanges'], 'changes'>;

/** A change set as last read, with the ETag to send back as If-Match on the next write. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** A release in the change feed; `include=summary` leaves its changes out. */
export type FeedRelease = Schemas['FeedItem'];

export type ReleaseFeed = Schemas['Feed'];

export type ReleaseWithChanges = Schemas['ReleaseWithChanges'];

/** The rules downstream systems ask (`POST /v1/rules/{rule}`): request and answer, as the server's schemas say. */
export interface RuleContracts {
  'drug-coverage': { request: Schemas['DrugCoverageRequest']; answer: Schemas['DrugCoverageAnswer'] };
  'service-coverage': { request: Schemas['ServiceCoverageRequest']; answer: Schemas['ServiceCoverageAnswer'] };
  'contribution-relief': { request: Schemas['ContributionReliefRequest']; answer: Schemas['ContributionReliefAnswer'] };
  'medical-assistance': { request: Schemas['MedicalAssistanceRequest']; answer: Schemas['MedicalAssistanceAnswer'] };
  'out-of-area': { request: Schemas['OutOfAreaRequest']; answer: Schemas['OutOfAreaAnswer'] };
  prepayment: { request: Schemas['PrepaymentRequest']; answer: Schemas['PrepaymentAnswer'] };
  'offline-purchase': { request: Schemas['OfflinePurchaseRequest']; answer: Schemas['OfflinePurchaseAnswer'] };
  deadline: { request: Schemas['DeadlineRequest']; answer: Schemas['DeadlineAnswer'] };
}
export type RuleName = keyof RuleContracts;
export type RuleAnswer = RuleContracts[RuleName]['answer'];

export type ExportFormat = 'csv' | 'xlsx';

/** `POST /v1/machine-clients`: the secret is in this answer only; neither the API nor the console keeps it. */
export type RegisteredMachineClient = paths['/v1/machine-clients']['post']['responses'][201]['content']['application/json'];

/**
 * An application as the API answers it: with whether the bureau is late, which deferred materials
 * are past their day, and its organisation's name (generated from the API's schema); the
 * application itself as the domain types it.
 */
export interface ApplicationStatus<T extends Application = Application> extends Omit<components['schemas']['ApplicationStatus'], 'application'> {
  application: T;
}

/** The payload an applicant fills in, by application type. */
export interface ApplicationPayloads {
  service: ServiceApplicationPayload;
  listing: ListingApplicationPayload;
  designation: DesignationApplicationPayload;
}

export interface ApplicationQuery {
  state?: ApplicationState;
  greenChannel?: boolean;
  overdue?: boolean;
  /** The cursor of the page to read (absent: the first page). */
  cursor?: string;
}

/** The answer to a step: the application after it, the history event it added, and the draft change set an approval made. */
export interface ApplicationStepResult extends ApplicationStatus {
  event: HistoryEvent;
  changeSet?: ChangeSet;
}

/** A page of a change set's impact: totals over the whole change set, entries paged (by kind, then code). */
export type ImpactPage = Omit<Schemas['ImpactPage'], 'entries' | 'totals'> & { totals: ImpactTotals; entries: ImpactEntry[] };

/** Entries whose timelines differ between two releases, old → new (null: the entry applied nowhere). */
export interface DiffItem {
  kind: EntryKind;
  code: string;
  before: Timeline | null;
  after: Timeline | null;
}

export type DiffPage = Omit<Schemas['DiffPage'], 'items'> & { items: DiffItem[] };

/** `visible`: every reader sees the release now; `committed`: its number is final, visible shortly. */
export type PublishResult = Schemas['PublishAnswer'];

/** The open change sets' changes to one entry, each with its effect alone on the published timeline. */
export type PendingChanges = Omit<Schemas['PendingChanges'], 'before' | 'pending'> & {
  before: Timeline | null;
  pending: (Omit<Schemas['PendingChanges']['pending'][number], 'impact'> & { impact: ImpactEntry })[];
};
