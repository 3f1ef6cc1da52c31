import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalBookings, legalSlots, legalWaitlist } from '../../db/schema/index';
import type { TestApp } from '../../testing/test-app';
import { resetLegalClock } from './clock';
import {
  addRule,
  at,
  book,
  bookingRows,
  call,
  citizen,
  citizens,
  errorCode,
  legalTestApp,
  must,
  outboxRows,
  slotAt,
  slotById,
} from './test-support';

let testApp: TestApp;

beforeAll(async () => {
  // A pool like production's (10 connections): the rush must be survived, not avoided by a big pool.
  testApp = await legalTestApp({ DATABASE_POOL_SIZE: '10' });
});

afterAll(async () => {
  resetLegalClock();
  await testApp?.close();
});

describe('no overbooking under concurrency', () => {
  it('gives exactly 3 of 500 concurrent attempts a place in a slot of capacity 3; the rest get SLOT_FULL', async () => {
    const app = testApp.app;
    const now = at('2026-12-02 10:00:00');
    await addRule(app, now, { capacity: 3 });
    const slot = await slotAt(app, '2026-12-08', '09:00');
    const people = await citizens(app, 500);

    const responses = await Promise.all(people.map((person) => book(app, person, slot.id)));

    const byStatus = new Map<number, number>();
    for (const response of responses) byStatus.set(response.statusCode, (byStatus.get(response.statusCode) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: 3, 409: 497 });
    expect(responses.filter((response) => response.statusCode === 409).map(errorCode)).toEqual(
      Array(497).fill('SLOT_FULL'),
    );
    const after = await slotById(app, slot.id);
    const rows = await bookingRows(app, slot.id);
    expect(after.booked).toBe(3);
    expect(rows.filter((row) => row.status === 'booked')).toHaveLength(3);
    // Each winner got exactly one confirmation in the outbox.
    for (const row of rows) expect(await outboxRows(app, `booking-confirmed:${row.id}`)).toHaveLength(1);
    const winners = new Set(rows.map((row) => row.userId));
    const winnerResponses = responses
      .filter((response) => response.statusCode === 201)
      .map((r) => r.json().subjectUserId);
    expect(new Set(winnerResponses)).toEqual(winners);
  });

  it('lets one person hold one upcoming booking even when they race themselves over many slots', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const person = await citizen(app);
    const slots = await app.db
      .select()
      .from(legalSlots)
      .where(and(eq(legalSlots.booked, 0)));
    const targets = slots.slice(0, 12);
    expect(targets.length).toBe(12);
    const responses = await Promise.all(targets.map((slot) => book(app, person, slot.id)));
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
    expect(new Set(responses.filter((r) => r.statusCode !== 201).map(errorCode))).toEqual(new Set(['ALREADY_BOOKED']));
    const held = await app.db
      .select()
      .from(legalBookings)
      .where(and(eq(legalBookings.subjectUserId, person.id), eq(legalBookings.status, 'booked')));
    expect(held).toHaveLength(1);
    const total = await app.db
      .select()
      .from(legalSlots)
      .where(
        inArray(
          legalSlots.id,
          targets.map((slot) => slot.id),
        ),
      );
    expect(total.reduce((sum, slot) => sum + slot.booked, 0)).toBe(1);
  });
});

