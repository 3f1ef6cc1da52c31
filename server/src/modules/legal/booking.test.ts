import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holidayOverrides, legalBookings, legalSlots, legalWaitlist } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { createStaff } from '../../testing/fixtures';
import type { TestApp } from '../../testing/test-app';
import { linkFamily } from '../requests/test-support';
import { resetLegalClock } from './clock';
import { backfillLegalDescriptions } from './description';
import { closeWaitlists, runLegalJobs } from './jobs';
import { materialiseSlots } from './slots';
import {
  addRule,
  at,
  book,
  call,
  citizen,
  errorCode,
  inbox,
  legalTestApp,
  outboxRows,
  slotAt,
  slotById,
} from './test-support';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await legalTestApp();
  const now = at('2026-12-02 10:00:00');
  await addRule(testApp.app, now);
});

afterAll(async () => {
  resetLegalClock();
  await testApp?.close();
});

describe('GET /legal/slots', () => {
  it('lists the next 4 weeks of slots in Beijing time, publicly', async () => {
    at('2026-12-02 10:00:00');
    const response = await call(testApp.app, 'GET', '/legal/slots');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.from).toBe('2026-12-02');
    expect(body.to).toBe('2026-12-29');
    expect(body.slots).toHaveLength(24);
    expect(body.slots[0]).toMatchObject({
      date: '2026-12-08',
      time: '09:00',
      endTime: '09:30',
      startsAt: '2026-12-08T09:00:00+08:00',
      endsAt: '2026-12-08T09:30:00+08:00',
      place: '魏都区退役军人服务中心',
      capacity: 2,
      remaining: 2,
      closed: false,
      closedReason: null,
      bookable: true,
      waitlistAvailable: false,
      bookingClosesAt: '2026-12-07T18:00:00+08:00',
      cancelClosesAt: '2026-12-07T18:00:00+08:00',
    });
    expect(body.closedDays).toEqual([]);
  });

  it('materialising again creates nothing new (idempotent)', async () => {
    expect(await materialiseSlots(testApp.app.db, at('2026-12-02 10:00:00'))).toBe(0);
  });

  it('refuses a range over 8 weeks or backwards', async () => {
    const long = await call(testApp.app, 'GET', '/legal/slots?from=2026-12-01&to=2027-01-26');
    expect(long.statusCode).toBe(400);
    expect(errorCode(long)).toBe('VALIDATION_FAILED');
    expect((await call(testApp.app, 'GET', '/legal/slots?from=2026-12-01&to=2027-01-25')).statusCode).toBe(200);
    expect((await call(testApp.app, 'GET', '/legal/slots?from=2026-12-10&to=2026-12-09')).statusCode).toBe(400);
    expect((await call(testApp.app, 'GET', '/legal/slots?from=2026-13-01')).statusCode).toBe(400);
  });
});

