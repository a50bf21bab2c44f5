import { CreateTableCommand, DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { servicePayload as serviceApplication } from '../support/applications.ts';
import type { Application, ApplicationState } from '../../policy-catalog/applications/application.ts';
import { draftApplication } from '../../policy-catalog/applications/draft.ts';
import type { Identity } from '../../policy-catalog/identity.ts';
import { createStore, localDynamoClient } from '../../functions/store/store.ts';
import { dynamoEndpoint, startTestApp, type TestApp } from '../support/fixtures.ts';

// The business clock of the test app: 2026-11-23 10:00 China time.
const NOW = '2026-11-23T10:00:00+08:00';

let t: TestApp;
const tokens: Record<string, string> = {};
const people: Record<string, Identity> = {
  hospitalA: { sub: 'hosp-a-1', name: '甲医院', role: 'hospital', orgId: 'hosp-a' },
  hospitalB: { sub: 'hosp-b-1', name: '乙医院', role: 'hospital', orgId: 'hosp-b' },
  firmA: { sub: 'firm-a-1', name: '甲企业', role: 'firm', orgId: 'firm-a' },
};

const servicePayload = (greenChannel: boolean, name: string) => serviceApplication({ greenChannel, itemName: name });

let serial = 0;

/** An application stored as it would be after its steps: in `state`, due at `dueAt`. */
async function stored(
  who: keyof typeof people,
  state: ApplicationState,
  options: { dueAt?: string; greenChannel?: boolean; name?: string; createdAt?: string } = {},
): Promise<Application> {
  serial++;
  const drafted = draftApplication({
    id: `app-${String(serial).padStart(3, '0')}`,
    type: 'service',
    payload: servicePayload(options.greenChannel ?? false, options.name ?? `项目${serial}`),
    materials: [],
    actor: people[who] as Identity,
    now: options.createdAt ?? `2026-11-0${1 + (serial % 9)}T09:00:00+08:00`,
  });
  if (!drafted.ok) throw new Error(JSON.stringify(drafted.refusal));
  const application = { ...drafted.application, state, ...(options.dueAt === undefined ? {} : { dueAt: options.dueAt }) } as Application;
  await t.store.applications.create(application);
  return application;
}

type Listed = { status: number; body: { items: { application: Application; overdue: boolean }[]; cursor?: string; errors?: { path: string }[] } };

async function list(token: string, query = ''): Promise<Listed> {
  return (await t.call('GET', `/v1/service-applications${query}`, { token })) as Listed;
}

/** Every page of a list, following cursors; fails on a repeated item. */
async function allPages(token: string, query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const separator = query ? '&' : '?';
    const page = await list(token, `${query}${cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    ids.push(...page.body.items.map((item) => item.application.id));
    cursor = page.body.cursor;
    pages++;
    expect(pages).toBeLessThan(50);
  } while (cursor !== undefined);
  expect(new Set(ids).size, 'no item twice').toBe(ids.length);
  return { ids, pages };
}

const ids = (page: Listed) => page.body.items.map((item) => item.application.id);

const due = {
  past2: '2026-11-20T00:00:00+08:00',
  past1: '2026-11-23T00:00:00+08:00',
  atNow: NOW,
  soon: '2026-11-25T00:00:00+08:00',
  later: '2026-12-10T00:00:00+08:00',
};

// The table holds, for hospital A, B and a firm (whose listings never show in service lists):
const fixture: Record<string, Application> = {};

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  tokens.hospitalA = await t.tokenFor('hospital', '甲医院', 'hosp-a');
  tokens.hospitalB = await t.tokenFor('hospital', '乙医院', 'hosp-b');
  tokens.reviewer = await t.tokenFor('reviewer', '审核员');
  tokens.pricing = await t.tokenFor('pricing-staff', '价格处');
  tokens.downstream = await t.tokenFor('downstream', '医院HIS');
  fixture.aDraft = await stored('hospitalA', 'draft');
  fixture.aSubmittedLater = await stored('hospitalA', 'submitted', { dueAt: due.later });
  fixture.aSubmittedPast = await stored('hospitalA', 'submitted', { dueAt: due.past2, greenChannel: true });
  fixture.aAcceptedSoon = await stored('hospitalA', 'accepted', { dueAt: due.soon });
  fixture.aUnderReviewAtNow = await stored('hospitalA', 'under-review', { dueAt: due.atNow });
  fixture.aSupplementPast = await stored('hospitalA', 'supplement-requested', { dueAt: due.past1 });
  fixture.aApprovedPast = await stored('hospitalA', 'approved', { dueAt: due.past1 });
  fixture.bDraft = await stored('hospitalB', 'draft', { name: '乙医院的草稿' });
  fixture.bSubmittedPast = await stored('hospitalB', 'submitted', { dueAt: due.past1, name: '乙医院的申报' });
  fixture.bRejected = await stored('hospitalB', 'rejected', { dueAt: due.soon, name: '乙医院被驳回' });
});

describe("an organisation's own list (index byOrg)", () => {
  it('holds every one of its applications, soonest due first, and nothing of another organisation', async () => {
    const page = await list(tokens.hospitalA as string);
    expect(page.status).toBe(200);
    expect(ids(page)).toEqual(
      ['aSubmittedPast', 'aSupplementPast', 'aApprovedPast', 'aUnderReviewAtNow', 'aAcceptedSoon', 'aSubmittedLater', 'aDraft'].map((k) => fixture[k]?.id),
    );
    expect(page.body.cursor).toBeUndefined();
    expect(JSON.stringify(page.body)).not.toContain('乙医院');
    const other = await list(tokens.hospitalB as string);
    expect(ids(other).sort()).toEqual([fixture.bDraft?.id, fixture.bSubmittedPast?.id, fixture.bRejected?.id].sort());
  });

  it('filters by state, green channel and overdue inside its own partition', async () => {
    expect(ids(await list(tokens.hospitalA as string, '?state=submitted'))).toEqual([fixture.aSubmittedPast?.id, fixture.aSubmittedLater?.id]);
    expect(ids(await list(tokens.hospitalA as string, '?greenChannel=true'))).toEqual([fixture.aSubmittedPast?.id]);
    // Overdue: due by now, in a state where the bureau owes the next step (not supplement-requested, not approved).
    const overdue = await list(tokens.hospitalA as string, '?overdue=true');
    expect(ids(overdue)).toEqual([fixture.aSubmittedPast?.id, fixture.aUnderReviewAtNow?.id]);
    expect(overdue.body.items.every((item) => item.overdue)).toBe(true);
    const onTime = await list(tokens.hospitalA as string, '?overdue=false');
    expect(ids(onTime).sort()).toEqual(
      ['aDraft', 'aSubmittedLater', 'aAcceptedSoon', 'aSupplementPast', 'aApprovedPast'].map((k) => fixture[k]?.id as string).sort(),
    );
    expect(ids(await list(tokens.hospitalA as string, '?state=draft&overdue=true'))).toEqual([]);
    expect(ids(await list(tokens.hospitalB as string, '?overdue=true'))).toEqual([fixture.bSubmittedPast?.id]);
  });

  it('pages with a cursor: every application once, in order, and no cursor on the last page', async () => {
    const { ids: paged, pages } = await allPages(tokens.hospitalA as string, '?limit=2');
    expect(pages).toBe(4);
    expect(paged).toEqual(ids(await list(tokens.hospitalA as string)));
    const exact = await allPages(tokens.hospitalA as string, '?limit=7');
    expect(exact.pages).toBe(1);
    const filtered = await allPages(tokens.hospitalA as string, '?limit=1&overdue=false');
    expect(filtered.ids.sort()).toEqual(ids(await list(tokens.hospitalA as string, '?overdue=false')).sort());
  });
});

describe("the bureau's inbox (index byStateDue)", () => {
  it('with no state: every organisation’s applications in every state but draft, merged soonest due first', async () => {
    const inbox = await list(tokens.reviewer as string);
    expect(inbox.status).toBe(200);
    const listed = ids(inbox);
    expect(listed).not.toContain(fixture.aDraft?.id);
    expect(listed).not.toContain(fixture.bDraft?.id);
    expect(listed.sort()).toEqual(
      ['aSubmittedLater', 'aSubmittedPast', 'aAcceptedSoon', 'aUnderReviewAtNow', 'aSupplementPast', 'aApprovedPast', 'bSubmittedPast', 'bRejected']
        .map((k) => fixture[k]?.id as string)
        .sort(),
    );
    const dues = inbox.body.items.map((item) => Date.parse(item.application.dueAt as string));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(ids(await list(tokens.pricing as string))).toEqual(ids(inbox));
  });

  it('by state: one partition, soonest due first; drafts only when asked for', async () => {
    expect(ids(await list(tokens.reviewer as string, '?state=submitted'))).toEqual([
      fixture.aSubmittedPast?.id,
      fixture.bSubmittedPast?.id,
      fixture.aSubmittedLater?.id,
    ]);
    expect(ids(await list(tokens.reviewer as string, '?state=draft')).sort()).toEqual([fixture.aDraft?.id, fixture.bDraft?.id].sort());
    expect(ids(await list(tokens.reviewer as string, '?state=submitted&greenChannel=true'))).toEqual([fixture.aSubmittedPast?.id]);
  });

  it('overdue is a range on the due date of the states the bureau owes; not overdue is the rest', async () => {
    const overdue = await list(tokens.reviewer as string, '?overdue=true');
    expect(ids(overdue)).toEqual([fixture.aSubmittedPast?.id, fixture.bSubmittedPast?.id, fixture.aUnderReviewAtNow?.id]);
    expect(ids(await list(tokens.reviewer as string, '?overdue=true&state=supplement-requested'))).toEqual([]);
    const onTime = ids(await list(tokens.reviewer as string, '?overdue=false'));
    expect(onTime.sort()).toEqual(
      ['aSubmittedLater', 'aAcceptedSoon', 'aSupplementPast', 'aApprovedPast', 'bRejected'].map((k) => fixture[k]?.id as string).sort(),
    );
    // A minute before the due date, it is not overdue yet.
    t.clock.set('2026-11-23T09:59:00+08:00');
    expect(ids(await list(tokens.reviewer as string, '?overdue=true'))).not.toContain(fixture.aUnderReviewAtNow?.id);
    t.clock.set(NOW);
  });

  it('pages the merged inbox across partitions with a cursor, each application once, in due order', async () => {
    const whole = ids(await list(tokens.reviewer as string));
    for (const limit of [1, 2, 3, 8]) {
      const { ids: paged } = await allPages(tokens.reviewer as string, `?limit=${limit}`);
      expect(paged, `limit ${limit}`).toEqual(whole);
    }
    // A filter that matches one item in eight still reaches it, over short pages if need be.
    const { ids: green } = await allPages(tokens.reviewer as string, '?limit=1&greenChannel=true');
    expect(green).toEqual([fixture.aSubmittedPast?.id]);
  });

  it('moves an application between state partitions when a step changes its state (same item, new index keys)', async () => {
    const application = await stored('hospitalB', 'submitted', { dueAt: due.soon, name: '乙医院待受理' });
    const read = await t.call('GET', `/v1/service-applications/${application.id}`, { token: tokens.reviewer });
    const accepted = await t.call('POST', `/v1/service-applications/${application.id}/accept`, {
      token: tokens.reviewer,
      body: {},
      headers: { 'If-Match': read.headers.get('etag') as string },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(ids(await list(tokens.reviewer as string, '?state=submitted'))).not.toContain(application.id);
    expect(ids(await list(tokens.reviewer as string, '?state=accepted'))).toContain(application.id);
    expect(ids(await list(tokens.hospitalB as string, '?state=accepted'))).toEqual([application.id]);
  });
});

describe('cursors and page bounds', () => {
  it('refuses a tampered or made-up cursor with 400 naming the cursor', async () => {
    const first = await list(tokens.hospitalA as string, '?limit=2');
    const cursor = first.body.cursor as string;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { b: string; after: string };
    const forged = [
      'not-a-cursor',
      `${cursor.slice(0, -2)}xx`,
      Buffer.from(JSON.stringify({ ...decoded, b: 'AAAAAAAAAAAAAAAA' })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...decoded, after: 'ORG#hosp-b#service' })).toString('base64url'),
      Buffer.from(JSON.stringify({ after: decoded.after })).toString('base64url'),
    ];
    for (const bad of forged) {
      const response = await list(tokens.hospitalA as string, `?limit=2&cursor=${encodeURIComponent(bad)}`);
      expect(response.status, bad).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'cursor', in: 'query' })]);
    }
  });

  it("refuses another organisation's cursor, and a cursor of another list or filter", async () => {
    const ofB = (await list(tokens.hospitalB as string, '?limit=1')).body.cursor as string;
    expect((await list(tokens.hospitalA as string, `?limit=1&cursor=${ofB}`)).status).toBe(400);
    const ofInbox = (await list(tokens.reviewer as string, '?limit=1')).body.cursor as string;
    expect((await list(tokens.hospitalA as string, `?limit=1&cursor=${ofInbox}`)).status).toBe(400);
    const ofA = (await list(tokens.hospitalA as string, '?limit=1')).body.cursor as string;
    expect((await list(tokens.hospitalA as string, `?limit=1&state=submitted&cursor=${ofA}`)).status).toBe(400);
    expect((await list(tokens.reviewer as string, `?limit=1&cursor=${ofA}`)).status).toBe(400);
  });

  it('reads only the caller’s partition even from a well-formed cursor pointing at another organisation’s item', async () => {
    const ofA = (await list(tokens.hospitalA as string, '?limit=1')).body.cursor as string;
    const decoded = JSON.parse(Buffer.from(ofA, 'base64url').toString('utf8')) as { b: string; after: string };
    // The position of hospital B's submitted application, in a cursor bound to hospital A's list.
    const bPosition = `${String(Date.parse(due.past1)).padStart(15, '0')}#000000000000000#${fixture.bSubmittedPast?.id}`;
    const moved = Buffer.from(JSON.stringify({ b: decoded.b, after: bPosition })).toString('base64url');
    const page = await list(tokens.hospitalA as string, `?cursor=${moved}`);
    expect(page.status).toBe(200);
    expect(page.body.items.every((item) => item.application.orgId === 'hosp-a')).toBe(true);
    expect(JSON.stringify(page.body)).not.toContain('乙医院');
  });

  it.each(['0', '201', '-1', '1.5', 'many'])('refuses limit=%s (1–200)', async (limit) => {
    const response = await list(tokens.reviewer as string, `?limit=${limit}`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.path).toBe('limit');
  });

  it('lets downstream systems list nothing', async () => {
    expect((await list(tokens.downstream as string)).status).toBe(403);
  });
});

