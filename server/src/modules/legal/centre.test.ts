import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  legalBookings,
  legalConsultationRecords,
  legalSlots,
  serviceRequests,
  users,
} from '../../db/schema/index';
import { writeSealed } from '../../db/sealed-columns';
import { createStaff, type StaffFixture } from '../../testing/fixtures';
import type { TestApp } from '../../testing/test-app';
import { linkFamily } from '../requests/test-support';
import { resetLegalClock } from './clock';
import { sendBookingReminders } from './jobs';
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
  type Person,
  slotAt,
} from './test-support';
import { beijingInstant } from './time';

let testApp: TestApp;
let staff: StaffFixture;
let lawyer: StaffFixture;
let otherLawyer: StaffFixture;
let stationStaff: StaffFixture;
let ruleId: number;
const ids: Record<string, number> = {};
const people: Record<string, Person> = {};

function person(name: string): Person {
  const found = people[name];
  if (!found) throw new Error(`No person ${name}`);
  return found;
}

function idOf(name: string): number {
  const found = ids[name];
  if (found === undefined) throw new Error(`No booking ${name}`);
  return found;
}

/** A past appointment the person missed (a slot in the past, marked no-show). */
async function pastNoShow(person: Person, beijing: string) {
  const [date, time] = beijing.split(' ') as [string, string];
  const startsAt = beijingInstant(date, time);
  const [slot] = await testApp.app.db.insert(legalSlots).values({
    ruleId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    place: '魏都区退役军人服务中心',
    capacity: 2,
    booked: 1,
  });
  await testApp.app.db.insert(legalBookings).values({
    slotId: Number(slot.insertId),
    userId: person.id,
    subjectUserId: person.id,
    topic: 'other',
    description: '以前的预约',
    status: 'no_show',
  });
}

beforeAll(async () => {
  testApp = await legalTestApp();
  const app = testApp.app;
  staff = await createStaff(app, { role: 'staff', unitCode: 'weidu' });
  lawyer = await createStaff(app, { role: 'lawyer', unitCode: 'weidu' });
  otherLawyer = await createStaff(app, { role: 'lawyer', unitCode: 'weidu' });
  stationStaff = await createStaff(app, { role: 'staff', unitCode: 'xidajie' });
  const now = at('2026-12-02 10:00:00');
  ruleId = await addRule(app, now);
  for (const name of ['p', 'q', 'r', 's', 'family', 'walker', 'walker2', 'walker3', 't']) {
    people[name] = await citizen(app, name === 'family' ? { kind: 'family' } : {});
  }
  await linkFamily(app, person('family').id, person('r').id);
  ids.p = (await book(app, person('p'), (await slotAt(app, '2026-12-08', '09:00')).id)).json().id;
  ids.q = (await book(app, person('q'), (await slotAt(app, '2026-12-08', '09:30')).id)).json().id;
  ids.r = (await book(app, person('r'), (await slotAt(app, '2026-12-08', '09:30')).id)).json().id;
  ids.s = (await book(app, person('s'), (await slotAt(app, '2026-12-08', '11:00')).id)).json().id;
  ids.t = (await book(app, person('t'), (await slotAt(app, '2026-12-15', '09:00')).id)).json().id;
  // r missed two appointments in the last 90 days; s missed two long ago.
  await pastNoShow(person('r'), '2026-10-20 09:00');
  await pastNoShow(person('r'), '2026-11-10 09:00');
  await pastNoShow(person('s'), '2026-07-07 09:00');
  await pastNoShow(person('s'), '2026-08-04 09:00');
});

afterAll(async () => {
  resetLegalClock();
  await testApp?.close();
});