describe('booking', () => {
  it('needs a real-name identity', async () => {
    at('2026-12-02 10:00:00');
    const anonymous = await citizen(testApp.app, { identity: false });
    const slot = await slotAt(testApp.app, '2026-12-08', '09:30');
    const response = await book(testApp.app, anonymous, slot.id);
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe('IDENTITY_REQUIRED');
  });

  it('books a place, confirms it once (inbox + WeChat outbox), and shows it in 我的预约', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const person = await citizen(app);
    const slot = await slotAt(app, '2026-12-08', '09:30');
    const response = await book(app, person, slot.id, { topic: 'resettlement', description: '  安置待遇没有落实  ' });
    expect(response.statusCode).toBe(201);
    const booking = response.json();
    expect(booking).toMatchObject({
      status: 'booked',
      statusLabel: '已预约',
      topic: 'resettlement',
      topicLabel: '安置待遇',
      description: '安置待遇没有落实',
      forSelf: true,
      bookedByMe: true,
      cancellable: true,
      cancelClosesAt: '2026-12-07T18:00:00+08:00',
      hasRecord: false,
      slot: { id: slot.id, date: '2026-12-08', time: '09:30', place: '魏都区退役军人服务中心' },
    });
    expect(booking.subjectName).toMatch(/^测\*+/);
    // People describe their legal problem here: stored encrypted, never in plain.
    const [stored] = await app.db.select().from(legalBookings).where(eq(legalBookings.id, booking.id));
    expect(stored?.description).not.toContain('安置');
    expect(app.cipher.decrypt(stored?.description as string, sealedIn(legalBookings.description, booking.id))).toBe(
      '安置待遇没有落实',
    );
    expect((await slotById(app, slot.id)).booked).toBe(1);
    expect(await inbox(app, person.id, 'booking-confirmed')).toHaveLength(1);
    const [message] = await outboxRows(app, `booking-confirmed:${booking.id}`);
    expect(message?.template).toBe('booking-confirmed');

    const mine = (await call(app, 'GET', '/legal/bookings/mine', person.token)).json();
    expect(mine.bookings.map((item: { id: number }) => item.id)).toEqual([booking.id]);
    const slots = (await call(app, 'GET', '/legal/slots')).json().slots;
    expect(slots.find((item: { id: number }) => item.id === slot.id).remaining).toBe(1);

    // One upcoming booking per person.
    const again = await book(app, person, (await slotAt(app, '2026-12-15', '09:00')).id);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('ALREADY_BOOKED');
  });

  it('lets family book for a linked veteran — once per veteran — and refuses an unlinked one', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const veteran = await citizen(app);
    const family = await citizen(app, { kind: 'family' });
    const stranger = await citizen(app, { kind: 'family' });
    await linkFamily(app, family.id, veteran.id);
    const slot = await slotAt(app, '2026-12-15', '09:00');

    const unlinked = await book(app, stranger, slot.id, { onBehalfOf: veteran.id });
    expect(unlinked.statusCode).toBe(403);
    expect(errorCode(unlinked)).toBe('FORBIDDEN');

    const forVeteran = await book(app, family, slot.id, { onBehalfOf: veteran.id });
    expect(forVeteran.statusCode).toBe(201);
    expect(forVeteran.json()).toMatchObject({ forSelf: false, bookedByMe: true, subjectUserId: veteran.id });
    // The veteran sees it too, and is told in the inbox.
    const veteransView = (await call(app, 'GET', '/legal/bookings/mine', veteran.token)).json();
    expect(veteransView.bookings[0]).toMatchObject({ id: forVeteran.json().id, bookedByMe: false, cancellable: true });
    expect(await inbox(app, veteran.id, 'booking-confirmed')).toHaveLength(1);
    // The veteran already has an upcoming booking (made by family): no second one, by anyone.
    const own = await book(app, veteran, (await slotAt(app, '2026-12-22', '09:00')).id);
    expect(errorCode(own)).toBe('ALREADY_BOOKED');
    const second = await book(app, family, (await slotAt(app, '2026-12-22', '09:00')).id, { onBehalfOf: veteran.id });
    expect(errorCode(second)).toBe('ALREADY_BOOKED');
    // The family member may still book for themselves.
    expect((await book(app, family, (await slotAt(app, '2026-12-22', '09:00')).id)).statusCode).toBe(201);
  });

  it('answers SLOT_NOT_FOUND and validates the body', async () => {
    const person = await citizen(testApp.app);
    const missing = await book(testApp.app, person, 999999);
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('SLOT_NOT_FOUND');
    const slot = await slotAt(testApp.app, '2026-12-29', '09:00');
    const long = await book(testApp.app, person, slot.id, { description: '长'.repeat(501) });
    expect(long.statusCode).toBe(400);
    const topic = await book(testApp.app, person, slot.id, { topic: 'tax' });
    expect(topic.statusCode).toBe(400);
  });
});

