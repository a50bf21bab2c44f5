import { HttpClient } from './api-http.ts';
import type { Versioned } from './api-types.ts';
import type { components, paths } from './openapi.d.ts';

/** An organisation of the registry: its code, name and type, who last set it and when (issue 14 §7); generated from the API's schema. */
export type Organisation = components['schemas']['OrganisationRecord'];
export type OrganisationType = components['schemas']['OrganisationType'];
/** What an admin sets: the name and the type (the code is in the path). */
export type SetOrganisationRecord = components['schemas']['SetOrganisationRecord'];
/** A page of organisations, by code. */
export type OrganisationPage = paths['/v1/organisations']['get']['responses'][200]['content']['application/json'];

/** The largest page the API gives. */
const PAGE_LIMIT = 500;

/** The organisations registry: names behind codes, read by everyone who may, kept by the admin. */
export class OrganisationsClient extends HttpClient {
  list(cursor?: string, signal?: AbortSignal): Promise<OrganisationPage> {
    return this.request(['v1', 'organisations'], { query: { limit: 100, cursor }, ...(signal ? { signal } : {}) });
  }

  /** Every organisation the signed-in person may see, all pages (a province has at most a few thousand). */
  async all(signal?: AbortSignal): Promise<Organisation[]> {
    const items: Organisation[] = [];
    let cursor: string | undefined;
    do {
      const page: OrganisationPage = await this.request(['v1', 'organisations'], { query: { limit: PAGE_LIMIT, cursor }, ...(signal ? { signal } : {}) });
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }

  get(orgId: string, signal?: AbortSignal): Promise<Versioned<Organisation>> {
    return this.versioned(['v1', 'organisations', orgId], signal ? { signal } : {});
  }

  /** Add an organisation the registry does not know yet. */
  add(orgId: string, body: SetOrganisationRecord): Promise<Organisation> {
    return this.request(['v1', 'organisations', orgId], { method: 'PUT', body });
  }

  /** Rename (or retype) an organisation as it was read: someone else's change since answers 412. */
  rename(organisation: Organisation, body: SetOrganisationRecord): Promise<Organisation> {
    return this.request(['v1', 'organisations', organisation.orgId], { method: 'PUT', body, ifMatch: `"v${organisation.version}"` });
  }
}

export const organisations = new OrganisationsClient();
