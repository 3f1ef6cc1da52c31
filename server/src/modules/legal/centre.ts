import {
  bookingStatusLabels,
  type LegalDay,
  type LegalDayBooking,
  type LegalImpact,
  legalMyBookingsPage,
  legalTopicLabels,
  staffBookingNote,
  type WalkInBody,
} from '@veterans/shared';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  legalBookings,
  legalConsultationRecords,
  legalRuleChangeImpacts,
  legalSlots,
  legalWaitlist,
  staffAccounts,
  users,
} from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { maskedNameOf } from '../me/names';
import { notify } from '../notifications/notify';
import { insertBooking } from './bookings';
import { loadSlotContext, type SlotRow, slotRef, slotState } from './context';
import { readDescription } from './description';
import { lockPeople, noShowTimes } from './people';
import { holidayReason, isWholeDay, noShowBlock, remainingPlaces } from './schedule';
import { slotsOnDates } from './slots';
import { addCalendarDays, beijingDate, beijingTime, chineseFullDate, toBeijingIso } from './time';
import { affected, inTransaction, type Reader } from './transaction';
import { takePlace } from './waitlist';

type Cipher = Pick<FieldCipher, 'encrypt' | 'decrypt' | 'hash'>;

// ---------------------------------------------------------------------------------------------------------------
// The day's list

/** `GET /staff/legal/day`: every slot of the day with its bookings (names masked) and waitlist size. */
export async function dayView(db: Reader, cipher: Cipher, date: string, now: Date): Promise<LegalDay> {
  const context = await loadSlotContext(db, now, date, date);
  const slots = await slotsOnDates(db, date, date);
  const slotIds = slots.map((slot) => slot.id);
  const bookings =
    slotIds.length === 0
      ? []
      : await db
          .select({
            booking: legalBookings,
            nameCipher: users.nameCipher,
            recordId: legalConsultationRecords.id,
            staffName: staffAccounts.displayName,
          })
          .from(legalBookings)
          .innerJoin(users, eq(users.id, legalBookings.subjectUserId))
          .leftJoin(legalConsultationRecords, eq(legalConsultationRecords.bookingId, legalBookings.id))
          .leftJoin(staffAccounts, eq(staffAccounts.id, legalBookings.bookedByStaffId))
          .where(and(inArray(legalBookings.slotId, slotIds), ne(legalBookings.status, 'cancelled')))
          .orderBy(legalBookings.id);
  const waiting =
    slotIds.length === 0
      ? []
      : await db
          .select({ slotId: legalWaitlist.slotId, count: sql<number>`count(*)` })
          .from(legalWaitlist)
          .where(and(inArray(legalWaitlist.slotId, slotIds), eq(legalWaitlist.status, 'waiting')))
          .groupBy(legalWaitlist.slotId);
  const waitingBySlot = new Map(waiting.map((row) => [row.slotId, Number(row.count)]));
  const closure = context.closures.find((entry) => entry.day === date && isWholeDay(entry));

  const daySlots = slots
    .map((slot) => {
      const state = slotState(slot, context);
      const items: LegalDayBooking[] = bookings
        .filter(({ booking }) => booking.slotId === slot.id)
        .map(({ booking, nameCipher, recordId, staffName }) => ({
          id: booking.id,
          name: maskedNameOf(cipher, booking.subjectUserId, nameCipher),
          bookedByFamily: booking.userId !== booking.subjectUserId,
          topic: booking.topic,
          topicLabel: legalTopicLabels[booking.topic],
          description: readDescription(cipher, legalBookings, booking),
          status: booking.status,
          statusLabel: bookingStatusLabels[booking.status],
          walkIn: booking.walkIn,
          staffNote: staffBookingNote({ ...booking, staffName }, 'staff'),
          checkedInAt: booking.checkedInAt ? toBeijingIso(booking.checkedInAt) : null,
          recordId,
        }));
      return {
        ...slotRef(slot, state.closedReason),
        capacity: slot.capacity,
        booked: slot.booked,
        remaining: remainingPlaces(slot.capacity, slot.booked),
        waiting: waitingBySlot.get(slot.id) ?? 0,
        bookings: items,
        listed: state.listed,
      };
    })
    // Slots dropped by a schedule change are shown only while they still hold bookings.
    .filter((slot) => slot.listed || slot.bookings.length > 0)
    .map(({ listed: _listed, ...slot }) => slot);
  return { date, closedReason: closure?.reason ?? holidayReason(date, context.calendar), slots: daySlots };
}

/** One consultation day on the desk's list: its slots (closed ones left out) and bookings. */
export interface LegalSession {
  date: string;
  slots: number;
  booked: number;
  capacity: number;
}

