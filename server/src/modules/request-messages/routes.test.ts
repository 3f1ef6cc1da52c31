import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyLinks, notifications, outbox, requestEvents, requestMessages } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import { bearer, type CitizenFixture, createCitizen, createStaff, type StaffFixture } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createRequestRow } from '../uploads/test-support';
import { sealSensitiveThreads } from './seal-threads';

describe('request conversation', () => {
  let ctx: TestApp;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
  });
  afterAll(() => ctx.close());

  const post = (token: string, requestId: number, payload: object) =>
    ctx.app.inject({ method: 'POST', url: `/api/v1/requests/${requestId}/messages`, headers: bearer(token), payload });
  const list = (token: string, requestId: number) =>
    ctx.app.inject({ method: 'GET', url: `/api/v1/requests/${requestId}/messages`, headers: bearer(token) });

  async function scenario() {
    const applicant = await createCitizen(ctx.app);
    const staff = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    const request = await createRequestRow(ctx.app, {
      applicantUserId: applicant.id,
      unitCode: 'xidajie-wenhua',
      assigneeStaffId: staff.id,
    });
    return { applicant, staff, request };
  }

  it('refuses callers without a token', async () => {
    const routes = [
      { method: 'POST', url: '/api/v1/requests/1/messages', payload: { body: 'x' } },
      { method: 'GET', url: '/api/v1/requests/1/messages' },
      { method: 'GET', url: '/api/v1/staff/canned-replies' },
      { method: 'POST', url: '/api/v1/staff/canned-replies', payload: { title: 'x', body: 'y' } },
      { method: 'PATCH', url: '/api/v1/staff/canned-replies/1', payload: { title: 'x' } },
      { method: 'DELETE', url: '/api/v1/staff/canned-replies/1' },
    ] as const;
    for (const route of routes) {
      const response = await ctx.app.inject({ ...route });
      expect(response.statusCode, route.url).toBe(401);
    }
  });

  it('lets the applicant post public messages only, trimmed and 1–2000 characters', async () => {
    const { applicant, request } = await scenario();
    const created = await post(applicant.token, request.id, { body: '  请问还需要补充什么材料？  ' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      body: '请问还需要补充什么材料？',
      internal: false,
      author: { type: 'citizen', label: '您', mine: true },
    });
    const internal = await post(applicant.token, request.id, { body: '我想看内部备注', internal: true });
    expect(internal.statusCode).toBe(403);
    expect(internal.json().error.code).toBe('FORBIDDEN');
    for (const body of ['', '   ', 'x'.repeat(2001)]) {
      const response = await post(applicant.token, request.id, { body });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await post(applicant.token, request.id, { body: 'x'.repeat(2000) })).statusCode).toBe(201);
  });

  it('never shows internal notes to the applicant side; staff see them marked', async () => {
    const { applicant, staff, request } = await scenario();
    await post(applicant.token, request.id, { body: '我的补助什么时候发放？' });
    const note = await post(staff.token, request.id, { body: '内部：该户收入材料存疑，待核实', internal: true });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ internal: true, author: { type: 'staff', label: '您', mine: true } });
    const replied = await post(staff.token, request.id, { body: '您好，预计下周发放。' });
    expect(replied.json().internal).toBe(false);

    const citizenView = await list(applicant.token, request.id);
    expect(citizenView.statusCode).toBe(200);
    expect(citizenView.body).not.toContain('存疑');
    expect(citizenView.json().items.map((item: { body: string }) => item.body)).toEqual([
      '我的补助什么时候发放？',
      '您好，预计下周发放。',
    ]);
    expect(citizenView.json().items.every((item: { internal: boolean }) => !item.internal)).toBe(true);
    expect(citizenView.json().items[1].author).toEqual({ type: 'staff', label: '工作人员 测试staff', mine: false });

    const staffView = (await list(staff.token, request.id)).json().items;
    expect(staffView.map((item: { internal: boolean }) => item.internal)).toEqual([false, true, false]);
    expect(staffView[0].author).toEqual({ type: 'citizen', label: '申请人', mine: false });

    const colleague = await createStaff(ctx.app, { unitCode: 'xidajie' });
    const colleagueView = (await list(colleague.token, request.id)).json().items;
    expect(colleagueView[1].author.label).toBe('工作人员 测试staff');
  });

  it('shows the thread to a linked family member without naming the applicant', async () => {
    const family = await createCitizen(ctx.app, { kind: 'family' });
    const veteran = await createCitizen(ctx.app);
    await ctx.app.db
      .insert(familyLinks)
      .values({ familyUserId: family.id, veteranUserId: veteran.id, relationship: 'child', status: 'active' });
    const request = await createRequestRow(ctx.app, { applicantUserId: family.id, subjectUserId: veteran.id });
    await post(family.token, request.id, { body: '代父亲申请，请多关照' });
    await post(veteran.token, request.id, { body: '我是本人' });
    const seenByVeteran = (await list(veteran.token, request.id)).json().items;
    expect(seenByVeteran.map((item: { author: { label: string } }) => item.author.label)).toEqual(['申请人', '您']);
    const seenByFamily = (await list(family.token, request.id)).json().items;
    expect(seenByFamily.map((item: { author: { label: string } }) => item.author.label)).toEqual([
      '您',
      '退役军人本人',
    ]);
  });

  it('notifies the applicant of a staff reply and records it on the timeline; internal notes do neither', async () => {
    const { applicant, staff, request } = await scenario();
    const note = (await post(staff.token, request.id, { body: '仅内部可见', internal: true })).json();
    const reply = (await post(staff.token, request.id, { body: '材料已收到，正在审核。' })).json();

    const inbox = await ctx.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'citizen'), eq(notifications.recipientId, applicant.id)));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      kind: 'staff-reply',
      link: `/subpackages/requests/detail/index?id=${request.id}`,
    });
    expect(inbox[0]?.body).toContain('材料已收到');
    const [message] = await ctx.app.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `staff-reply:${reply.id}`));
    expect(message).toMatchObject({ template: 'staff-reply', recipientId: applicant.id });
    expect(message?.payload).toMatchObject({ data: { requestNo: request.number, content: '材料已收到，正在审核。' } });
    expect(
      await ctx.app.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `staff-reply:${note.id}`)),
    ).toHaveLength(0);

    const events = await ctx.app.db.select().from(requestEvents).where(eq(requestEvents.requestId, request.id));
    expect(events.map((event) => [event.action, event.actorType, event.actorId])).toEqual([
      ['reply', 'staff', staff.id],
    ]);
  });

  it('tells the assigned caseworker about an applicant message', async () => {
    const { applicant, staff, request } = await scenario();
    await post(applicant.token, request.id, { body: '电话打不通，请回电' });
    const inbox = await ctx.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'staff'), eq(notifications.recipientId, staff.id)));
    expect(inbox.map((item) => item.kind)).toEqual(['citizen-message']);
  });

  it('hides the thread from other citizens and from staff outside the unit subtree; lawyers get 403', async () => {
    const { request } = await scenario();
    const stranger = await createCitizen(ctx.app);
    const sibling = await createStaff(ctx.app, { unitCode: 'xidajie-xihu' });
    const lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
    for (const caller of [stranger, sibling]) {
      for (const response of [
        await list(caller.token, request.id),
        await post(caller.token, request.id, { body: 'x' }),
      ]) {
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('REQUEST_NOT_FOUND');
      }
    }
    expect((await list(lawyer.token, request.id)).statusCode).toBe(403);
    expect((await post(lawyer.token, request.id, { body: 'x' })).statusCode).toBe(403);
    expect((await list(stranger.token, 999_999)).json().error.code).toBe('REQUEST_NOT_FOUND');
  });

  it('refuses messages on a draft', async () => {
    const applicant = await createCitizen(ctx.app);
    const draft = await createRequestRow(ctx.app, { applicantUserId: applicant.id, status: 'draft' });
    const response = await post(applicant.token, draft.id, { body: '你好' });
    expect(response.statusCode).toBe(409);
  });
});

