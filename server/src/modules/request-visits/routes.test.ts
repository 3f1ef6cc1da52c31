import { beijingToday } from '@veterans/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, homeVisits, notifications, outbox, requestEvents } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import { bearer, type CitizenFixture, createCitizen, createStaff, type StaffFixture } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createRequestRow } from '../uploads/test-support';

describe('home visits and appeal meetings', () => {
  let ctx: TestApp;
  let staff: StaffFixture;
  let sibling: StaffFixture;
  let lawyer: StaffFixture;
  let applicant: CitizenFixture;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    staff = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    sibling = await createStaff(ctx.app, { unitCode: 'xidajie-xihu' });
    lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
    applicant = await createCitizen(ctx.app);
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST', url: string, token: string | null, payload?: object) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers: token ? bearer(token) : {}, payload });

  const findings = '家中两位老人均患慢性病，月医药费约2300元，住房为自建平房，屋顶漏雨';

  it('records a home visit only for hardship aid, encrypts the findings and shows them to staff in scope', async () => {
    const policy = await createRequestRow(ctx.app, { applicantUserId: applicant.id, serviceCode: 'policy-question' });
    const refused = await call('POST', `/staff/requests/${policy.id}/home-visits`, staff.token, {
      visitDate: '2024-05-01',
      findings,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'CONFLICT', message: '仅困难帮扶申请需要走访记录' });

    const hardship = await createRequestRow(ctx.app, {
      applicantUserId: applicant.id,
      serviceCode: 'hardship-aid',
      status: 'processing',
    });
    const created = await call('POST', `/staff/requests/${hardship.id}/home-visits`, staff.token, {
      visitDate: beijingToday(),
      findings,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      visitDate: beijingToday(),
      findings,
      staffId: staff.id,
      staffName: '测试staff',
    });

    const [stored] = await ctx.app.db.select().from(homeVisits).where(eq(homeVisits.requestId, hardship.id));
    expect(stored?.findingsCipher).not.toContain('慢性病');
    expect(stored?.findingsCipher).toMatch(/^r\d+\./);
    expect(
      ctx.app.cipher.decrypt(stored?.findingsCipher ?? '', sealedIn(homeVisits.findingsCipher, stored?.id ?? 0)),
    ).toBe(findings);

    const listed = await call('GET', `/staff/requests/${hardship.id}/home-visits`, staff.token);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((item: { findings: string }) => item.findings)).toEqual([findings]);
    const audits = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'request.view_home_visit'), eq(auditLog.targetId, String(hardship.id))));
    expect(audits.map((entry) => entry.actorId)).toEqual([staff.id]);
    expect(JSON.stringify(audits[0]?.detail)).not.toContain('慢性病');

    const events = await ctx.app.db.select().from(requestEvents).where(eq(requestEvents.requestId, hardship.id));
    expect(events.map((event) => [event.action, event.comment])).toEqual([['home_visit', '工作人员已入户走访']]);
  });

  it('validates the visit date and findings', async () => {
    const hardship = await createRequestRow(ctx.app, { applicantUserId: applicant.id, serviceCode: 'hardship-aid' });
    for (const payload of [
      { visitDate: '2999-01-01', findings },
      { visitDate: '2024-02-30', findings },
      { visitDate: '20240501', findings },
      { visitDate: '2024-05-01', findings: '   ' },
      { visitDate: '2024-05-01' },
    ]) {
      const response = await call('POST', `/staff/requests/${hardship.id}/home-visits`, staff.token, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('keeps home visits from citizens, sibling units and lawyers', async () => {
    const hardship = await createRequestRow(ctx.app, { applicantUserId: applicant.id, serviceCode: 'hardship-aid' });
    const url = `/staff/requests/${hardship.id}/home-visits`;
    expect((await call('GET', url, null)).statusCode).toBe(401);
    expect((await call('POST', url, null, { visitDate: '2024-05-01', findings })).statusCode).toBe(401);
    expect((await call('GET', url, applicant.token)).statusCode).toBe(403);
    expect((await call('POST', url, applicant.token, { visitDate: '2024-05-01', findings })).statusCode).toBe(403);
    for (const method of ['GET', 'POST'] as const) {
      const response = await call(method, url, sibling.token, { visitDate: '2024-05-01', findings });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('REQUEST_NOT_FOUND');
      expect((await call(method, url, lawyer.token, { visitDate: '2024-05-01', findings })).statusCode).toBe(403);
    }
  });

  it('schedules an appeal meeting, tells the applicant in Beijing time and shows it to both sides', async () => {
    const hardship = await createRequestRow(ctx.app, { applicantUserId: applicant.id, serviceCode: 'hardship-aid' });
    const notAppeal = await call('POST', `/staff/requests/${hardship.id}/meetings`, staff.token, {
      scheduledAt: '2099-11-26T09:30:00+08:00',
      place: '区退役军人服务中心接待室',
    });
    expect(notAppeal.statusCode).toBe(409);

    const appeal = await createRequestRow(ctx.app, {
      applicantUserId: applicant.id,
      serviceCode: 'appeal',
      status: 'accepted',
    });
    const created = await call('POST', `/staff/requests/${appeal.id}/meetings`, staff.token, {
      scheduledAt: '2099-11-26T01:30:00Z',
      place: '区退役军人服务中心接待室',
      note: '请携带相关证明材料',
    });
    expect(created.statusCode).toBe(201);
    const meeting = created.json();
    expect(meeting).toMatchObject({
      scheduledAt: '2099-11-26T01:30:00.000Z',
      scheduledAtText: '2099年11月26日 09:30',
      place: '区退役军人服务中心接待室',
      note: '请携带相关证明材料',
    });

    const inbox = await ctx.app.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientType, 'citizen'),
          eq(notifications.recipientId, applicant.id),
          eq(notifications.kind, 'appeal-meeting'),
        ),
      );
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.body).toContain('2099年11月26日 09:30');
    const [wechat] = await ctx.app.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `appeal-meeting:${meeting.id}`));
    expect(wechat).toMatchObject({ template: 'appeal-meeting', recipientId: applicant.id });
    expect(wechat?.payload).toMatchObject({
      data: { time: '2099-11-26T01:30:00.000Z', place: '区退役军人服务中心接待室' },
    });
    const events = await ctx.app.db.select().from(requestEvents).where(eq(requestEvents.requestId, appeal.id));
    expect(events.map((event) => event.action)).toEqual(['meeting_scheduled']);

    const mine = await call('GET', `/requests/${appeal.id}/meetings`, applicant.token);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([meeting]);
    expect((await call('GET', `/staff/requests/${appeal.id}/meetings`, staff.token)).json().items).toEqual([meeting]);
    const stranger = await createCitizen(ctx.app);
    expect((await call('GET', `/requests/${appeal.id}/meetings`, stranger.token)).statusCode).toBe(404);
    expect((await call('GET', `/staff/requests/${appeal.id}/meetings`, sibling.token)).statusCode).toBe(404);
    expect((await call('GET', `/staff/requests/${appeal.id}/meetings`, lawyer.token)).statusCode).toBe(403);
  });

  it('refuses meetings in the past, without an offset, or on a finished appeal', async () => {
    const appeal = await createRequestRow(ctx.app, { applicantUserId: applicant.id, serviceCode: 'appeal' });
    for (const scheduledAt of ['2020-01-01T09:00:00+08:00', '2099-11-26T09:30:00', 'tomorrow']) {
      const response = await call('POST', `/staff/requests/${appeal.id}/meetings`, staff.token, {
        scheduledAt,
        place: '接待室',
      });
      expect(response.statusCode, scheduledAt).toBe(400);
    }
    const done = await createRequestRow(ctx.app, {
      applicantUserId: applicant.id,
      serviceCode: 'appeal',
      status: 'completed',
    });
    const late = await call('POST', `/staff/requests/${done.id}/meetings`, staff.token, {
      scheduledAt: '2099-11-26T09:30:00+08:00',
      place: '接待室',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('INVALID_TRANSITION');
  });
});
