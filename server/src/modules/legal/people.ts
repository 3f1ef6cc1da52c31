import { and, eq, gt, inArray, or } from 'drizzle-orm';
import { claimGuards } from '../../db/guards';
import { legalBookings, legalSlots } from '../../db/schema/index';
import type { Reader, Transaction } from './transaction';

/**
 * Claims the guards of the people involved (booker, the person consulted): everything that gives someone a
 * booking does this first, so the one-upcoming-booking rule is checked with nobody else deciding for the same
 * person — on one database through the guard rows' locks, on a Galera cluster because the guard rows are written
 * and so certified (a `FOR UPDATE` of the users rows, not written, did not conflict across nodes).
 */
export async function lockPeople(tx: Transaction, userIds: readonly number[]): Promise<void> {
  await claimGuards(
    tx,
    userIds.map((id) => `legal-person:${id}`),
  );
}

/** True when the person has a booking (status booked) for a slot that has not started yet. */
export async function hasUpcomingBooking(db: Reader, subjectUserId: number, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: legalBookings.id })
    .from(legalBookings)
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .where(
      and(
        eq(legalBookings.subjectUserId, subjectUserId),
        eq(legalBookings.status, 'booked'),
        gt(legalSlots.startsAt, now),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Appointment times of the no-shows of each person: a no-show counts against the person who was to attend and
 * against whoever booked it for them.
 */
export async function noShowTimes(db: Reader, userIds: readonly number[]): Promise<Map<number, Date[]>> {
  const ids = [...new Set(userIds)];
  const rows = await db
    .select({ userId: legalBookings.userId, subjectUserId: legalBookings.subjectUserId, startsAt: legalSlots.startsAt })
    .from(legalBookings)
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .where(
      and(
        eq(legalBookings.status, 'no_show'),
        or(inArray(legalBookings.userId, ids), inArray(legalBookings.subjectUserId, ids)),
      ),
    );
  const byPerson = new Map<number, Date[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    for (const id of new Set([row.userId, row.subjectUserId])) byPerson.get(id)?.push(row.startsAt);
  }
  return byPerson;
}
