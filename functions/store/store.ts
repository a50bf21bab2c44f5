import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ApplicationStore } from './application-store.ts';
import { CatalogCache, type CatalogCacheOptions } from './catalog-cache.ts';
import { ChangeSetStore } from './change-set-store.ts';
import { MachineClientStore } from './machine-client-store.ts';
import { ImportStore } from './import-store.ts';
import { DocumentStore } from './document-store.ts';
import { WebhookStore } from './webhook-store.ts';
import { NotificationStore } from './notification-store.ts';
import { EmailStore } from './email-store.ts';
import { OrganisationChangeStore } from './organisation-change-store.ts';
import { OrganisationStore } from './organisation-store.ts';
import { ensureTable } from './dynamo.ts';
import { ReleaseStore } from './release-store.ts';

/** The store: the only door to DynamoDB. */
export interface Store {
  tableName: string;
  changeSets: ChangeSetStore;
  releases: ReleaseStore;
  /** The published catalog as readers see it, cached per process. */
  catalog: CatalogCache;
  /** Downstream systems' own clients at the identity provider, and their revocation. */
  machineClients: MachineClientStore;
  applications: ApplicationStore;
  /** Every change of a hospital's or firm's user's organisation, made by an admin. */
  organisationChanges: OrganisationChangeStore;
  /** The registry of organisations: each hospital's and firm's code with its name, kept by an admin. */
  organisations: OrganisationStore;
  /** The files of green-channel applications: who uploaded what when, checked and scanned. */
  documents: DocumentStore;
  /** Imports of large files, uploaded to storage first, with their progress. */
  imports: ImportStore;
  /** Downstream systems' webhook endpoints and their deliveries. */
  webhooks: WebhookStore;
  /** What people are told in the console: per audience, with each person's read state. */
  notifications: NotificationStore;
  /** Mail for people who opt in: their choice, and the outbox the mail job sends from. */
  email: EmailStore;
  ensureTable(): Promise<void>;
}

export function createStore({ client, tableName, catalog }: { client: DynamoDBClient; tableName: string; catalog?: CatalogCacheOptions }): Store {
  const changeSets = new ChangeSetStore(client, tableName);
  const releases = new ReleaseStore(client, tableName, changeSets);
  const cache = new CatalogCache(releases, catalog);
  releases.onVisible = (release) => cache.noteVisible(release);
  return {
    tableName,
    changeSets,
    releases,
    catalog: cache,
    machineClients: new MachineClientStore(client, tableName),
    applications: new ApplicationStore(client, tableName, changeSets),
    organisationChanges: new OrganisationChangeStore(client, tableName),
    organisations: new OrganisationStore(client, tableName),
    imports: new ImportStore(client, tableName),
    documents: new DocumentStore(client, tableName),
    webhooks: new WebhookStore(client, tableName),
    notifications: new NotificationStore(client, tableName),
    email: new EmailStore(client, tableName),
    ensureTable: () => ensureTable(client, tableName),
  };
}

/**
 * The client's bounded retry budget: a request that cannot connect within a second, or gets no
 * answer within `DYNAMODB_REQUEST_TIMEOUT_MS` (default 3 s), is retried at most twice, so a
 * caller learns of an outage within about ten seconds, well before API Gateway's 30 s, and gets
 * a 503 with Retry-After.
 */
export const clientLimits = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1000, requestTimeout: Number(process.env.DYNAMODB_REQUEST_TIMEOUT_MS) || 3000 },
};

/** The client on AWS: region and credentials from the Lambda environment. */
export function awsDynamoClient(): DynamoDBClient {
  return new DynamoDBClient({ ...clientLimits });
}

/** A client for DynamoDB Local (any credentials do; -sharedDb makes them share one database). */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...clientLimits,
  });
}
