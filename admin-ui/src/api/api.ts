import type {
  AcknowledgeableCode,
  ApplicationAction,
  ApplicationPayloads,
  ApplicationQuery,
  ApplicationStatus,
  ApplicationStepResult,
  ApplicationType,
  ActionInput,
  Change,
  ChangeSet,
  ChangeSetState,
  ChangeSetWithChanges,
  DiffPage,
  EntryAsOf,
  EntryKind,
  EntryOnDate,
  EntryPage,
  EntryQuery,
  ExportFormat,
  Identity,
  ImpactPage,
  MachineClient,
  RegisterMachineClient,
  RegisteredMachineClient,
  ImportJob,
  Webhook,
  WebhookDelivery,
  OrganisationChange,
  SetOrganisation,
  UserAccount,
  MaterialDeclaration,
  NumberedChange,
  PendingChanges,
  PublishResult,
  ReleaseFeed,
  ReleaseWithChanges,
  RuleContracts,
  RuleName,
  Versioned,
} from './api-types.ts';
import type { SearchPage } from '../../../policy-catalog/catalog-search.ts';
import type { components } from './openapi.d.ts';
import { ApiError, HttpClient } from './api-http.ts';
import * as auth from '../app/auth.ts';

export type * from './api-types.ts';
export type { SearchHit, SearchPage } from '../../../policy-catalog/catalog-search.ts';
export type { Notification } from '../../../policy-catalog/notifications.ts';
export { newIdempotencyKey } from './api-helpers.ts';
export { ApiError } from './api-http.ts';
export { onSessionChange } from '../app/auth.ts';

/**
 * The typed client of the Green Channel HTTP API: one method per endpoint, over the transport
 * of api-http.ts; the access token comes from the sign-in (`auth.ts`, the OpenID Connect
 * provider's tokens).
 */
export class ApiClient extends HttpClient {
  // --- session -------------------------------------------------------------------------------

  /** The signed-in identity, from the provider's ID token; undefined when signed out. */
  identity(): Identity | undefined {
    return auth.currentIdentity();
  }

  /** Sign in at the provider (the browser leaves the console and comes back signed in); `loginHint` names a local demo user. */
  signIn(loginHint?: string): Promise<void> {
    return auth.signIn(loginHint);
  }

  /** Sign out here and at the provider. */
  signOut(): Promise<void> {
    return auth.signOut();
  }

  // --- catalog ---------------------------------------------------------------------------------

  listEntries<K extends EntryKind>(kind: K, query: EntryQuery, signal?: AbortSignal): Promise<EntryPage<K>> {
    return this.request(['v1', 'catalog', kind], { query: { ...query }, ...withSignal(signal) });
  }

  /** Every kind (or one) by code, name or pinyin initials, best first, a page at a time. */
  searchCatalog(query: { q: string; kind?: EntryKind; limit?: number; cursor?: string }, signal?: AbortSignal): Promise<SearchPage> {
    return this.request(['v1', 'catalog', 'search'], { query: { ...query }, ...withSignal(signal) });
  }

  /** An entry's whole timeline, as published in `release` (default: the newest). */
  getEntry<K extends EntryKind>(kind: K, code: string, release?: number, signal?: AbortSignal): Promise<EntryAsOf<K>> {
    return this.request(['v1', 'catalog', kind, code], { query: { release }, ...withSignal(signal) });
  }

  /** The open change sets' changes to this entry, each with its effect on the published timeline. */
  getPending<K extends EntryKind>(kind: K, code: string, signal?: AbortSignal): Promise<PendingChanges> {
    return this.request(['v1', 'catalog', kind, code, 'pending'], withSignal(signal));
  }

  /** The period that applied on `on` (a China-time date), as published in `release` (default: the newest). */
  getEntryOn<K extends EntryKind>(kind: K, code: string, on: string, release?: number, signal?: AbortSignal): Promise<EntryOnDate<K>> {
    return this.request(['v1', 'catalog', kind, code], { query: { on, release }, ...withSignal(signal) });
  }

