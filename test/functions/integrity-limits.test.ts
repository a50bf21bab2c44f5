import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/fixtures.ts';
import { TEST_AUDIENCE, TEST_ISSUER, testSigner } from '../support/test-tokens.ts';

describe('requests past the limits', () => {
  let t: TestApp;
  let officer: string;
  beforeAll(async () => {
    t = await startTestApp();
    officer = await t.tokenFor('pricing-staff', '王芳');
  });

  it('refuses a JSON body over its route’s limit with 413 problem+json, also before sign-in', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(300 * 1024) });
    const signedIn = await t.call('POST', '/v1/change-sets', { token: officer, rawBody: big });
    expect(signedIn.status).toBe(413);
    expect(signedIn.headers.get('Content-Type')).toBe('application/problem+json');
    expect(signedIn.body.type).toBe('/problems/payload-too-large');
    const rules = await t.call('POST', '/v1/rules/drug-coverage', { rawBody: big });
    expect(rules.status).toBe(413);
  });

  it('counts a streamed body without Content-Length as it arrives', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 40) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const response = await t.app.request('/v1/change-sets', {
      method: 'POST',
      headers: { Authorization: `Bearer ${officer}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(40);
  });

  it('answers 414 to an absurd URL', async () => {
    const response = await t.call('GET', `/v1/catalog/price-items?codePrefix=${'9'.repeat(10_000)}`, { token: officer });
    expect(response.status).toBe(414);
    expect(response.body.type).toBe('/problems/uri-too-long');
  });

  it('refuses JSON that is not UTF-8 instead of storing U+FFFD, and stores nothing', async () => {
    const valid = new TextEncoder().encode(JSON.stringify({ title: '下调核酸检测价格' }));
    const broken = new Uint8Array([...valid.slice(0, 12), 0xff, 0xfe, ...valid.slice(12)]);
    const response = await t.app.request('/v1/change-sets', {
      method: 'POST',
      headers: { Authorization: `Bearer ${officer}`, 'Content-Type': 'application/json' },
      body: broken,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { type: string }).type).toBe('/problems/invalid-encoding');
    const list = await t.call('GET', '/v1/change-sets', { token: officer });
    expect(list.body.items).toEqual([]);
  });

  it('refuses a token without exp, an expired one, and one not yet valid', async () => {
    const signer = await testSigner();
    const identity = { iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub: 'x', name: '王芳', roles: ['pricing-staff'] };
    const nowSeconds = Math.floor(Date.now() / 1000);
    // The verifier allows 5 seconds of clock skew, so the times here are well past it.
    for (const claims of [identity, { ...identity, exp: nowSeconds - 60 }, { ...identity, exp: nowSeconds + 600, nbf: nowSeconds + 300 }]) {
      const token = await signer.sign(claims);
      const response = await t.call('GET', '/v1/change-sets', { token });
      expect(response.status, JSON.stringify(claims)).toBe(401);
    }
    const good = await signer.sign({ ...identity, exp: nowSeconds + 600 });
    expect((await t.call('GET', '/v1/change-sets', { token: good })).status).toBe(200);
  });
});
