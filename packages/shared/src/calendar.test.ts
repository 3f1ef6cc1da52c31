import { describe, expect, it } from 'vitest';
import { calendarDateSchema } from './calendar';

describe('calendarDateSchema', () => {
  it('takes real dates from 2000 to 2100', () => {
    for (const date of ['2000-01-01', '2028-02-29', '2100-12-31']) {
      expect(calendarDateSchema.safeParse(date).success, date).toBe(true);
    }
  });

  it('refuses impossible dates and years outside 2000–2100, saying which range', () => {
    for (const date of [
      '2027-02-29',
      '2026-13-01',
      '2026-04-31',
      '0001-01-01',
      '1999-12-31',
      '2101-01-01',
      '9999-12-31',
    ]) {
      expect(calendarDateSchema.safeParse(date).success, date).toBe(false);
    }
    expect(calendarDateSchema.safeParse('0001-01-01').error?.issues[0]?.message).toBe('日期应在 2000–2100 年之间');
  });
});
