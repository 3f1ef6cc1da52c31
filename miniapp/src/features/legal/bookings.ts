import type { BookingStatus, LegalBooking, LegalWaitlistEntry, WaitlistStatus } from '@veterans/shared';
import type { Badge, BadgeTone } from '../account/status';
import { instantLabel } from './time';

const bookingTones: Record<BookingStatus, BadgeTone> = {
  booked: 'success',
  checked_in: 'success',
  cancelled: 'neutral',
  cancelled_by_centre: 'danger',
  no_show: 'danger',
};

export function bookingBadge(booking: Pick<LegalBooking, 'status' | 'statusLabel'>): Badge {
  return { text: booking.statusLabel, tone: bookingTones[booking.status] };
}

const waitlistTones: Record<WaitlistStatus, BadgeTone> = {
  waiting: 'warning',
  promoted: 'success',
  skipped: 'neutral',
  cancelled: 'neutral',
  closed: 'neutral',
};

/** 候补中 with its place in the queue (候补第 2 位), otherwise the status. */
export function waitlistBadge(entry: Pick<LegalWaitlistEntry, 'status' | 'statusLabel' | 'position'>): Badge {
  const text = entry.status === 'waiting' && entry.position ? `候补第 ${entry.position} 位` : entry.statusLabel;
  return { text, tone: waitlistTones[entry.status] };
}

/** A booking still ahead: booked or checked in, and its slot not over yet. */
export function isUpcoming(booking: Pick<LegalBooking, 'status' | 'slot'>, now: Date): boolean {
  return (
    (booking.status === 'booked' || booking.status === 'checked_in') && Date.parse(booking.slot.endsAt) > now.getTime()
  );
}

/** 我的预约: upcoming soonest first; the rest (past, cancelled, no-show) latest first. */
export function splitBookings<T extends Pick<LegalBooking, 'status' | 'slot'>>(
  bookings: readonly T[],
  now: Date,
): { upcoming: T[]; past: T[] } {
  const byStart = (a: T, b: T) => Date.parse(a.slot.startsAt) - Date.parse(b.slot.startsAt);
  const upcoming = bookings.filter((booking) => isUpcoming(booking, now)).sort(byStart);
  const past = bookings.filter((booking) => !isUpcoming(booking, now)).sort((a, b) => byStart(b, a));
  return { upcoming, past };
}

/** Waiting entries first (the soonest slot first), then the finished ones, latest first. */
export function sortWaitlist<T extends Pick<LegalWaitlistEntry, 'status' | 'slot'>>(entries: readonly T[]): T[] {
  const start = (entry: T) => Date.parse(entry.slot.startsAt);
  const waiting = entries.filter((entry) => entry.status === 'waiting').sort((a, b) => start(a) - start(b));
  const rest = entries.filter((entry) => entry.status !== 'waiting').sort((a, b) => start(b) - start(a));
  return [...waiting, ...rest];
}

export interface CancelState {
  /** 取消预约 is offered. */
  canCancel: boolean;
  /** What the card says about cancelling; null when it has nothing to say (e.g. already cancelled). */
  hint: string | null;
}

/**
 * Whether 取消预约 shows, and the line under it: the server's `cancellable` decides (it knows the cutoff); the
 * page only says until when, or that the time is over and whom to call.
 */
export function cancelState(booking: Pick<LegalBooking, 'status' | 'cancellable' | 'cancelClosesAt'>): CancelState {
  if (booking.status !== 'booked') return { canCancel: false, hint: null };
  if (booking.cancellable) {
    return { canCancel: true, hint: `如不能到场，请在 ${instantLabel(booking.cancelClosesAt)} 前取消` };
  }
  return { canCancel: false, hint: '已过取消截止时间。如不能到场，请致电服务中心。' };
}

/** Who the booking is for: 王*（本人） / 王*（为家人预约） / 王*（家属代约）. */
export function personText(booking: Pick<LegalBooking, 'forSelf' | 'subjectName' | 'bookedByMe'>): string {
  if (booking.forSelf) return `${booking.subjectName}（本人）`;
  return `${booking.subjectName}（${booking.bookedByMe ? '为家人预约' : '家属代约'}）`;
}

/**
 * The consultation page says at once when the person already has a booking ahead for themselves (one at a time
 * per person): which one, so that they need not fill the form to hear 您已有一个未完成的预约.
 */
export function ownUpcomingBooking<T extends Pick<LegalBooking, 'status' | 'slot' | 'forSelf'>>(
  bookings: readonly T[],
  now: Date,
): T | null {
  return splitBookings(bookings, now).upcoming.find((booking) => booking.forSelf) ?? null;
}