describe('a table made before the indexes existed', () => {
  it('gets the indexes added by ensureTable, and reindex lists its old applications and recounts their drafts', async () => {
    const client = localDynamoClient(dynamoEndpoint());
    const tableName = `test-legacy-${crypto.randomUUID()}`;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    // Two applications as the store used to write them: key, doc and version only.
    const legacy = [fixture.aDraft, fixture.aSubmittedPast] as Application[];
    for (const application of legacy) {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: 'APPS' }, sk: { S: `service#${application.id}` }, doc: { S: JSON.stringify(application) }, version: { N: '1' } },
        }),
      );
    }
    const store = createStore({ client, tableName });
    await store.ensureTable();
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(described.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(['byOrg', 'byStateDue']);
    const filter = { now: NOW };
    expect((await store.applications.ownList('service', 'hosp-a', filter, { limit: 50 })).items).toEqual([]);

    expect(await store.applications.reindex('service')).toEqual({ indexed: 2 });
    expect((await store.applications.ownList('service', 'hosp-a', filter, { limit: 50 })).items.map((a) => a.id)).toEqual([
      fixture.aSubmittedPast?.id,
      fixture.aDraft?.id,
    ]);
    expect((await store.applications.inbox('service', filter, { limit: 50 })).items.map((a) => a.id)).toEqual([fixture.aSubmittedPast?.id]);
    expect(await store.applications.openDrafts('service', 'hosp-a')).toBe(1);
    expect(await store.applications.reindex('service')).toEqual({ indexed: 0 });
    await store.ensureTable();
  });
});
