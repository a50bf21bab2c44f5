import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesMailSender } from '../../functions/handlers/ses-mail.ts';
import { mailPass } from '../../functions/jobs/send-mail.ts';
import { LocalAccounts } from '../../functions/local/oidc/accounts.ts';
import { demoUsers } from '../../functions/local/oidc/demo-users.ts';
import { seedOrganisations } from '../../functions/local/organisation-seed.ts';
import { requiredMaterials } from '../../policy-catalog/applications/materials.ts';
import type { OutboxMail } from '../../policy-catalog/email.ts';
import { servicePayload } from '../support/applications.ts';
import { startTestApp, type TestApp } from '../support/fixtures.ts';

// Issue 14 §3: people who opt in are mailed what they are told in the console — after typing
// back a code mailed to the address, only their own audiences' notifications, once each.
let t: TestApp;
let directory: string;
const tokens: Record<string, string> = {};
const consoleUrl = 'https://console.example.cn';

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'gc-email-'));
  t = await startTestApp({ seed: true, userDirectory: new LocalAccounts(demoUsers, path.join(directory, 'accounts.json')) });
  await seedOrganisations(t.store, new Date());
  tokens.hospital = await t.tokenFor('hospital', '刘医生', 'hosp-a');
  tokens.other = await t.tokenFor('hospital', '孙医生', 'hosp-b');
  tokens.reviewer = await t.tokenFor('reviewer', '赵敏');
  tokens.admin = await t.tokenFor('admin', '系统管理员');
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const outbox = async (): Promise<OutboxMail[]> => (await t.call('GET', '/v1/email-outbox?limit=100', { token: tokens.admin })).body.items;

/** Opt in as `token` with `address`, reading the code from the outbox as its owner would from the mail. */
async function optIn(token: string, address: string) {
  const started = await t.call('PUT', '/v1/me/email', { token, body: { address } });
  expect(started.status).toBe(202);
  const mail = (await outbox()).find((candidate) => candidate.to === address.toLowerCase() && candidate.subject.includes('验证码'));
  const code = /验证码 (\d{6})/.exec(mail?.subject ?? '')?.[1] as string;
  const confirmed = await t.call('POST', '/v1/me/email/confirm', { token, body: { code } });
  expect(confirmed.status).toBe(200);
  return confirmed.body;
}

async function supplementRequested(code: string): Promise<string> {
  const materials = requiredMaterials('service', false).map((material) => ({ key: material.key, status: 'provided' }));
  const created = await t.call('POST', '/v1/service-applications', {
    token: tokens.hospital,
    body: { payload: servicePayload({ itemCode: code }), materials },
  });
  const resource = `/v1/service-applications/${created.body.application.id}`;
  for (const [action, token, body] of [
    ['submit', tokens.hospital, {}],
    ['request-supplement', tokens.reviewer, { reason: '请补交检测报告' }],
  ] as const) {
    const etag = (await t.call('GET', resource, { token })).headers.get('etag') ?? '';
    expect((await t.call('POST', `${resource}/${action}`, { token, body, headers: { 'If-Match': etag } })).status).toBe(200);
  }
  return created.body.application.id;
}

/** Runs passes as the mailer would, after the notifications have settled. */
function passLater(minutes = 3, send?: Parameters<typeof mailPass>[0]['send'], store = t.store) {
  const at = new Date(t.clock.now().getTime() + minutes * 60_000);
  return mailPass({ store, now: () => at, consoleUrl, ...(send ? { send } : {}) });
}