  /**
   * The current view of a kind as a file in the import layout. Where the service keeps files, the
   * answer is a signed URL of the stored file (a plain link then); otherwise the file itself,
   * fetched with the token.
   */
  async exportEntries(kind: EntryKind, format: ExportFormat): Promise<{ url: string; filename: string } | { blob: Blob; filename: string }> {
    const response = await this.send(['v1', 'catalog', kind, 'export'], { query: { format }, accept: 'application/json, */*' });
    if ((response.headers.get('Content-Type') ?? '').startsWith('application/json')) return (await response.json()) as { url: string; filename: string };
    const disposition = response.headers.get('Content-Disposition') ?? '';
    return { blob: await response.blob(), filename: /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${kind}.${format}` };
  }

  // --- change sets ---------------------------------------------------------------------------

  /** Change sets, newest first; of one state, page after page of the API's index (the list shows them all). */
  async listChangeSets(state?: ChangeSetState, signal?: AbortSignal): Promise<ChangeSet[]> {
    const items: ChangeSet[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.request<{ items: ChangeSet[]; cursor?: string }>(['v1', 'change-sets'], {
        query: state ? { state, limit: 200, cursor } : {},
        ...withSignal(signal),
      });
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }

  getChangeSet(id: string, signal?: AbortSignal): Promise<Versioned<ChangeSetWithChanges>> {
    return this.versioned(['v1', 'change-sets', id], withSignal(signal));
  }

  /** A new draft, with its first changes (at most 99) in the same request: a failed save leaves nothing behind. */
  createChangeSet(title: string, changes: Change[] = []): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets'], { method: 'POST', body: changes.length > 0 ? { title, changes } : { title } });
  }

  /** Discard a draft (its author; not one an application made). */
  async discardChangeSet(id: string, etag: string): Promise<void> {
    await this.request(['v1', 'change-sets', id], { method: 'DELETE', ifMatch: etag });
  }

  /** What the change set does to every entry it touches, against the visible release (or `release`), a page of entries at a time. */
  getImpact(id: string, query: { limit?: number; cursor?: string; release?: number }, signal?: AbortSignal): Promise<ImpactPage> {
    return this.request(['v1', 'change-sets', id, 'impact'], { query: { ...query }, ...withSignal(signal) });
  }

  addChanges(id: string, etag: string, changes: Change[]): Promise<Versioned<{ changeSet: ChangeSet; added: NumberedChange[] }>> {
    return this.versioned(['v1', 'change-sets', id, 'changes'], { method: 'POST', body: { changes }, ifMatch: etag });
  }

  removeChange(id: string, etag: string, n: number): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets', id, 'changes', String(n)], { method: 'DELETE', ifMatch: etag });
  }

  submitChangeSet(id: string, etag: string): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets', id, 'submit'], { method: 'POST', ifMatch: etag });
  }

  /** Approve, acknowledging the impact warnings by code (409 acknowledgement-required lists those missing). */
  approveChangeSet(id: string, etag: string, acknowledge: AcknowledgeableCode[] = []): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets', id, 'approve'], { method: 'POST', body: { acknowledge }, ifMatch: etag });
  }

  rejectChangeSet(id: string, etag: string, reason: string): Promise<Versioned<ChangeSet>> {
    return this.versioned(['v1', 'change-sets', id, 'reject'], { method: 'POST', body: { reason }, ifMatch: etag });
  }

  /** Publish, acknowledging the impact warnings (recomputed now: a release may have been published since approval). */
  publishChangeSet(id: string, etag: string, acknowledge: AcknowledgeableCode[] = []): Promise<Versioned<PublishResult>> {
    return this.versioned(['v1', 'change-sets', id, 'publish'], { method: 'POST', body: { acknowledge }, ifMatch: etag });
  }

  /**
   * Add a CSV or XLSX file's rows to a draft as changes of one kind. All or nothing: on bad rows
   * the ApiError's problem (import-rejected, 422) lists them in `rows`.
   */
  importFile(id: string, etag: string, kind: EntryKind, file: Blob, contentType: string): Promise<Versioned<{ changeSet: ChangeSet; imported: number }>> {
    return this.versioned(['v1', 'change-sets', id, 'import'], { method: 'POST', query: { kind }, file: { body: file, contentType }, ifMatch: etag });
  }

  /**
   * A large file into a draft (issue 11 §1): ask where to upload it, upload it straight to
   * storage (S3 on AWS) with the signed form, start the import, and follow it until it ends,
   * telling `onProgress` each state. Without file storage on the server (404), the file goes in
   * one request instead.
   */
  async importLarge(
    id: string,
    etag: string,
    kind: EntryKind,
    file: File,
    contentType: string,
    onProgress: (job: ImportJob) => void,
  ): Promise<{ job: ImportJob; errorWorkbookUrl?: string }> {
    let asked: { import: ImportJob; upload: { url: string; fields: Record<string, string> } };
    try {
      asked = await this.request(['v1', 'change-sets', id, 'imports'], {
        method: 'POST',
        ifMatch: etag,
        body: { kind, filename: file.name, contentType, size: file.size },
      });
    } catch (error) {
      // No such route: this server keeps no files.
      if (!(error instanceof ApiError && error.problem.status === 404 && error.problem.detail?.startsWith('no route'))) throw error;
      const { value, etag: next } = await this.importFile(id, etag, kind, file, contentType);
      return { job: { state: 'done', imported: value.imported, changeSetVersion: Number(next.replace(/\D/g, '')) } as ImportJob };
    }
    onProgress(asked.import);
    const form = new FormData();
    for (const [name, value] of Object.entries(asked.upload.fields)) form.append(name, value);
    form.append('file', file);
    const uploaded = await fetch(asked.upload.url, { method: 'POST', body: form }).catch((error: unknown) => {
      throw new ApiError({ type: 'network', title: 'network', status: 0, detail: String(error) }, { cause: error });
    });
    if (!uploaded.ok)
      throw new ApiError({ type: 'upload-refused', title: 'upload refused', status: uploaded.status, detail: (await uploaded.text()).slice(0, 300) });
    const path = ['v1', 'change-sets', id, 'imports', asked.import.importId];
    await this.request([...path, 'start'], { method: 'POST' });
    for (;;) {
      const state = await this.request<{ import: ImportJob; errorWorkbookUrl?: string }>(path);
      onProgress(state.import);
      if (['done', 'rejected', 'failed'].includes(state.import.state))
        return { job: state.import, ...(state.errorWorkbookUrl ? { errorWorkbookUrl: state.errorWorkbookUrl } : {}) };
      await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
    }
  }

  // --- releases ---------------------------------------------------------------------------------

  /** The change feed: releases after number `after`, oldest first; `summary` leaves their changes out. */
  listReleases(query: { after?: number; limit?: number; cursor?: string; include?: 'changes' | 'summary' }, signal?: AbortSignal): Promise<ReleaseFeed> {
    return this.request(['v1', 'releases'], { query, ...withSignal(signal) });
  }

  getRelease(number: number, signal?: AbortSignal): Promise<ReleaseWithChanges> {
    return this.request(['v1', 'releases', String(number)], withSignal(signal));
  }

  /** What release `number` changed: each touched entry's timeline before (release n−1) and after. */
  releaseDiff(number: number, query: { limit?: number; cursor?: string }, signal?: AbortSignal): Promise<DiffPage> {
    return this.request(['v1', 'releases', String(number), 'diff'], { query: { ...query }, ...withSignal(signal) });
  }

  /** The entries of a kind whose timelines differ between releases `from` and `to`. */
  compareReleases(kind: EntryKind, from: number, to: number, query: { limit?: number; cursor?: string }, signal?: AbortSignal): Promise<DiffPage> {
    return this.request(['v1', 'catalog', kind, 'diff'], { query: { from, to, ...query }, ...withSignal(signal) });
  }

  /** A draft change set undoing release `number` (409 revert-conflict when later releases changed the same entries). */
  revertRelease(number: number): Promise<{ changeSet: ChangeSet }> {
    return this.request(['v1', 'releases', String(number), 'revert'], { method: 'POST', body: {} });
  }

  // --- rules -------------------------------------------------------------------------------------

  /** Ask a rule for a decision on a case. */
  decide<R extends RuleName>(rule: R, request: RuleContracts[R]['request'], signal?: AbortSignal): Promise<RuleContracts[R]['answer']> {
    return this.request(['v1', 'rules', rule], { method: 'POST', body: request, ...withSignal(signal) });
  }

  // --- green-channel applications ---------------------------------------------------------------

  /** The applications the signed-in person may see, soonest due first (a reviewer's inbox, an applicant's own). */
  listApplications(type: ApplicationType, query: ApplicationQuery = {}, signal?: AbortSignal): Promise<{ items: ApplicationStatus[]; cursor?: string }> {
    const { state, greenChannel, overdue, cursor } = query;
    return this.request<{ items: ApplicationStatus[]; cursor?: string }>(applicationPath(type), {
      query: {
        state,
        greenChannel: greenChannel === undefined ? undefined : String(greenChannel),
        overdue: overdue === undefined ? undefined : String(overdue),
        cursor,
      },
      ...withSignal(signal),
    });
  }

  getApplication(type: ApplicationType, id: string, signal?: AbortSignal): Promise<Versioned<ApplicationStatus>> {
    return this.versioned([...applicationPath(type), id], withSignal(signal));
  }

  /** Start a draft; send the same `idempotencyKey` on a retry (e.g. one made when the form opened). */
  createApplication<T extends ApplicationType>(
    type: T,
    body: { payload: ApplicationPayloads[T]; materials: MaterialDeclaration[] },
    idempotencyKey: string,
  ): Promise<Versioned<ApplicationStatus>> {
    return this.versioned(applicationPath(type), { method: 'POST', body, idempotencyKey });
  }

  /** Take a step of the workflow (`POST …/{id}/{action}`) with the ETag last read; refusals come back as an ApiError whose problem has `refusal`. */
  actOnApplication<A extends ApplicationAction>(
    type: ApplicationType,
    id: string,
    action: A,
    etag: string,
    input: ActionInput<A>,
  ): Promise<Versioned<ApplicationStepResult>> {
    return this.versioned([...applicationPath(type), id, action], { method: 'POST', body: input, ifMatch: etag });
  }

  // --- machine clients (downstream systems) ---------------------------------------------------

  async listMachineClients(signal?: AbortSignal): Promise<MachineClient[]> {
    const page = await this.request<{ items: MachineClient[] }>(['v1', 'machine-clients'], withSignal(signal));
    return page.items;
  }

  registerMachineClient(request: RegisterMachineClient): Promise<RegisteredMachineClient> {
    return this.request(['v1', 'machine-clients'], { method: 'POST', body: request });
  }

  async revokeMachineClient(clientId: string): Promise<void> {
    await this.request(['v1', 'machine-clients', clientId], { method: 'DELETE' });
  }

  // --- downstream systems' webhook endpoints (staff: read only) ---------------------------------

  async listWebhooks(signal?: AbortSignal): Promise<Webhook[]> {
    return (await this.request<{ items: Webhook[] }>(['v1', 'webhooks'], withSignal(signal))).items;
  }

  async webhookDeliveries(id: string, signal?: AbortSignal): Promise<WebhookDelivery[]> {
    return (await this.request<{ items: WebhookDelivery[] }>(['v1', 'webhooks', id, 'deliveries'], { query: { limit: 50 }, ...withSignal(signal) })).items;
  }

  // --- people and their organisations (admin) ---------------------------------------------------

  async listUsers(signal?: AbortSignal): Promise<UserAccount[]> {
    return (await this.request<{ items: UserAccount[] }>(['v1', 'users'], withSignal(signal))).items;
  }

  setOrganisation(username: string, request: SetOrganisation): Promise<{ user: UserAccount; change: OrganisationChange }> {
    return this.request(['v1', 'users', username, 'organisation'], { method: 'PUT', body: request });
  }

  organisationChanges(cursor?: string, signal?: AbortSignal): Promise<{ items: OrganisationChange[]; cursor?: string }> {
    return this.request(['v1', 'organisation-changes'], { query: { limit: 50, cursor }, ...withSignal(signal) });
  }

  /** What is open to my organisation before I fill in an application (a terminated agreement closes the green channel). */
  eligibility(type: ApplicationType): Promise<Eligibility> {
    return this.request([`v1`, `${type}-applications`, 'eligibility']);
  }

  // --- notifications ----------------------------------------------------------------------------

  notifications(cursor?: string, signal?: AbortSignal): Promise<NotificationPage> {
    return this.request(['v1', 'notifications'], { query: { limit: 20, cursor }, ...withSignal(signal) });
  }

  async unreadNotifications(signal?: AbortSignal): Promise<number> {
    return (await this.request<{ unread: number }>(['v1', 'notifications', 'unread'], withSignal(signal))).unread;
  }

  async markNotificationsRead(what: { ids: string[] } | { all: true }): Promise<number> {
    const { unread } = await this.request<{ unread: number }>(['v1', 'notifications', 'read'], { method: 'POST', body: what });
    window.dispatchEvent(new CustomEvent(NOTIFICATIONS_CHANGED, { detail: unread }));
    return unread;
  }
}

/** Told on `window` when notifications are marked read (detail: what is still unread), so the header's count follows. */
export const NOTIFICATIONS_CHANGED = 'gc-notifications-changed';

/** What is open to an organisation: the green channel, applying at all, and the termination that closes them. */
export type Eligibility = components['schemas']['Eligibility'];

/** A page of my notifications, newest first. */
export type NotificationPage = components['schemas']['NotificationPage'];

/** How often the console asks how an import is getting on. */
const IMPORT_POLL_MS = 400;

/** The one client of the console. */
export const api = new ApiClient();

function applicationPath(type: ApplicationType): string[] {
  return ['v1', `${type}-applications`];
}

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
