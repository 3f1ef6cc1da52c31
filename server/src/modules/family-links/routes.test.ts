import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, type CitizenFixture, createCitizen, createStaff, testIdNumber } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { expiredToken } from '../me/test-support';
import { actingFor } from './acting-for';

describe('family links', () => {
  let ctx: TestApp;
  let sequence = 500;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
  });
  afterAll(() => ctx.close());

  async function veteranIn(communityCode: string, name = '王建国') {
    const idNumber = testIdNumber(sequence++);
    const citizen = await createCitizen(ctx.app, {
      identity: { name, idNumber },
      communityCode,
      veteranStatus: 'verified',
    });
    return { ...citizen, name, idNumber };
  }
  const familyMember = (name = '王小红', phone?: string) =>
    createCitizen(ctx.app, {
      kind: 'family',
      identity: { name, idNumber: testIdNumber(sequence++, '19900101') },
      phone,
    });
  const inboxOf = (userId: number) =>
    ctx.app.db
      .select({ kind: notifications.kind, title: notifications.title, body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'citizen'), eq(notifications.recipientId, userId)));

  const ask = (family: CitizenFixture, payload: object) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/me/family-links', headers: bearer(family.token), payload });
  const act = (who: CitizenFixture, id: number, action: 'confirm' | 'reject' | 'end') =>
    ctx.app.inject({ method: 'POST', url: `/api/v1/me/family-links/${id}/${action}`, headers: bearer(who.token) });

  it('refuses every route without a token or with an expired one; citizen and staff routes refuse the other kind', async () => {
    const { app } = ctx;
    const citizen = await createCitizen(app);
    const staff = await createStaff(app, { unitCode: 'weidu' });
    const expired = await expiredToken(app, 'citizen', citizen.id);
    const citizenRoutes = [
      { method: 'POST', url: '/api/v1/me/family-links', payload: {} },
      { method: 'GET', url: '/api/v1/me/family-links' },
      { method: 'POST', url: '/api/v1/me/family-links/1/confirm' },
      { method: 'POST', url: '/api/v1/me/family-links/1/reject' },
      { method: 'POST', url: '/api/v1/me/family-links/1/end' },
    ] as const;
    const staffRoutes = [
      { method: 'GET', url: '/api/v1/staff/family-links' },
      { method: 'POST', url: '/api/v1/staff/family-links/1/confirm' },
    ] as const;
    for (const route of [...citizenRoutes, ...staffRoutes]) {
      expect((await app.inject({ ...route })).json().error.code).toBe('UNAUTHORIZED');
      expect((await app.inject({ ...route, headers: bearer(expired) })).json().error.code).toBe('TOKEN_EXPIRED');
    }
    for (const route of citizenRoutes.filter((r) => r.method === 'GET' || r.url.includes('/1/'))) {
      const response = await app.inject({ ...route, headers: bearer(staff.token) });
      expect(response.statusCode, route.url).toBe(403);
    }
    for (const route of staffRoutes) {
      const response = await app.inject({ ...route, headers: bearer(citizen.token) });
      expect(response.statusCode, route.url).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('needs the caller’s own real-name identity first', async () => {
    const veteran = await veteranIn('xidajie-wenhua');
    const anonymous = await createCitizen(ctx.app, { kind: 'family' });
    const response = await ask(anonymous, {
      veteranName: veteran.name,
      veteranIdNumber: veteran.idNumber,
      relationship: 'child',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('IDENTITY_REQUIRED');
  });

  it('answers the same IDENTITY_MISMATCH whether the name or the ID number is wrong, and audits the attempt', async () => {
    const veteran = await veteranIn('xidajie-wenhua');
    const family = await familyMember();
    const wrongName = await ask(family, {
      veteranName: '王建军',
      veteranIdNumber: veteran.idNumber,
      relationship: 'child',
    });
    const wrongId = await ask(family, {
      veteranName: veteran.name,
      veteranIdNumber: testIdNumber(sequence++),
      relationship: 'child',
    });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json()).toEqual(wrongId.json());
    expect(wrongName.json().error.code).toBe('IDENTITY_MISMATCH');
    // A family member cannot be linked to as if a veteran, even with their exact name and ID number.
    const familyIdNumber = testIdNumber(sequence++, '19920202');
    await createCitizen(ctx.app, { kind: 'family', identity: { name: '李四', idNumber: familyIdNumber } });
    const notVeteran = await ask(family, {
      veteranName: '李四',
      veteranIdNumber: familyIdNumber,
      relationship: 'sibling',
    });
    expect(notVeteran.json()).toEqual(wrongId.json());
    const audits = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, family.id), eq(auditLog.action, 'family_link.mismatch')));
    expect(audits).toHaveLength(3);
    expect(JSON.stringify(audits)).not.toContain(veteran.idNumber);
  });

  it('limits failed attempts per hour (no guessing who is signed up)', async () => {
    const family = await familyMember();
    const veteran = await veteranIn('xidajie-wenhua');
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await ask(family, {
        veteranName: '查无此人',
        veteranIdNumber: veteran.idNumber,
        relationship: 'other',
      });
      expect(response.json().error.code).toBe('IDENTITY_MISMATCH');
    }
    const blocked = await ask(family, {
      veteranName: veteran.name,
      veteranIdNumber: veteran.idNumber,
      relationship: 'other',
    });
    expect(blocked.statusCode).toBe(429);
  });

  it('refuses a link to oneself', async () => {
    const veteran = await veteranIn('xidajie-wenhua', '刘一');
    const response = await ask(veteran, {
      veteranName: '刘一',
      veteranIdNumber: veteran.idNumber,
      relationship: 'other',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('FAMILY_LINK_SELF');
  });

  it('request → confirm by the veteran → act for → end; duplicates refused; others get 404', async () => {
    const { app } = ctx;
    const veteran = await veteranIn('xidajie-wenhua', '欧阳建国');
    const family = await familyMember('欧阳小明');
    const stranger = await familyMember('路人甲');

    const created = await ask(family, {
      veteranName: '欧阳建国',
      veteranIdNumber: veteran.idNumber.toLowerCase(),
      relationship: 'child',
    });
    expect(created.statusCode).toBe(201);
    const link = created.json();
    expect(link).toMatchObject({ role: 'family', otherPartyName: '欧**国', relationship: 'child', status: 'pending' });

    const duplicate = await ask(family, {
      veteranName: '欧阳建国',
      veteranIdNumber: veteran.idNumber,
      relationship: 'child',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('FAMILY_LINK_EXISTS');

    const seenByVeteran = await app.inject({
      method: 'GET',
      url: '/api/v1/me/family-links',
      headers: bearer(veteran.token),
    });
    expect(seenByVeteran.json().items).toEqual([
      expect.objectContaining({ id: link.id, role: 'veteran', otherPartyName: '欧**明', status: 'pending' }),
    ]);
    const seenByStranger = await app.inject({
      method: 'GET',
      url: '/api/v1/me/family-links',
      headers: bearer(stranger.token),
    });
    expect(seenByStranger.json().items).toEqual([]);

    for (const action of ['confirm', 'reject', 'end'] as const) {
      const response = await act(stranger, link.id, action);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect((await act(family, link.id, 'confirm')).statusCode).toBe(403);
    await expect(actingFor(app.db, family.id, veteran.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const confirmed = await act(veteran, link.id, 'confirm');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ id: link.id, status: 'active', role: 'veteran' });
    expect(await actingFor(app.db, family.id, veteran.id)).toBe(veteran.id);
    const familySide = await app.inject({
      method: 'GET',
      url: '/api/v1/me/family-links',
      headers: bearer(family.token),
    });
    expect(familySide.json().items ?? familySide.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: link.id, veteranUserId: veteran.id })]),
    );
    await expect(actingFor(app.db, stranger.id, veteran.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await act(veteran, link.id, 'confirm')).statusCode).toBe(409);

    const ended = await act(family, link.id, 'end');
    expect(ended.json()).toMatchObject({ status: 'ended' });
    await expect(actingFor(app.db, family.id, veteran.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const actions = await app.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, String(link.id)));
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(['family_link.requested', 'family_link.confirmed', 'family_link.ended']),
    );
    // After an ended link, a new request is possible.
    expect(
      (await ask(family, { veteranName: '欧阳建国', veteranIdNumber: veteran.idNumber, relationship: 'child' }))
        .statusCode,
    ).toBe(201);
  });

  it('the veteran may reject a request', async () => {
    const veteran = await veteranIn('xidajie-xihu', '孔明');
    const family = await familyMember('孔亮');
    const link = (
      await ask(family, { veteranName: '孔明', veteranIdNumber: veteran.idNumber, relationship: 'sibling' })
    ).json();
    const rejected = await act(veteran, link.id, 'reject');
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect((await act(family, link.id, 'end')).statusCode).toBe(409);
  });

  it('tells the veteran who asks (relationship, masked phone) and each side what the other decided', async () => {
    const veteran = await veteranIn('xidajie-xihu', '赵铁军');
    const daughter = await familyMember('赵小红', '13912345678');
    const son = await familyMember('赵小兵');
    const askZhao = (family: CitizenFixture, relationship: string) =>
      ask(family, { veteranName: '赵铁军', veteranIdNumber: veteran.idNumber, relationship }).then((r) => r.json());
    const daughterLink = await askZhao(daughter, 'child');
    expect(daughterLink.familyPhone).toBeNull();
    const sonLink = await askZhao(son, 'child');

    const requested = (await inboxOf(veteran.id)).filter((notice) => notice.kind === 'family-link.requested');
    expect(requested.map((notice) => notice.body)).toEqual([
      expect.stringContaining('赵*红以您的子女身份申请关联您'),
      expect.stringContaining('赵*兵以您的子女身份申请关联您'),
    ]);
    const seen = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/me/family-links',
      headers: bearer(veteran.token),
    });
    expect(seen.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: daughterLink.id, relationship: 'child', familyPhone: '139****5678' }),
        expect.objectContaining({ id: sonLink.id, familyPhone: null }),
      ]),
    );

    await act(veteran, sonLink.id, 'reject');
    expect((await inboxOf(son.id)).map((notice) => notice.title)).toEqual(['家属关联申请未通过']);

    await act(veteran, daughterLink.id, 'confirm');
    await act(veteran, daughterLink.id, 'end');
    expect((await inboxOf(daughter.id)).map((notice) => notice.title)).toEqual(['家属关联已生效', '家属关联已解除']);

    // The family member ends an active link: the veteran is told; withdrawing a pending request tells nobody.
    const again = await askZhao(daughter, 'child');
    await act(veteran, again.id, 'confirm');
    await act(daughter, again.id, 'end');
    const withdrawn = await askZhao(son, 'child');
    await act(son, withdrawn.id, 'end');
    const veteranTitles = (await inboxOf(veteran.id)).map((notice) => notice.title);
    expect(veteranTitles.filter((title) => title === '家属关联已解除')).toHaveLength(1);
    expect(veteranTitles.filter((title) => title === '有家属申请关联您')).toHaveLength(4);
    const sent = await ctx.app.db.select({ body: notifications.body }).from(notifications);
    expect(JSON.stringify(sent)).not.toContain('13912345678');
  });

  describe('staff', () => {
    it('list and confirm pending links of veterans in their scope; a sibling station gets 404', async () => {
      const { app } = ctx;
      const veteran = await veteranIn('xidajie-wenhua', '张卫东');
      const family = await familyMember('张小东');
      const link = (
        await ask(family, { veteranName: '张卫东', veteranIdNumber: veteran.idNumber, relationship: 'child' })
      ).json();
      const xidajie = await createStaff(app, { unitCode: 'xidajie' });
      const dongdajie = await createStaff(app, { unitCode: 'dongdajie' });
      const lawyer = await createStaff(app, { role: 'lawyer', unitCode: 'weidu' });

      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/staff/family-links',
        headers: bearer(xidajie.token),
      });
      expect(list.statusCode).toBe(200);
      const mine = list.json().items.find((item: { id: number }) => item.id === link.id);
      expect(mine).toMatchObject({ familyName: '张*东', veteranName: '张*东', status: 'pending' });
      const sibling = await app.inject({
        method: 'GET',
        url: '/api/v1/staff/family-links',
        headers: bearer(dongdajie.token),
      });
      expect(sibling.json().items.some((item: { id: number }) => item.id === link.id)).toBe(false);

      const confirm = (token: string) =>
        app.inject({ method: 'POST', url: `/api/v1/staff/family-links/${link.id}/confirm`, headers: bearer(token) });
      const refused = await confirm(dongdajie.token);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('NOT_FOUND');
      expect((await confirm(lawyer.token)).statusCode).toBe(403);
      const confirmed = await confirm(xidajie.token);
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json()).toEqual({ id: link.id, status: 'active' });
      expect(await actingFor(app.db, family.id, veteran.id)).toBe(veteran.id);
      const [audit] = await app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'family_link.confirmed'), eq(auditLog.targetId, String(link.id))));
      expect(audit).toMatchObject({
        actorId: xidajie.id,
        actorRole: 'staff',
        detail: { by: 'staff', from: 'pending', to: 'active' },
      });
      // Staff activated it: neither person may be taken by surprise.
      for (const person of [veteran.id, family.id]) {
        const inbox = await app.db
          .select({ kind: notifications.kind, body: notifications.body })
          .from(notifications)
          .where(and(eq(notifications.recipientType, 'citizen'), eq(notifications.recipientId, person)));
        expect(inbox.filter((notice) => notice.kind === 'family-link.active')).toEqual([
          { kind: 'family-link.active', body: expect.stringContaining('经服务站工作人员确认') },
        ]);
      }
    });
  });
});