describe('opting in to mail', () => {
  it('mails a code first, and starts only when it is typed back', async () => {
    expect((await t.call('GET', '/v1/me/email', { token: tokens.hospital })).body).toEqual({ state: 'none', delivery: 'outbox' });
    const started = await t.call('PUT', '/v1/me/email', { token: tokens.hospital, body: { address: 'Liu@JDYY.example.cn' } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'pending', address: 'liu@jdyy.example.cn' });
    const mail = (await outbox()).find((candidate) => candidate.to === 'liu@jdyy.example.cn');
    expect(mail).toMatchObject({ status: 'queued', attempts: 0 });
    // The link is to the console where the API serves it (npm start); on AWS, CONSOLE_URL.
    expect(mail?.text).toContain('http://localhost/#/notifications');
    // Another code within the minute is refused, on the address field.
    const again = await t.call('PUT', '/v1/me/email', { token: tokens.hospital, body: { address: 'liu@jdyy.example.cn' } });
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toMatchObject({ path: 'address', code: 'email_code_recent' });

    const wrongCode = (/验证码 (\d{6})/.exec(mail?.subject ?? '')?.[1] as string) === '000000' ? '000001' : '000000';
    const wrong = await t.call('POST', '/v1/me/email/confirm', { token: tokens.hospital, body: { code: wrongCode } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'code', code: 'email_code_wrong' });
    expect((await t.call('GET', '/v1/me/email', { token: tokens.hospital })).body.state).toBe('pending');

    const code = /验证码 (\d{6})/.exec(mail?.subject ?? '')?.[1] as string;
    const confirmed = await t.call('POST', '/v1/me/email/confirm', { token: tokens.hospital, body: { code } });
    expect(confirmed.body).toMatchObject({ state: 'active', address: 'liu@jdyy.example.cn' });
    // The code is spent.
    const reused = await t.call('POST', '/v1/me/email/confirm', { token: tokens.hospital, body: { code } });
    expect(reused.body.errors[0]).toMatchObject({ path: 'code', code: 'email_code_none' });
  });

  it('voids a code after five wrong ones, and when it is 30 minutes old', async () => {
    const token = await t.tokenFor('firm', '陈经理', 'firm-x');
    t.clock.set('2026-11-23T11:00:00+08:00');
    await t.call('PUT', '/v1/me/email', { token, body: { address: 'chen@firm.example.cn' } });
    const code = /验证码 (\d{6})/.exec((await outbox()).find((mail) => mail.to === 'chen@firm.example.cn')?.subject ?? '')?.[1] as string;
    const wrong = code === '999999' ? '999998' : '999999';
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.call('POST', '/v1/me/email/confirm', { token, body: { code: wrong } })));
    expect(answers.map((answer) => answer.body.errors[0].code)).toEqual(Array(5).fill('email_code_wrong'));
    const right = await t.call('POST', '/v1/me/email/confirm', { token, body: { code } });
    expect(right.body.errors[0].code).toBe('email_code_attempts');

    t.clock.set('2026-11-23T11:02:00+08:00');
    await t.call('PUT', '/v1/me/email', { token, body: { address: 'chen@firm.example.cn' } });
    const fresh = (await outbox()).filter((mail) => mail.to === 'chen@firm.example.cn').at(0);
    const freshCode = /验证码 (\d{6})/.exec(fresh?.subject ?? '')?.[1] as string;
    t.clock.set('2026-11-23T11:33:00+08:00');
    const late = await t.call('POST', '/v1/me/email/confirm', { token, body: { code: freshCode } });
    expect(late.body.errors[0].code).toBe('email_code_expired');
    t.clock.set('2026-11-23T10:00:00+08:00');
  });

  it('refuses bad bodies with the field path, machines, and the outbox to all but admins', async () => {
    const bad = await t.call('PUT', '/v1/me/email', { token: tokens.other, body: { address: 'not an address' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'address', code: 'invalid_format' });
    const short = await t.call('POST', '/v1/me/email/confirm', { token: tokens.other, body: { code: '12' } });
    expect(short.body.errors[0]).toMatchObject({ path: 'code' });
    const machine = await t.tokenFor('downstream', '结算系统');
    expect((await t.call('GET', '/v1/me/email', { token: machine })).status).toBe(403);
    expect((await t.call('GET', '/v1/email-outbox', { token: tokens.hospital })).status).toBe(403);
    expect((await t.call('GET', '/v1/email-outbox?cursor=zzz', { token: tokens.admin })).body.errors[0]).toMatchObject({ path: 'cursor' });
  });
});