describe("the day's list", () => {
  it('shows staff of the centre and lawyers the day with masked names; station staff and citizens get 403', async () => {
    const app = testApp.app;
    at('2026-12-08 08:30:00');
    for (const token of [staff.token, lawyer.token]) {
      const response = await call(app, 'GET', '/staff/legal/day?date=2026-12-08', token);
      expect(response.statusCode).toBe(200);
      const day = response.json();
      expect(day.closedReason).toBeNull();
      expect(day.slots).toHaveLength(6);
      const nineThirty = day.slots.find((slot: { time: string }) => slot.time === '09:30');
      expect(nineThirty).toMatchObject({ capacity: 2, booked: 2, remaining: 0 });
      expect(nineThirty.bookings).toHaveLength(2);
      expect(nineThirty.bookings[0]).toMatchObject({ status: 'booked', walkIn: false, topicLabel: '劳动就业' });
      expect(nineThirty.bookings[0].name).toMatch(/^测\*+/);
    }
    expect((await call(app, 'GET', '/staff/legal/day?date=2026-12-08', stationStaff.token)).statusCode).toBe(403);
    expect((await call(app, 'GET', '/staff/legal/day?date=2026-12-08', person('p').token)).statusCode).toBe(403);
    expect((await call(app, 'GET', '/staff/legal/day?date=2026-12-08')).statusCode).toBe(401);
  });
});

describe("the booker's phone", () => {
  it('is masked for centre staff and lawyers; the whole number is audited; station staff get 403', async () => {
    const app = testApp.app;
    await writeSealed(app.db, app.cipher, person('q').id, [[users.phoneCipher, '13700001234']]);
    const contact = (token: string, query = '', id = idOf('q')) =>
      call(app, 'GET', `/staff/legal/bookings/${id}/applicant-contact${query}`, token);
    for (const token of [staff.token, lawyer.token]) {
      const masked = await contact(token);
      expect(masked.statusCode).toBe(200);
      expect(masked.json()).toMatchObject({ phone: '137****1234', revealed: false });
    }
    expect((await contact(staff.token, '', idOf('p'))).json()).toMatchObject({ phone: null, revealed: false });
    const revealed = await contact(lawyer.token, '?reveal=phone');
    expect(revealed.json()).toMatchObject({ phone: '13700001234', revealed: true });
    expect(revealed.headers['cache-control']).toBe('no-store');
    const audits = await app.db
      .select({ actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'legal.view_phone'), eq(auditLog.targetId, String(idOf('q')))));
    expect(audits).toEqual([{ actorId: lawyer.id }]);
    expect((await contact(stationStaff.token)).statusCode).toBe(403);
    expect((await contact(person('q').token)).statusCode).toBe(403);
    const missing = await contact(staff.token, '', 999_999);
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('BOOKING_NOT_FOUND');
  });
});

