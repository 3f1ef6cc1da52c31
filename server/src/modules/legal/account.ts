import { bookingStatusLabels, legalTopicLabels, waitlistStatusLabels } from '@veterans/shared';
import { and, eq, gt, inArray, or } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { legalBookings, legalConsultationRecords, legalSlots, legalWaitlist } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { ExportSection } from '../me/export';
import { cancelBooking } from './bookings';
import { type DescriptionCipher, readDescription } from './description';
import { toBeijingIso } from './time';

/**
 * `GET /me/export` section 法律咨询预约 (to be appended to `exportSections` in me/export.ts): the caller's
 * bookings and waitlist entries (made by them or for them) and the records of their own consultations.
 */
export const legalExportSection: ExportSection = {
  key: 'legalConsultations',
  title: '法律咨询预约与咨询记录',
  async collect({ db, cipher, user }) {
    const bookings = await db
      .select({ booking: legalBookings, slot: legalSlots })
      .from(legalBookings)
      .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
      .where(or(eq(legalBookings.userId, user.id), eq(legalBookings.subjectUserId, user.id)));
    const waitlist = await db
      .select({ entry: legalWaitlist, slot: legalSlots })
      .from(legalWaitlist)
      .innerJoin(legalSlots, eq(legalSlots.id, legalWaitlist.slotId))
      .where(or(eq(legalWaitlist.userId, user.id), eq(legalWaitlist.subjectUserId, user.id)));
    const own = bookings.filter(({ booking }) => booking.subjectUserId === user.id).map(({ booking }) => booking.id);
    const records =
      own.length === 0
        ? []
        : await db.select().from(legalConsultationRecords).where(inArray(legalConsultationRecords.bookingId, own));
    return {
      bookings: bookings.map(({ booking, slot }) => ({
        id: booking.id,
        startsAt: toBeijingIso(slot.startsAt),
        place: slot.place,
        forSelf: booking.subjectUserId === booking.userId,
        bookedByMe: booking.userId === user.id,
        topic: legalTopicLabels[booking.topic],
        description: readDescription(cipher, legalBookings, booking),
        status: bookingStatusLabels[booking.status],
        walkIn: booking.walkIn,
        createdAt: booking.createdAt.toISOString(),
      })),
      waitlist: waitlist.map(({ entry, slot }) => ({
        id: entry.id,
        startsAt: toBeijingIso(slot.startsAt),
        topic: legalTopicLabels[entry.topic],
        description: readDescription(cipher, legalWaitlist, entry),
        status: waitlistStatusLabels[entry.status],
        createdAt: entry.createdAt.toISOString(),
      })),
      records: records.map((record) => ({
        bookingId: record.bookingId,
        category: legalTopicLabels[record.category],
        summary: cipher.decrypt(record.summaryCipher, sealedIn(legalConsultationRecords.summaryCipher, record.id)),
        advice: cipher.decrypt(record.adviceCipher, sealedIn(legalConsultationRecords.adviceCipher, record.id)),
        legalAidAdvised: record.legalAidAdvised,
        followUpRequestId: record.followUpRequestId,
        createdAt: record.createdAt.toISOString(),
      })),
    };
  },
};

/**
 * Frees what a deleted account held (to be called after `deleteAccount`): upcoming bookings made by or for the
 * user are cancelled (places freed and given to the waitlist), waiting entries end. Past bookings and records
 * stay (archives). Returns how many bookings were cancelled.
 */
export async function releaseBookingsOf(
  db: Database,
  cipher: DescriptionCipher,
  userId: number,
  now: Date,
): Promise<number> {
  const upcoming = await db
    .select({ id: legalBookings.id })
    .from(legalBookings)
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .where(
      and(
        or(eq(legalBookings.userId, userId), eq(legalBookings.subjectUserId, userId)),
        eq(legalBookings.status, 'booked'),
        gt(legalSlots.startsAt, now),
      ),
    );
  let cancelled = 0;
  for (const { id } of upcoming) {
    try {
      await cancelBooking(db, cipher, id, { system: { reason: '账号已注销' } }, now);
      cancelled += 1;
    } catch {
      // Already cancelled meanwhile: nothing to free.
    }
  }
  await db
    .update(legalWaitlist)
    .set({ status: 'cancelled' })
    .where(
      and(
        or(eq(legalWaitlist.userId, userId), eq(legalWaitlist.subjectUserId, userId)),
        eq(legalWaitlist.status, 'waiting'),
      ),
    );
  return cancelled;
}
