import { subscribeTemplateKeys } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, staffAccounts, subscriptionGrants } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, type CitizenFixture, createCitizen, createStaff, type StaffFixture } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { type Notice, notify, notifyMany, storedDedupeKey, wechatMessage } from './notify';
import { staffOfUnit } from './recipients';

let ctx: TestApp;
let alice: CitizenFixture;
let bob: CitizenFixture;
let clerk: StaffFixture;

const notice = (recipient: Notice['recipient'], title: string, extra: Partial<Notice> = {}): Notice => ({
  recipient,
  kind: 'request-status',
  title,
  body: `${title}的内容`,
  link: '/subpackages/requests/detail/index?id=1',
  ...extra,
});

beforeAll(async () => {
  ctx = await createTestApp({
    WECHAT_TEMPLATE_IDS: JSON.stringify({ 'request-status': 'tmpl-status', 'staff-reply': { id: 'tmpl-reply' } }),
    WECHAT_TEMPLATE_ID_BOOKING_REMINDER: 'tmpl-reminder',
  });
  await seedDemoData(ctx.app.db);
  alice = await createCitizen(ctx.app);
  bob = await createCitizen(ctx.app);
  clerk = await createStaff(ctx.app);
});

afterAll(async () => {
  await ctx?.close();
});

function get(url: string, token?: string) {
  return ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: token ? bearer(token) : {} });
}
function post(url: string, token?: string, payload?: unknown) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: token ? bearer(token) : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

describe('inbox', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 25; i++)
      await notify(ctx.app.db, notice({ type: 'citizen', id: alice.id }, `给张三的第${i}条`));
    await notify(ctx.app.db, notice({ type: 'citizen', id: bob.id }, '给李四的消息'));
    await notify(ctx.app.db, notice({ type: 'staff', id: clerk.id }, '新办件待受理', { kind: 'request-routed' }));
    // A staff message whose recipient id equals a citizen's id: the type keeps them apart.
    await notify(ctx.app.db, notice({ type: 'staff', id: alice.id }, '不是张三的'));
  });

  it('needs a sign-in', async () => {
    expect((await get('/notifications')).statusCode).toBe(401);
    expect((await get('/notifications/unread-count')).statusCode).toBe(401);
    expect((await post('/notifications/read-all')).statusCode).toBe(401);
  });

  it('lists only the caller’s own messages, newest first, paged', async () => {
    const first = await get('/notifications', alice.token);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.total).toBe(25);
    expect(page.page).toBe(1);
    expect(page.pageSize).toBe(20);
    expect(page.items).toHaveLength(20);
    expect(page.items[0]).toMatchObject({ title: '给张三的第25条', read: false, readAt: null, kind: 'request-status' });
    expect(page.items.every((item: { title: string }) => item.title.startsWith('给张三'))).toBe(true);

    const second = (await get('/notifications?page=2&pageSize=20', alice.token)).json();
    expect(second.items.map((item: { title: string }) => item.title)).toEqual(
      [5, 4, 3, 2, 1].map((i) => `给张三的第${i}条`),
    );

    const staffInbox = (await get('/notifications', clerk.token)).json();
    expect(staffInbox.items.map((item: { title: string }) => item.title)).toEqual(['新办件待受理']);
  });

  it('counts unread messages and marks one read (own only)', async () => {
    expect((await get('/notifications/unread-count', alice.token)).json()).toEqual({ unread: 25 });
    expect((await get('/notifications/unread-count', clerk.token)).json()).toEqual({ unread: 1 });

    const [newest] = (await get('/notifications?pageSize=1', alice.token)).json().items;
    const [bobs] = (await get('/notifications', bob.token)).json().items;

    // Someone else's message is "not found", never "forbidden": ids do not leak.
    const foreign = await post(`/notifications/${bobs.id}/read`, alice.token);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
    expect((await post(`/notifications/${newest.id}/read`, clerk.token)).statusCode).toBe(404);
    expect((await post('/notifications/999999999/read', alice.token)).statusCode).toBe(404);
    expect((await post('/notifications/abc/read', alice.token)).statusCode).toBe(400);

    const read = await post(`/notifications/${newest.id}/read`, alice.token);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: newest.id, read: true });
    const firstReadAt = read.json().readAt;
    expect(firstReadAt).toEqual(expect.any(String));
    // Reading again keeps the first read time.
    expect((await post(`/notifications/${newest.id}/read`, alice.token)).json().readAt).toBe(firstReadAt);

    expect((await get('/notifications/unread-count', alice.token)).json()).toEqual({ unread: 24 });
    expect((await get('/notifications/unread-count', bob.token)).json()).toEqual({ unread: 1 });
    const unread = (await get('/notifications?unreadOnly=true&pageSize=100', alice.token)).json();
    expect(unread.total).toBe(24);
    expect(unread.items.some((item: { id: number }) => item.id === newest.id)).toBe(false);
  });

  it('marks all of the caller’s messages read, and nobody else’s', async () => {
    const result = await post('/notifications/read-all', alice.token);
    expect(result.statusCode).toBe(200);
    expect(result.json()).toEqual({ updated: 24 });
    expect((await get('/notifications/unread-count', alice.token)).json()).toEqual({ unread: 0 });
    expect((await get('/notifications/unread-count', bob.token)).json()).toEqual({ unread: 1 });
    expect((await get('/notifications/unread-count', clerk.token)).json()).toEqual({ unread: 1 });
    expect((await post('/notifications/read-all', alice.token)).json()).toEqual({ updated: 0 });
  });
});

