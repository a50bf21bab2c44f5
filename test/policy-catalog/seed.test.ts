import { describe, expect, it } from 'vitest';
import { applyChanges, Change } from '../../policy-catalog/change.ts';
import { halvingIssues } from '../../policy-catalog/halving-limit.ts';
import type { MeasureAttributes } from '../../policy-catalog/measure.ts';
import { seedReleases } from '../../policy-catalog/seed/index.ts';
import { toEpochMs } from '../../policy-catalog/time.ts';

describe('the seed data', () => {
  it.each(seedReleases.map((release) => [release.id, release] as const))('%s passes the same validation as any change', (_id, release) => {
    for (const change of release.changes) {
      const result = Change.safeParse(change);
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });

  it('is published in date order, with unique change-set ids', () => {
    const dates = seedReleases.map((release) => toEpochMs(release.publishedAt));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(new Set(seedReleases.map((release) => release.id)).size).toBe(seedReleases.length);
  });

  it('marks every entry that is not from a cited source as illustrative', () => {
    for (const release of seedReleases) {
      for (const change of release.changes) {
        if (change.op !== 'set') continue;
        const attributes = change.attributes as { note?: string; type?: string };
        // Prepayment, assistance ratios, out-of-area eligibility and the inpatient grace carry only what the notice itself sets; the calendar is the State Council's.
        if (['prepayment', 'assistance-ratios', 'out-of-area', 'working-calendar', 'inpatient-grace'].includes(attributes.type ?? '')) continue;
        expect(attributes.note, `${change.kind} ${change.code}`).toMatch(/Illustrative/);
      }
    }
  });

  it('2020 No.2 §2(4)3: the temporary Class A inclusion is open-ended as published in 2020, and ends only in the later release', () => {
    const code = '220000-temporary-class-a-covid';
    const releases = seedReleases.filter((release) => release.changes.some((change) => change.code === code));
    expect(releases.map((release) => release.publishedAt.slice(0, 10))).toEqual(['2020-02-04', '2023-01-06']);
    const timelineAfter = (count: number) =>
      applyChanges(
        [],
        releases.slice(0, count).flatMap((release) => release.changes.filter((change) => change.code === code)),
      );
    expect(timelineAfter(1).map((period) => period.validTo)).toEqual([null]);
    expect(timelineAfter(2).map((period) => period.validTo)).toEqual(['2023-04-01T00:00:00+08:00']);
  });

  it('2020 No.2 §3: every agreement termination names a designated institution and takes effect no earlier than its release', () => {
    const terminations = seedReleases.flatMap((release) =>
      release.changes.flatMap((change) =>
        change.op === 'set' && change.kind === 'measures' && (change.attributes as MeasureAttributes).type === 'agreement-termination'
          ? [{ release, change, attributes: change.attributes as Extract<MeasureAttributes, { type: 'agreement-termination' }> }]
          : [],
      ),
    );
    expect(terminations.length).toBeGreaterThan(0);
    for (const { release, change, attributes } of terminations) {
      expect(['medical-institution', 'retail-pharmacy']).toContain(attributes.institution);
      expect(attributes.orgId).not.toMatch(/^firm/);
      expect(toEpochMs(change.validFrom), change.code).toBeGreaterThanOrEqual(toEpochMs(release.publishedAt));
    }
  });

  it('2022 No.13 §2: keeps every area within 3 months of halving in May–July 2022', () => {
    const timelines = new Map<string, ReturnType<typeof applyChanges<MeasureAttributes>>>();
    for (const change of seedReleases.flatMap((release) => release.changes)) {
      if (change.kind !== 'measures') continue;
      timelines.set(change.code, applyChanges(timelines.get(change.code) ?? [], [change]));
    }
    expect(halvingIssues([...timelines].map(([code, timeline]) => ({ code, timeline })))).toEqual([]);
  });
});
