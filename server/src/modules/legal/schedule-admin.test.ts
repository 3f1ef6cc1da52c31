import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, legalBookings, legalRuleChangeImpacts } from '../../db/schema/index';
import { seedDemoLegal } from '../../demo/legal';
import { createStaff, type StaffFixture } from '../../testing/fixtures';
import type { TestApp } from '../../testing/test-app';
import { resetLegalClock } from './clock';
import {
  at,
  book,
  call,
  citizen,
  clearSchedule,
  errorCode,
  inbox,
  legalTestApp,
  must,
  outboxRows,
  type Person,
  slotAt,
  slotById,
  tuesdayRule,
} from './test-support';

let testApp: TestApp;
let admin: StaffFixture;
let staff: StaffFixture;
let ruleId: number;

beforeAll(async () => {
  testApp = await legalTestApp();
  admin = await createStaff(testApp.app, { role: 'admin', unitCode: 'weidu' });
  staff = await createStaff(testApp.app, { role: 'staff', unitCode: 'weidu' });
});

afterAll(async () => {
  resetLegalClock();
  await testApp?.close();
});

describe('schedule rules', () => {
  it('only an admin of the district centre manages the schedule', async () => {
    const app = testApp.app;
    const stationAdmin = await createStaff(app, { role: 'admin', unitCode: 'xidajie' });
    const lawyer = await createStaff(app, { role: 'lawyer', unitCode: 'weidu' });
    for (const token of [staff.token, stationAdmin.token, lawyer.token]) {
      expect((await call(app, 'POST', '/admin/legal/rules', token, tuesdayRule)).statusCode).toBe(403);
    }
    expect((await call(app, 'GET', '/admin/legal/rules')).statusCode).toBe(401);
  });

  it('creates a rule and publishes its slots at once', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const response = await call(app, 'POST', '/admin/legal/rules', admin.token, tuesdayRule);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    ruleId = body.rule.id;
    expect(body.rule).toMatchObject({ weekdays: [2], startTime: '09:00', capacity: 2, active: true });
    expect(body.effect).toEqual({ slotsCreated: 24, slotsClosed: 0, slotsReopened: 0, affectedBookings: 0 });
    expect((await call(app, 'GET', '/admin/legal/rules', admin.token)).json().items).toHaveLength(1);
    const invalid = await call(app, 'POST', '/admin/legal/rules', admin.token, { ...tuesdayRule, endTime: '08:00' });
    expect(invalid.statusCode).toBe(400);
    const tooShort = await call(app, 'POST', '/admin/legal/rules', admin.token, {
      ...tuesdayRule,
      endTime: '09:20',
    });
    expect(tooShort.statusCode).toBe(400);
  });

  it('a rule change keeps existing bookings, lists the affected ones for staff and tells their holders', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const people: Person[] = [];
    for (let index = 0; index < 5; index++) people.push(await citizen(app));
    const [a, b, c, d, e] = people as [Person, Person, Person, Person, Person];
    const ids: Record<string, number> = {};
    ids.a = (await book(app, a, (await slotAt(app, '2026-12-08', '09:00')).id)).json().id;
    ids.b = (await book(app, b, (await slotAt(app, '2026-12-08', '11:30')).id)).json().id;
    ids.c = (await book(app, c, (await slotAt(app, '2026-12-15', '09:00')).id)).json().id;
    ids.d = (await book(app, d, (await slotAt(app, '2026-12-15', '10:00')).id)).json().id;
    ids.e = (await book(app, e, (await slotAt(app, '2026-12-15', '10:00')).id)).json().id;

    // Hours end at 11:00 now, and only one lawyer is on duty.
    const response = await call(app, 'PATCH', `/admin/legal/rules/${ruleId}`, admin.token, {
      ...tuesdayRule,
      endTime: '11:00',
      capacity: 1,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().effect).toEqual({ slotsCreated: 0, slotsClosed: 8, slotsReopened: 0, affectedBookings: 2 });

    // Nothing was dropped.
    const rows = await app.db.select().from(legalBookings);
    expect(rows.filter((row) => Object.values(ids).includes(row.id)).every((row) => row.status === 'booked')).toBe(
      true,
    );
    // The 11:30 slot is closed and gone from the public list; its holder is told (inbox + WeChat reminder template).
    const closedSlot = await slotById(app, must(rows.find((row) => row.id === ids.b)).slotId);
    expect(closedSlot.closedReason).toBe('值班安排调整，该时段已取消');
    const listed = (await call(app, 'GET', '/legal/slots')).json().slots;
    expect(listed.some((slot: { time: string }) => slot.time >= '11:00')).toBe(false);
    expect(
      listed.find((slot: { date: string; time: string }) => slot.date === '2026-12-15' && slot.time === '10:00'),
    ).toMatchObject({ capacity: 1, remaining: 0 });
    expect(await inbox(app, b.id, 'booking-changed')).toHaveLength(1);
    const bView = (await call(app, 'GET', '/legal/bookings/mine', b.token)).json().bookings[0];
    expect(bView).toMatchObject({ status: 'booked', slot: { closedReason: '值班安排调整，该时段已取消' } });
    // The later of the two 10:00 bookings is beyond the new capacity: kept, listed, told (inbox only).
    expect(await inbox(app, e.id, 'booking-changed')).toHaveLength(1);
    expect(await inbox(app, d.id, 'booking-changed')).toHaveLength(0);
    expect(await inbox(app, a.id, 'booking-changed')).toHaveLength(0);

    const impacts = (await call(app, 'GET', '/staff/legal/impacts', staff.token)).json().items;
    expect(impacts).toHaveLength(2);
    const byBooking = new Map(impacts.map((item: { booking: { id: number } }) => [item.booking.id, item]));
    expect(byBooking.get(ids.b)).toMatchObject({ reason: '停诊：值班安排调整，该时段已取消', handledAt: null });
    expect((byBooking.get(ids.e) as { reason: string }).reason).toContain('名额调整为 1 个');
    const impactOfB = byBooking.get(ids.b) as { id: number; booking: { name: string } };
    expect(impactOfB.booking.name).toMatch(/\*/);
    const [wechat] = await outboxRows(app, `booking-changed:${ids.b}:${impactOfB.id}`);
    expect(wechat?.template).toBe('booking-reminder');

    // Staff mark one handled.
    expect((await call(app, 'POST', `/staff/legal/impacts/${impactOfB.id}/handled`, staff.token)).statusCode).toBe(204);
    expect((await call(app, 'POST', `/staff/legal/impacts/${impactOfB.id}/handled`, staff.token)).statusCode).toBe(409);
    expect((await call(app, 'GET', '/staff/legal/impacts', staff.token)).json().items).toHaveLength(1);
    expect((await call(app, 'GET', '/staff/legal/impacts?include=all', staff.token)).json().items).toHaveLength(2);
    const [handled] = await app.db
      .select()
      .from(legalRuleChangeImpacts)
      .where(eq(legalRuleChangeImpacts.id, impactOfB.id));
    expect(handled?.handledBy).toBe(staff.id);

    // Running the same change again affects nobody twice.
    const again = await call(app, 'PATCH', `/admin/legal/rules/${ruleId}`, admin.token, {
      ...tuesdayRule,
      endTime: '11:00',
      capacity: 1,
    });
    expect(again.json().effect).toEqual({ slotsCreated: 0, slotsClosed: 0, slotsReopened: 0, affectedBookings: 0 });

    const audit = await app.db.select().from(auditLog).where(eq(auditLog.action, 'legal.rule_updated'));
    expect(audit).toHaveLength(2);
    expect(audit[0]?.detail).toMatchObject({ changed: { endTime: { from: '12:00', to: '11:00' } } });

    // The centre may cancel a kept booking (e.g. after calling the holder): the place is freed, the holder told.
    const cancelled = await call(app, 'POST', `/staff/legal/bookings/${ids.b}/cancel`, staff.token, {
      reason: '该时段已取消，已电话联系改约',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled_by_centre', promoted: 0 });
    expect(await inbox(app, b.id, 'booking-cancelled')).toHaveLength(1);
    expect((await slotById(app, closedSlot.id)).booked).toBe(0);
  });
});

describe('closures', () => {
  it('closes a whole day with its reason, keeps its bookings, and reopens when removed', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const holder = await citizen(app);
    const slot = await slotAt(app, '2026-12-22', '09:30');
    const booking = (await book(app, holder, slot.id)).json();

    const past = await call(app, 'POST', '/admin/legal/closures', admin.token, { date: '2026-12-01', reason: '培训' });
    expect(past.statusCode).toBe(400);
    const response = await call(app, 'POST', '/admin/legal/closures', admin.token, {
      date: '2026-12-22',
      reason: '律师参加培训',
    });
    expect(response.statusCode).toBe(201);
    const { closure, effect } = response.json();
    expect(closure).toMatchObject({ date: '2026-12-22', startTime: null, endTime: null, reason: '律师参加培训' });
    expect(effect).toEqual({ slotsCreated: 0, slotsClosed: 4, slotsReopened: 0, affectedBookings: 1 });

    const body = (await call(app, 'GET', '/legal/slots')).json();
    expect(body.closedDays).toEqual([{ date: '2026-12-22', reason: '律师参加培训' }]);
    const day = body.slots.filter((item: { date: string }) => item.date === '2026-12-22');
    expect(
      day.every(
        (item: { closedReason: string; bookable: boolean }) => item.closedReason === '律师参加培训' && !item.bookable,
      ),
    ).toBe(true);
    expect(errorCode(await book(app, await citizen(app), slot.id))).toBe('BOOKING_CLOSED');
    expect((await call(app, 'GET', '/admin/legal/closures', admin.token)).json().items).toHaveLength(1);
    const impacts = (await call(app, 'GET', '/staff/legal/impacts', staff.token)).json().items;
    expect(
      impacts.some(
        (item: { booking: { id: number }; reason: string }) =>
          item.booking.id === booking.id && item.reason === '停诊：律师参加培训',
      ),
    ).toBe(true);

    const removed = await call(app, 'DELETE', `/admin/legal/closures/${closure.id}`, admin.token);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().effect).toMatchObject({ slotsReopened: 4 });
    expect((await slotById(app, slot.id)).closedReason).toBeNull();
    const told = await inbox(app, holder.id, 'booking-changed');
    expect(told.map((row) => row.title)).toEqual(['法律咨询时段停诊', '法律咨询时段恢复开放']);
    expect((await call(app, 'DELETE', `/admin/legal/closures/${closure.id}`, admin.token)).statusCode).toBe(404);
  });

  it('a time-range closure closes only the slots it overlaps', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const response = await call(app, 'POST', '/admin/legal/closures', admin.token, {
      date: '2026-12-29',
      startTime: '10:00',
      endTime: '10:45',
      reason: '会议室检修',
    });
    expect(response.json().effect.slotsClosed).toBe(2);
    const day = (await call(app, 'GET', '/legal/slots'))
      .json()
      .slots.filter((item: { date: string }) => item.date === '2026-12-29');
    expect(day.map((item: { time: string; closed: boolean }) => `${item.time}:${item.closed}`)).toEqual([
      '09:00:false',
      '09:30:false',
      '10:00:true',
      '10:30:true',
    ]);
    const audit = await app.db.select().from(auditLog).where(eq(auditLog.action, 'legal.closure_created'));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('deactivating a rule closes its future slots but keeps the bookings', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const response = await call(app, 'DELETE', `/admin/legal/rules/${ruleId}`, admin.token);
    expect(response.statusCode).toBe(200);
    expect(response.json().rule.active).toBe(false);
    expect(response.json().effect.affectedBookings).toBeGreaterThan(0);
    expect((await call(app, 'GET', '/legal/slots')).json().slots).toEqual([]);
    const kept = await app.db.select().from(legalBookings).where(eq(legalBookings.status, 'booked'));
    expect(kept.length).toBeGreaterThan(0);
  });
});

describe('demo data', () => {
  it('seeds the Tuesday-morning rule once and publishes 4 weeks of slots', async () => {
    const app = testApp.app;
    await clearSchedule(app);
    const now = at('2026-12-02 10:00:00');
    await seedDemoLegal(app.db, now);
    await seedDemoLegal(app.db, now);
    const rules = (await call(app, 'GET', '/admin/legal/rules', admin.token)).json().items;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      place: '魏都区退役军人服务中心',
      weekdays: [2],
      startTime: '09:00',
      endTime: '12:00',
      slotMinutes: 30,
      capacity: 2,
      weeksAhead: 4,
      bookingCutoffDaysBefore: 1,
      bookingCutoffTime: '18:00',
      cancelCutoffDaysBefore: 1,
      cancelCutoffTime: '18:00',
    });
    const slots = (await call(app, 'GET', '/legal/slots')).json().slots;
    expect(slots).toHaveLength(24);
    expect(new Set(slots.map((slot: { date: string }) => slot.date))).toEqual(
      new Set(['2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29']),
    );
  });
});
