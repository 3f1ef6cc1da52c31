import type { LegalBooking, LegalWaitlistEntry } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { bookingBadge, cancelState, personText, sortWaitlist, splitBookings, waitlistBadge } from './bookings';

function booking(id: number, date: string, overrides: Partial<LegalBooking> = {}): LegalBooking {
  return {
    id,
    status: 'booked',
    statusLabel: '已预约',
    topic: 'labour',
    topicLabel: '劳动就业',
    description: '工资拖欠',
    walkIn: false,
    staffNote: null,
    forSelf: true,
    bookedByMe: true,
    subjectUserId: 7,
    subjectName: '王*',
    slot: {
      id: id * 10,
      date,
      time: '09:00',
      endTime: '09:30',
      startsAt: `${date}T09:00:00+08:00`,
      endsAt: `${date}T09:30:00+08:00`,
      place: '魏都区退役军人服务中心',
      closedReason: null,
    },
    cancellable: true,
    cancelClosesAt: '2026-03-02T18:00:00+08:00',
    hasRecord: false,
    createdAt: '2026-02-20T10:00:00+08:00',
    ...overrides,
  };
}

describe('cancelState', () => {
  it('offers 取消预约 while the server says it is cancellable, and says until when (Beijing time)', () => {
    expect(cancelState(booking(1, '2026-03-03'))).toEqual({
      canCancel: true,
      hint: '如不能到场，请在 3月2日（周一）18:00 前取消',
    });
  });

  it('after the cutoff: no button, and whom to call', () => {
    const state = cancelState(booking(1, '2026-03-03', { cancellable: false }));
    expect(state.canCancel).toBe(false);
    expect(state.hint).toContain('已过取消截止时间');
    expect(state.hint).toContain('致电服务中心');
  });

  it('says nothing about cancelling what is no longer booked', () => {
    for (const status of ['cancelled', 'cancelled_by_centre', 'checked_in', 'no_show'] as const) {
      expect(cancelState(booking(1, '2026-03-03', { status, cancellable: false }))).toEqual({
        canCancel: false,
        hint: null,
      });
    }
  });
});

describe('splitBookings', () => {
  const now = new Date('2026-03-03T01:15:00Z'); // 09:15 in Beijing on 3 March

  it('keeps booked and checked-in bookings whose slot is not over as upcoming, soonest first', () => {
    const { upcoming, past } = splitBookings(
      [
        booking(1, '2026-03-17'),
        booking(2, '2026-03-03', { status: 'checked_in' }),
        booking(3, '2026-03-10', { status: 'cancelled' }),
        booking(4, '2026-02-24'),
        booking(5, '2026-03-10'),
        booking(6, '2026-02-17', { status: 'no_show' }),
      ],
      now,
    );
    expect(upcoming.map((item) => item.id)).toEqual([2, 5, 1]);
    expect(past.map((item) => item.id)).toEqual([3, 4, 6]);
  });
});

describe('badges and lines', () => {
  it('colours statuses', () => {
    expect(bookingBadge({ status: 'booked', statusLabel: '已预约' })).toEqual({ text: '已预约', tone: 'success' });
    expect(bookingBadge({ status: 'no_show', statusLabel: '未到场' }).tone).toBe('danger');
  });

  it('gives the place in the waitlist while waiting', () => {
    expect(waitlistBadge({ status: 'waiting', statusLabel: '候补中', position: 2 })).toEqual({
      text: '候补第 2 位',
      tone: 'warning',
    });
    expect(waitlistBadge({ status: 'promoted', statusLabel: '已递补成功', position: null }).text).toBe('已递补成功');
  });

  it('puts waiting entries first', () => {
    const entry = (id: number, status: LegalWaitlistEntry['status'], date: string) =>
      ({ id, status, slot: booking(id, date).slot }) as Pick<LegalWaitlistEntry, 'status' | 'slot'> & { id: number };
    const sorted = sortWaitlist([
      entry(1, 'closed', '2026-03-03'),
      entry(2, 'waiting', '2026-03-17'),
      entry(3, 'waiting', '2026-03-10'),
      entry(4, 'cancelled', '2026-03-10'),
    ]);
    expect(sorted.map((item) => item.id)).toEqual([3, 2, 4, 1]);
  });

  it('says who the booking is for', () => {
    expect(personText(booking(1, '2026-03-03'))).toBe('王*（本人）');
    expect(personText(booking(1, '2026-03-03', { forSelf: false }))).toBe('王*（为家人预约）');
    expect(personText(booking(1, '2026-03-03', { forSelf: false, bookedByMe: false }))).toBe('王*（家属代约）');
  });
});

describe('ownUpcomingBooking', () => {
  it('finds the person’s own booking still ahead, not a past one nor one made for family', async () => {
    const { ownUpcomingBooking } = await import('./bookings');
    const now = new Date('2026-12-01T00:00:00Z');
    const past = booking(1, '2026-11-24');
    const forFamily = booking(2, '2026-12-08', { forSelf: false });
    const own = booking(3, '2026-12-15');
    expect(ownUpcomingBooking([past, forFamily, own], now)?.id).toBe(3);
    expect(ownUpcomingBooking([past, forFamily], now)).toBeNull();
  });
});
