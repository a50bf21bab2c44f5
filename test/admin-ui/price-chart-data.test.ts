import { describe, expect, it } from 'vitest';
import { chartData, type PriceLine } from '../../admin-ui/src/components/price-chart-data.ts';

const ceiling: PriceLine = { label: 'ceiling', fenOf: (attributes) => attributes.priceFen, colour: '#000' };
const period = (validFrom: string, validTo: string | null, priceFen: number) => ({
  validFrom,
  validTo,
  attributes: { name: 'x', unit: '次', category: 'c', priceFen },
});
const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('the price chart’s points', () => {
  it('steps at each start, leaves a gap between periods, and draws what is scheduled as its own series', () => {
    const timeline = [
      period('2022-01-01T00:00:00+08:00', '2022-06-01T00:00:00+08:00', 1600),
      period('2022-07-01T00:00:00+08:00', '2030-01-01T00:00:00+08:00', 1200),
      period('2030-01-01T00:00:00+08:00', null, 900),
    ];
    const [xs, inForce, scheduled] = chartData(timeline, [ceiling], new Date('2026-11-30T00:00:00+08:00'));
    expect(xs).toEqual([
      seconds('2022-01-01T00:00:00+08:00'),
      seconds('2022-06-01T00:00:00+08:00') - 1,
      seconds('2022-06-01T00:00:00+08:00'),
      seconds('2022-07-01T00:00:00+08:00'),
      seconds('2030-01-01T00:00:00+08:00') - 1,
      seconds('2030-01-01T00:00:00+08:00'),
      seconds('2031-01-01T00:00:00+08:00') - 1,
    ]);
    expect(inForce).toEqual([16, 16, null, 12, 12, null, null]);
    expect(scheduled).toEqual([null, null, null, null, 12, 9, 9]);
  });
});
