import { beforeAll, describe, expect, it } from 'vitest';
import { approvedChangeSet, manyPriceItems } from '../support/change-sets.ts';
import { ALL_ACKNOWLEDGEMENTS, publishThroughApi, startTestApp, type TestApp } from '../support/fixtures.ts';

const CODE = 'IMPACT-PCR';
const set = (priceFen: number, validFrom: string, validTo?: string) => ({
  kind: 'price-items',
  code: CODE,
  op: 'set',
  validFrom,
  ...(validTo ? { validTo } : {}),
  attributes: { name: '核酸检测（影响测试）', unit: '人次', category: '核酸检测', priceFen },
});

let t: TestApp;
let officerA: string;
let officerB: string;
let hospital: string;

beforeAll(async () => {
  t = await startTestApp();
  officerA = await t.tokenFor('pricing-staff', '王芳');
  officerB = await t.tokenFor('pricing-staff', '李强');
  hospital = await t.tokenFor('hospital', '信息科', 'hosp-a');
  // Published: 16 yuan from 2022, with two scheduled reductions in 2027 (the test clock is 2026-11-23).
  await publishThroughApi(
    t,
    [set(1600, '2022-05-01T00:00:00+08:00'), set(1200, '2027-03-01T00:00:00+08:00'), set(1000, '2027-06-01T00:00:00+08:00')],
    officerA,
    officerB,
  );
});

async function etagOf(id: string): Promise<Record<string, string>> {
  return { 'If-Match': (await t.call('GET', `/v1/change-sets/${id}`, { token: officerA })).headers.get('etag') as string };
}

async function submittedWith(changes: unknown[]): Promise<string> {
  const created = await t.call('POST', '/v1/change-sets', { token: officerA, body: { title: '影响测试', changes } });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await t.call('POST', `/v1/change-sets/${id}/submit`, { token: officerA, headers: await etagOf(id) })).status).toBe(200);
  return id;
}

