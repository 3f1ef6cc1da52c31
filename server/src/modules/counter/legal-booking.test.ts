import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consents, legalBookings, users } from '../../db/schema/index';
import { createStaff, type StaffFixture, unitIdByCode } from '../../testing/fixtures';
import type { TestApp } from '../../testing/test-app';
import { resetLegalClock } from '../legal/clock';
import {
  addRule,
  at,
  book,
  call,
  citizen,
  errorCode,
  inbox,
  legalTestApp,
  type Person,
  slotAt,
} from '../legal/test-support';

let testApp: TestApp;
let clerk: StaffFixture;
let centreStaff: StaffFixture;
let wenhuaId: number;

beforeAll(async () => {
  testApp = await legalTestApp();
  await addRule(testApp.app, at('2026-12-02 10:00:00'));
  clerk = await createStaff(testApp.app, { unitCode: 'xidajie-wenhua' });
  centreStaff = await createStaff(testApp.app, { unitCode: 'weidu' });
  wenhuaId = await unitIdByCode(testApp.app, 'xidajie-wenhua');
});

afterAll(async () => {
  resetLegalClock();
  await testApp?.close();
});

/** A verified veteran of 文化社区 (the clerk's station), who has not agreed to the privacy policy in the app. */
async function resident(): Promise<Person> {
  const person = await citizen(testApp.app);
  await testApp.app.db.update(users).set({ communityUnitId: wenhuaId }).where(eq(users.id, person.id));
  return person;
}

async function slotId(date: string, time: string): Promise<number> {
  return (await slotAt(testApp.app, date, time)).id;
}

function bookFor(person: Pick<Person, 'id'>, slot: number, by = clerk, extra: Record<string, unknown> = {}) {
  return call(testApp.app, 'POST', '/staff/counter/legal-bookings', by.token, {
    userId: person.id,
    slotId: slot,
    topic: 'labour',
    description: '来电咨询：单位拖欠工资',
    channel: 'phone',
    consentMethod: 'in-person',
    ...extra,
  });
}