describe('cutoffs at their exact edges (Beijing time)', () => {
  it('books until 17:59:59 the day before, not at 18:00:00', async () => {
    const app = testApp.app;
    const slot = await slotAt(app, '2026-12-08', '10:00');
    const early = await citizen(app);
    const late = await citizen(app);

    at('2026-12-07 17:59:59');
    const listed = (await call(app, 'GET', '/legal/slots')).json().slots;
    expect(listed.find((item: { id: number }) => item.id === slot.id).bookable).toBe(true);
    expect((await book(app, early, slot.id)).statusCode).toBe(201);

    at('2026-12-07 18:00:00');
    const refused = await book(app, late, slot.id);
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe('BOOKING_CLOSED');
    const after = (await call(app, 'GET', '/legal/slots')).json().slots;
    expect(after.find((item: { id: number }) => item.id === slot.id)).toMatchObject({ bookable: false, closed: false });
  });

  it('cancels until 17:59:59 the day before; at 18:00:00 CANCEL_CLOSED', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const first = await citizen(app);
    const second = await citizen(app);
    const slot = await slotAt(app, '2026-12-08', '10:30');
    const one = (await book(app, first, slot.id)).json();
    const two = (await book(app, second, slot.id)).json();

    at('2026-12-07 17:59:59');
    const mine = (await call(app, 'GET', '/legal/bookings/mine', first.token)).json();
    expect(mine.bookings[0].cancellable).toBe(true);
    const cancelled = await call(app, 'POST', `/legal/bookings/${one.id}/cancel`, first.token);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().booking).toMatchObject({ status: 'cancelled', statusLabel: '已取消', cancellable: false });
    expect((await slotById(app, slot.id)).booked).toBe(1);

    at('2026-12-07 18:00:00');
    expect((await call(app, 'GET', '/legal/bookings/mine', second.token)).json().bookings[0].cancellable).toBe(false);
    const late = await call(app, 'POST', `/legal/bookings/${two.id}/cancel`, second.token);
    expect(late.statusCode).toBe(409);
    expect(errorCode(late)).toBe('CANCEL_CLOSED');
    expect((await slotById(app, slot.id)).booked).toBe(1);
  });
});

describe('holidays', () => {
  it('closes a statutory holiday Tuesday (国庆节 2026-10-06) and shows the day with its reason', async () => {
    const app = testApp.app;
    const now = at('2026-09-20 10:00:00');
    await materialiseSlots(app.db, now);
    const response = await call(app, 'GET', '/legal/slots?from=2026-10-01&to=2026-10-14');
    const body = response.json();
    expect(body.closedDays).toEqual([{ date: '2026-10-06', reason: '节假日休息（国庆节）' }]);
    const holiday = body.slots.filter((slot: { date: string }) => slot.date === '2026-10-06');
    expect(holiday).toHaveLength(6);
    expect(holiday.every((slot: { closed: boolean; bookable: boolean }) => slot.closed && !slot.bookable)).toBe(true);
    expect(holiday[0].closedReason).toBe('节假日休息（国庆节）');
    expect(
      body.slots.filter((slot: { date: string; bookable: boolean }) => slot.date === '2026-10-13' && slot.bookable),
    ).toHaveLength(6);
    const person = await citizen(app);
    const refused = await book(app, person, holiday[0].id);
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe('BOOKING_CLOSED');
    expect(refused.json().error.message).toContain('国庆节');
  });

  it('closes a Tuesday the calendar admins declare a holiday, at once', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    await app.db.insert(holidayOverrides).values({ day: '2026-12-29', kind: 'holiday', name: '临时放假' });
    const body = (await call(app, 'GET', '/legal/slots')).json();
    expect(body.closedDays).toEqual([{ date: '2026-12-29', reason: '节假日休息（临时放假）' }]);
    const slot = await slotAt(app, '2026-12-29', '11:00');
    expect(errorCode(await book(app, await citizen(app), slot.id))).toBe('BOOKING_CLOSED');
    await app.db.delete(holidayOverrides).where(eq(holidayOverrides.day, '2026-12-29'));
  });
});

