import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, outbox, users } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import {
  bearer,
  createCitizen,
  createStaff,
  type StaffFixture,
  testIdNumber,
  unitIdByCode,
} from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { expiredToken, submitIdentity } from '../me/test-support';
import { SMALL_PDF, SMALL_PNG, uploadFile } from '../uploads/test-support';
import { insertRosterRow } from './test-support';

describe('verification queue and full identity view', () => {
  let ctx: TestApp;
  let xidajie: StaffFixture;
  let dongdajie: StaffFixture;
  let district: StaffFixture;
  let lawyer: StaffFixture;
  let sequence = 600;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    xidajie = await createStaff(ctx.app, { unitCode: 'xidajie' });
    dongdajie = await createStaff(ctx.app, { unitCode: 'dongdajie' });
    district = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
    lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
  });
  afterAll(() => ctx.close());

  /** A veteran who submitted an identity that is not in the roster. */
  async function waitingVeteran(name: string, communityCode: string | null) {
    const citizen = await createCitizen(ctx.app);
    const idNumber = testIdNumber(sequence++, '19750505');
    const communityUnitId = communityCode ? await unitIdByCode(ctx.app, communityCode) : undefined;
    const response = await submitIdentity(ctx.app, citizen.token, {
      name,
      idNumber,
      ...(communityUnitId ? { communityUnitId } : {}),
    });
    expect(response.json().veteranStatus).toBe('pending');
    return { ...citizen, name, idNumber };
  }

  const queue = async (staff: StaffFixture) => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/staff/verifications?pageSize=100',
      headers: bearer(staff.token),
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const decide = (staff: StaffFixture, userId: number, payload: object) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/staff/verifications/${userId}`,
      headers: bearer(staff.token),
      payload,
    });
  const viewIdentity = (token: string, userId: number) =>
    ctx.app.inject({ method: 'GET', url: `/api/v1/staff/users/${userId}/identity`, headers: bearer(token) });

  it('refuses no token, an expired token and citizen tokens on every staff route', async () => {
    const { app } = ctx;
    const citizen = await createCitizen(app);
    const expired = await expiredToken(app, 'staff', xidajie.id);
    const routes = [
      { method: 'GET', url: '/api/v1/staff/verifications' },
      {
        method: 'POST',
        url: `/api/v1/staff/verifications/${citizen.id}`,
        payload: { decision: 'verify', evidence: 'documents' },
      },
      { method: 'GET', url: `/api/v1/staff/users/${citizen.id}/identity` },
    ] as const;
    for (const route of routes) {
      expect((await app.inject({ ...route })).json().error.code).toBe('UNAUTHORIZED');
      expect((await app.inject({ ...route, headers: bearer(expired) })).json().error.code).toBe('TOKEN_EXPIRED');
      const asCitizen = await app.inject({ ...route, headers: bearer(citizen.token) });
      expect(asCitizen.statusCode, route.url).toBe(403);
      expect(asCitizen.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('lists waiting veterans of the caller’s subtree, masked; people without community at district level only', async () => {
    const west = await waitingVeteran('西门庆丰', 'xidajie-wenhua');
    const east = await waitingVeteran('东方明', 'dongdajie-dongcheng');
    const homeless = await waitingVeteran('南宫云', null);

    const westQueue = await queue(xidajie);
    const westIds = westQueue.items.map((item: { userId: number }) => item.userId);
    expect(westIds).toContain(west.id);
    expect(westIds).not.toContain(east.id);
    expect(westIds).not.toContain(homeless.id);
    const item = westQueue.items.find((entry: { userId: number }) => entry.userId === west.id);
    expect(item).toMatchObject({
      name: '西**丰',
      idNumber: `${west.idNumber.slice(0, 4)}**********${west.idNumber.slice(-4)}`,
      birthDate: '1975-05-05',
      communityName: '文化社区退役军人服务站',
      inRosterUnderOtherName: false,
    });
    expect(JSON.stringify(westQueue)).not.toContain(west.idNumber);

    const eastIds = (await queue(dongdajie)).items.map((entry: { userId: number }) => entry.userId);
    expect(eastIds).toContain(east.id);
    expect(eastIds).not.toContain(west.id);
    const allIds = (await queue(district)).items.map((entry: { userId: number }) => entry.userId);
    expect(allIds).toEqual(expect.arrayContaining([west.id, east.id, homeless.id]));
  });

  it('shows the reviewer the roster row it matched (masked) and whether the proven phone matches; reveal is audited', async () => {
    const { app } = ctx;
    const idNumber = testIdNumber(sequence++, '19750505');
    await insertRosterRow(app, { name: '欧阳锋', idNumber, communityCode: 'xidajie-wenhua', phone: '13612345678' });
    const claimant = await createCitizen(app, { phone: '13900000001' });
    expect((await submitIdentity(app, claimant.token, { name: '欧阳锋', idNumber })).json().veteranStatus).toBe(
      'pending',
    );

    const item = (await queue(xidajie)).items.find((entry: { userId: number }) => entry.userId === claimant.id);
    expect(item).toMatchObject({
      phone: '139****0001',
      roster: {
        name: '欧*锋',
        communityName: '文化社区退役军人服务站',
        nameMatches: true,
        phoneMatches: false,
      },
      inRosterUnderOtherName: false,
    });

    const reveal = (token: string) =>
      app.inject({ method: 'GET', url: `/api/v1/staff/verifications/${claimant.id}/roster`, headers: bearer(token) });
    expect((await reveal(dongdajie.token)).statusCode).toBe(404);
    expect((await reveal(lawyer.token)).statusCode).toBe(403);
    const revealed = await reveal(xidajie.token);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({
      name: '欧阳锋',
      idNumber,
      phone: '13612345678',
      dischargeDate: '2008-12-01',
      communityName: '文化社区退役军人服务站',
    });
    const audits = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'roster.view_full'), eq(auditLog.targetId, String(claimant.id))));
    expect(audits.map((entry) => entry.actorId)).toEqual([xidajie.id]);

    // Verifying needs to say how the reviewer checked; the audit log keeps it.
    const noEvidence = await decide(xidajie, claimant.id, { decision: 'verify' });
    expect(noEvidence.statusCode).toBe(400);
    expect((await decide(xidajie, claimant.id, { decision: 'verify', evidence: 'in-person' })).statusCode).toBe(200);
    const [decided] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.verified'), eq(auditLog.targetId, String(claimant.id))));
    expect(decided?.detail).toMatchObject({ evidence: 'in-person' });
  });

  it('decides in scope only: a sibling station gets 404; reject needs a note; a decision is final', async () => {
    const { app } = ctx;
    const west = await waitingVeteran('上官飞', 'xidajie-xihu');
    const sibling = await decide(dongdajie, west.id, { decision: 'verify', evidence: 'documents' });
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json().error.code).toBe('NOT_FOUND');
    const lawyerTry = await decide(lawyer, west.id, { decision: 'verify', evidence: 'documents' });
    expect(lawyerTry.statusCode).toBe(403);

    const noNote = await decide(xidajie, west.id, { decision: 'reject' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.code).toBe('VALIDATION_FAILED');

    const rejected = await decide(xidajie, west.id, {
      decision: 'reject',
      note: '名册中无此人，请携带退伍证到服务站核实',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ userId: west.id, veteranStatus: 'rejected' });
    const [row] = await app.db.select().from(users).where(eq(users.id, west.id));
    expect(row).toMatchObject({ veteranStatus: 'rejected', verifiedBy: xidajie.id });
    expect((await decide(xidajie, west.id, { decision: 'verify', evidence: 'documents' })).statusCode).toBe(409);

    const [audit] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.rejected'), eq(auditLog.targetId, String(west.id))));
    expect(audit).toMatchObject({ actorId: xidajie.id, actorRole: 'staff', detail: { decision: 'reject' } });
    expect(JSON.stringify(audit?.detail)).not.toContain('名册中无此人');

    // The veteran is told, with the reason and what to do; a WeChat message waits where they allowed one.
    const told = await app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, west.id), eq(notifications.recipientType, 'citizen')));
    expect(told.map((notice) => [notice.kind, notice.link])).toEqual([
      ['identity-rejected', '/subpackages/account/identity/index'],
    ]);
    expect(told[0]?.body).toContain('名册中无此人，请携带退伍证到服务站核实');
    const [wechat] = await app.db.select().from(outbox).where(eq(outbox.recipientId, west.id));
    expect(wechat).toMatchObject({ template: 'identity-result', recipientType: 'citizen' });
  });

  it('district staff verify a veteran without community and place them in one; a street may only place within its own subtree', async () => {
    const homeless = await waitingVeteran('慕容复', null);
    const outside = await decide(district, homeless.id, {
      decision: 'verify',
      evidence: 'documents',
      communityUnitId: await unitIdByCode(ctx.app, 'gaoqiaoying-qinghe'),
    });
    expect(outside.statusCode).toBe(200);
    expect(outside.json()).toMatchObject({
      veteranStatus: 'verified',
      communityUnitId: await unitIdByCode(ctx.app, 'gaoqiaoying-qinghe'),
    });

    const west = await waitingVeteran('段誉', 'xidajie-wenhua');
    const wrongPlace = await decide(xidajie, west.id, {
      decision: 'verify',
      evidence: 'documents',
      communityUnitId: await unitIdByCode(ctx.app, 'dongdajie-dongcheng'),
    });
    expect(wrongPlace.statusCode).toBe(404);
    expect(wrongPlace.json().error.code).toBe('UNIT_NOT_FOUND');
    expect((await decide(xidajie, west.id, { decision: 'verify', evidence: 'documents' })).json()).toMatchObject({
      veteranStatus: 'verified',
    });
    const [told] = await ctx.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, west.id), eq(notifications.kind, 'identity-verified')));
    expect(told?.title).toBe('退役军人身份核验已通过');
  });

  it('shows the whole identity to staff in scope, auditing every view; sibling stations get 404, lawyers 403', async () => {
    const { app } = ctx;
    const west = await waitingVeteran('令狐冲', 'xidajie-wenhua');
    for (let view = 0; view < 2; view++) {
      const response = await viewIdentity(xidajie.token, west.id);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toMatchObject({
        userId: west.id,
        name: '令狐冲',
        idNumber: west.idNumber,
        kind: 'veteran',
      });
    }
    expect((await viewIdentity(district.token, west.id)).statusCode).toBe(200);

    const sibling = await viewIdentity(dongdajie.token, west.id);
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json().error.code).toBe('NOT_FOUND');
    const asLawyer = await viewIdentity(lawyer.token, west.id);
    expect(asLawyer.statusCode).toBe(403);
    expect(asLawyer.json().error.code).toBe('FORBIDDEN');
    expect((await viewIdentity(xidajie.token, 99_999_999)).statusCode).toBe(404);

    const views = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.view_full'), eq(auditLog.targetId, String(west.id))));
    expect(views.map((view) => view.actorId)).toEqual([xidajie.id, xidajie.id, district.id]);
    expect(JSON.stringify(views)).not.toContain(west.idNumber);
  });

  it('a citizen without identity has nothing to show (404)', async () => {
    const citizen = await createCitizen(ctx.app, { communityCode: 'xidajie-wenhua' });
    expect((await viewIdentity(xidajie.token, citizen.id)).statusCode).toBe(404);
  });

  it('shows the 退伍证 photo a waiting veteran attached; staff in scope open it (audited), others cannot', async () => {
    const veteran = await waitingVeteran('韩卫东', 'xidajie-wenhua');
    const attach = (token: string, uploadId: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/identity/proof',
        headers: bearer(token),
        payload: { uploadId },
      });
    // A PDF is not a photo staff can look at on the queue page.
    const pdf = (await uploadFile(ctx.app, veteran.token, 'card.pdf', SMALL_PDF)).json().id;
    expect((await attach(veteran.token, pdf)).statusCode).toBe(404);
    const photo = (await uploadFile(ctx.app, veteran.token, '退伍证.png', SMALL_PNG)).json().id;
    const attached = await attach(veteran.token, photo);
    expect(attached.statusCode).toBe(200);
    expect(attached.json().identityProof).toMatchObject({ fileName: '退伍证.png' });
    // Someone else's upload, or one already used, is not theirs to attach.
    const other = await waitingVeteran('韩卫西', 'xidajie-wenhua');
    expect((await attach(other.token, photo)).statusCode).toBe(404);
    // A verified veteran has nothing to prove.
    const verified = await createCitizen(ctx.app, {
      identity: { name: '韩卫南', idNumber: testIdNumber(sequence++) },
      veteranStatus: 'verified',
    });
    const theirs = (await uploadFile(ctx.app, verified.token, 'x.png', SMALL_PNG)).json().id;
    expect((await attach(verified.token, theirs)).statusCode).toBe(409);

    const item = (await queue(xidajie)).items.find((entry: { userId: number }) => entry.userId === veteran.id);
    expect(item.proof).toMatchObject({ uploadId: photo, fileName: '退伍证.png' });
    const open = (token: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/v1/uploads/${photo}`, headers: bearer(token) });
    expect((await open(xidajie.token)).statusCode).toBe(200);
    expect((await open(dongdajie.token)).statusCode).toBe(404);
    expect((await open(lawyer.token)).statusCode).toBe(404);
    expect((await open(other.token)).statusCode).toBe(404);
    const audits = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'upload.view_sensitive'), eq(auditLog.targetId, photo)));
    expect(audits.map((entry) => entry.actorId)).toEqual([xidajie.id]);
    expect(audits[0]?.detail).toMatchObject({ identityUserId: veteran.id });

    // A new ID number is a new claim: the old photo no longer stands for it.
    await submitIdentity(ctx.app, veteran.token, { name: '韩卫东', idNumber: testIdNumber(sequence++, '19750505') });
    const again = (await queue(xidajie)).items.find((entry: { userId: number }) => entry.userId === veteran.id);
    expect(again?.proof ?? null).toBeNull();
  });
});
