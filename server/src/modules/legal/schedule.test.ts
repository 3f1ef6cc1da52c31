import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../calendar/working-days';
import {
  beforeCutoff,
  bookingClosesAt,
  cancelClosesAt,
  closureMatches,
  cutoffInstant,
  generateSlotTimes,
  holidayReason,
  matchingClosure,
  noShowBlockedUntil,
  overflowCount,
  remainingPlaces,
  slotFitsRule,
  slotTimesOfDay,
} from './schedule';
import { addCalendarDays, beijingDate, beijingInstant, chineseDate, DAY_MS, isoWeekday, toBeijingIso } from './time';

const tuesdayMornings = {
  weekdays: [2],
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 30,
  validFrom: '2026-01-01',
  validTo: null,
};
const DAY = 24 * 60 * 60 * 1000;

describe('Beijing time helpers', () => {
  it('converts Beijing wall-clock to UTC and back', () => {
    const instant = beijingInstant('2026-12-01', '09:00');
    expect(instant.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(toBeijingIso(instant)).toBe('2026-12-01T09:00:00+08:00');
    // Beijing midnight is the previous day in UTC.
    expect(beijingInstant('2026-12-01', '00:00').toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('knows ISO weekdays and writes Chinese dates', () => {
    expect(isoWeekday('2026-12-01')).toBe(2);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(chineseDate('2026-12-01')).toBe('12月1日（周二）');
  });
});

describe('generating slots from a rule', () => {
  it('makes 30-minute slots every Tuesday morning, in Beijing time', () => {
    const slots = generateSlotTimes(tuesdayMornings, '2026-11-30', '2026-12-13');
    expect(slots).toHaveLength(12);
    expect(new Set(slots.map((slot) => slot.date))).toEqual(new Set(['2026-12-01', '2026-12-08']));
    expect(slots[0]).toMatchObject({ date: '2026-12-01', startTime: '09:00', endTime: '09:30' });
    expect(slots[0]?.startsAt.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(slots[5]).toMatchObject({ startTime: '11:30', endTime: '12:00' });
  });

  it('drops a partial last slot', () => {
    const times = slotTimesOfDay({ startTime: '09:00', endTime: '11:30', slotMinutes: 40 }, '2026-12-01');
    expect(times.map((slot) => `${slot.startTime}-${slot.endTime}`)).toEqual([
      '09:00-09:40',
      '09:40-10:20',
      '10:20-11:00',
    ]);
    expect(slotTimesOfDay({ startTime: '09:00', endTime: '09:20', slotMinutes: 30 }, '2026-12-01')).toEqual([]);
  });

  it('honours several weekdays and the validity dates (both inclusive)', () => {
    const rule = { ...tuesdayMornings, weekdays: [2, 4], validFrom: '2026-12-03', validTo: '2026-12-08' };
    const dates = [...new Set(generateSlotTimes(rule, '2026-11-30', '2026-12-31').map((slot) => slot.date))];
    expect(dates).toEqual(['2026-12-03', '2026-12-08']);
  });

  it('tells whether a stored slot still fits the rule', () => {
    const at = (time: string, minutes = 30) =>
      [
        beijingInstant('2026-12-01', time),
        new Date(beijingInstant('2026-12-01', time).getTime() + minutes * 60_000),
      ] as const;
    expect(slotFitsRule(tuesdayMornings, ...at('09:30'))).toBe(true);
    expect(slotFitsRule(tuesdayMornings, ...at('09:15'))).toBe(false);
    expect(slotFitsRule(tuesdayMornings, ...at('12:00'))).toBe(false);
    expect(slotFitsRule(tuesdayMornings, ...at('09:30', 20))).toBe(false);
    expect(slotFitsRule({ ...tuesdayMornings, weekdays: [3] }, ...at('09:30'))).toBe(false);
    expect(slotFitsRule({ ...tuesdayMornings, endTime: '11:00' }, ...at('11:00'))).toBe(false);
  });
});

describe('cutoffs', () => {
  const rule = {
    bookingCutoffDaysBefore: 1,
    bookingCutoffTime: '18:00',
    cancelCutoffDaysBefore: 2,
    cancelCutoffTime: '12:00',
  };
  const slotStart = beijingInstant('2026-12-01', '09:00');

  it('falls on the given day before the slot at the given Beijing time', () => {
    expect(toBeijingIso(bookingClosesAt(rule, slotStart))).toBe('2026-11-30T18:00:00+08:00');
    expect(toBeijingIso(cancelClosesAt(rule, slotStart))).toBe('2026-11-29T12:00:00+08:00');
    expect(toBeijingIso(cutoffInstant(beijingInstant('2026-12-01', '09:00'), 0, '08:00'))).toBe(
      '2026-12-01T08:00:00+08:00',
    );
  });

  it('is exact to the second: 17:59:59 is open, 18:00:00 is closed', () => {
    const cutoff = bookingClosesAt(rule, slotStart);
    expect(beforeCutoff(new Date('2026-11-30T17:59:59+08:00'), cutoff)).toBe(true);
    expect(beforeCutoff(new Date('2026-11-30T17:59:59.999+08:00'), cutoff)).toBe(true);
    expect(beforeCutoff(new Date('2026-11-30T18:00:00+08:00'), cutoff)).toBe(false);
    expect(beforeCutoff(new Date('2026-11-30T18:00:01+08:00'), cutoff)).toBe(false);
  });

  it("agrees with counting back calendar days on the slot's Beijing date, for every half hour of two years", () => {
    const first = beijingInstant('2026-01-01', '00:00').getTime();
    for (let at = first; at < first + 730 * DAY_MS; at += 30 * 60_000 + 7_000) {
      const startsAt = new Date(at);
      for (const [days, time] of [
        [0, '08:00'],
        [1, '18:00'],
        [3, '23:59:59'],
        [2, '00:00'],
      ] as const) {
        const expected = beijingInstant(addCalendarDays(beijingDate(startsAt), -days), time);
        expect(cutoffInstant(startsAt, days, time).getTime()).toBe(expected.getTime());
      }
    }
  });

  it('crosses month and year ends in Beijing time', () => {
    expect(toBeijingIso(cutoffInstant(beijingInstant('2027-01-01', '00:00'), 1, '18:00'))).toBe(
      '2026-12-31T18:00:00+08:00',
    );
    expect(toBeijingIso(cutoffInstant(beijingInstant('2026-03-01', '23:30'), 1, '18:00'))).toBe(
      '2026-02-28T18:00:00+08:00',
    );
  });
});

describe('closures', () => {
  const slot = { date: '2026-12-01', startTime: '09:30', endTime: '10:00' };

  it('a whole-day closure hits every slot of its day only', () => {
    const closure = { day: '2026-12-01', startTime: null, endTime: null, reason: '律师外出培训' };
    expect(closureMatches(closure, slot)).toBe(true);
    expect(closureMatches({ ...closure, day: '2026-12-08' }, slot)).toBe(false);
  });

  it('a time range hits the slots it overlaps; touching edges do not overlap', () => {
    const range = (startTime: string, endTime: string) => ({ day: '2026-12-01', startTime, endTime, reason: '会议' });
    expect(closureMatches(range('09:45', '10:30'), slot)).toBe(true);
    expect(closureMatches(range('09:00', '09:31'), slot)).toBe(true);
    expect(closureMatches(range('09:00', '09:30'), slot)).toBe(false);
    expect(closureMatches(range('10:00', '11:00'), slot)).toBe(false);
    expect(matchingClosure([range('11:00', '12:00'), range('08:00', '12:00')], slot)?.startTime).toBe('08:00');
  });

  it('statutory holidays and holiday overrides close, plain weekends do not', () => {
    const calendar = workingCalendar(new Map([['2026-12-08', { kind: 'holiday' as const, name: '临时放假' }]]));
    expect(holidayReason('2026-10-06', calendar)).toBe('节假日休息（国庆节）');
    expect(holidayReason('2026-12-08', calendar)).toBe('节假日休息（临时放假）');
    expect(holidayReason('2026-12-01', calendar)).toBeNull();
    expect(holidayReason('2026-12-05', calendar)).toBeNull();
  });
});

describe('the no-show block', () => {
  const now = new Date('2026-12-01T12:00:00+08:00');
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

  it('blocks for 30 days after the third no-show within 90 days', () => {
    const until = noShowBlockedUntil([daysAgo(80), daysAgo(40), daysAgo(10)], now);
    expect(until?.getTime()).toBe(daysAgo(10).getTime() + 30 * DAY);
  });

  it('counts 90 days inclusive, and nothing older', () => {
    expect(noShowBlockedUntil([daysAgo(100), daysAgo(20), daysAgo(10)], now)).not.toBeNull();
    expect(noShowBlockedUntil([daysAgo(102), daysAgo(20), daysAgo(11)], now)).toBeNull();
    expect(noShowBlockedUntil([daysAgo(150), daysAgo(120), daysAgo(5)], now)).toBeNull();
  });

  it('needs three, and ends after 30 days', () => {
    expect(noShowBlockedUntil([daysAgo(20), daysAgo(10)], now)).toBeNull();
    expect(noShowBlockedUntil([daysAgo(60), daysAgo(45), daysAgo(31)], now)).toBeNull();
    const edge = noShowBlockedUntil([daysAgo(60), daysAgo(45), daysAgo(30)], now);
    expect(edge).toBeNull();
    expect(noShowBlockedUntil([daysAgo(60), daysAgo(45), new Date(daysAgo(30).getTime() + 1000)], now)).not.toBeNull();
  });

  it('takes the latest block when there are several runs of three, in any order', () => {
    const until = noShowBlockedUntil([daysAgo(5), daysAgo(89), daysAgo(50), daysAgo(25)], now);
    expect(until?.getTime()).toBe(daysAgo(5).getTime() + 30 * DAY);
  });

  it('ignores no-shows in the future of now', () => {
    expect(noShowBlockedUntil([daysAgo(20), daysAgo(10), daysAgo(-1)], now)).toBeNull();
  });
});

describe('capacity', () => {
  it('never reports negative places', () => {
    expect(remainingPlaces(3, 1)).toBe(2);
    expect(remainingPlaces(2, 2)).toBe(0);
    expect(remainingPlaces(1, 3)).toBe(0);
    expect(overflowCount(1, 3)).toBe(2);
    expect(overflowCount(3, 1)).toBe(0);
  });
});