describe('the impact of a change set', () => {
  it('shows an open-ended price change removing two scheduled reductions, before and after', async () => {
    const id = await submittedWith([set(900, '2027-01-01T00:00:00+08:00')]);
    const impact = await t.call('GET', `/v1/change-sets/${id}/impact`, { token: officerB });
    expect(impact.status).toBe(200);
    expect(impact.body.totals).toMatchObject({ 'removes-published-periods': 1, retroactive: 0, 'existing-entry': 1 });
    const [entry] = impact.body.entries;
    expect(entry.before.map((period: { attributes: { priceFen: number } }) => period.attributes.priceFen)).toEqual([1600, 1200, 1000]);
    expect(entry.after.map((period: { attributes: { priceFen: number } }) => period.attributes.priceFen)).toEqual([1600, 900]);
    const removal = entry.warnings.find((warning: { code: string }) => warning.code === 'removes-published-periods');
    expect(removal.periods.map((period: { validFrom: string; how: string }) => [period.validFrom, period.how])).toEqual([
      ['2022-05-01T00:00:00+08:00', 'cut-at-end'],
      ['2027-03-01T00:00:00+08:00', 'removed'],
      ['2027-06-01T00:00:00+08:00', 'removed'],
    ]);
    expect(removal.periods.map((period: { scheduled: boolean }) => period.scheduled)).toEqual([false, true, true]);
  });

  it('cannot be approved or published until its warnings are acknowledged by name, and records who acknowledged what', async () => {
    const id = await submittedWith([set(900, '2027-01-01T00:00:00+08:00')]);
    const refused = await t.call('POST', `/v1/change-sets/${id}/approve`, { token: officerB, headers: await etagOf(id) });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/acknowledgement-required');
    expect(refused.body.required).toEqual([{ code: 'removes-published-periods', entries: 1 }]);
    const wrong = await t.call('POST', `/v1/change-sets/${id}/approve`, { token: officerB, body: { acknowledge: ['retroactive'] }, headers: await etagOf(id) });
    expect(wrong.status).toBe(409);
    const approved = await t.call('POST', `/v1/change-sets/${id}/approve`, {
      token: officerB,
      body: { acknowledge: ['removes-published-periods'] },
      headers: await etagOf(id),
    });
    expect(approved.status).toBe(200);
    expect(approved.body.acknowledgements).toEqual([
      expect.objectContaining({ step: 'approve', by: { sub: expect.any(String), name: '李强' }, codes: ['removes-published-periods'] }),
    ]);
    const unacknowledgedPublish = await t.call('POST', `/v1/change-sets/${id}/publish`, { token: officerB, headers: await etagOf(id) });
    expect(unacknowledgedPublish.status).toBe(409);
    const published = await t.call('POST', `/v1/change-sets/${id}/publish`, {
      token: officerB,
      body: { acknowledge: ['removes-published-periods'] },
      headers: await etagOf(id),
    });
    expect(published.status).toBe(200);
    const release = await t.call('GET', `/v1/releases/${published.body.release.number}`, { token: hospital });
    expect(release.body.acknowledgements.map((item: { step: string; codes: string[] }) => [item.step, item.codes])).toEqual([
      ['approve', ['removes-published-periods']],
      ['publish', ['removes-published-periods']],
    ]);
  });

  it('is recomputed at publication: a release published after the approval can make an acknowledgement necessary', async () => {
    const code = 'IMPACT-LATE';
    const late = (priceFen: number, validFrom: string) => ({ ...set(priceFen, validFrom), code });
    await publishThroughApi(t, [late(2000, '2022-05-01T00:00:00+08:00')], officerA, officerB);
    const id = await submittedWith([late(1900, '2027-01-01T00:00:00+08:00')]);
    expect((await t.call('POST', `/v1/change-sets/${id}/approve`, { token: officerB, headers: await etagOf(id) })).status).toBe(200);
    // Meanwhile a scheduled reduction is published, which the approved open-ended change would remove.
    await publishThroughApi(t, [late(1950, '2027-04-01T00:00:00+08:00')], officerA, officerB);
    const publish = await t.call('POST', `/v1/change-sets/${id}/publish`, { token: officerB, headers: await etagOf(id) });
    expect(publish.status).toBe(409);
    expect(publish.body.required).toEqual([{ code: 'removes-published-periods', entries: 1 }]);
  });

  it('asks nothing of a change set that only adds a new future item', async () => {
    const id = await submittedWith([{ ...set(800, '2027-01-01T00:00:00+08:00'), code: 'IMPACT-NEW' }]);
    const impact = await t.call('GET', `/v1/change-sets/${id}/impact`, { token: officerB });
    expect(impact.body.totals).toMatchObject({ 'new-entry': 1, 'removes-published-periods': 0, retroactive: 0 });
    expect(impact.body.entries[0].before).toBeNull();
    expect((await t.call('POST', `/v1/change-sets/${id}/approve`, { token: officerB, headers: await etagOf(id) })).status).toBe(200);
  });

  it('pages through entries with totals over the whole change set', async () => {
    const { changeSet } = await approvedChangeSet(t.store, manyPriceItems(250, 'PAGED-'));
    const first = await t.call('GET', `/v1/change-sets/${changeSet.id}/impact?limit=100`, { token: officerB });
    expect(first.body.totals['new-entry']).toBe(250);
    expect(first.body.entries).toHaveLength(100);
    const codes = first.body.entries.map((entry: { code: string }) => entry.code);
    let cursor = first.body.cursor;
    while (cursor) {
      const next = await t.call('GET', `/v1/change-sets/${changeSet.id}/impact?limit=100&cursor=${cursor}`, { token: officerB });
      codes.push(...next.body.entries.map((entry: { code: string }) => entry.code));
      cursor = next.body.cursor;
    }
    expect(codes).toHaveLength(250);
    expect(new Set(codes).size).toBe(250);
  });
});

describe('an entry’s pending changes', () => {
  it('lists each open change set’s changes to the entry with their effect on its published timeline', async () => {
    const code = 'PENDING-PCR';
    const entry = (priceFen: number, validFrom: string) => ({ ...set(priceFen, validFrom), code });
    await publishThroughApi(t, [entry(1600, '2022-05-01T00:00:00+08:00'), entry(1000, '2027-06-01T00:00:00+08:00')], officerA, officerB);
    const id = await submittedWith([entry(900, '2027-01-01T00:00:00+08:00'), { ...entry(500, '2027-01-01T00:00:00+08:00'), code: 'OTHER' }]);
    const pending = await t.call('GET', `/v1/catalog/price-items/${code}/pending`, { token: officerB });
    expect(pending.status).toBe(200);
    expect(pending.body.before).toHaveLength(2);
    expect(pending.body.pending).toHaveLength(1);
    expect(pending.body.pending[0].changeSet.id).toBe(id);
    expect(pending.body.pending[0].changes.map((numbered: { change: { code: string } }) => numbered.change.code)).toEqual([code]);
    expect(pending.body.pending[0].impact.warnings.map((warning: { code: string }) => warning.code)).toContain('removes-published-periods');
    expect((await t.call('GET', `/v1/catalog/price-items/${code}/pending`, { token: hospital })).status).toBe(403);
  });
});

