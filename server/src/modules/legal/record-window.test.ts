import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, type StaffFixture } from '../../testing/fixtures';
import type { TestApp } from '../../testing/test-app';
import { resetLegalClock } from './clock';
import { DEFAULT_RECORD_DAYS, recordDeadline, recordWindowOpen } from './records';
import { addRule, at, book, call, citizen, errorCode, legalTestApp, type Person, slotAt } from './test-support';
import { beijingInstant } from './time';

describe('the record window (pure)', () => {
  const slot = beijingInstant('2026-12-08', '09:00');

  it('is open from the slot day until the end of the N-th day after it, Beijing time', () => {
    expect(DEFAULT_RECORD_DAYS).toBe(7);
    expect(recordDeadline('2026-12-08', 7)).toBe('2026-12-15');
    expect(recordDeadline('2026-12-29', 7)).toBe('2027-01-05');
    expect(recordWindowOpen(slot, beijingInstant('2026-12-08', '09:40'), 7)).toBe(true);
    expect(recordWindowOpen(slot, beijingInstant('2026-12-09', '20:00'), 7)).toBe(true);
    expect(recordWindowOpen(slot, beijingInstant('2026-12-15', '23:59'), 7)).toBe(true);
    expect(recordWindowOpen(slot, beijingInstant('2026-12-16', '00:00'), 7)).toBe(false);
    expect(recordWindowOpen(slot, beijingInstant('2026-12-08', '23:59'), 0)).toBe(true);
    expect(recordWindowOpen(slot, beijingInstant('2026-12-09', '00:00'), 0)).toBe(false);
  });
});

describe('recording after the session, and the desk’s consultation days', () => {
  let testApp: TestApp;
  let staff: StaffFixture;
  let lawyer: StaffFixture;
  const bookings: number[] = [];
  const record = {
    category: 'labour',
    summary: '用人单位拖欠工资',
    advice: '先向劳动监察大队投诉',
    legalAidAdvised: false,
    followUpAdvised: false,
  };

  beforeAll(async () => {
    testApp = await legalTestApp();
    const app = testApp.app;
    staff = await createStaff(app, { role: 'staff', unitCode: 'weidu' });
    lawyer = await createStaff(app, { role: 'lawyer', unitCode: 'weidu' });
    await addRule(app, at('2026-12-02 10:00:00'));
    const people: Person[] = [await citizen(app), await citizen(app), await citizen(app)];
    const slots = [await slotAt(app, '2026-12-08', '09:00'), await slotAt(app, '2026-12-08', '09:30')];
    for (const [index, person] of people.entries()) {
      bookings.push((await book(app, person, (slots[index % 2] as { id: number }).id)).json().id);
    }
    at('2026-12-08 09:05:00');
    for (const id of bookings) {
      expect((await call(app, 'POST', `/legal/bookings/${id}/check-in`, staff.token)).statusCode).toBe(200);
    }
  });

  afterAll(async () => {
    resetLegalClock();
    await testApp?.close();
  });

  it('lets the lawyer record the next day and on the 7th day after, and refuses on the 8th with RECORD_WINDOW_CLOSED', async () => {
    const app = testApp.app;
    at('2026-12-09 10:00:00');
    expect((await call(app, 'POST', `/legal/bookings/${bookings[0]}/record`, lawyer.token, record)).statusCode).toBe(
      201,
    );
    at('2026-12-15 23:00:00');
    expect((await call(app, 'POST', `/legal/bookings/${bookings[1]}/record`, lawyer.token, record)).statusCode).toBe(
      201,
    );
    at('2026-12-16 08:00:00');
    const late = await call(app, 'POST', `/legal/bookings/${bookings[2]}/record`, lawyer.token, record);
    expect(late.statusCode).toBe(409);
    expect(errorCode(late)).toBe('RECORD_WINDOW_CLOSED');
    expect(late.json().error.message).toContain('咨询后 7 天内');
    expect(late.json().error.message).toContain('12月15日');
  });

  it('GET /staff/legal/sessions opens on the next consultation day and lists upcoming and recent days', async () => {
    const app = testApp.app;
    at('2026-12-09 10:00:00');
    const response = await call(app, 'GET', '/staff/legal/sessions', lawyer.token);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ today: '2026-12-09', next: '2026-12-15', recordDays: 7 });
    expect(body.upcoming[0]).toMatchObject({ date: '2026-12-15', slots: 6, booked: 0 });
    expect(body.upcoming.every((day: { date: string }) => day.date >= '2026-12-09')).toBe(true);
    expect(body.recent).toEqual([{ date: '2026-12-08', slots: 6, booked: 3, capacity: 12 }]);

    at('2026-12-15 08:00:00');
    expect((await call(app, 'GET', '/staff/legal/sessions', staff.token)).json().next).toBe('2026-12-15');
    expect((await call(app, 'GET', '/staff/legal/sessions')).statusCode).toBe(401);
  });
});
