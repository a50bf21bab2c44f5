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
import type { ContributionReliefAnswer, ContributionReliefRequest } from '../../../policy-catalog/rules/contribution-relief.ts';
import type { DeadlineAnswer, DeadlineRequest } from '../../../policy-catalog/rules/deadline.ts';
import type { Basis, Reason } from '../../../policy-catalog/rules/decision.ts';
import type { DrugCoverageAnswer, DrugCoverageRequest } from '../../../policy-catalog/rules/drug-coverage.ts';
import type { MedicalAssistanceAnswer, MedicalAssistanceRequest } from '../../../policy-catalog/rules/medical-assistance.ts';
import type { OfflinePurchaseAnswer, OfflinePurchaseRequest } from '../../../policy-catalog/rules/offline-purchase.ts';
import type { OutOfAreaAnswer, OutOfAreaRequest } from '../../../policy-catalog/rules/out-of-area.ts';
import type { PrepaymentAnswer, PrepaymentRequest } from '../../../policy-catalog/rules/prepayment.ts';
import type { ServiceCoverageAnswer, ServiceCoverageRequest } from '../../../policy-catalog/rules/service-coverage.ts';
import type { Period, Timeline } from '../../../policy-catalog/timeline.ts';
import type { Acknowledgement, AcknowledgeableCode } from '../../../policy-catalog/acknowledgement.ts';
import type { ImpactEntry, ImpactTotals } from '../../../policy-catalog/impact.ts';
import type { CeilingMove, CutPeriod, ImpactWarning, ImpactWarningCode, PeriodBounds } from '../../../policy-catalog/impact-warning.ts';
import type { MachineClient, RegisterMachineClient } from '../../../policy-catalog/machine-client.ts';
import type { OrganisationChange, SetOrganisation, UserAccount } from '../../../policy-catalog/user-account.ts';
import type { ImportJob } from '../../../policy-catalog/import-job.ts';
import type { components } from './openapi.d.ts';
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

/** An application/problem+json answer (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  /** An import's bad rows (spreadsheet row numbers, the header is row 1). */
  rows?: RowError[];
  /** What the detail says, stable, with its parameters (the console says it from these). */
  code?: string;
  params?: Record<string, string | number>;
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
export interface Entry<K extends EntryKind = EntryKind> {
  kind: K;
  code: string;
  release: number;
  timeline: Timeline<AttributesOf<K>>;
}

export interface EntryPage<K extends EntryKind = EntryKind> {
  kind: K;
  /** The release this view is as of. */
  release: number;
  items: Entry<K>[];
  cursor?: string;
}

export interface EntryAsOf<K extends EntryKind = EntryKind> extends Entry<K> {
  asOfRelease: number;
}

export interface EntryOnDate<K extends EntryKind = EntryKind> {
  kind: K;
  code: string;
  release: number;
  asOfRelease: number;
  on: string;
  period: Period<AttributesOf<K>>;
}

export interface EntryQuery {
  limit?: number;
  cursor?: string;
  codePrefix?: string;
  /** A price item's category, a drug's payment class, a listing's product type, a measure's type. */
  category?: string;
  /** The whole view as it stood at this release (default: the newest). */
  release?: number;
}

export interface ChangeSetWithChanges extends ChangeSet {
  changes: NumberedChange[];
}

/** A change set as last read, with the ETag to send back as If-Match on the next write. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** A release in the change feed; `include=summary` leaves its changes out. */
export interface FeedRelease extends Release {
  changes?: NumberedChange[];
  changesComplete: boolean;
}

export interface ReleaseFeed {
  items: FeedRelease[];
  visibleRelease: number;
  cursor?: string;
}

export interface ReleaseWithChanges extends Release {
  changes: NumberedChange[];
}

/** The rules downstream systems ask (`POST /v1/rules/{rule}`): request and answer, as the server's schemas say. */
export interface RuleContracts {
  'drug-coverage': { request: DrugCoverageRequest; answer: DrugCoverageAnswer };
  'service-coverage': { request: ServiceCoverageRequest; answer: ServiceCoverageAnswer };
  'contribution-relief': { request: ContributionReliefRequest; answer: ContributionReliefAnswer };
  'medical-assistance': { request: MedicalAssistanceRequest; answer: MedicalAssistanceAnswer };
  'out-of-area': { request: OutOfAreaRequest; answer: OutOfAreaAnswer };
  prepayment: { request: PrepaymentRequest; answer: PrepaymentAnswer };
  'offline-purchase': { request: OfflinePurchaseRequest; answer: OfflinePurchaseAnswer };
  deadline: { request: DeadlineRequest; answer: DeadlineAnswer };
}
export type RuleName = keyof RuleContracts;
export type RuleAnswer = RuleContracts[RuleName]['answer'];

export type ExportFormat = 'csv' | 'xlsx';

/** `POST /v1/machine-clients`: the secret is in this answer only; neither the API nor the console keeps it. */
export interface RegisteredMachineClient {
  client: MachineClient;
  clientId: string;
  clientSecret: string;
}

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
export interface ImpactPage {
  /** The release the impact is computed against. */
  against: number;
  totals: ImpactTotals;
  entries: ImpactEntry[];
  cursor?: string;
}

/** Entries whose timelines differ between two releases, old → new (null: the entry applied nowhere). */
export interface DiffItem {
  kind: EntryKind;
  code: string;
  before: Timeline | null;
  after: Timeline | null;
}

export interface DiffPage {
  items: DiffItem[];
  cursor?: string;
}

/** `visible`: every reader sees the release now; `committed`: its number is final, visible shortly. */
export interface PublishResult {
  changeSet: ChangeSet;
  release: Release;
  state: 'visible' | 'committed';
}

/** The open change sets' changes to one entry, each with its effect alone on the published timeline. */
export interface PendingChanges {
  kind: EntryKind;
  code: string;
  against: number;
  before: Timeline | null;
  pending: { changeSet: ChangeSet; changes: NumberedChange[]; impact: ImpactEntry }[];
}
