// Publishes one approved change set, in a process of its own, so a test can kill it half-way.
import { transition } from '../../policy-catalog/change-set.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { approver } from './change-sets.ts';

const [endpoint, tableName, changeSetId] = process.argv.slice(2) as [string, string, string];
const store = createStore({ client: localDynamoClient(endpoint), tableName });
const changeSet = await store.changeSets.get(changeSetId);
if (!changeSet) throw new Error(`no change set ${changeSetId}`);
const result = transition({ changeSet, action: 'publish', actor: approver, now: '2026-11-23T10:00:00+08:00' });
if (!result.ok) throw new Error(result.refusal.message);
await store.releases.publish(result.changeSet, changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
