import { describe, expect, it } from 'vitest';
import { MeasureAttributes } from '../../policy-catalog/measure.ts';

describe('measures that embed the application settings', () => {
  it('keep the working calendar’s own checks', () => {
    const result = MeasureAttributes.safeParse({
      type: 'working-calendar',
      poolingArea: '220000',
      holidays: ['2023-01-02', '2023-01-02'],
      makeUpWorkdays: ['2023-01-03'],
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['holidays.1', 'makeUpWorkdays.0']);
  });

  it('keep the deadlines’ own check: the green channel must be faster', () => {
    const result = MeasureAttributes.safeParse({
      type: 'application-deadlines',
      poolingArea: '220000',
      normalWorkingDays: 20,
      greenChannelWorkingDays: 25,
      publicNoticeWorkingDays: 5,
      reconsiderationWindowWorkingDays: 10,
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['greenChannelWorkingDays']);
  });
});