describe('POST /staff/counter/legal-bookings', () => {
  it('books a later-day slot by phone: the person holds it and is told, the desk sees who booked it', async () => {
    at('2026-12-03 15:00:00');
    const person = await resident();
    const slot = await slotId('2026-12-08', '09:00');
    const response = await bookFor(person, slot);
    expect(response.statusCode, response.body).toBe(201);
    const booked = response.json();
    expect(booked).toMatchObject({
      slot: { id: slot, date: '2026-12-08', time: '09:00', place: '魏都区退役军人服务中心' },
      staffNote: '电话预约（经办人 测试staff）',
      cancelClosesAt: '2026-12-07T18:00:00+08:00',
    });
    expect(booked.personName).toContain('*');

    const [row] = await testApp.app.db.select().from(legalBookings).where(eq(legalBookings.id, booked.bookingId));
    expect(row).toMatchObject({
      userId: person.id,
      subjectUserId: person.id,
      channel: 'phone',
      bookedByStaffId: clerk.id,
    });

    const mine = (await call(testApp.app, 'GET', '/legal/bookings/mine', person.token)).json();
    expect(mine.bookings).toHaveLength(1);
    expect(mine.bookings[0]).toMatchObject({
      id: booked.bookingId,
      status: 'booked',
      forSelf: true,
      bookedByMe: true,
      cancellable: true,
      staffNote: '电话预约（工作人员为您预约）',
    });
    expect((await inbox(testApp.app, person.id)).length).toBeGreaterThan(0);

    const day = (await call(testApp.app, 'GET', '/staff/legal/day?date=2026-12-08', centreStaff.token)).json();
    const listed = day.slots.flatMap((entry: { bookings: { id: number }[] }) => entry.bookings);
    expect(listed.find((entry: { id: number }) => entry.id === booked.bookingId)).toMatchObject({
      staffNote: '电话预约（经办人 测试staff）',
      walkIn: false,
    });

    const audits = await testApp.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'counter.legal_booking'), eq(auditLog.targetId, booked.bookingId)));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]?.detail)).not.toContain('拖欠');
  });

  it('records how the person agreed to the privacy policy, once', async () => {
    at('2026-12-03 15:00:00');
    const person = await resident();
    expect(
      (await bookFor(person, await slotId('2026-12-08', '09:30'), clerk, { consentMethod: 'paper-form' })).statusCode,
    ).toBe(201);
    const recorded = await testApp.app.db
      .select()
      .from(consents)
      .where(and(eq(consents.userId, person.id), eq(consents.kind, 'privacy-policy')));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ granted: 'granted', method: 'paper-form', recordedBy: clerk.id });
  });

  it('keeps the app’s rules: one upcoming booking, capacity, the booking cutoff', async () => {
    at('2026-12-03 15:00:00');
    const first = await resident();
    const slot = await slotId('2026-12-08', '10:00');
    expect((await book(testApp.app, first, slot)).statusCode).toBe(201);
    const again = await bookFor(first, await slotId('2026-12-15', '10:00'));
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('ALREADY_BOOKED');
    expect(again.json().error.message).toBe('该退役军人已有一个未完成的预约，请先完成或取消后再预约');

    const second = await resident();
    expect((await bookFor(second, slot, clerk, { channel: 'counter' })).statusCode).toBe(201);
    const full = await bookFor(await resident(), slot);
    expect(full.statusCode).toBe(409);
    expect(errorCode(full)).toBe('SLOT_FULL');

    at('2026-12-07 18:00:01');
    const late = await bookFor(await resident(), await slotId('2026-12-08', '11:00'));
    expect(errorCode(late)).toBe('BOOKING_CLOSED');
    expect(late.json().error.message).toBe('该时段已过预约截止时间');
  });

  it('is for staff in scope; others are refused and bad input is named', async () => {
    at('2026-12-03 15:00:00');
    const person = await resident();
    const slot = await slotId('2026-12-15', '09:00');
    const otherStreet = await createStaff(testApp.app, { unitCode: 'dongdajie' });
    const outOfScope = await bookFor(person, slot, otherStreet);
    expect(outOfScope.statusCode).toBe(404);
    expect(outOfScope.json().error.message).toBe('未找到此人，请先按身份证号码查找或登记');

    const lawyer = await createStaff(testApp.app, { role: 'lawyer', unitCode: 'weidu' });
    expect((await bookFor(person, slot, lawyer)).statusCode).toBe(403);
    const asCitizen = await call(testApp.app, 'POST', '/staff/counter/legal-bookings', person.token, {});
    expect(asCitizen.statusCode).toBe(403);
    expect((await call(testApp.app, 'POST', '/staff/counter/legal-bookings', undefined, {})).statusCode).toBe(401);

    const noChannel = await bookFor(person, slot, clerk, { channel: 'online' });
    expect(noChannel.statusCode).toBe(400);
    expect(JSON.stringify(noChannel.json().error.details)).toContain('请选择预约方式（窗口或电话）');
    const noDescription = await bookFor(person, slot, clerk, { description: '  ' });
    expect(noDescription.statusCode).toBe(400);
    expect(JSON.stringify(noDescription.json().error.details)).toContain('请简要描述咨询的问题');
    expect(errorCode(await bookFor(person, 999_999))).toBe('SLOT_NOT_FOUND');
    expect((await call(testApp.app, 'GET', '/legal/bookings/mine', person.token)).json().bookings).toHaveLength(0);
  });
});

describe('walk-ins on the desk', () => {
  it('are counter bookings that name the clerk', async () => {
    at('2026-12-08 09:40:00');
    const person = await citizen(testApp.app);
    const response = await call(testApp.app, 'POST', '/staff/legal/walk-ins', centreStaff.token, {
      slotId: await slotId('2026-12-08', '11:30'),
      userId: person.id,
      topic: 'housing',
      description: '房屋租赁纠纷',
    });
    expect(response.statusCode, response.body).toBe(201);
    const day = (await call(testApp.app, 'GET', '/staff/legal/day?date=2026-12-08', centreStaff.token)).json();
    const entry = day.slots
      .flatMap((slot: { bookings: { name: string; walkIn: boolean }[] }) => slot.bookings)
      .find((booking: { walkIn: boolean }) => booking.walkIn);
    expect(entry).toMatchObject({ staffNote: '现场登记（经办人 测试staff）', status: 'checked_in' });
  });
});