describe('the mail job', () => {
  it('mails the organisation’s people who opted in, once per notification, and nobody else', async () => {
    await optIn(tokens.other as string, 'sun@cczx.example.cn');
    const id = await supplementRequested('250403100090021');
    // Two passes at once, then another: one mail.
    await Promise.all([passLater(), passLater()]);
    await passLater(4);
    const mails = (await outbox()).filter((mail) => mail.text.includes(id));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'liu@jdyy.example.cn', status: 'queued' });
    expect(mails[0]?.subject).toBe(
      `【医保绿色通道】您的申报“${servicePayload({ itemCode: '250403100090021' }).itemName}”需要补交材料，请在绿色通道控制台上传或作容缺承诺`,
    );
    expect(mails[0]?.text).toContain(`${consoleUrl}/#/applications/service/${id}`);
    // hosp-b's person is mailed nothing of hosp-a's.
    expect((await outbox()).filter((mail) => mail.to === 'sun@cczx.example.cn' && !mail.subject.includes('验证码'))).toEqual([]);
  });

  it('queues nothing twice after a pass that died between queueing and moving its mark', async () => {
    t.clock.set('2026-11-23T10:20:00+08:00');
    const id = await supplementRequested('250403100090023');
    // The pass dies as its mark is moved (as if killed there): its mail is queued, the mark is not.
    const dying = Object.create(t.store.email, { advance: { value: () => Promise.reject(new Error('killed')) } });
    await expect(passLater(3, undefined, { ...t.store, email: dying })).rejects.toThrow('killed');
    expect((await outbox()).filter((mail) => mail.text.includes(id))).toHaveLength(1);
    // The next pass reads the same notification again and queues it once.
    await passLater(3);
    await passLater(4);
    expect((await outbox()).filter((mail) => mail.text.includes(id))).toHaveLength(1);
  });

  it('sends through SES (the real SDK, against a stand-in endpoint), and gives up after five failures', async () => {
    const requests: { body: Record<string, any>; path: string }[] = [];
    let failing = false;
    const server: Server = createServer(async (request: IncomingMessage, response) => {
      const body = JSON.parse(await text(request));
      requests.push({ body, path: request.url ?? '' });
      if (failing) {
        response.writeHead(400, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'MessageRejected' });
        response.end(JSON.stringify({ message: 'Email address is not verified.' }));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ MessageId: `ses-${requests.length}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new SESv2Client({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'cn-north-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        maxAttempts: 1,
      });
      const send = sesMailSender(client, 'noreply@ybj.example.cn');
      const result = await passLater(5, send);
      expect(result.sent).toBeGreaterThan(0);
      expect(requests[0]?.path).toBe('/v2/email/outbound-emails');
      expect(requests[0]?.body).toMatchObject({ FromEmailAddress: 'noreply@ybj.example.cn', Content: { Simple: { Subject: { Charset: 'UTF-8' } } } });
      const sent = (await outbox()).filter((mail) => mail.status === 'sent');
      expect(sent.length).toBe(result.sent);
      expect(sent[0]?.messageId).toMatch(/^ses-\d+$/);
      expect((await t.store.email.queued(100)).length).toBe(0);

      failing = true;
      // Later than the mark the passes above left (three minutes short of the last pass).
      t.clock.set('2026-11-23T10:30:00+08:00');
      await supplementRequested('250403100090022');
      for (let pass = 0; pass < 5; pass += 1) await passLater(3 + pass, send);
      const failed = (await outbox()).filter((mail) => mail.status === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ attempts: 5, lastError: 'Email address is not verified.' });
      expect((await t.store.email.queued(100)).length).toBe(0);
    } finally {
      server.close();
    }
  });

  it('stops when the person opts out, and when an admin moves them to another organisation', async () => {
    const stopped = await t.call('DELETE', '/v1/me/email', { token: tokens.other });
    expect(stopped.body).toEqual({ state: 'none', delivery: 'outbox' });
    // On the local provider a person's sub is their username: the demo user `hospital` has mail on.
    const now = new Date('2026-11-23T01:00:00Z');
    const code = {
      id: 'hospital:code:test',
      to: 'liu2@jdyy.example.cn',
      subject: '验证码',
      text: '-',
      queuedAt: now.toISOString(),
      status: 'queued' as const,
      attempts: 0,
    };
    await t.store.email.start('hospital', {
      address: 'liu2@jdyy.example.cn',
      audiences: ['user:hospital', 'org:hosp-jdyy'],
      codeDigest: 'digest',
      now,
      mail: code,
    });
    expect(await t.store.email.confirm('hospital', 'digest', now)).toBeUndefined();
    expect((await t.store.email.preference('hospital')).state).toBe('active');
    const moved = await t.call('PUT', '/v1/users/hospital/organisation', { token: tokens.admin, body: { orgId: 'hosp-cczx', reason: '调入长春市中心医院' } });
    expect(moved.status).toBe(200);
    expect(await t.store.email.preference('hospital')).toEqual({ state: 'none' });
    expect((await t.store.email.subscribers()).map((candidate) => candidate.address)).toEqual(['liu@jdyy.example.cn']);
  });

  it('stops, at its next pass, the mail of someone who is no longer who they were at the provider', async () => {
    const accounts = new LocalAccounts(demoUsers);
    const now = new Date('2026-11-23T01:00:00Z');
    for (const [sub, audiences] of [
      ['firm', ['user:firm', 'org:firm-demo']],
      ['firm-b', ['user:firm-b', 'org:firm-b-demo']],
      ['ghost', ['user:ghost', 'org:firm-demo']],
    ] as const) {
      const code = {
        id: `${sub}:code:test`,
        to: `${sub}@example.cn`,
        subject: '验证码',
        text: '-',
        queuedAt: now.toISOString(),
        status: 'queued' as const,
        attempts: 0,
      };
      await t.store.email.start(sub, { address: `${sub}@example.cn`, audiences: [...audiences], codeDigest: 'digest', now, mail: code });
      await t.store.email.confirm(sub, 'digest', now);
    }
    // firm-b is moved at the provider itself (not through the API); ghost has no account.
    await accounts.setOrganisation('firm-b', 'firm-demo');
    const result = await mailPass({ store: t.store, now: () => new Date(t.clock.now().getTime() + 3 * 60_000), consoleUrl, directory: accounts });
    // Everyone the local provider does not know as they were is stopped: here also the test tokens' people.
    expect(result.stopped).toBeGreaterThanOrEqual(2);
    expect((await t.store.email.preference('firm')).state).toBe('active');
    expect((await t.store.email.preference('firm-b')).state).toBe('none');
    expect((await t.store.email.preference('ghost')).state).toBe('none');
  });
});

function text(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (data += chunk));
    request.on('end', () => resolve(data));
    request.on('error', reject);
  });
}
