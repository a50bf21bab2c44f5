import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import * as z from 'zod';

const Entry = z.object({
  payload: z.record(z.string(), z.unknown()),
  /** Epoch milliseconds; none for what lives until it is destroyed (clients). */
  expiresAt: z.number().optional(),
});
type Entry = { payload: AdapterPayload; expiresAt?: number };
const StoredEntries = z.record(z.string(), Entry);

/** Models whose entries belong to a grant and go when it is revoked (as in oidc-provider's memory adapter). */
const grantable = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

/**
 * oidc-provider's storage (sessions, grants, refresh tokens, interactions, codes, registered
 * clients) as one JSON file, so a restart of `npm start` keeps people signed in. Local use only:
 * the whole file is rewritten on each change and lookups by uid scan, both fine for a handful of
 * demo users. Expired entries are dropped on load and on each write.
 */
export function createFileAdapter(file: string, now: () => number = Date.now): AdapterFactory {
  const stored = existsSync(file) ? StoredEntries.parse(JSON.parse(readFileSync(file, 'utf8'))) : {};
  const entries = new Map<string, Entry>(Object.entries(stored) as [string, Entry][]);
  const live = (entry: Entry | undefined): entry is Entry => entry !== undefined && (entry.expiresAt === undefined || entry.expiresAt > now());
  const persist = () => {
    for (const [key, entry] of entries) if (!live(entry)) entries.delete(key);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(Object.fromEntries(entries)), { mode: 0o600 });
    renameSync(partial, file);
  };
  const copy = (payload: AdapterPayload): AdapterPayload => structuredClone(payload);

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const findWhere = (match: (payload: AdapterPayload) => boolean) => {
      for (const [entryKey, entry] of entries) {
        if (entryKey.startsWith(`${model}:`) && live(entry) && match(entry.payload)) return copy(entry.payload);
      }
      return undefined;
    };
    return {
      async upsert(id, payload, expiresIn) {
        entries.set(key(id), { payload: copy(payload), ...(typeof expiresIn === 'number' ? { expiresAt: now() + expiresIn * 1000 } : {}) });
        persist();
      },
      async find(id) {
        const entry = entries.get(key(id));
        return live(entry) ? copy(entry.payload) : undefined;
      },
      async findByUid(uid) {
        return findWhere((payload) => payload.uid === uid);
      },
      async findByUserCode(userCode) {
        return findWhere((payload) => payload.userCode === userCode);
      },
      async consume(id) {
        const entry = entries.get(key(id));
        if (!live(entry)) return;
        entry.payload.consumed = Math.floor(now() / 1000);
        persist();
      },
      async destroy(id) {
        if (entries.delete(key(id))) persist();
      },
      async revokeByGrantId(grantId) {
        let removed = false;
        for (const [entryKey, entry] of entries) {
          if (grantable.has(entryKey.slice(0, entryKey.indexOf(':'))) && entry.payload.grantId === grantId) removed = entries.delete(entryKey) || removed;
        }
        if (removed) persist();
      },
    };
  };
}
