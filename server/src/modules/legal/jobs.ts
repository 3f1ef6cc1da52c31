import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client';
import { legalBookings, legalSlots, legalWaitlist } from '../../db/schema/index';
import type { ScheduledJob } from '../../scheduler/scheduler';
import { legalClock } from './clock';
import { loadSlotContext, slotState } from './context';
import { noticeBookingReminder } from './notices';
import { refreshSchedule } from './slots';
import { addCalendarDays, beijingDate, beijingInstant, beijingTime } from './time';
import { affected, inTransaction } from './transaction';
import { closeWaitingEntries } from './waitlist';

/** Reminders for tomorrow's consultations go out from this Beijing time on (nobody is woken at midnight). */
export const REMINDER_FROM = '09:00';

/**
 * The day-before reminder: every booking (status booked) of a slot tomorrow (Beijing date) that is still open
 * and not yet reminded. Each is claimed with a conditional UPDATE (`reminder_sent_at IS NULL`) in the same
 * transaction as its notice, so two workers running at once send each reminder once: the second waits on the
 * row lock, then finds it claimed. Returns how many this call sent.
 */
export async function sendBookingReminders(
  db: Database,
  now: Date,
  { from = REMINDER_FROM }: { from?: string } = {},
): Promise<number> {
  if (beijingTime(now) < from) return 0;
  const tomorrow = addCalendarDays(beijingDate(now), 1);
  const rows = await db
    .select({ booking: legalBookings, slot: legalSlots })
    .from(legalBookings)
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .where(
      and(
        eq(legalBookings.status, 'booked'),
        isNull(legalBookings.reminderSentAt),
        gte(legalSlots.startsAt, beijingInstant(tomorrow, '00:00')),
        lt(legalSlots.startsAt, beijingInstant(addCalendarDays(tomorrow, 1), '00:00')),
      ),
    )
    .orderBy(asc(legalBookings.id));
  if (rows.length === 0) return 0;
  const context = await loadSlotContext(db, now, tomorrow, tomorrow);
  let sent = 0;
  for (const { booking, slot } of rows) {
    // A closed slot gets no reminder: its holders were told about the closure instead.
    if (slotState(slot, context).closedReason !== null) continue;
    const claimed = await inTransaction(db, async (tx) => {
      const claim = await tx
        .update(legalBookings)
        .set({ reminderSentAt: now })
        .where(
          and(
            eq(legalBookings.id, booking.id),
            isNull(legalBookings.reminderSentAt),
            eq(legalBookings.status, 'booked'),
          ),
        );
      if (affected(claim) !== 1) return false;
      await noticeBookingReminder(tx, {
        bookingId: booking.id,
        userId: booking.userId,
        subjectUserId: booking.subjectUserId,
        topic: booking.topic,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        place: slot.place,
      });
      return true;
    });
    if (claimed) sent += 1;
  }
  return sent;
}

/**
 * The waitlist closes with booking: waiting entries of slots past their booking cutoff (or closed) are marked
 * closed and their people told. Returns how many entries were closed.
 */
export async function closeWaitlists(db: Database, now: Date): Promise<number> {
  const rows = await db
    .selectDistinct({ slot: legalSlots })
    .from(legalWaitlist)
    .innerJoin(legalSlots, eq(legalSlots.id, legalWaitlist.slotId))
    .where(eq(legalWaitlist.status, 'waiting'));
  if (rows.length === 0) return 0;
  const context = await loadSlotContext(db, now, '2000-01-01');
  let closed = 0;
  for (const { slot } of rows) {
    const state = slotState(slot, context);
    if (state.bookable && slot.startsAt.getTime() > now.getTime()) continue;
    const text = state.closedReason
      ? `因“${state.closedReason}”停诊，候补已结束。`
      : '预约已截止，未能递补，候补已结束。';
    closed += await inTransaction(db, (tx) => closeWaitingEntries(tx, slot, text));
  }
  return closed;
}

/** One pass of the legal jobs, in order: the schedule first, so waitlists and reminders see today's slots. */
export async function runLegalJobs(app: FastifyInstance, now = legalClock.now()) {
  const schedule = await refreshSchedule(app.db, app.cipher, now);
  const waitlistsClosed = await closeWaitlists(app.db, now);
  const reminders = await sendBookingReminders(app.db, now);
  return { ...schedule, waitlistsClosed, reminders };
}

export const LEGAL_JOB_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Every 15 minutes and at start-up (materialising is idempotent and cheap, and the frequent pass keeps
 * reminders timely and picks up holiday-calendar edits). The clock is the legal module's (tests move it).
 */
export function legalJobs(app: FastifyInstance): ScheduledJob[] {
  return [
    {
      name: 'legal.schedule-and-reminders',
      intervalMs: LEGAL_JOB_INTERVAL_MS,
      runAtStart: true,
      run: () => runLegalJobs(app),
    },
  ];
}