describe('check-in and no-show', () => {
  it('checks in on the slot day only, by centre staff (lawyers record, they do not check in)', async () => {
    const app = testApp.app;
    at('2026-12-07 10:00:00');
    const early = await call(app, 'POST', `/legal/bookings/${ids.p}/check-in`, staff.token);
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe('INVALID_TRANSITION');

    at('2026-12-08 08:50:00');
    expect((await call(app, 'POST', `/legal/bookings/${ids.p}/check-in`, lawyer.token)).statusCode).toBe(403);
    expect((await call(app, 'POST', `/legal/bookings/${ids.p}/check-in`, stationStaff.token)).statusCode).toBe(403);
    const response = await call(app, 'POST', `/legal/bookings/${ids.p}/check-in`, staff.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'checked_in', statusLabel: '已签到' });
    expect(response.json().checkedInAt).toBe('2026-12-08T08:50:00+08:00');
    expect((await call(app, 'POST', `/legal/bookings/${ids.p}/check-in`, staff.token)).statusCode).toBe(409);
    expect((await call(app, 'POST', '/legal/bookings/999999/check-in', staff.token)).statusCode).toBe(404);
    const audit = await app.db.select().from(auditLog).where(eq(auditLog.action, 'legal.check_in'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: staff.id, targetId: String(ids.p) });
  });

  it('marks a no-show only after the slot started', async () => {
    const app = testApp.app;
    at('2026-12-08 09:29:59');
    const early = await call(app, 'POST', `/legal/bookings/${ids.q}/no-show`, staff.token);
    expect(early.statusCode).toBe(409);
    at('2026-12-08 09:31:00');
    const response = await call(app, 'POST', `/legal/bookings/${ids.q}/no-show`, staff.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'no_show', statusLabel: '未到场', blockedUntil: null });
    // A late arrival the same day may still be checked in.
    expect((await call(app, 'POST', `/legal/bookings/${ids.q}/check-in`, staff.token)).json().status).toBe(
      'checked_in',
    );
  });

  it('blocks booking for 30 days after the third no-show within 90 days, saying until when', async () => {
    const app = testApp.app;
    at('2026-12-08 09:45:00');
    const marked = await call(app, 'POST', `/legal/bookings/${ids.r}/no-show`, staff.token);
    expect(marked.json().blockedUntil).toBe('2027-01-07T09:30:00+08:00');
    expect(await inbox(app, person('r').id, 'booking-blocked')).toHaveLength(1);

    at('2026-12-08 12:00:00');
    const slot = await slotAt(app, '2026-12-22', '09:00');
    const refused = await book(app, person('r'), slot.id);
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('BOOKING_BLOCKED');
    expect(refused.json().error.message).toContain('2027年1月7日 09:30前');
    expect(refused.json().error.message).toContain('3 次预约未到场');
    // Family cannot book for them either.
    const byFamily = await book(app, person('family'), slot.id, { onBehalfOf: person('r').id });
    expect(errorCode(byFamily)).toBe('BOOKING_BLOCKED');
    expect(byFamily.json().error.message).toContain('该退役军人');

    // A second before the end still blocked; when the 30 days are over, booking works again.
    await materialiseSlots(app.db, at('2027-01-07 09:29:59'));
    const january = await slotAt(app, '2027-01-12', '09:00');
    expect(errorCode(await book(app, person('r'), january.id))).toBe('BOOKING_BLOCKED');
    at('2027-01-07 09:30:00');
    expect((await book(app, person('r'), january.id)).statusCode).toBe(201);
  });

  it('does not count no-shows older than 90 days', async () => {
    const app = testApp.app;
    at('2026-12-08 11:31:00');
    const marked = await call(app, 'POST', `/legal/bookings/${ids.s}/no-show`, staff.token);
    expect(marked.json().blockedUntil).toBeNull();
    at('2026-12-08 12:00:00');
    expect((await book(app, person('s'), (await slotAt(app, '2026-12-22', '09:00')).id)).statusCode).toBe(201);
  });
});

describe('walk-ins', () => {
  it('fills free places of a slot of today only, then SLOT_FULL', async () => {
    const app = testApp.app;
    at('2026-12-08 10:05:00');
    const slot = await slotAt(app, '2026-12-08', '10:30');
    const byIdNumber = await call(app, 'POST', '/staff/legal/walk-ins', staff.token, {
      slotId: slot.id,
      name: person('walker').name,
      idNumber: person('walker').idNumber,
      topic: 'housing',
      description: '房屋买卖纠纷',
    });
    expect(byIdNumber.statusCode).toBe(201);
    expect(byIdNumber.json()).toMatchObject({ status: 'checked_in' });
    ids.walker = byIdNumber.json().id;
    const byUserId = await call(app, 'POST', '/staff/legal/walk-ins', staff.token, {
      slotId: slot.id,
      userId: person('walker2').id,
      topic: 'contract',
      description: '合同纠纷',
    });
    expect(byUserId.statusCode).toBe(201);
    const full = await call(app, 'POST', '/staff/legal/walk-ins', staff.token, {
      slotId: slot.id,
      userId: person('walker3').id,
      topic: 'other',
      description: '咨询',
    });
    expect(full.statusCode).toBe(409);
    expect(errorCode(full)).toBe('SLOT_FULL');

    const mismatch = await call(app, 'POST', '/staff/legal/walk-ins', staff.token, {
      slotId: (await slotAt(app, '2026-12-08', '11:30')).id,
      name: '王小明',
      idNumber: person('walker3').idNumber,
      topic: 'other',
      description: '咨询',
    });
    expect(errorCode(mismatch)).toBe('IDENTITY_MISMATCH');
    const notToday = await call(app, 'POST', '/staff/legal/walk-ins', staff.token, {
      slotId: (await slotAt(app, '2026-12-15', '11:30')).id,
      userId: person('walker3').id,
      topic: 'other',
      description: '咨询',
    });
    expect(errorCode(notToday)).toBe('BOOKING_CLOSED');
    const walkIns = await app.db
      .select()
      .from(legalBookings)
      .where(and(eq(legalBookings.slotId, slot.id), eq(legalBookings.walkIn, true)));
    expect(walkIns).toHaveLength(2);
    expect((await app.db.select().from(legalSlots).where(eq(legalSlots.id, slot.id)))[0]?.booked).toBe(2);
  });
});

