import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  beijingDate,
  calendarKnown,
  type DayOverride,
  dayInfo,
  isWorkingDay,
  workingCalendar,
  workingDaysBetween,
} from './working-days';
import { yearView } from './year-view';

const statutoryOnly = workingCalendar();

describe('the statutory calendar (chinese-days)', () => {
  it('agrees with the library on every day of 2025 and 2026', () => {
    for (let date = '2025-01-01'; date <= '2026-12-31'; date = addCalendarDays(date, 1)) {
      expect(isWorkingDay(date, statutoryOnly), date).toBe(chineseDays.isWorkday(date));
    }
  });

  it('has National Day 2026 off from October 1 to 7, with make-up workdays on Sunday Sep 20 and Saturday Oct 10', () => {
    for (let day = 1; day <= 7; day++) {
      expect(isWorkingDay(`2026-10-0${day}`, statutoryOnly)).toBe(false);
    }
    expect(dayInfo('2026-10-01', statutoryOnly)).toEqual({
      date: '2026-10-01',
      working: false,
      source: 'statutory',
      name: '国庆节',
    });
    expect(dayInfo('2026-09-20', statutoryOnly)).toMatchObject({ working: true, source: 'statutory' });
    expect(dayInfo('2026-10-10', statutoryOnly)).toMatchObject({ working: true, source: 'statutory' });
    expect(isWorkingDay('2026-10-11', statutoryOnly)).toBe(false);
  });

  it('knows 2026, not 2027', () => {
    expect(calendarKnown(2026, statutoryOnly)).toBe(true);
    expect(calendarKnown(2027, statutoryOnly)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('does not count the start day', () => {
    expect(addWorkingDays('2026-11-25', 1, statutoryOnly)).toBe('2026-11-26');
    expect(addWorkingDays('2026-11-25', 0, statutoryOnly)).toBe('2026-11-25');
  });

  it('skips National Day 2026 and counts the Saturday make-up workday', () => {
    // Sep 30 (Wed) + 5: Oct 1–7 off; Oct 8, 9, 10 (Sat, make-up), skip Sun 11, Oct 12, 13.
    expect(addWorkingDays('2026-09-30', 5, statutoryOnly)).toBe('2026-10-13');
    expect(addWorkingDays('2026-09-30', 3, statutoryOnly)).toBe('2026-10-10');
    expect(workingDaysBetween('2026-09-30', '2026-10-13', statutoryOnly)).toBe(5);
  });

  it('counts the Sunday make-up workday before the holiday', () => {
    expect(addWorkingDays('2026-09-19', 1, statutoryOnly)).toBe('2026-09-20');
  });

  it('starts counting on Monday after a weekend start', () => {
    expect(addWorkingDays('2026-11-28', 1, statutoryOnly)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-29', 5, statutoryOnly)).toBe('2026-12-04');
  });

  it('falls back to Monday–Friday for years the library lacks', () => {
    // 2027-10-01 is a Friday: without an override it is an ordinary working day.
    expect(dayInfo('2027-10-01', statutoryOnly)).toMatchObject({ working: true, source: 'weekday' });
    expect(addWorkingDays('2027-09-30', 2, statutoryOnly)).toBe('2027-10-04');
  });

  it('lets admin overrides for 2027 win (holiday week and a Saturday make-up workday)', () => {
    const overrides = new Map<string, DayOverride>();
    for (let day = 1; day <= 7; day++) overrides.set(`2027-10-0${day}`, { kind: 'holiday', name: '国庆节' });
    overrides.set('2027-10-09', { kind: 'workday', name: '国庆节调休' });
    const calendar = workingCalendar(overrides);
    expect(calendarKnown(2027, calendar)).toBe(true);
    expect(dayInfo('2027-10-04', calendar)).toMatchObject({ working: false, source: 'override', name: '国庆节' });
    // Sep 30 (Thu) + 2: Oct 1–7 off, Oct 8 (Fri), Oct 9 (Sat, make-up).
    expect(addWorkingDays('2027-09-30', 2, calendar)).toBe('2027-10-09');
  });

  it('lets an override turn a statutory day around', () => {
    const calendar = workingCalendar(new Map([['2026-10-08', { kind: 'holiday', name: '临时闭馆' } as DayOverride]]));
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-09');
  });

  it('refuses nonsense', () => {
    expect(() => addWorkingDays('2026-02-30', 1, statutoryOnly)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-01', -1, statutoryOnly)).toThrow(RangeError);
  });
});

describe('beijingDate', () => {
  it('reads the date in Beijing, not in UTC', () => {
    // 2026-09-30 23:30 in Beijing is 15:30 UTC: still September 30.
    expect(beijingDate(new Date('2026-09-30T15:30:00Z'))).toBe('2026-09-30');
    // 2026-10-01 00:30 in Beijing is 2026-09-30 16:30 UTC: already October 1.
    expect(beijingDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
  });

  it('gives a submit at 23:30 on Sep 30 (Beijing) the due date counted from Sep 30', () => {
    const start = beijingDate(new Date('2026-09-30T15:30:00Z'));
    expect(addWorkingDays(start, 1, statutoryOnly)).toBe('2026-10-08');
    const startNextDay = beijingDate(new Date('2026-09-30T16:30:00Z'));
    expect(addWorkingDays(startNextDay, 1, statutoryOnly)).toBe('2026-10-08');
    expect(addWorkingDays(startNextDay, 3, statutoryOnly)).toBe('2026-10-10');
  });
});

describe('yearView', () => {
  it('lists the statutory days of a covered year and the library range', () => {
    const view = yearView(2026, statutoryOnly);
    expect(view.calendarKnown).toBe(true);
    expect(view.libraryYears.to).toBe(2026);
    expect(view.days).toContainEqual({
      date: '2026-10-10',
      kind: 'workday',
      name: '国庆节',
      source: 'statutory',
      statutoryKind: 'workday',
    });
  });

  it('shows overrides over the statutory schedule', () => {
    const calendar = workingCalendar(new Map([['2026-10-10', { kind: 'holiday', name: '调整' } as DayOverride]]));
    expect(yearView(2026, calendar).days.find((day) => day.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      kind: 'holiday',
      name: '调整',
      source: 'override',
      statutoryKind: 'workday',
    });
    expect(yearView(2027, calendar)).toMatchObject({ calendarKnown: false, days: [] });
  });
});
