import { describe, expect, it } from 'vitest';
import {
  addDays,
  beijingClock,
  beijingToday,
  dayLabel,
  fullDateLabel,
  instantLabel,
  isoWeekday,
  slotTimeLabel,
} from './time';

describe('Beijing dates and times', () => {
  it('names dates in Chinese with their weekday', () => {
    expect(isoWeekday('2026-03-03')).toBe(2);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(dayLabel('2026-03-03')).toBe('3月3日（周二）');
    expect(fullDateLabel('2026-12-08')).toBe('2026年12月8日（周二）');
    expect(slotTimeLabel({ date: '2026-03-03', time: '09:00', endTime: '09:30' })).toBe(
      '2026年3月3日（周二） 09:00-09:30',
    );
  });

  it('reads instants on the Beijing clock whatever offset they carry', () => {
    expect(beijingClock('2026-03-02T18:00:00+08:00')).toEqual({ date: '2026-03-02', time: '18:00', seconds: '00' });
    expect(beijingClock('2026-03-02T10:00:00Z')).toEqual({ date: '2026-03-02', time: '18:00', seconds: '00' });
    expect(instantLabel('2026-03-02T16:30:00Z')).toBe('3月3日（周二）00:30');
  });

  it("knows Beijing's today, which may be the UTC tomorrow", () => {
    expect(beijingToday(new Date('2026-03-02T15:59:59Z'))).toBe('2026-03-02');
    expect(beijingToday(new Date('2026-03-02T16:00:00Z'))).toBe('2026-03-03');
  });

  it('counts calendar days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