describe('waitlist', () => {
  it('joins a full slot, promotes the first waiting person on a cancel, and lets people leave', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const slot = await slotAt(app, '2026-12-15', '11:00');
    const a = await citizen(app);
    const b = await citizen(app);
    const c = await citizen(app);
    const d = await citizen(app);
    const first = (await book(app, a, slot.id)).json();
    expect((await book(app, b, slot.id)).statusCode).toBe(201);

    const full = await book(app, c, slot.id);
    expect(full.statusCode).toBe(409);
    expect(errorCode(full)).toBe('SLOT_FULL');
    // Full, and asked by someone who already has an upcoming booking: ALREADY_BOOKED comes first, also on the
    // full-slot shortcut that answers without a transaction.
    const bookedAndFull = await book(app, a, slot.id);
    expect(bookedAndFull.statusCode).toBe(409);
    expect(errorCode(bookedAndFull)).toBe('ALREADY_BOOKED');
    const listed = (await call(app, 'GET', '/legal/slots'))
      .json()
      .slots.find((item: { id: number }) => item.id === slot.id);
    expect(listed).toMatchObject({ remaining: 0, bookable: true, waitlistAvailable: true });

    const waiting = await book(app, c, slot.id, { waitlist: true });
    expect(waiting.statusCode).toBe(202);
    expect(waiting.json()).toMatchObject({ waitlisted: true, position: 1, slot: { id: slot.id } });
    const twice = await book(app, c, slot.id, { waitlist: true });
    expect(errorCode(twice)).toBe('ALREADY_WAITLISTED');
    const dWaiting = (await book(app, d, slot.id, { waitlist: true })).json();
    expect(dWaiting.position).toBe(2);
    expect((await call(app, 'GET', '/legal/bookings/mine', d.token)).json().waitlist[0]).toMatchObject({
      status: 'waiting',
      statusLabel: '候补中',
      position: 2,
    });

    // d leaves; another citizen cannot remove c's entry.
    expect((await call(app, 'DELETE', `/legal/waitlist/${waiting.json().waitlistId}`, d.token)).statusCode).toBe(404);
    expect((await call(app, 'DELETE', `/legal/waitlist/${dWaiting.waitlistId}`, d.token)).statusCode).toBe(204);

    const cancel = await call(app, 'POST', `/legal/bookings/${first.id}/cancel`, a.token);
    expect(cancel.json().promoted).toBe(1);
    const cView = (await call(app, 'GET', '/legal/bookings/mine', c.token)).json();
    expect(cView.bookings[0]).toMatchObject({ status: 'booked', slot: { id: slot.id } });
    expect(cView.waitlist[0]).toMatchObject({ status: 'promoted', bookingId: cView.bookings[0].id, position: null });
    expect(await inbox(app, c.id, 'waitlist-promoted')).toHaveLength(1);
    expect(await outboxRows(app, `waitlist-promoted:${waiting.json().waitlistId}`)).toHaveLength(1);
    expect((await slotById(app, slot.id)).booked).toBe(2);
    const [dEntry] = await app.db.select().from(legalWaitlist).where(eq(legalWaitlist.id, dWaiting.waitlistId));
    expect(dEntry?.status).toBe('cancelled');
  });
});

