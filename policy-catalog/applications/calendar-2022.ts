import { WorkingCalendar } from './calendar.ts';

/**
 * The 2022 public holidays and make-up working days, as arranged by the General Office of the
 * State Council: 《国务院办公厅关于2022年部分节假日安排的通知》(国办发明电〔2021〕11号).
 * Holidays are listed as whole ranges, weekend days included, the way the notice states them.
 */
export const calendar2022: WorkingCalendar = WorkingCalendar.parse({
  holidays: [
    ...days('2022-01-01', '2022-01-03'), // 元旦
    ...days('2022-01-31', '2022-02-06'), // 春节
    ...days('2022-04-03', '2022-04-05'), // 清明节
    ...days('2022-04-30', '2022-05-04'), // 劳动节
    ...days('2022-06-03', '2022-06-05'), // 端午节
    ...days('2022-09-10', '2022-09-12'), // 中秋节
    ...days('2022-10-01', '2022-10-07'), // 国庆节
  ],
  makeUpWorkdays: [
    '2022-01-29', // 春节: Saturday
    '2022-01-30', // 春节: Sunday
    '2022-04-02', // 清明节: Saturday
    '2022-04-24', // 劳动节: Sunday
    '2022-05-07', // 劳动节: Saturday
    '2022-10-08', // 国庆节: Saturday
    '2022-10-09', // 国庆节: Sunday
  ],
});

function days(first: string, last: string): string[] {
  const result: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) {
    result.push(new Date(ms).toISOString().slice(0, 10));
  }
  return result;
}
