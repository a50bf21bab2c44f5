import { describe, expect, it } from 'vitest';
import { Change } from '../../policy-catalog/change.ts';
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
        // Prepayment and assistance ratios carry only figures the notice itself sets; the calendar is the State Council's.
        if (attributes.type === 'prepayment' || attributes.type === 'assistance-ratios' || attributes.type === 'working-calendar') continue;
        expect(attributes.note, `${change.kind} ${change.code}`).toMatch(/Illustrative/);
      }
    }
  });
});
