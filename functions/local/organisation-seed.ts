import type { Person } from '#catalog/identity.ts';
import type { OrganisationRecord } from '#catalog/organisation.ts';
import { toChinaIso } from '#catalog/time.ts';
import type { Store } from '#store/store.ts';
import { type DemoUser, demoUsers } from './oidc/demo-users.ts';

/** Who the registry says named the demo organisations. */
export const organisationSeeder: Person = { sub: 'seed-organisations', name: '种子数据·演示机构' };

/**
 * The demo users' organisations into the registry (issue 14 §7), so that the demo shows names
 * rather than codes. Only codes the registry does not know are added: a name an admin set, or
 * renamed since, is never overwritten, however often `npm start` runs. Returns how many were added.
 */
export async function seedOrganisations(store: Store, now: Date, users: readonly DemoUser[] = demoUsers): Promise<number> {
  const changedAt = toChinaIso(now.getTime());
  const records = new Map<string, OrganisationRecord>();
  for (const { role, orgId, orgName } of users) {
    if ((role !== 'hospital' && role !== 'firm') || !orgId || !orgName || records.has(orgId)) continue;
    records.set(orgId, { orgId, name: orgName, type: role, changedBy: organisationSeeder, changedAt, version: 1 });
  }
  let added = 0;
  for (const record of records.values()) if (await store.organisations.create(record)) added++;
  return added;
}