describe("the lawyer's record", () => {
  const record = {
    category: 'labour',
    summary: '用人单位拖欠工资三个月，已有工资条和考勤记录',
    advice: '先向劳动监察大队投诉，必要时申请劳动仲裁',
    legalAidAdvised: false,
    followUpAdvised: false,
  };

  it('is written by lawyers only, for checked-in bookings, once; summary and advice are encrypted', async () => {
    const app = testApp.app;
    at('2026-12-08 09:40:00');
    expect((await call(app, 'POST', `/legal/bookings/${ids.p}/record`, staff.token, record)).statusCode).toBe(403);
    expect((await call(app, 'POST', `/legal/bookings/${ids.p}/record`, person('p').token, record)).statusCode).toBe(
      403,
    );
    const notCheckedIn = await call(app, 'POST', `/legal/bookings/${ids.t}/record`, lawyer.token, record);
    expect(notCheckedIn.statusCode).toBe(409);

    const response = await call(app, 'POST', `/legal/bookings/${ids.p}/record`, lawyer.token, record);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      bookingId: ids.p,
      category: 'labour',
      categoryLabel: '劳动就业',
      summary: record.summary,
      advice: record.advice,
      followUpRequest: null,
      lawyerName: '测试lawyer',
    });
    const [stored] = await app.db
      .select()
      .from(legalConsultationRecords)
      .where(eq(legalConsultationRecords.bookingId, idOf('p')));
    expect(stored?.summaryCipher).not.toContain('拖欠');
    expect(stored?.adviceCipher).not.toContain('仲裁');
    const twice = await call(app, 'POST', `/legal/bookings/${ids.p}/record`, lawyer.token, record);
    expect(twice.statusCode).toBe(409);
    expect(await inbox(app, person('p').id, 'legal-record')).toHaveLength(1);
  });

  it('turns into a follow-up service request for the person consulted, which they see', async () => {
    const app = testApp.app;
    at('2026-12-08 10:50:00');
    const response = await call(app, 'POST', `/legal/bookings/${ids.walker}/record`, lawyer.token, {
      ...record,
      category: 'housing',
      legalAidAdvised: true,
      followUpAdvised: true,
      createFollowUpRequest: true,
    });
    expect(response.statusCode).toBe(201);
    const followUp = response.json().followUpRequest;
    expect(followUp.number).toMatch(/^WD\d{8}-\d{4,}$/);
    const [request] = await app.db.select().from(serviceRequests).where(eq(serviceRequests.id, followUp.id));
    expect(request).toMatchObject({
      serviceCode: 'appeal',
      status: 'submitted',
      applicantUserId: person('walker').id,
      subjectUserId: person('walker').id,
    });
    expect(request?.unitId).not.toBeNull();
    const seen = await call(app, 'GET', `/requests/${followUp.id}`, person('walker').token);
    expect(seen.statusCode).toBe(200);
    expect(await inbox(app, person('walker').id, 'legal-record')).toHaveLength(1);

    // Asking again returns the same request.
    const again = await call(app, 'POST', `/staff/legal/records/${response.json().id}/follow-up`, lawyer.token, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().followUpRequest.id).toBe(followUp.id);
    const count = await app.db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.subjectUserId, person('walker').id));
    expect(count).toHaveLength(1);
    // Another lawyer cannot act on this record.
    expect(
      (await call(app, 'POST', `/staff/legal/records/${response.json().id}/follow-up`, otherLawyer.token, {}))
        .statusCode,
    ).toBe(404);
  });

  it('is visible to the person consulted, to its lawyer, and to centre staff only when revealed (audited)', async () => {
    const app = testApp.app;
    at('2026-12-08 12:00:00');
    const mine = (await call(app, 'GET', '/legal/records/mine', person('p').token)).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ summary: record.summary, advice: record.advice });
    expect((await call(app, 'GET', '/legal/records/mine', person('q').token)).json().items).toEqual([]);

    expect((await call(app, 'GET', '/staff/legal/records?date=2026-12-08', lawyer.token)).json().items).toHaveLength(2);
    expect((await call(app, 'GET', '/staff/legal/records', otherLawyer.token)).json().items).toEqual([]);

    const masked = (await call(app, 'GET', '/staff/legal/records?date=2026-12-08', staff.token)).json().items;
    expect(masked).toHaveLength(2);
    expect(masked.every((item: { summary: null; revealed: boolean }) => item.summary === null && !item.revealed)).toBe(
      true,
    );
    expect(await app.db.select().from(auditLog).where(eq(auditLog.action, 'legal_record.view'))).toHaveLength(0);
    const revealed = (await call(app, 'GET', '/staff/legal/records?date=2026-12-08&reveal=1', staff.token)).json()
      .items;
    expect(revealed.map((item: { summary: string }) => item.summary)).toContain(record.summary);
    const audit = await app.db.select().from(auditLog).where(eq(auditLog.action, 'legal_record.view'));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(staff.id);
    expect((await call(app, 'GET', '/staff/legal/records', stationStaff.token)).statusCode).toBe(403);
  });
});

