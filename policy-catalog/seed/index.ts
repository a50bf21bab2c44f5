import { toEpochMs } from '../time.ts';
import { covidTestPriceReleases, type SeedRelease } from './covid-test-prices.ts';
import { noticeReleases } from './notices.ts';

/** Every seed release, in the order they were published. */
export const seedReleases: SeedRelease[] = [...covidTestPriceReleases, ...noticeReleases].sort((a, b) => toEpochMs(a.publishedAt) - toEpochMs(b.publishedAt));

export type { SeedRelease };
