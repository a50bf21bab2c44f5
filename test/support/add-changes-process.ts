// Adds many changes to a draft in a process of its own (as an import does), so a test can kill it half-way.
import { transition } from '../../policy-catalog/change-set.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { author, manyPriceItems } from './change-sets.ts';

const [endpoint, tableName, changeSetId, count] = process.argv.slice(2) as [string, string, string, string];
const store = createStore({ client: localDynamoClient(endpoint), tableName });
const changeSet = await store.changeSets.get(changeSetId);
if (!changeSet) throw new Error(`no change set ${changeSetId}`);
const edited = transition({ changeSet, action: 'edit', actor: author, now: '2026-11-23T10:00:00+08:00' });
if (!edited.ok) throw new Error(edited.refusal.message);
await store.changeSets.addChanges(edited.changeSet, changeSet.version, manyPriceItems(Number(count), 'IMPORT'), Date.now());