describe('cancel and waitlist promotion under concurrency', () => {
  it('hands every freed place to one waiting person, in order, with counters consistent', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const slot = await slotAt(app, '2026-12-15', '10:00');
    // capacity 3 (rule above): 3 holders, then 12 join the waitlist, in order.
    const holders = await citizens(app, 3);
    for (const holder of holders) expect((await book(app, holder, slot.id)).statusCode).toBe(201);
    const waiters = await citizens(app, 12);
    const positions: number[] = [];
    for (const waiter of waiters) {
      const response = await book(app, waiter, slot.id, { waitlist: true });
      expect(response.statusCode).toBe(202);
      positions.push(response.json().position);
    }
    expect(positions).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    // The first waiter meanwhile books another slot: they must be skipped, not given a second booking.
    const other = await slotAt(app, '2026-12-22', '09:00');
    expect((await book(app, must(waiters[0]), other.id)).statusCode).toBe(201);

    const holderBookings = await bookingRows(app, slot.id);
    const newcomers = await citizens(app, 40);
    // All at once: each holder cancels twice, the second waiter leaves the waitlist, 40 newcomers try to book
    // (some with waitlist), the waiters 3–6 try to book the slot directly too.
    const waitEntries = await app.db.select().from(legalWaitlist).where(eq(legalWaitlist.slotId, slot.id));
    const secondEntry = must(waitEntries.find((entry) => entry.userId === must(waiters[1]).id));
    const responses = await Promise.all([
      ...holderBookings.flatMap((booking) => {
        const holder = must(holders.find((person) => person.id === booking.userId));
        return [
          call(app, 'POST', `/legal/bookings/${booking.id}/cancel`, holder.token),
          call(app, 'POST', `/legal/bookings/${booking.id}/cancel`, holder.token),
        ];
      }),
      call(app, 'DELETE', `/legal/waitlist/${secondEntry.id}`, must(waiters[1]).token),
      ...newcomers.map((person, index) => book(app, person, slot.id, index % 2 === 0 ? { waitlist: true } : {})),
      ...waiters.slice(2, 6).map((person) => book(app, person, slot.id)),
    ]);
    expect(responses.every((response) => response.statusCode < 500)).toBe(true);
    const cancels = responses.slice(0, 6);
    expect(cancels.filter((response) => response.statusCode === 200)).toHaveLength(3);

    const after = await slotById(app, slot.id);
    const rows = await bookingRows(app, slot.id);
    const booked = rows.filter((row) => row.status === 'booked');
    // No place lost, none given twice: the slot is full again and the counter matches the rows.
    expect(after.booked).toBe(booked.length);
    expect(after.booked).toBe(3);
    expect(new Set(booked.map((row) => row.subjectUserId)).size).toBe(booked.length);
    expect(rows.filter((row) => row.status === 'cancelled')).toHaveLength(3);
    // Nobody holds two upcoming bookings.
    const everyone = [...holders, ...waiters, ...newcomers].map((person) => person.id);
    const upcoming = await app.db
      .select()
      .from(legalBookings)
      .where(and(inArray(legalBookings.subjectUserId, everyone), eq(legalBookings.status, 'booked')));
    const perPerson = new Map<number, number>();
    for (const row of upcoming) perPerson.set(row.subjectUserId, (perPerson.get(row.subjectUserId) ?? 0) + 1);
    expect([...perPerson.values()].every((value) => value === 1)).toBe(true);

    const entries = await app.db.select().from(legalWaitlist).where(eq(legalWaitlist.slotId, slot.id));
    const status = (person: { id: number }) => entries.find((entry) => entry.userId === person.id)?.status;
    expect(status(must(waiters[0]))).toBe('skipped');
    expect(status(must(waiters[1]))).toBe('cancelled');
    // Every promoted entry points at its booking, and each promotion was announced once.
    const promoted = entries.filter((entry) => entry.status === 'promoted');
    for (const entry of promoted) {
      const booking = rows.find((row) => row.id === entry.bookingId);
      expect(booking?.subjectUserId).toBe(entry.subjectUserId);
      expect(await outboxRows(app, `waitlist-promoted:${entry.id}`)).toHaveLength(1);
    }
    // Promotion follows the queue: whoever was promoted was waiting before anyone still waiting.
    const stillWaiting = entries.filter((entry) => entry.status === 'waiting');
    if (promoted.length > 0 && stillWaiting.length > 0) {
      expect(Math.max(...promoted.map((entry) => entry.id))).toBeLessThan(
        Math.min(...stillWaiting.map((entry) => entry.id)),
      );
    }
  });
});
