import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  notifications,
  ratingFollowUps,
  ratings,
  requestEvents,
  serviceRequests,
} from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff, type StaffFixture } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createRequestRow } from '../uploads/test-support';

describe('好差评 and supervisor follow-ups', () => {
  let ctx: TestApp;
  let supervisorHere: StaffFixture;
  let supervisorAbove: StaffFixture;
  let supervisorSibling: StaffFixture;
  let caseworker: StaffFixture;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    supervisorHere = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua', isSupervisor: true });
    supervisorAbove = await createStaff(ctx.app, { unitCode: 'xidajie', isSupervisor: true });
    supervisorSibling = await createStaff(ctx.app, { unitCode: 'xidajie-xihu', isSupervisor: true });
    caseworker = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
  });
  afterAll(() => ctx.close());

  const rate = (token: string, requestId: number, payload: object) =>
    ctx.app.inject({ method: 'POST', url: `/api/v1/requests/${requestId}/rating`, headers: bearer(token), payload });
  const ratingOf = (token: string, requestId: number) =>
    ctx.app.inject({ method: 'GET', url: `/api/v1/requests/${requestId}/rating`, headers: bearer(token) });
  const followUps = (token: string, query = '') =>
    ctx.app.inject({ method: 'GET', url: `/api/v1/staff/follow-ups${query}`, headers: bearer(token) });
  const close = (token: string, id: number, payload: object = {}) =>
    ctx.app.inject({ method: 'POST', url: `/api/v1/staff/follow-ups/${id}/close`, headers: bearer(token), payload });

  async function completedRequest(status: 'completed' | 'processing' = 'completed') {
    const applicant = await createCitizen(ctx.app);
    const request = await createRequestRow(ctx.app, {
      applicantUserId: applicant.id,
      status,
      serviceCode: 'hardship-aid',
      unitCode: 'xidajie-wenhua',
    });
    return { applicant, request };
  }

  it('rates only a completed request, only by its applicant, only once', async () => {
    const open = await completedRequest('processing');
    const early = await rate(open.applicant.token, open.request.id, { level: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RATING_NOT_ALLOWED');

    const { applicant, request } = await completedRequest();
    expect((await ratingOf(applicant.token, request.id)).json()).toEqual({ rating: null, canRate: true });
    const stranger = await createCitizen(ctx.app);
    expect((await rate(stranger.token, request.id, { level: 5 })).json().error.code).toBe('REQUEST_NOT_FOUND');
    expect((await rate(caseworker.token, request.id, { level: 5 })).statusCode).toBe(403);
    for (const payload of [{ level: 6 }, { level: 0 }, { level: '5' }, { level: 4, comment: 'x'.repeat(501) }, {}]) {
      const response = await rate(applicant.token, request.id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }

    const first = await rate(applicant.token, request.id, { level: 4, comment: '  办事效率高  ' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ level: 4, levelLabel: '满意', comment: '办事效率高', mine: true });
    const second = await rate(applicant.token, request.id, { level: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('ALREADY_RATED');
    expect((await ratingOf(applicant.token, request.id)).json()).toMatchObject({
      rating: { level: 4, levelLabel: '满意', mine: true },
      canRate: false,
    });
    expect((await ratingOf(caseworker.token, request.id)).json().rating).toMatchObject({ level: 4, mine: false });
    expect((await ratingOf(supervisorSibling.token, request.id)).statusCode).toBe(404);
    const noFollowUp = await ctx.app.db.select().from(ratingFollowUps).where(eq(ratingFollowUps.requestId, request.id));
    expect(noFollowUp).toHaveLength(0);
    // The statistics count ratings by the request's unit and submission time, copied onto the rating.
    const [stored] = await ctx.app.db.select().from(ratings).where(eq(ratings.requestId, request.id));
    const [rated] = await ctx.app.db.select().from(serviceRequests).where(eq(serviceRequests.id, request.id));
    expect(stored).toMatchObject({ unitId: rated?.unitId, requestSubmittedAt: rated?.submittedAt });
    expect(stored?.unitId).not.toBeNull();
  });

  it('keeps one rating when the applicant rates twenty times at once', async () => {
    const { applicant, request } = await completedRequest();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => rate(applicant.token, request.id, { level: index % 2 ? 1 : 2 })),
    );
    const codes = responses.map((response) => response.statusCode).sort();
    expect(codes.filter((code) => code === 201)).toHaveLength(1);
    expect(codes.filter((code) => code === 409)).toHaveLength(19);
    expect(
      responses.every((response) => response.statusCode === 201 || response.json().error.code === 'ALREADY_RATED'),
    ).toBe(true);
    expect(await ctx.app.db.select().from(ratings).where(eq(ratings.requestId, request.id))).toHaveLength(1);
    expect(
      await ctx.app.db.select().from(ratingFollowUps).where(eq(ratingFollowUps.requestId, request.id)),
    ).toHaveLength(1);
  });

  it('opens a follow-up on 不满意, tells the supervisors of the unit and above, and lets one close it with a note', async () => {
    const { applicant, request } = await completedRequest();
    const rated = await rate(applicant.token, request.id, { level: 2, comment: '等了很久没人回复' });
    expect(rated.statusCode).toBe(201);
    expect(rated.json().levelLabel).toBe('不满意');

    const told = async (staff: StaffFixture) =>
      (
        await ctx.app.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.recipientType, 'staff'), eq(notifications.recipientId, staff.id)))
      ).filter((item) => item.body.includes(request.number));
    expect(await told(supervisorHere)).toHaveLength(1);
    expect(await told(supervisorAbove)).toHaveLength(1);
    expect(await told(supervisorSibling)).toHaveLength(0);
    expect(await told(caseworker)).toHaveLength(0);

    const listed = (await followUps(supervisorHere.token)).json();
    const item = listed.items.find((entry: { requestId: number }) => entry.requestId === request.id);
    expect(item).toMatchObject({
      requestNumber: request.number,
      serviceCode: 'hardship-aid',
      serviceName: '困难帮扶申请',
      levelLabel: '不满意',
      comment: '等了很久没人回复',
      status: 'open',
      canClose: true,
    });
    expect(
      (await followUps(caseworker.token)).json().items.find((entry: { id: number }) => entry.id === item.id).canClose,
    ).toBe(false);
    expect(
      (await followUps(supervisorSibling.token)).json().items.some((entry: { id: number }) => entry.id === item.id),
    ).toBe(false);

    const byCaseworker = await close(caseworker.token, item.id, { note: '已回访' });
    expect(byCaseworker.statusCode).toBe(403);
    expect((await close(supervisorSibling.token, item.id, { note: '已回访' })).statusCode).toBe(404);
    for (const payload of [{}, { note: '   ' }]) {
      const response = await close(supervisorAbove.token, item.id, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('REASON_REQUIRED');
    }
    const closed = await close(supervisorAbove.token, item.id, { note: '已电话回访，向申请人致歉并督促窗口限时回复' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      note: '已电话回访，向申请人致歉并督促窗口限时回复',
      canClose: false,
    });
    expect(closed.json().closedByName).toBe('测试staff');
    const toldRater = await ctx.app.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientType, 'citizen'),
          eq(notifications.recipientId, applicant.id),
          eq(notifications.kind, 'follow-up-closed'),
        ),
      );
    expect(toldRater.map((notice) => notice.body)).toEqual([
      `您对「困难帮扶申请」（${request.number}）的评价已回访整改：已电话回访，向申请人致歉并督促窗口限时回复`,
    ]);
    const again = await close(supervisorHere.token, item.id, { note: '再次关闭' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('FOLLOW_UP_CLOSED');

    const events = await ctx.app.db.select().from(requestEvents).where(eq(requestEvents.requestId, request.id));
    expect(events.map((event) => [event.action, event.actorId])).toEqual([['follow_up_closed', supervisorAbove.id]]);
    const audits = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'follow_up.close'), eq(auditLog.targetId, String(item.id))));
    expect(audits.map((entry) => entry.actorId)).toEqual([supervisorAbove.id]);
    const closedList = (await followUps(supervisorHere.token, '?status=closed')).json();
    expect(closedList.items.map((entry: { id: number }) => entry.id)).toContain(item.id);
    expect(
      (await followUps(supervisorHere.token)).json().items.some((entry: { id: number }) => entry.id === item.id),
    ).toBe(false);
  });

  it('lets an admin in scope close a follow-up', async () => {
    const { applicant, request } = await completedRequest();
    await rate(applicant.token, request.id, { level: 1 });
    const [followUp] = await ctx.app.db.select().from(ratingFollowUps).where(eq(ratingFollowUps.requestId, request.id));
    const admin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
    const response = await close(admin.token, followUp?.id ?? 0, { note: '管理员已回访' });
    expect(response.statusCode).toBe(200);
  });

  it('keeps follow-ups from lawyers and citizens', async () => {
    const lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
    const citizen = await createCitizen(ctx.app);
    for (const token of [lawyer.token, citizen.token]) {
      expect((await followUps(token)).statusCode).toBe(403);
      expect((await close(token, 1, { note: 'x' })).statusCode).toBe(403);
    }
    expect((await followUps('')).statusCode).toBe(401);
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/v1/requests/1/rating', payload: { level: 5 } })).statusCode,
    ).toBe(401);
  });
});