/**
 * `GET /staff/legal/sessions`: the day the desk opens on (today when it has open slots, else the next consultation
 * day within `weeksAhead`), the upcoming consultation days, and the recent ones whose records may still be written
 * (`recordDays` back). Slots come from the same query as the day's list.
 */
export async function sessionsView(
  db: Reader,
  now: Date,
  recordDays: number,
  weeksAhead = 8,
): Promise<{ today: string; next: string | null; upcoming: LegalSession[]; recent: LegalSession[] }> {
  const today = beijingDate(now);
  const from = addCalendarDays(today, -recordDays);
  const to = addCalendarDays(today, weeksAhead * 7);
  const context = await loadSlotContext(db, now, from, to);
  const byDate = new Map<string, LegalSession>();
  for (const slot of await slotsOnDates(db, from, to)) {
    const state = slotState(slot, context);
    if (state.closedReason !== null && slot.booked === 0) continue;
    const date = beijingDate(slot.startsAt);
    const session = byDate.get(date) ?? { date, slots: 0, booked: 0, capacity: 0 };
    session.slots += 1;
    session.booked += slot.booked;
    session.capacity += slot.capacity;
    byDate.set(date, session);
  }
  const sessions = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const upcoming = sessions.filter((session) => session.date >= today);
  return {
    today,
    next: upcoming[0]?.date ?? null,
    upcoming,
    recent: sessions.filter((session) => session.date < today).reverse(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Check-in and no-show

async function bookingWithSlot(db: Reader, bookingId: number) {
  const [row] = await db
    .select({ booking: legalBookings, slot: legalSlots })
    .from(legalBookings)
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .where(eq(legalBookings.id, bookingId));
  if (!row) throw new AppError('BOOKING_NOT_FOUND');
  return row;
}

/** `POST /legal/bookings/:id/check-in`: on the slot's day; a booking marked no-show that day may still check in. */
export async function checkIn(db: Database, bookingId: number, now: Date): Promise<void> {
  const { booking, slot } = await bookingWithSlot(db, bookingId);
  if (beijingDate(now) !== beijingDate(slot.startsAt)) throw new AppError('INVALID_TRANSITION', '只能在预约当天签到');
  if (booking.status !== 'booked' && booking.status !== 'no_show') {
    throw new AppError('INVALID_TRANSITION', `该预约${bookingStatusLabels[booking.status]}，不能签到`);
  }
  const result = await db
    .update(legalBookings)
    .set({ status: 'checked_in', checkedInAt: now })
    .where(and(eq(legalBookings.id, bookingId), eq(legalBookings.status, booking.status)));
  if (affected(result) !== 1) throw new AppError('CONFLICT');
}

/**
 * `POST /legal/bookings/:id/no-show`: once the slot has started. When this no-show makes the third within 90 days,
 * the person (and the booker) are told that booking is paused and until when.
 */
export async function markNoShow(db: Database, bookingId: number, now: Date): Promise<{ blockedUntil: Date | null }> {
  const { booking, slot } = await bookingWithSlot(db, bookingId);
  if (now.getTime() < slot.startsAt.getTime()) throw new AppError('INVALID_TRANSITION', '时段开始后才能标记未到场');
  if (booking.status !== 'booked') {
    throw new AppError('INVALID_TRANSITION', `该预约${bookingStatusLabels[booking.status]}，不能标记未到场`);
  }
  return inTransaction(db, async (tx) => {
    const result = await tx
      .update(legalBookings)
      .set({ status: 'no_show' })
      .where(and(eq(legalBookings.id, bookingId), eq(legalBookings.status, 'booked')));
    if (affected(result) !== 1) throw new AppError('CONFLICT');
    const times = await noShowTimes(tx, [booking.subjectUserId]);
    const block = noShowBlock(times.get(booking.subjectUserId) ?? [], now);
    const causedNow = block?.noShows.some((time) => time.getTime() === slot.startsAt.getTime());
    if (block && causedNow) {
      const until = `${chineseFullDate(beijingDate(block.until))} ${beijingTime(block.until)}`;
      for (const id of new Set([booking.userId, booking.subjectUserId])) {
        await notify(tx, {
          recipient: { type: 'citizen', id },
          kind: 'booking-blocked',
          title: '法律咨询预约暂停',
          body: `因 90 天内有 3 次预约未到场，${until}前暂不能预约法律咨询。如有特殊情况请联系服务中心。`,
          link: legalMyBookingsPage,
        });
      }
    }
    return { blockedUntil: block?.until ?? null };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Walk-ins

async function walkInPerson(db: Reader, cipher: Cipher, body: WalkInBody): Promise<number> {
  if (body.userId !== undefined) {
    const [user] = await db
      .select({ id: users.id, nameCipher: users.nameCipher })
      .from(users)
      .where(and(eq(users.id, body.userId), isNull(users.deletedAt)));
    if (!user) throw new AppError('NOT_FOUND', '该用户不存在');
    if (!user.nameCipher) throw new AppError('IDENTITY_REQUIRED', '该用户尚未实名认证，请先协助其完成实名认证');
    return user.id;
  }
  const [user] = await db
    .select({ id: users.id, nameCipher: users.nameCipher })
    .from(users)
    .where(and(eq(users.idNumberHash, cipher.hash(body.idNumber ?? '')), isNull(users.deletedAt)));
  if (!user?.nameCipher || cipher.decrypt(user.nameCipher, sealedIn(users.nameCipher, user.id)) !== body.name)
    throw new AppError('IDENTITY_MISMATCH');
  return user.id;
}

/**
 * `POST /staff/legal/walk-ins`: someone at the centre without a booking gets a free place of a slot of today
 * (the same conditional UPDATE as booking, so a walk-in never overbooks: SLOT_FULL otherwise). The walk-in is
 * checked in at once, a counter booking made by the clerk.
 */
export async function addWalkIn(
  db: Database,
  cipher: Cipher,
  staffId: number,
  body: WalkInBody,
  now: Date,
): Promise<number> {
  const personId = await walkInPerson(db, cipher, body);
  const [slot] = await db.select().from(legalSlots).where(eq(legalSlots.id, body.slotId));
  if (!slot) throw new AppError('SLOT_NOT_FOUND');
  if (beijingDate(slot.startsAt) !== beijingDate(now)) {
    throw new AppError('BOOKING_CLOSED', '现场登记只能登记当天的时段');
  }
  if (slot.endsAt.getTime() <= now.getTime()) throw new AppError('BOOKING_CLOSED', '该时段已结束');
  const context = await loadSlotContext(db, now, beijingDate(now), beijingDate(now));
  const closedReason = slotState(slot, context).closedReason;
  if (closedReason !== null) throw new AppError('BOOKING_CLOSED', `该时段停诊（${closedReason}）`);
  return inTransaction(db, async (tx) => {
    await lockPeople(tx, [personId]);
    if (!(await takePlace(tx, slot.id))) throw new AppError('SLOT_FULL');
    return insertBooking(
      tx,
      cipher,
      slot as SlotRow,
      {
        userId: personId,
        subjectUserId: personId,
        topic: body.topic,
        description: body.description,
        walkIn: true,
        channel: 'counter',
        bookedByStaffId: staffId,
        checkedInAt: now,
      },
      null,
    );
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Bookings affected by schedule changes

export async function listImpacts(db: Reader, cipher: Cipher, include: 'open' | 'all'): Promise<LegalImpact[]> {
  const rows = await db
    .select({ impact: legalRuleChangeImpacts, booking: legalBookings, slot: legalSlots, nameCipher: users.nameCipher })
    .from(legalRuleChangeImpacts)
    .innerJoin(legalBookings, eq(legalBookings.id, legalRuleChangeImpacts.bookingId))
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .innerJoin(users, eq(users.id, legalBookings.subjectUserId))
    .where(include === 'open' ? isNull(legalRuleChangeImpacts.handledAt) : undefined)
    .orderBy(desc(legalRuleChangeImpacts.createdAt), desc(legalRuleChangeImpacts.id))
    .limit(200);
  return rows.map(({ impact, booking, slot, nameCipher }) => ({
    id: impact.id,
    reason: impact.reason,
    createdAt: toBeijingIso(impact.createdAt),
    handledAt: impact.handledAt ? toBeijingIso(impact.handledAt) : null,
    booking: {
      id: booking.id,
      status: booking.status,
      statusLabel: bookingStatusLabels[booking.status],
      topic: booking.topic,
      topicLabel: legalTopicLabels[booking.topic],
      name: maskedNameOf(cipher, booking.subjectUserId, nameCipher),
    },
    slot: slotRef(slot, slot.closedReason),
  }));
}

export async function markImpactHandled(db: Database, impactId: number, staffId: number, now: Date) {
  const result = await db
    .update(legalRuleChangeImpacts)
    .set({ handledAt: now, handledBy: staffId })
    .where(and(eq(legalRuleChangeImpacts.id, impactId), isNull(legalRuleChangeImpacts.handledAt)));
  if (affected(result) === 1) return;
  const [row] = await db
    .select({ id: legalRuleChangeImpacts.id })
    .from(legalRuleChangeImpacts)
    .where(eq(legalRuleChangeImpacts.id, impactId));
  throw row ? new AppError('INVALID_TRANSITION', '该事项已处理') : new AppError('NOT_FOUND');
}
