// A downstream system's client of the Green Channel catalog (issue 15 §5): verify a webhook,
// then bring a local copy of the catalog up to the release it names, from the change feed.
import { Webhook } from 'standardwebhooks';

export interface LocalCopy {
  release: number;
  /** `${kind}/${code}` → the entry's timeline as of `release`. */
  entries: Map<string, unknown[]>;
}

/** The webhook's body if its signature holds (Standard Webhooks), else an exception. */
export function verifyEvent(secret: string, headers: Record<string, string>, body: string) {
  return new Webhook(secret).verify(body, headers) as { type: string; data: { number: number } };
}

/** Read the feed after `copy.release` and refresh each entry it changed, as of the newest release. */
export async function syncCopy(api: string, token: string, copy: LocalCopy): Promise<LocalCopy> {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  type Feed = { items: { number: number; changes: { change: { kind: string; code: string } }[] }[]; cursor?: string };
  const changed = new Set<string>();
  let page = await get<Feed>(`/v1/releases?after=${copy.release}&limit=50`);
  let newest = copy.release;
  for (;;) {
    for (const release of page.items) {
      newest = Math.max(newest, release.number);
      for (const { change } of release.changes) changed.add(`${change.kind}/${change.code}`);
    }
    if (!page.cursor) break;
    page = await get<Feed>(`/v1/releases?cursor=${page.cursor}`);
  }
  for (const entry of changed) {
    const { timeline } = await get<{ timeline: unknown[] }>(`/v1/catalog/${entry}?release=${newest}`);
    copy.entries.set(entry, timeline);
  }
  return { release: newest, entries: copy.entries };
}
