import {
  type BookingBody,
  bookingStatusLabels,
  type LegalBooking,
  type LegalBookingChannel,
  type LegalWaitlistEntry,
  legalTopicLabels,
  type MyLegalBookings,
  staffBookingNote,
  waitlistStatusLabels,
} from '@veterans/shared';
import { and, asc, count, desc, eq, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { legalBookings, legalConsultationRecords, legalSlots, legalWaitlist, users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { actingFor } from '../family-links/acting-for';
import { hasIdentity, type UserRow } from '../me/citizen';
import { maskedNameOf } from '../me/names';
import { loadSlotContext, type SlotContext, type SlotRow, slotRef, slotState } from './context';
import { DESCRIPTION_PENDING, type DescriptionCipher, readDescription, writeDescription } from './description';
import { type BookingFacts, noticeBookingConfirmed, noticeCancelled } from './notices';
import { hasUpcomingBooking, lockPeople, noShowTimes } from './people';
import { beforeCutoff, NO_SHOW_BLOCK_DAYS, NO_SHOW_LIMIT, NO_SHOW_WINDOW_DAYS, noShowBlock } from './schedule';
import { beijingDate, beijingTime, chineseFullDate, toBeijingIso } from './time';
import { affected, inTransaction, type Reader, type Transaction } from './transaction';
import { lockSlot, promoteWaiting, releasePlace, takePlace } from './waitlist';

type Decrypt = Pick<FieldCipher, 'decrypt'>;

async function findSlot(db: Reader, slotId: number): Promise<SlotRow | undefined> {
  const [slot] = await db.select().from(legalSlots).where(eq(legalSlots.id, slotId));
  return slot;
}

async function loadSlot(db: Reader, slotId: number): Promise<SlotRow> {
  const slot = await findSlot(db, slotId);
  if (!slot) throw new AppError('SLOT_NOT_FOUND');
  return slot;
}

function closedError(reason: string | null): AppError {
  return new AppError('BOOKING_CLOSED', reason ? `该时段停诊（${reason}），不能预约` : undefined);
}

/** Refuses when the slot is not open for booking now (closed, past its cutoff, not yet published). */
export function requireBookable(slot: SlotRow, context: SlotContext): void {
  const state = slotState(slot, context);
  if (state.closedReason !== null) throw closedError(state.closedReason);
  if (!state.listed) throw new AppError('BOOKING_CLOSED', '该时段尚未开放预约');
  if (!state.bookable) throw new AppError('BOOKING_CLOSED', '该时段已过预约截止时间');
}

/** BOOKING_BLOCKED, saying why and until when (Beijing time), when the caller or the person consulted is blocked. */
export async function requireNotBlocked(db: Reader, callerId: number, subjectId: number, now: Date): Promise<void> {
  const error = blockedError(await noShowTimes(db, [callerId, subjectId]), callerId, now);
  if (error) throw error;
}

function blockedError(times: Map<number, Date[]>, addresseeId: number | null, now: Date): AppError | null {
  for (const [personId, noShows] of times) {
    const block = noShowBlock(noShows, now);
    if (!block) continue;
    const until = `${chineseFullDate(beijingDate(block.until))} ${beijingTime(block.until)}`;
    const who = personId === addresseeId ? '您' : '该退役军人';
    return new AppError(
      'BOOKING_BLOCKED',
      `因${who}在 ${NO_SHOW_WINDOW_DAYS} 天内有 ${NO_SHOW_LIMIT} 次预约未到场，${until}前暂不能预约法律咨询（自第 ${NO_SHOW_LIMIT} 次未到场起 ${NO_SHOW_BLOCK_DAYS} 天）。`,
    );
  }
  return null;
}

function alreadyBooked(subjectId: number, addresseeId: number | null): AppError {
  return new AppError(
    'ALREADY_BOOKED',
    subjectId === addresseeId ? undefined : '该退役军人已有一个未完成的预约，请先完成或取消后再预约',
  );
}

export type BookOutcome =
  | { kind: 'booked'; bookingId: number }
  | { kind: 'waitlisted'; waitlistId: number; position: number; slot: SlotRow };

async function waitingPosition(db: Reader, slotId: number, waitlistId: number): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(legalWaitlist)
    .where(
      and(eq(legalWaitlist.slotId, slotId), eq(legalWaitlist.status, 'waiting'), lte(legalWaitlist.id, waitlistId)),
    );
  return Number(row?.value ?? 1);
}

/** Inserts a booking row and its confirmation, inside the transaction that took the place. */
export async function insertBooking(
  tx: Transaction,
  cipher: Pick<FieldCipher, 'encrypt'>,
  slot: SlotRow,
  values: {
    userId: number;
    subjectUserId: number;
    topic: BookingBody['topic'];
    description: string;
    walkIn?: boolean;
    checkedInAt?: Date;
    channel?: LegalBookingChannel;
    bookedByStaffId?: number | null;
  },
  cancelBy: Date | null,
): Promise<number> {
  const [result] = await tx.insert(legalBookings).values({
    slotId: slot.id,
    userId: values.userId,
    subjectUserId: values.subjectUserId,
    topic: values.topic,
    description: DESCRIPTION_PENDING,
    walkIn: values.walkIn ?? false,
    channel: values.channel ?? 'online',
    bookedByStaffId: values.bookedByStaffId ?? null,
    status: values.checkedInAt ? 'checked_in' : 'booked',
    checkedInAt: values.checkedInAt ?? null,
  });
  const bookingId = Number(result.insertId);
  await writeDescription(tx, cipher, legalBookings, bookingId, values.description);
  if (cancelBy) {
    const facts: BookingFacts = {
      bookingId,
      ...values,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      place: slot.place,
    };
    await noticeBookingConfirmed(tx, facts, `${chineseFullDate(beijingDate(cancelBy))} ${beijingTime(cancelBy)}`);
  }
  return bookingId;
}

/** Who a booking is for, who holds it, and who made it. */
interface BookingParties {
  /** The holder: the citizen booking in the app, or the person staff book for. */
  userId: number;
  /** The person consulted (the holder, or the veteran a family member books for). */
  subjectUserId: number;
  /** Whom refusals call 您: the citizen booking; null when staff book (refusals then say 该退役军人). */
  addresseeId: number | null;
  channel: LegalBookingChannel;
  bookedByStaffId: number | null;
}

/**
 * `POST /legal/bookings`: a verified citizen books for themselves or for the veteran they are linked to, or joins
 * the waitlist of a full slot.
 */
export async function bookSlot(
  db: Database,
  cipher: Pick<FieldCipher, 'encrypt'>,
  caller: UserRow,
  body: BookingBody,
  now: Date,
): Promise<BookOutcome> {
  if (!hasIdentity(caller)) throw new AppError('IDENTITY_REQUIRED', '预约法律咨询需先完成实名认证');
  const subjectUserId = await actingFor(db, caller.id, body.onBehalfOf);
  const parties: BookingParties = {
    userId: caller.id,
    subjectUserId,
    addresseeId: caller.id,
    channel: 'online',
    bookedByStaffId: null,
  };
  return placeBooking(db, cipher, parties, body, now);
}

/**
 * A clerk books a later-day consultation for a person at the counter or on the phone: the booking is the person's
 * own (they see it in 我的预约 and are told of it), under the citizen's rules; no waitlist.
 */
export async function bookForPerson(
  db: Database,
  cipher: Pick<FieldCipher, 'encrypt'>,
  by: { personId: number; staffId: number; channel: LegalBookingChannel },
  body: Pick<BookingBody, 'slotId' | 'topic' | 'description'>,
  now: Date,
): Promise<number> {
  const parties: BookingParties = {
    userId: by.personId,
    subjectUserId: by.personId,
    addresseeId: null,
    channel: by.channel,
    bookedByStaffId: by.staffId,
  };
  const outcome = await placeBooking(db, cipher, parties, body, now);
  if (outcome.kind !== 'booked') throw new Error('a booking without the waitlist was waitlisted');
  return outcome.bookingId;
}

/**
 * Checks that read through the pool run first (no-show block, slot open); then one transaction: lock the people,
 * refuse a second upcoming booking, take a place with the conditional UPDATE (never more than capacity), insert
 * the booking and its confirmation — or, when the slot is full and the booking asked for it, join the waitlist.
 */
async function placeBooking(
  db: Database,
  cipher: Pick<FieldCipher, 'encrypt'>,
  parties: BookingParties,
  body: Pick<BookingBody, 'slotId' | 'topic' | 'description' | 'waitlist'>,
  now: Date,
): Promise<BookOutcome> {
  const { subjectUserId: subjectId, addresseeId } = parties;
  const people = [...new Set([parties.userId, subjectId])];
  // The checks before the transaction read committed rows through the pool, side by side rather than one after
  // the other (the slot's context and, for a full slot, the person's upcoming booking once the slot is read); their
  // refusals are then given in the order they always had: blocked, slot not found, closed, already booked, full.
  const [times, found] = await Promise.all([
    noShowTimes(db, people),
    findSlot(db, body.slotId).then(async (slot) => {
      if (!slot) return undefined;
      const day = beijingDate(slot.startsAt);
      const full = !body.waitlist && slot.booked >= slot.capacity;
      const [context, upcoming] = await Promise.all([
        loadSlotContext(db, now, day, day),
        full ? hasUpcomingBooking(db, subjectId, now) : false,
      ]);
      return { slot, context, full, upcoming };
    }),
  ]);
  const blocked = blockedError(times, addresseeId, now);
  if (blocked) throw blocked;
  if (!found) throw new AppError('SLOT_NOT_FOUND');
  const { slot, context } = found;
  requireBookable(slot, context);
  const cancelBy = slotState(slot, context).cancelClosesAt;
  // Fail fast on a full slot (most of a rush: 1,000 attempts for 30 places): without a place to take and without
  // the waitlist asked for, the answer is known from the committed row just read, so no transaction, no people
  // locked, no slot row lock to queue on. The answer is the transaction's, in its order (a person with another
  // upcoming booking hears ALREADY_BOOKED first). A place freed after the read is a race this attempt lost, as it
  // would have by arriving a moment earlier; with a place seemingly free, the transaction below decides under its
  // locks as before, and the conditional UPDATE remains the guard against overbooking.
  if (found.full) {
    if (found.upcoming) throw alreadyBooked(subjectId, addresseeId);
    throw new AppError('SLOT_FULL');
  }
  const values = {
    userId: parties.userId,
    subjectUserId: subjectId,
    topic: body.topic,
    description: body.description,
  };

  return inTransaction(db, async (tx): Promise<BookOutcome> => {
    await lockPeople(tx, people);
    if (await hasUpcomingBooking(tx, subjectId, now)) throw alreadyBooked(subjectId, addresseeId);
    if (await takePlace(tx, slot.id)) {
      const booking = { ...values, channel: parties.channel, bookedByStaffId: parties.bookedByStaffId };
      return { kind: 'booked', bookingId: await insertBooking(tx, cipher, slot, booking, cancelBy) };
    }
    const [current] = await tx.select().from(legalSlots).where(eq(legalSlots.id, slot.id));
    if (current?.closedReason) throw closedError(current.closedReason);
    if (!body.waitlist) throw new AppError('SLOT_FULL');
    const [already] = await tx
      .select({ id: legalWaitlist.id })
      .from(legalWaitlist)
      .where(
        and(
          eq(legalWaitlist.slotId, slot.id),
          eq(legalWaitlist.subjectUserId, subjectId),
          eq(legalWaitlist.status, 'waiting'),
        ),
      )
      .limit(1);
    if (already) throw new AppError('ALREADY_WAITLISTED');
    const [inserted] = await tx
      .insert(legalWaitlist)
      .values({ slotId: slot.id, ...values, description: DESCRIPTION_PENDING });
    const waitlistId = Number(inserted.insertId);
    await writeDescription(tx, cipher, legalWaitlist, waitlistId, body.description);
    return { kind: 'waitlisted', waitlistId, position: await waitingPosition(tx, slot.id, waitlistId), slot };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cancelling

export interface CancelBy {
  /** A citizen cancelling their own booking (or one made for them); subject to the cancel cutoff. */
  citizenId?: number;
  /** Staff cancelling on behalf of the centre (e.g. after a closure), with the reason the holder is told. */
  centre?: { staffId: number; reason: string };
  /** The service itself (e.g. the account was deleted): status cancelled, with the reason kept. */
  system?: { reason: string };
}

/**
 * Cancels a booking and, in the same transaction, gives the freed place to the first waiting person who still
 * has no other upcoming booking. The slot row is locked first, so cancels and promotions of one slot queue up:
 * nobody gets a place twice and no freed place is lost. Returns the number of people promoted (0 or 1).
 */
export async function cancelBooking(
  db: Database,
  cipher: DescriptionCipher,
  bookingId: number,
  by: CancelBy,
  now: Date,
): Promise<number> {
  const [booking] = await db.select().from(legalBookings).where(eq(legalBookings.id, bookingId));
  const citizenId = by.citizenId;
  if (!booking || (citizenId !== undefined && booking.userId !== citizenId && booking.subjectUserId !== citizenId)) {
    throw new AppError('BOOKING_NOT_FOUND');
  }
  if (booking.status !== 'booked') throw new AppError('INVALID_TRANSITION', '该预约已取消或已结束，不能再取消');
  const slot = await loadSlot(db, booking.slotId);
  const context = await loadSlotContext(db, now, beijingDate(slot.startsAt), beijingDate(slot.startsAt));
  if (citizenId !== undefined && !beforeCutoff(now, slotState(slot, context).cancelClosesAt)) {
    throw new AppError('CANCEL_CLOSED');
  }
  if (slot.startsAt.getTime() <= now.getTime()) throw new AppError('CANCEL_CLOSED', '该时段已开始，不能取消');

  return inTransaction(db, async (tx) => {
    const locked = await lockSlot(tx, slot.id);
    const [current] = await tx.select().from(legalBookings).where(eq(legalBookings.id, bookingId)).for('update');
    if (!locked || current?.status !== 'booked') {
      throw new AppError('INVALID_TRANSITION', '该预约已取消或已结束，不能再取消');
    }
    await tx
      .update(legalBookings)
      .set(
        by.centre
          ? { status: 'cancelled_by_centre', cancelReason: by.centre.reason.slice(0, 200) }
          : { status: 'cancelled', cancelReason: by.system?.reason.slice(0, 200) ?? null },
      )
      .where(eq(legalBookings.id, bookingId));
    await releasePlace(tx, slot.id);
    if (!by.system) {
      await noticeCancelled(
        tx,
        { bookingId, ...current, startsAt: locked.startsAt, endsAt: locked.endsAt, place: locked.place },
        by.centre?.reason ?? null,
      );
    }
    return promoteWaiting(tx, cipher, slot.id, context.rules.get(slot.ruleId), now);
  });
}

/** `DELETE /legal/waitlist/:id`: the booker (or the person it is for) leaves the waitlist. */
export async function leaveWaitlist(db: Database, callerId: number, waitlistId: number): Promise<void> {
  const [entry] = await db.select().from(legalWaitlist).where(eq(legalWaitlist.id, waitlistId));
  if (!entry || (entry.userId !== callerId && entry.subjectUserId !== callerId)) {
    throw new AppError('NOT_FOUND', '候补记录不存在');
  }
  const result = await db
    .update(legalWaitlist)
    .set({ status: 'cancelled' })
    .where(and(eq(legalWaitlist.id, waitlistId), eq(legalWaitlist.status, 'waiting')));
  if (affected(result) !== 1) {
    throw new AppError('INVALID_TRANSITION', '该候补已结束');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 我的预约

const subject = alias(users, 'subject');
const LIST_LIMIT = 100;

/** The caller's bookings and waitlist entries, including those made for (or by family for) them. */
export async function myBookings(
  db: Reader,
  cipher: Decrypt,
  userId: number,
  now: Date,
  only?: { bookingId: number },
): Promise<MyLegalBookings> {
  const mine = (table: typeof legalBookings | typeof legalWaitlist) =>
    or(eq(table.userId, userId), eq(table.subjectUserId, userId));
  const bookingRows = await db
    .select({
      booking: legalBookings,
      slot: legalSlots,
      subjectName: subject.nameCipher,
      recordId: legalConsultationRecords.id,
    })
    .from(legalBookings)
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .innerJoin(subject, eq(subject.id, legalBookings.subjectUserId))
    .leftJoin(legalConsultationRecords, eq(legalConsultationRecords.bookingId, legalBookings.id))
    .where(only ? and(mine(legalBookings), eq(legalBookings.id, only.bookingId)) : mine(legalBookings))
    .orderBy(desc(legalSlots.startsAt), desc(legalBookings.id))
    .limit(LIST_LIMIT);
  const waitRows = await db
    .select({ entry: legalWaitlist, slot: legalSlots, subjectName: subject.nameCipher })
    .from(legalWaitlist)
    .innerJoin(legalSlots, eq(legalSlots.id, legalWaitlist.slotId))
    .innerJoin(subject, eq(subject.id, legalWaitlist.subjectUserId))
    .where(only ? sql`false` : mine(legalWaitlist))
    .orderBy(desc(legalSlots.startsAt), asc(legalWaitlist.id))
    .limit(LIST_LIMIT);

  const earliest = [...bookingRows, ...waitRows].reduce<Date>(
    (min, row) => (row.slot.startsAt < min ? row.slot.startsAt : min),
    now,
  );
  const context = await loadSlotContext(db, now, beijingDate(earliest));
  const bookings: LegalBooking[] = bookingRows.map(({ booking, slot, subjectName, recordId }) => {
    const state = slotState(slot, context);
    const upcoming = slot.startsAt.getTime() > now.getTime();
    return {
      id: booking.id,
      status: booking.status,
      statusLabel: bookingStatusLabels[booking.status],
      topic: booking.topic,
      topicLabel: legalTopicLabels[booking.topic],
      description: readDescription(cipher, legalBookings, booking),
      walkIn: booking.walkIn,
      staffNote: staffBookingNote({ ...booking, staffName: null }, 'citizen'),
      forSelf: booking.subjectUserId === booking.userId,
      bookedByMe: booking.userId === userId,
      subjectUserId: booking.subjectUserId,
      subjectName: maskedNameOf(cipher, booking.subjectUserId, subjectName),
      slot: slotRef(slot, state.closedReason),
      cancellable: booking.status === 'booked' && upcoming && beforeCutoff(now, state.cancelClosesAt),
      cancelClosesAt: toBeijingIso(state.cancelClosesAt),
      hasRecord: recordId !== null,
      createdAt: toBeijingIso(booking.createdAt),
    };
  });

  const waitlist: LegalWaitlistEntry[] = [];
  for (const { entry, slot, subjectName } of waitRows) {
    const state = slotState(slot, context);
    // Past the cutoff (or closed) a waiting entry is over, even before the job has marked it.
    const status = entry.status === 'waiting' && !state.bookable ? 'closed' : entry.status;
    waitlist.push({
      id: entry.id,
      status,
      statusLabel: waitlistStatusLabels[status],
      position: status === 'waiting' ? await waitingPosition(db, slot.id, entry.id) : null,
      topic: entry.topic,
      topicLabel: legalTopicLabels[entry.topic],
      forSelf: entry.subjectUserId === entry.userId,
      subjectUserId: entry.subjectUserId,
      subjectName: maskedNameOf(cipher, entry.subjectUserId, subjectName),
      slot: slotRef(slot, state.closedReason),
      bookingId: entry.bookingId,
      createdAt: toBeijingIso(entry.createdAt),
    });
  }
  return { bookings, waitlist };
}

/** One of the caller's bookings as `GET /legal/bookings/mine` shows it. */
export async function myBooking(db: Reader, cipher: Decrypt, userId: number, bookingId: number, now: Date) {
  const { bookings } = await myBookings(db, cipher, userId, now, { bookingId });
  const booking = bookings[0];
  if (!booking) throw new AppError('BOOKING_NOT_FOUND');
  return booking;
}