describe('the waitlist closes with booking', () => {
  it('promotes nobody after the booking cutoff, and the job closes the waiting entries', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const slot = await slotAt(app, '2026-12-15', '09:30');
    const holder = await citizen(app);
    const held = (await book(app, holder, slot.id)).json();
    expect((await book(app, await citizen(app), slot.id)).statusCode).toBe(201);
    const waiter = await citizen(app);
    const entry = (await book(app, waiter, slot.id, { waitlist: true })).json();

    // After the cutoff the centre cancels a booking: the place stays free, nobody is promoted.
    const now = at('2026-12-14 18:00:00');
    const staff = await createStaff(app, { role: 'staff' });
    const cancelled = await call(app, 'POST', `/staff/legal/bookings/${held.id}/cancel`, staff.token, {
      reason: '本人来电取消',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled_by_centre', promoted: 0 });
    expect((await slotById(app, slot.id)).booked).toBe(1);
    expect((await call(app, 'GET', '/legal/bookings/mine', waiter.token)).json().waitlist[0].status).toBe('closed');

    expect(await closeWaitlists(app.db, now)).toBe(1);
    expect(await closeWaitlists(app.db, now)).toBe(0);
    const [row] = await app.db.select().from(legalWaitlist).where(eq(legalWaitlist.id, entry.waitlistId));
    expect(row?.status).toBe('closed');
    expect(await inbox(app, waiter.id, 'waitlist-ended')).toHaveLength(1);
  });
});

describe('the periodic job', () => {
  it('publishes the next week as days pass', async () => {
    const app = testApp.app;
    await runLegalJobs(app, at('2026-12-09 10:00:00'));
    expect((await slotAt(app, '2027-01-05', '09:00')).capacity).toBe(2);
  });
});

describe('authorisation', () => {
  it('documents every legal route, and all but the public slot list need a token', async () => {
    const app = testApp.app;
    const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const prefixes = ['/api/v1/legal/', '/api/v1/staff/legal/', '/api/v1/admin/legal/'];
    const routes = Object.entries(paths)
      .filter(([path]) => prefixes.some((prefix) => path.startsWith(prefix)))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => ({
          method: method.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'DELETE',
          url: path.replace(/\{[^}]+\}/g, '1'),
        })),
      );
    expect(routes).toHaveLength(25);
    for (const route of routes) {
      if (route.url === '/api/v1/legal/slots') continue;
      const response = await app.inject({ ...route, payload: route.method === 'GET' ? undefined : { bogus: true } });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('needs a token, refuses staff tokens on citizen routes and citizens on staff routes', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const slot = await slotAt(app, '2026-12-22', '11:30');
    const noToken = await call(app, 'POST', '/legal/bookings', undefined, {
      slotId: slot.id,
      topic: 'other',
      description: 'x',
    });
    expect(noToken.statusCode).toBe(401);
    expect((await call(app, 'GET', '/legal/bookings/mine')).statusCode).toBe(401);

    const staff = await createStaff(app, { role: 'staff' });
    const staffBooking = await call(app, 'POST', '/legal/bookings', staff.token, {
      slotId: slot.id,
      topic: 'other',
      description: '工作人员试图预约',
    });
    expect(staffBooking.statusCode).toBe(403);
    expect(errorCode(staffBooking)).toBe('FORBIDDEN');

    const person = await citizen(app);
    for (const [method, url] of [
      ['GET', '/staff/legal/day?date=2026-12-08'],
      ['POST', '/legal/bookings/1/check-in'],
      ['POST', '/legal/bookings/1/no-show'],
      ['GET', '/staff/legal/impacts'],
      ['GET', '/staff/legal/sessions'],
      ['GET', '/staff/legal/bookings/1/applicant-contact'],
      ['GET', '/staff/legal/records'],
      ['GET', '/admin/legal/rules'],
    ] as const) {
      const response = await call(app, method, url, person.token);
      expect(response.statusCode, url).toBe(403);
    }
  });

  it("hides another citizen's booking: cancelling it is 404", async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const owner = await citizen(app);
    const other = await citizen(app);
    const slot = await slotAt(app, '2026-12-22', '11:30');
    const booking = (await book(app, owner, slot.id)).json();
    const response = await call(app, 'POST', `/legal/bookings/${booking.id}/cancel`, other.token);
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe('BOOKING_NOT_FOUND');
    const [row] = await app.db.select().from(legalSlots).where(eq(legalSlots.id, slot.id));
    expect(row?.booked).toBe(1);
  });
});

describe('descriptions stored before they were encrypted', () => {
  it('still read, and the start-up backfill encrypts them once', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const person = await citizen(app);
    const slot = await slotAt(app, '2026-12-22', '09:00');
    const booking = (await book(app, person, slot.id)).json();
    await app.db.update(legalBookings).set({ description: '旧版本的明文描述' }).where(eq(legalBookings.id, booking.id));
    const mine = (await call(app, 'GET', '/legal/bookings/mine', person.token)).json();
    expect(mine.bookings.find((item: { id: number }) => item.id === booking.id).description).toBe('旧版本的明文描述');

    expect(await backfillLegalDescriptions(app.db, app.cipher)).toBeGreaterThanOrEqual(1);
    expect(await backfillLegalDescriptions(app.db, app.cipher)).toBe(0);
    const [stored] = await app.db.select().from(legalBookings).where(eq(legalBookings.id, booking.id));
    expect(app.cipher.decrypt(stored?.description as string, sealedIn(legalBookings.description, booking.id))).toBe(
      '旧版本的明文描述',
    );
    const again = (await call(app, 'GET', '/legal/bookings/mine', person.token)).json();
    expect(again.bookings.find((item: { id: number }) => item.id === booking.id).description).toBe('旧版本的明文描述');
  });
});
