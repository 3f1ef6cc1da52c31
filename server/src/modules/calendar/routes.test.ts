import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, holidayOverrides } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff, type StaffFixture } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { dueDateAfter } from './queries';

let testApp: TestApp;
let admin: StaffFixture;

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemoData(testApp.app.db);
  admin = await createStaff(testApp.app, { role: 'admin', unitCode: 'weidu' });
});

afterAll(async () => {
  await testApp?.close();
});

function call(method: 'GET' | 'PUT' | 'DELETE', url: string, token?: string, payload?: Record<string, unknown>) {
  return testApp.app.inject({
    method,
    url: `/api/v1/admin${url}`,
    headers: token ? bearer(token) : {},
    ...(payload ? { payload } : {}),
  });
}

describe('GET /admin/holidays', () => {
  it('lists a covered year from the library, National Day 2026 with its make-up workdays', async () => {
    const response = await call('GET', '/holidays?year=2026', admin.token);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ year: 2026, calendarKnown: true, libraryYears: { to: 2026 } });
    expect(body.days).toContainEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
      source: 'statutory',
      statutoryKind: 'holiday',
    });
    expect(
      body.days.filter((day: { kind: string; name: string }) => day.kind === 'workday' && day.name === '国庆节'),
    ).toHaveLength(2);
  });

  it('says when a year is not known, so an admin enters it', async () => {
    const body = (await call('GET', '/holidays?year=2028', admin.token)).json();
    expect(body).toMatchObject({ year: 2028, calendarKnown: false, days: [] });
  });

  it('is for admins only', async () => {
    const staff = await createStaff(testApp.app, { unitCode: 'weidu' });
    const citizen = await createCitizen(testApp.app);
    expect((await call('GET', '/holidays')).statusCode).toBe(401);
    expect((await call('GET', '/holidays', staff.token)).statusCode).toBe(403);
    expect((await call('GET', '/holidays', citizen.token)).statusCode).toBe(403);
    expect((await call('PUT', '/holidays/2027-01-01', staff.token, { kind: 'holiday', name: '元旦' })).statusCode).toBe(
      403,
    );
  });
});

describe('PUT and DELETE /admin/holidays/:date', () => {
  it('sets an override that wins over the library, audits it, and removes it again', async () => {
    const put = await call('PUT', '/holidays/2026-10-10', admin.token, { kind: 'holiday', name: '临时调整' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      date: '2026-10-10',
      kind: 'holiday',
      name: '临时调整',
      source: 'override',
      statutoryKind: 'workday',
    });
    // Sep 30 + 3 working days: Oct 8, 9, (10 now off), 12.
    expect(await dueDateAfter(testApp.app.db, new Date('2026-09-30T02:00:00Z'), 3)).toBe('2026-10-12');
    const again = await call('PUT', '/holidays/2026-10-10', admin.token, { kind: 'workday', name: '国庆节调休' });
    expect(again.json().kind).toBe('workday');
    const audits = await testApp.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'calendar.override_set'), eq(auditLog.targetId, '2026-10-10')));
    expect(audits).toHaveLength(2);
    expect(audits[1]?.detail).toMatchObject({ kind: 'workday', previous: { kind: 'holiday', name: '临时调整' } });

    expect((await call('DELETE', '/holidays/2026-10-10', admin.token)).statusCode).toBe(204);
    expect((await call('DELETE', '/holidays/2026-10-10', admin.token)).statusCode).toBe(404);
    const rows = await testApp.app.db.select().from(holidayOverrides).where(eq(holidayOverrides.day, '2026-10-10'));
    expect(rows).toEqual([]);
    const removed = await testApp.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'calendar.override_removed'));
    expect(removed).toHaveLength(1);
  });

  it('makes a year known once an admin enters days for it', async () => {
    await call('PUT', '/holidays/2027-10-01', admin.token, { kind: 'holiday', name: '国庆节' });
    const body = (await call('GET', '/holidays?year=2027', admin.token)).json();
    expect(body).toMatchObject({ calendarKnown: true });
    expect(body.days).toEqual([
      { date: '2027-10-01', kind: 'holiday', name: '国庆节', source: 'override', statutoryKind: null },
    ]);
  });

  it('validates the date and body, and leaves edits to admins of the district centre', async () => {
    expect((await call('PUT', '/holidays/2027-02-30', admin.token, { kind: 'holiday', name: 'x' })).statusCode).toBe(
      400,
    );
    expect((await call('PUT', '/holidays/2027-02-01', admin.token, { kind: 'off', name: 'x' })).statusCode).toBe(400);
    expect((await call('PUT', '/holidays/2027-02-01', admin.token, { kind: 'holiday', name: '' })).statusCode).toBe(
      400,
    );
    const streetAdmin = await createStaff(testApp.app, { role: 'admin', unitCode: 'xidajie' });
    expect((await call('GET', '/holidays', streetAdmin.token)).statusCode).toBe(200);
    const refused = await call('PUT', '/holidays/2027-02-01', streetAdmin.token, { kind: 'holiday', name: '春节' });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses impossible and out-of-range dates with 400 VALIDATION_FAILED, writing nothing', async () => {
    const overridesBefore = await testApp.app.db.select().from(holidayOverrides);
    const auditsBefore = await testApp.app.db.select().from(auditLog);
    for (const date of ['0001-01-01', '0999-12-31', '1999-12-31', '2101-01-01', '9999-12-31', '2027-02-29']) {
      const put = await call('PUT', `/holidays/${date}`, admin.token, { kind: 'holiday', name: '元旦' });
      expect(put.statusCode, date).toBe(400);
      expect(put.json().error.code, date).toBe('VALIDATION_FAILED');
      const removed = await call('DELETE', `/holidays/${date}`, admin.token);
      expect(removed.statusCode, date).toBe(400);
    }
    expect(await testApp.app.db.select().from(holidayOverrides)).toEqual(overridesBefore);
    expect(await testApp.app.db.select().from(auditLog)).toEqual(auditsBefore);
    // The edges of the range are dates like any other.
    for (const date of ['2000-01-01', '2100-12-31']) {
      expect((await call('PUT', `/holidays/${date}`, admin.token, { kind: 'holiday', name: '元旦' })).statusCode).toBe(
        200,
      );
      expect((await call('DELETE', `/holidays/${date}`, admin.token)).statusCode).toBe(204);
    }
  });
});