describe('subscriptions', () => {
  it('lists every template with its configured id and no grants at first', async () => {
    const response = await get('/me/subscriptions', alice.token);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { template: string; templateId: string | null; remaining: number }[];
    expect(items.map((item) => item.template)).toEqual([...subscribeTemplateKeys]);
    const byTemplate = Object.fromEntries(items.map((item) => [item.template, item]));
    expect(byTemplate['request-status']).toMatchObject({
      templateId: 'tmpl-status',
      remaining: 0,
      title: '办件状态变更',
    });
    expect(byTemplate['staff-reply']?.templateId).toBe('tmpl-reply');
    expect(byTemplate['booking-reminder']?.templateId).toBe('tmpl-reminder');
    expect(byTemplate['booking-confirmed']?.templateId).toBeNull();
  });

  it('adds one grant per accepted template per report', async () => {
    const report = { accepted: ['request-status', 'staff-reply', 'staff-reply'], rejected: ['booking-reminder'] };
    expect((await post('/me/subscriptions', alice.token, report)).statusCode).toBe(200);
    const second = await post('/me/subscriptions', alice.token, { accepted: ['request-status'] });
    const remaining = Object.fromEntries(
      (second.json().items as { template: string; remaining: number }[]).map((item) => [item.template, item.remaining]),
    );
    expect(remaining).toEqual({
      'request-status': 2,
      'staff-reply': 1,
      'booking-confirmed': 0,
      'booking-reminder': 0,
      'appeal-meeting': 0,
      'identity-result': 0,
    });
    // Someone else's grants are their own.
    const bobs = (await get('/me/subscriptions', bob.token)).json().items as { remaining: number }[];
    expect(bobs.every((item) => item.remaining === 0)).toBe(true);
    const rows = await ctx.app.db.select().from(subscriptionGrants).where(eq(subscriptionGrants.userId, alice.id));
    expect(rows).toHaveLength(2);
  });

  it('refuses unknown templates, staff and anonymous callers', async () => {
    expect((await post('/me/subscriptions', alice.token, { accepted: ['lottery'] })).statusCode).toBe(400);
    expect((await post('/me/subscriptions', alice.token, {})).statusCode).toBe(400);
    expect((await post('/me/subscriptions', clerk.token, { accepted: ['request-status'] })).statusCode).toBe(403);
    expect((await get('/me/subscriptions', clerk.token)).statusCode).toBe(403);
    expect((await get('/me/subscriptions')).statusCode).toBe(401);
  });
});