describe('release diffs and reverts', () => {
  it('shows what a release changed, old → new, and compares any two releases', async () => {
    const code = 'DIFF-PCR';
    const before = await publishThroughApi(t, [{ ...set(1600, '2022-05-01T00:00:00+08:00'), code }], officerA, officerB);
    const after = await publishThroughApi(t, [{ ...set(900, '2027-01-01T00:00:00+08:00'), code }], officerA, officerB);
    const diff = await t.call('GET', `/v1/releases/${after}/diff`, { token: hospital });
    expect(diff.status).toBe(200);
    expect(diff.body.items).toHaveLength(1);
    expect(diff.body.items[0]).toMatchObject({ kind: 'price-items', code });
    expect(diff.body.items[0].before).toHaveLength(1);
    expect(diff.body.items[0].after.map((period: { attributes: { priceFen: number } }) => period.attributes.priceFen)).toEqual([1600, 900]);
    const compared = await t.call('GET', `/v1/catalog/price-items/diff?from=${before - 1}&to=${after}`, { token: hospital });
    expect(compared.status).toBe(200);
    const entry = compared.body.items.find((item: { code: string }) => item.code === code);
    expect(entry.before).toBeNull();
    expect(entry.after).toHaveLength(2);
    expect((await t.call('GET', `/v1/catalog/price-items/diff?from=1&to=99999`, { token: hospital })).status).toBe(404);
  });

  it('reverts a release of 2,000 entries through a generated change set: once published, those entries read as before the release', async () => {
    const base = manyPriceItems(2000, 'REV-');
    const first = await approvedChangeSet(t.store, base);
    const { release: baseRelease } = await t.store.releases.publish(first.published, first.changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());
    // Release n: new prices from 2027 on the same 2,000 entries, plus 10 new entries.
    const raised = base.map(
      (change) =>
        ({
          ...change,
          validFrom: '2027-01-01T00:00:00+08:00',
          attributes: { ...(change as { attributes: object }).attributes, priceFen: 999 },
        }) as typeof change,
    );
    const second = await approvedChangeSet(t.store, [...raised, ...manyPriceItems(10, 'REVNEW-')]);
    const { release } = await t.store.releases.publish(second.published, second.changeSet.version, '2026-11-23T10:00:00+08:00', Date.now());

    const reverted = await t.call('POST', `/v1/releases/${release.number}/revert`, { token: officerA });
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(201);
    expect(reverted.body.changeSet).toMatchObject({ state: 'draft', revertOf: release.number, author: { name: '王芳' } });
    const id = reverted.body.changeSet.id as string;
    const impact = await t.call('GET', `/v1/change-sets/${id}/impact?limit=1`, { token: officerB });
    expect(impact.body.totals['ends-entry']).toBe(10);
    // Every raised entry loses its 2027 period, except the one whose price was 9.99 yuan already (nothing changes there).
    expect(impact.body.totals['removes-published-periods']).toBe(2009);
    await t.call('POST', `/v1/change-sets/${id}/submit`, { token: officerA, headers: await etagOf(id) });
    await t.call('POST', `/v1/change-sets/${id}/approve`, { token: officerB, body: { acknowledge: ALL_ACKNOWLEDGEMENTS }, headers: await etagOf(id) });
    const published = await t.call('POST', `/v1/change-sets/${id}/publish`, {
      token: officerB,
      body: { acknowledge: ALL_ACKNOWLEDGEMENTS },
      headers: await etagOf(id),
    });
    expect(published.status).toBe(200);
    const undone = published.body.release.number as number;
    const [was, now] = await Promise.all([t.store.catalog.view('price-items', baseRelease.number), t.store.catalog.view('price-items', undone)]);
    for (const change of [...base, ...manyPriceItems(10, 'REVNEW-')]) {
      // An entry the release created now applies nowhere: an empty timeline, as absent from release n−1.
      expect(now.byCode.get(change.code)?.timeline ?? [], change.code).toEqual(was.byCode.get(change.code)?.timeline ?? []);
    }
  }, 120_000);

  it('refuses to revert a release whose entries a later release changed, naming the conflicts', async () => {
    const code = 'REV-CONFLICT';
    const first = await publishThroughApi(t, [{ ...set(1600, '2022-05-01T00:00:00+08:00'), code }], officerA, officerB);
    await publishThroughApi(t, [{ ...set(900, '2027-01-01T00:00:00+08:00'), code }], officerA, officerB);
    const refused = await t.call('POST', `/v1/releases/${first}/revert`, { token: officerA });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/revert-conflict');
    expect(refused.body.conflicts).toEqual([{ kind: 'price-items', code, releases: [first + 1] }]);
    expect((await t.call('POST', `/v1/releases/${first}/revert`, { token: hospital })).status).toBe(403);
  });
});
