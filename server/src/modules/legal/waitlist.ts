import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { legalBookings, legalSlots, legalWaitlist } from '../../db/schema/index';
import type { RuleRow, SlotRow } from './context';
import { DESCRIPTION_PENDING, type DescriptionCipher, readDescription, writeDescription } from './description';
import { noticeWaitlistEnded, noticeWaitlistPromoted } from './notices';
import { hasUpcomingBooking, lockPeople } from './people';
import { beforeCutoff, bookingClosesAt } from './schedule';
import { affected, type Transaction } from './transaction';

/** One more booked place, only if a place is free and the slot open: the guard against overbooking. */
export async function takePlace(tx: Transaction, slotId: number): Promise<boolean> {
  const result = await tx
    .update(legalSlots)
    .set({ booked: sql`${legalSlots.booked} + 1` })
    .where(
      and(
        eq(legalSlots.id, slotId),
        lt(legalSlots.booked, legalSlots.capacity),
        sql`${legalSlots.closedReason} IS NULL`,
      ),
    );
  return affected(result) === 1;
}

export async function releasePlace(tx: Transaction, slotId: number): Promise<void> {
  await tx
    .update(legalSlots)
    .set({ booked: sql`${legalSlots.booked} - 1` })
    .where(and(eq(legalSlots.id, slotId), sql`${legalSlots.booked} > 0`));
}

/** The slot row, locked for the rest of the transaction. */
export async function lockSlot(tx: Transaction, slotId: number): Promise<SlotRow | undefined> {
  const [slot] = await tx.select().from(legalSlots).where(eq(legalSlots.id, slotId)).for('update');
  return slot;
}

/**
 * Gives freed places of a slot to the waiting list, first come first served, inside the transaction that freed
 * them (the caller holds the slot's row lock). Entries whose person meanwhile has another upcoming booking are
 * skipped (and told). Nothing is promoted once the slot is closed or its booking cutoff has passed (the
 * waitlist closes with booking). Returns how many were promoted.
 */
export async function promoteWaiting(
  tx: Transaction,
  cipher: DescriptionCipher,
  slotId: number,
  rule: RuleRow | undefined,
  now: Date,
) {
  let promoted = 0;
  const [slot] = await tx.select().from(legalSlots).where(eq(legalSlots.id, slotId));
  if (!slot || slot.closedReason !== null || !rule || !beforeCutoff(now, bookingClosesAt(rule, slot.startsAt))) {
    return promoted;
  }
  let free = slot.capacity - slot.booked;
  if (free <= 0) return promoted;
  const waiting = await tx
    .select()
    .from(legalWaitlist)
    .where(and(eq(legalWaitlist.slotId, slotId), eq(legalWaitlist.status, 'waiting')))
    .orderBy(asc(legalWaitlist.id));
  for (const entry of waiting) {
    if (free <= 0) break;
    await lockPeople(tx, [entry.userId, entry.subjectUserId]);
    // Re-read under the people's lock: the entry may have been left or handled meanwhile.
    const [current] = await tx
      .select({ status: legalWaitlist.status })
      .from(legalWaitlist)
      .where(eq(legalWaitlist.id, entry.id));
    if (current?.status !== 'waiting') continue;
    if (await hasUpcomingBooking(tx, entry.subjectUserId, now)) {
      await tx.update(legalWaitlist).set({ status: 'skipped' }).where(eq(legalWaitlist.id, entry.id));
      await noticeWaitlistEnded(
        tx,
        { ...entry, startsAt: slot.startsAt, endsAt: slot.endsAt },
        '有空位时，因已有其他预约未能递补，候补已结束。',
      );
      continue;
    }
    if (!(await takePlace(tx, slotId))) break;
    free -= 1;
    const [inserted] = await tx.insert(legalBookings).values({
      slotId,
      userId: entry.userId,
      subjectUserId: entry.subjectUserId,
      topic: entry.topic,
      description: DESCRIPTION_PENDING,
    });
    const bookingId = Number(inserted.insertId);
    const description = readDescription(cipher, legalWaitlist, entry);
    await writeDescription(tx, cipher, legalBookings, bookingId, description);
    await tx.update(legalWaitlist).set({ status: 'promoted', bookingId }).where(eq(legalWaitlist.id, entry.id));
    await noticeWaitlistPromoted(
      tx,
      {
        bookingId,
        userId: entry.userId,
        subjectUserId: entry.subjectUserId,
        topic: entry.topic,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        place: slot.place,
      },
      entry.id,
    );
    promoted += 1;
  }
  return promoted;
}

/** Ends the waiting entries of a slot (closed, or past its cutoff), telling each person. */
export async function closeWaitingEntries(tx: Transaction, slot: SlotRow, text: string): Promise<number> {
  const waiting = await tx
    .select()
    .from(legalWaitlist)
    .where(and(eq(legalWaitlist.slotId, slot.id), eq(legalWaitlist.status, 'waiting')));
  let closed = 0;
  for (const entry of waiting) {
    const result = await tx
      .update(legalWaitlist)
      .set({ status: 'closed' })
      .where(and(eq(legalWaitlist.id, entry.id), eq(legalWaitlist.status, 'waiting')));
    if (affected(result) !== 1) continue;
    closed += 1;
    await noticeWaitlistEnded(tx, { ...entry, startsAt: slot.startsAt, endsAt: slot.endsAt }, text);
  }
  return closed;
}