describe('notify', () => {
  it('writes the same WeChat message once (outbox and inbox), however often it is asked', async () => {
    const carol = await createCitizen(ctx.app);
    const message = wechatMessage('request-status', `request-status:${carol.id}:accepted`, {
      requestNo: 'WD20261126-0007',
      service: '优待证申领',
      status: '已受理',
      time: new Date().toISOString(),
    });
    const first = notice({ type: 'citizen', id: carol.id }, '您的办件已受理', { wechat: message });
    expect(await notify(ctx.app.db, first)).toBe(true);
    expect(await ctx.app.db.transaction((tx) => notify(tx, first))).toBe(false);
    const rows = await ctx.app.db.select().from(outbox).where(eq(outbox.dedupeKey, message.dedupeKey));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
      template: 'request-status',
      recipientId: carol.id,
    });
    expect(rows[0]?.payload).toMatchObject({ page: '/subpackages/requests/detail/index?id=1' });
    expect((await get('/notifications/unread-count', carol.token)).json()).toEqual({ unread: 1 });
  });

  it('rolls back with the caller’s transaction', async () => {
    const dave = await createCitizen(ctx.app);
    await expect(
      ctx.app.db.transaction(async (tx) => {
        await notify(
          tx,
          notice({ type: 'citizen', id: dave.id }, '不该出现', {
            wechat: { template: 'staff-reply', dedupeKey: `rollback:${dave.id}`, data: {} },
          }),
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await get('/notifications/unread-count', dave.token)).json()).toEqual({ unread: 0 });
    expect(
      await ctx.app.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `rollback:${dave.id}`)),
    ).toHaveLength(0);
  });

  it('cuts over-long texts and keys instead of failing the caller', async () => {
    const erin = await createCitizen(ctx.app);
    const longKey = `booking-reminder:${'x'.repeat(200)}`;
    await notify(
      ctx.app.db,
      notice({ type: 'citizen', id: erin.id }, '长'.repeat(150), {
        body: '文'.repeat(600),
        wechat: { template: 'booking-reminder', dedupeKey: longKey, data: {} },
      }),
    );
    const [item] = (await get('/notifications', erin.token)).json().items;
    expect(Array.from(item.title as string)).toHaveLength(100);
    expect(Array.from(item.body as string)).toHaveLength(500);
    expect(
      await ctx.app.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, storedDedupeKey(longKey))),
    ).toHaveLength(1);
  });

  it('never puts a staff member’s message in the WeChat outbox', async () => {
    await notify(
      ctx.app.db,
      notice({ type: 'staff', id: clerk.id }, '工作人员', {
        wechat: { template: 'staff-reply', dedupeKey: `staff-only:${clerk.id}`, data: {} },
      }),
    );
    expect(
      await ctx.app.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `staff-only:${clerk.id}`)),
    ).toHaveLength(0);
  });

  it('fans out to the staff of a unit (and the units above it)', async () => {
    const station = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    const supervisor = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua', isSupervisor: true });
    const street = await createStaff(ctx.app, { unitCode: 'xidajie' });
    const lawyer = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua', role: 'lawyer' });
    const elsewhere = await createStaff(ctx.app, { unitCode: 'nanguan' });
    const retired = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    await ctx.app.db.update(staffAccounts).set({ active: false }).where(eq(staffAccounts.id, retired.id));

    const ids = (recipients: { id: number }[]) => recipients.map((recipient) => recipient.id);
    const own = await staffOfUnit(ctx.app.db, station.unitId);
    expect(own.every((recipient) => recipient.type === 'staff')).toBe(true);
    expect(ids(own)).toEqual(expect.arrayContaining([station.id, supervisor.id]));
    for (const id of [street.id, lawyer.id, elsewhere.id, retired.id]) expect(ids(own)).not.toContain(id);

    const upwards = ids(await staffOfUnit(ctx.app.db, station.unitId, { includeAncestors: true }));
    expect(upwards).toEqual(expect.arrayContaining([station.id, supervisor.id, street.id, clerk.id]));
    expect(upwards).not.toContain(elsewhere.id);

    expect(ids(await staffOfUnit(ctx.app.db, station.unitId, { supervisorsOnly: true }))).toEqual([supervisor.id]);
    expect(ids(await staffOfUnit(ctx.app.db, station.unitId, { roles: ['lawyer'] }))).toEqual([lawyer.id]);

    const citizen = await createCitizen(ctx.app);
    const written = await ctx.app.db.transaction(async (tx) =>
      notifyMany(tx, [
        ...own.map((recipient) => notice(recipient, '新办件已分派到本站', { kind: 'request-routed' })),
        notice({ type: 'citizen', id: citizen.id }, '已提交', {
          wechat: { template: 'request-status', dedupeKey: `fanout:${citizen.id}`, data: {} },
        }),
        notice({ type: 'citizen', id: citizen.id }, '重复', {
          wechat: { template: 'request-status', dedupeKey: `fanout:${citizen.id}`, data: {} },
        }),
      ]),
    );
    expect(written).toBe(own.length + 1);
    expect((await get('/notifications/unread-count', station.token)).json()).toEqual({ unread: 1 });
    expect((await get('/notifications/unread-count', supervisor.token)).json()).toEqual({ unread: 1 });
    expect((await get('/notifications/unread-count', citizen.token)).json()).toEqual({ unread: 1 });
  });
});