describe('canned replies', () => {
  let ctx: TestApp;
  let district: StaffFixture;
  let street: StaffFixture;
  let wenhua: StaffFixture;
  let xihu: StaffFixture;
  let otherStreet: StaffFixture;
  let citizen: CitizenFixture;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    district = await createStaff(ctx.app, { unitCode: 'weidu' });
    street = await createStaff(ctx.app, { unitCode: 'xidajie' });
    wenhua = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    xihu = await createStaff(ctx.app, { unitCode: 'xidajie-xihu' });
    otherStreet = await createStaff(ctx.app, { unitCode: 'dongdajie' });
    citizen = await createCitizen(ctx.app);
  });
  afterAll(() => ctx.close());

  const create = (who: { token: string }, payload: object) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/staff/canned-replies', headers: bearer(who.token), payload });
  const titles = async (who: { token: string }) => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/staff/canned-replies',
      headers: bearer(who.token),
    });
    expect(response.statusCode).toBe(200);
    return response.json().items.map((item: { title: string }) => item.title) as string[];
  };

  it('lists the replies of the caller’s unit, the units above it and the district-wide ones', async () => {
    expect((await create(district, { title: '全区通用', body: '您好，已收到。', unitId: null })).statusCode).toBe(201);
    expect((await create(district, { title: '区中心', body: '请到区中心办理。' })).json().unitId).toBe(district.unitId);
    expect((await create(street, { title: '西大街', body: '请到街道办理。' })).statusCode).toBe(201);
    const created = await create(wenhua, { title: '文化社区', body: '请到社区办理。' });
    expect(created.json()).toMatchObject({ unitId: wenhua.unitId, unitName: '文化社区退役军人服务站', editable: true });

    expect(await titles(wenhua)).toEqual(['文化社区', '西大街', '区中心', '全区通用']);
    expect(await titles(xihu)).toEqual(['西大街', '区中心', '全区通用']);
    expect(await titles(otherStreet)).toEqual(['区中心', '全区通用']);
    expect(await titles(district)).toEqual(['区中心', '全区通用']);
  });

  it('lets only staff whose scope includes the unit change or delete a reply', async () => {
    const streetReply = (await create(street, { title: '街道模板', body: '街道内容' })).json();
    const global = (await create(district, { title: '通用模板', body: '通用内容', unitId: null })).json();
    const items = (
      await ctx.app.inject({ method: 'GET', url: '/api/v1/staff/canned-replies', headers: bearer(wenhua.token) })
    ).json().items;
    expect(items.find((item: { id: number }) => item.id === streetReply.id).editable).toBe(false);
    expect(items.find((item: { id: number }) => item.id === global.id).editable).toBe(false);

    const patch = (who: { token: string }, id: number, payload: object) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/staff/canned-replies/${id}`,
        headers: bearer(who.token),
        payload,
      });
    const remove = (who: { token: string }, id: number) =>
      ctx.app.inject({ method: 'DELETE', url: `/api/v1/staff/canned-replies/${id}`, headers: bearer(who.token) });

    expect((await patch(wenhua, streetReply.id, { title: '改' })).statusCode).toBe(403);
    expect((await patch(wenhua, global.id, { title: '改' })).statusCode).toBe(403);
    expect((await patch(otherStreet, streetReply.id, { title: '改' })).statusCode).toBe(404);
    expect((await remove(otherStreet, streetReply.id)).statusCode).toBe(404);
    const changed = await patch(district, streetReply.id, { body: '区中心修改后的内容' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ title: '街道模板', body: '区中心修改后的内容' });
    expect((await patch(street, streetReply.id, {})).statusCode).toBe(400);
    expect((await remove(street, streetReply.id)).statusCode).toBe(204);
    expect((await remove(street, streetReply.id)).statusCode).toBe(404);
    expect((await remove(district, global.id)).statusCode).toBe(204);
  });

  it('refuses district-wide replies below the district and units outside the caller’s scope', async () => {
    const globalByStreet = await create(street, { title: 'x', body: 'y', unitId: null });
    expect(globalByStreet.statusCode).toBe(403);
    const forSibling = await create(street, { title: 'x', body: 'y', unitId: otherStreet.unitId });
    expect(forSibling.statusCode).toBe(403);
    expect(forSibling.json().error.code).toBe('OUT_OF_SCOPE');
    const forChild = await create(street, { title: '给文化社区', body: 'y', unitId: wenhua.unitId });
    expect(forChild.statusCode).toBe(201);
    expect((await create(street, { title: 'x', body: 'y', unitId: 987_654 })).statusCode).toBe(404);
  });

  it('is for staff and admins only', async () => {
    const lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
    const admin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
    for (const caller of [lawyer, citizen]) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/staff/canned-replies',
        headers: bearer(caller.token),
      });
      expect(response.statusCode).toBe(403);
      expect((await create(caller, { title: 'x', body: 'y' })).statusCode).toBe(403);
    }
    expect((await titles(admin)).length).toBeGreaterThan(0);
  });
});

describe('the thread of a request with sensitive data (困难帮扶)', () => {
  let ctx: TestApp;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
  });
  afterAll(() => ctx.close());

  const post = (token: string, requestId: number, body: string) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${requestId}/messages`,
      headers: bearer(token),
      payload: { body },
    });

  async function hardshipRequest() {
    const applicant = await createCitizen(ctx.app);
    const staff = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    const request = await createRequestRow(ctx.app, {
      applicantUserId: applicant.id,
      unitCode: 'xidajie-wenhua',
      assigneeStaffId: staff.id,
      serviceCode: 'hardship-aid',
    });
    return { applicant, staff, request };
  }

  const storedText = async (requestId: number) => {
    const rows = await ctx.app.db.select().from(requestMessages).where(eq(requestMessages.requestId, requestId));
    const inbox = await ctx.app.db
      .select()
      .from(notifications)
      .where(like(notifications.link, `%id=${requestId}`));
    const wechat = await ctx.app.db.select().from(outbox).where(like(outbox.dedupeKey, 'staff-reply:%'));
    return { rows, raw: JSON.stringify([rows, inbox, wechat]), inbox };
  };

  it('stores messages encrypted, sealed to their row, and leaves no copy in the inbox or the outbox', async () => {
    const { applicant, staff, request } = await hardshipRequest();
    expect((await post(applicant.token, request.id, '我爱人住院，每月药费三千元')).statusCode).toBe(201);
    expect((await post(staff.token, request.id, '您好，请补充住院诊断证明')).statusCode).toBe(201);

    const { rows, raw, inbox } = await storedText(request.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.body).toBeNull();
      expect(row.bodyCipher).toMatch(/^r\d+\./);
    }
    expect(raw).not.toContain('药费');
    expect(raw).not.toContain('诊断证明');
    expect(inbox.map((notice) => notice.body).sort()).toEqual([
      `困难帮扶申请 ${request.number}：申请人发来新留言，请进入办件查看。`,
      `您的「困难帮扶申请」（${request.number}）有新回复，请进入办件查看。`,
    ]);

    const thread = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/requests/${request.id}/messages`,
      headers: bearer(applicant.token),
    });
    expect(thread.json().items.map((item: { body: string }) => item.body)).toEqual([
      '我爱人住院，每月药费三千元',
      '您好，请补充住院诊断证明',
    ]);

    // A ciphertext copied into another message's row does not open there.
    const [first, second] = rows;
    await ctx.app.db
      .update(requestMessages)
      .set({ bodyCipher: first?.bodyCipher })
      .where(eq(requestMessages.id, second?.id ?? 0));
    expect(() =>
      ctx.app.cipher.decrypt(first?.bodyCipher ?? '', sealedIn(requestMessages.bodyCipher, second?.id ?? 0)),
    ).toThrow('Unreadable encrypted field');
  });

  it('keeps other requests’ threads in plain, with the text in the notice as before', async () => {
    const applicant = await createCitizen(ctx.app);
    const staff = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    const request = await createRequestRow(ctx.app, { applicantUserId: applicant.id, unitCode: 'xidajie-wenhua' });
    expect((await post(staff.token, request.id, '政策咨询的答复')).statusCode).toBe(201);
    const { rows, inbox } = await storedText(request.id);
    expect(rows[0]).toMatchObject({ body: '政策咨询的答复', bodyCipher: null });
    expect(inbox[0]?.body).toContain('政策咨询的答复');
  });

  it('seals threads stored in plain before, and rewrites their notices, once (start-up backfill)', async () => {
    const { applicant, staff, request } = await hardshipRequest();
    await post(applicant.token, request.id, '旧版本：家里房屋漏雨');
    await post(staff.token, request.id, '旧版本：已安排走访');
    // As an older version stored them.
    const { rows } = await storedText(request.id);
    const [citizenMessage, staffReply] = rows;
    await ctx.app.db
      .update(requestMessages)
      .set({ body: '旧版本：家里房屋漏雨', bodyCipher: null })
      .where(eq(requestMessages.id, citizenMessage?.id ?? 0));
    await ctx.app.db
      .update(requestMessages)
      .set({ body: '旧版本：已安排走访', bodyCipher: null })
      .where(eq(requestMessages.id, staffReply?.id ?? 0));
    await ctx.app.db
      .update(notifications)
      .set({ body: `您的「困难帮扶申请」（${request.number}）有新回复：旧版本：已安排走访` })
      .where(and(eq(notifications.kind, 'staff-reply'), like(notifications.link, `%id=${request.id}`)));
    await ctx.app.db
      .update(outbox)
      .set({ payload: { data: { content: '旧版本：已安排走访' }, page: null } })
      .where(eq(outbox.dedupeKey, `staff-reply:${staffReply?.id}`));

    expect(await sealSensitiveThreads(ctx.app.db, ctx.app.cipher)).toBe(2);
    expect(await sealSensitiveThreads(ctx.app.db, ctx.app.cipher)).toBe(0);
    const after = await storedText(request.id);
    expect(after.raw).not.toContain('漏雨');
    expect(after.raw).not.toContain('已安排走访');
    const thread = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/requests/${request.id}/messages`,
      headers: bearer(staff.token),
    });
    expect(thread.json().items.map((item: { body: string }) => item.body)).toEqual([
      '旧版本：家里房屋漏雨',
      '旧版本：已安排走访',
    ]);
  });
});