describe('the day-before reminder', () => {
  it('is sent once for each booking of tomorrow, even with two workers at once', async () => {
    const app = testApp.app;
    // Another booking for the 15th besides t's, and one on a slot closed in the meantime.
    at('2026-12-02 10:00:00');
    const u = await citizen(app);
    const v = await citizen(app);
    const uBooking = (await book(app, u, (await slotAt(app, '2026-12-15', '10:00')).id)).json().id;
    const closedSlot = await slotAt(app, '2026-12-15', '11:30');
    const vBooking = (await book(app, v, closedSlot.id)).json().id;
    await app.db.update(legalSlots).set({ closedReason: '临时停诊' }).where(eq(legalSlots.id, closedSlot.id));

    expect(await sendBookingReminders(app.db, at('2026-12-14 08:30:00'))).toBe(0);
    const now = at('2026-12-14 10:00:00');
    const [first, second] = await Promise.all([sendBookingReminders(app.db, now), sendBookingReminders(app.db, now)]);
    expect(first + second).toBe(2);
    expect(await sendBookingReminders(app.db, now)).toBe(0);
    for (const [bookingId, holder] of [
      [ids.t, person('t')],
      [uBooking, u],
    ] as const) {
      expect(await outboxRows(app, `booking-reminder:${bookingId}`)).toHaveLength(1);
      expect(await inbox(app, holder.id, 'booking-reminder')).toHaveLength(1);
    }
    expect(await outboxRows(app, `booking-reminder:${vBooking}`)).toHaveLength(0);
    const reminded = await app.db.select().from(legalBookings).where(isNotNull(legalBookings.reminderSentAt));
    expect(reminded.map((row) => row.id).sort()).toEqual([ids.t, uBooking].sort());
  });
});
