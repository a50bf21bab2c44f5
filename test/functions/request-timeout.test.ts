import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import { oidcAuth } from '../../functions/http/oidc-auth.ts';
import { createTestStore, fixedClock } from '../support/fixtures.ts';
import { TEST_AUDIENCE, TEST_CLAIM_NAMES, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

// Issue 11 §6: on Lambda a request still running near API Gateway's 30 s is answered with a
// problem (503, Retry-After) instead of the gateway's bare timeout.
describe('a request that takes too long', () => {
  it('is answered 503 with Retry-After and a problem body, and a quick one is not', async () => {
    const store = await createTestStore();
    const signer = await testSigner();
    const app = createApp({
      store,
      clock: fixedClock(),
      auth: oidcAuth({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: signer.keys, claimNames: TEST_CLAIM_NAMES }),
      requestTimeoutMs: 200,
    });
    expect((await app.request('/health/ready')).status).toBe(200);
    // The database hangs (a partition, a stalled connection): the request cannot finish.
    store.releases.visibleRelease = () => new Promise<number>(() => undefined);
    const slow = await app.request('/health/ready');
    expect(slow.status).toBe(503);
    expect(slow.headers.get('retry-after')).toBe('5');
    expect(slow.headers.get('content-type')).toBe('application/problem+json');
    expect(((await slow.json()) as { detail: string }).detail).toContain('did not finish within 0.2 s');
  });
});
