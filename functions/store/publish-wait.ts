/** How often a publish request looks whether the projector has made its release visible. */
const VISIBILITY_POLL_MS = 200;

/** What a publish waits on: the release store's projection settings and its pointer. */
export interface Projecting {
  publishWaitMs: number;
  scheduleProjection: ((release: number) => Promise<void>) | undefined;
  onRollForwardError: ((error: unknown) => void) | undefined;
  recover(): Promise<unknown>;
  visibleRelease(): Promise<number>;
}

/**
 * Projection runs outside the request; the answer waits for it at most `publishWaitMs`, then
 * says `committed`, and the release becomes visible all at once when the projection (or any
 * roll-forward) completes. Locally the projection runs in this process and goes on after the
 * answer. On AWS `scheduleProjection` hands it to the projector (a queue-triggered function),
 * since a Lambda does no work after it answers, and the request polls the pointer meanwhile.
 */
export async function awaitVisible(number: number, store: Projecting): Promise<'visible' | 'committed'> {
  const deadline = Date.now() + store.publishWaitMs;
  const projection = store.scheduleProjection ? scheduleAndPoll(number, deadline, store) : projectHere(store);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'committed'>((resolve) => {
    timer = setTimeout(() => resolve('committed'), store.publishWaitMs);
  });
  const state = await Promise.race([projection, waited]);
  clearTimeout(timer);
  return state;
}

function projectHere(store: Projecting): Promise<'visible' | 'committed'> {
  return store.recover().then(
    () => 'visible' as const,
    (error: unknown) => {
      store.onRollForwardError?.(error);
      return 'committed' as const;
    },
  );
}

async function scheduleAndPoll(number: number, deadline: number, store: Projecting): Promise<'visible' | 'committed'> {
  try {
    await store.scheduleProjection?.(number);
    while (Date.now() < deadline) {
      if ((await store.visibleRelease()) >= number) return 'visible';
      await new Promise((resolve) => setTimeout(resolve, VISIBILITY_POLL_MS));
    }
  } catch (error) {
    // Not scheduled (the queue could not be reached): the hourly job and readers roll it forward.
    store.onRollForwardError?.(error);
  }
  return 'committed';
}
