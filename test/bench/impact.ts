import { applyChanges, type Change } from '../../policy-catalog/change.ts';
import { computeImpact } from '../../policy-catalog/impact.ts';
import type { Timeline } from '../../policy-catalog/timeline.ts';
import { record } from './results.ts';

/**
 * Issue 9: computing a change set's impact (before/after per entry, aligned pointwise, with every
 * warning) against applying the same changes to the same published timelines. Median of 5 runs each.
 */
export function impactBench() {
  const published = new Map<string, Timeline>();
  const changes: Change[] = [];
  const attributes = (priceFen: number) => ({ name: '基准项目', unit: '次', category: '基准', priceFen });
  for (let i = 0; i < 20_000; i++) {
    const code = `I${String(i).padStart(6, '0')}`;
    published.set(
      `price-items/${code}`,
      applyChanges<unknown>(
        [],
        [
          { kind: 'price-items', code, op: 'set', validFrom: '2022-01-01T00:00:00+08:00', attributes: attributes(2800) },
          { kind: 'price-items', code, op: 'set', validFrom: '2022-05-01T00:00:00+08:00', attributes: attributes(1600) },
          { kind: 'price-items', code, op: 'set', validFrom: '2027-03-01T00:00:00+08:00', attributes: attributes(1200) },
        ],
      ),
    );
    changes.push({ kind: 'price-items', code, op: 'set', validFrom: '2027-01-01T00:00:00+08:00', attributes: attributes(1000 + (i % 900)) });
  }
  const median = (run: () => void) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      run();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[2] as number;
  };
  const applyOnly = median(() => {
    for (const change of changes) applyChanges(published.get(`price-items/${change.code}`) ?? [], [change]);
  });
  const impact = median(() => computeImpact({ published, changes, now: '2026-11-23T10:00:00+08:00' }));
  record('impact of 20,000 changes', 'median ms', impact, applyOnly, 'ms', { atMost: 3 });
}
