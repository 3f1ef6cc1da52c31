import type { LegalSlot } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import {
  dayStatusText,
  firstSelectableDay,
  groupSlotsByDay,
  remainingText,
  slotAvailability,
  slotSelectable,
} from './slots';

let nextId = 1;

function slot(date: string, time: string, overrides: Partial<LegalSlot> = {}): LegalSlot {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const end = `${String(hours + Math.floor((minutes + 30) / 60)).padStart(2, '0')}:${String((minutes + 30) % 60).padStart(2, '0')}`;
  return {
    id: nextId++,
    date,
    time,
    endTime: end,
    startsAt: `${date}T${time}:00+08:00`,
    endsAt: `${date}T${end}:00+08:00`,
    place: '魏都区退役军人服务中心',
    closedReason: null,
    capacity: 2,
    remaining: 2,
    closed: false,
    bookable: true,
    waitlistAvailable: false,
    bookingClosesAt: `${date}T18:00:00+08:00`,
    cancelClosesAt: `${date}T18:00:00+08:00`,
    ...overrides,
  };
}

describe('remainingText', () => {
  it('says how many places are left', () => {
    expect(remainingText(slot('2026-03-03', '09:00', { remaining: 2 }))).toBe('余 2 个');
    expect(remainingText(slot('2026-03-03', '09:00', { remaining: 1 }))).toBe('余 1 个');
  });

  it('says 约满, and that the waitlist is open when it is', () => {
    expect(remainingText(slot('2026-03-03', '09:00', { remaining: 0 }))).toBe('约满');
    expect(remainingText(slot('2026-03-03', '09:00', { remaining: 0, waitlistAvailable: true }))).toBe('约满，可候补');
  });

  it('says 已停止预约 after the booking cutoff, whatever is left', () => {
    expect(remainingText(slot('2026-03-03', '09:00', { remaining: 2, bookable: false }))).toBe('已停止预约');
    expect(remainingText(slot('2026-03-03', '09:00', { remaining: 0, bookable: false }))).toBe('已停止预约');
  });

  it('gives the reason of a closed slot', () => {
    const closed = slot('2026-03-03', '09:00', { closed: true, closedReason: '律师外出培训', bookable: false });
    expect(remainingText(closed)).toBe('停诊（律师外出培训）');
    expect(slotAvailability(closed)).toBe('closed');
  });

  it('lets only open slots and open waitlists be chosen', () => {
    expect(slotSelectable(slot('2026-03-03', '09:00'))).toBe(true);
    expect(slotSelectable(slot('2026-03-03', '09:00', { remaining: 0, waitlistAvailable: true }))).toBe(true);
    expect(slotSelectable(slot('2026-03-03', '09:00', { remaining: 0 }))).toBe(false);
    expect(slotSelectable(slot('2026-03-03', '09:00', { bookable: false }))).toBe(false);
  });
});

describe('groupSlotsByDay', () => {
  it('groups slots by date, days and slots in order', () => {
    const days = groupSlotsByDay({
      slots: [
        slot('2026-03-10', '09:30'),
        slot('2026-03-03', '10:00'),
        slot('2026-03-10', '09:00'),
        slot('2026-03-03', '09:00'),
      ],
      closedDays: [],
    });
    expect(days.map((day) => day.date)).toEqual(['2026-03-03', '2026-03-10']);
    expect(days[0]?.slots.map((item) => item.time)).toEqual(['09:00', '10:00']);
    expect(days[1]?.slots.map((item) => item.time)).toEqual(['09:00', '09:30']);
    expect(days.every((day) => day.closedReason === null)).toBe(true);
  });

  it('puts closed days among them with their reason', () => {
    const days = groupSlotsByDay({
      slots: [slot('2026-09-29', '09:00'), slot('2026-10-13', '09:00')],
      closedDays: [{ date: '2026-10-06', reason: '国庆节休息' }],
    });
    expect(days.map((day) => [day.date, day.closedReason])).toEqual([
      ['2026-09-29', null],
      ['2026-10-06', '国庆节休息'],
      ['2026-10-13', null],
    ]);
    expect(days[1] && dayStatusText(days[1])).toBe('停诊');
  });

  it('reads a day whose every slot is closed for one reason as closed for it', () => {
    const reason = '律师外出培训';
    const days = groupSlotsByDay({
      slots: [
        slot('2026-03-03', '09:00', { closed: true, closedReason: reason, bookable: false }),
        slot('2026-03-03', '09:30', { closed: true, closedReason: reason, bookable: false }),
        slot('2026-03-10', '09:00', { closed: true, closedReason: reason, bookable: false }),
        slot('2026-03-10', '09:30'),
      ],
      closedDays: [],
    });
    expect(days[0]?.closedReason).toBe(reason);
    expect(days[1]?.closedReason).toBeNull();
  });

  it('summarises each day and opens on the first day with something to book', () => {
    const days = groupSlotsByDay({
      slots: [
        slot('2026-03-03', '09:00', { bookable: false }),
        slot('2026-03-10', '09:00', { remaining: 0 }),
        slot('2026-03-17', '09:00', { remaining: 0, waitlistAvailable: true }),
        slot('2026-03-24', '09:00'),
      ],
      closedDays: [],
    });
    expect(days.map(dayStatusText)).toEqual(['已停止预约', '约满', '可候补', '可预约']);
    expect(firstSelectableDay(days)).toBe('2026-03-17');
    expect(firstSelectableDay([])).toBeUndefined();
  });
});
