import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, users } from '../../db/schema/index';
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
import { agreeToPrivacyPolicy, submitIdentity } from '../me/test-support';
import { SMALL_PNG, uploadFile } from '../uploads/test-support';
import { insertRosterRow } from './test-support';

describe('identity disputes 身份申诉', () => {
  let ctx: TestApp;
  let station: StaffFixture;
  let sibling: StaffFixture;
  let sequence = 960;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    station = await createStaff(ctx.app, { unitCode: 'xidajie' });
    sibling = await createStaff(ctx.app, { unitCode: 'dongdajie' });
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });

  /** An impostor holds a roster veteran's ID number (verified by mistake); the real veteran is refused. */
  async function takenIdentity() {
    const { app } = ctx;
    const idNumber = testIdNumber(sequence++, '19660606');
    const phone = `1361000${String(sequence).padStart(4, '0')}`;
    await insertRosterRow(app, { name: '岳鹏举', idNumber, communityCode: 'xidajie-wenhua', phone });
    const impostor = await createCitizen(app, {
      identity: { name: '岳鹏举', idNumber },
      veteranStatus: 'verified',
      communityCode: 'xidajie-wenhua',
    });
    const veteran = await createCitizen(app, { phone });
    const refused = await submitIdentity(app, veteran.token, { name: '岳鹏举', idNumber });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ID_NUMBER_TAKEN');
    const proof = (await uploadFile(app, veteran.token, '退伍证.png', SMALL_PNG, 'image/png')).json().id as string;
    return { idNumber, impostor, veteran, proof };
  }

  const userRow = async (id: number) => (await ctx.app.db.select().from(users).where(eq(users.id, id)))[0];
  const notices = async (id: number) =>
    (
      await ctx.app.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.recipientId, id), eq(notifications.kind, 'identity-dispute')))
    ).map((notice) => notice.title);

  it('lets the real veteran claim a taken ID number; the station gives it to them and removes the impostor’s claim', async () => {
    const { idNumber, impostor, veteran, proof } = await takenIdentity();
    const filed = await call('POST', '/me/identity-disputes', veteran.token, {
      name: '岳鹏举',
      idNumber,
      proofUploadId: proof,
    });
    expect(filed.statusCode).toBe(201);
    // Until it is decided neither claim is verified.
    expect((await userRow(impostor.id))?.veteranStatus).toBe('pending');
    expect(await notices(veteran.id)).toEqual(['身份申诉已提交']);
    expect(await notices(impostor.id)).toEqual(['您的实名信息有人申诉']);
    const mine = (await call('GET', '/me/identity-disputes', veteran.token)).json().items;
    expect(mine).toMatchObject([{ status: 'open', statusLabel: '核实中', note: null }]);
    // Suspended, but not in the verification queue: the dispute decides.
    const queue = (await call('GET', '/staff/verifications?pageSize=100', station.token)).json().items;
    expect(queue.some((item: { userId: number }) => item.userId === impostor.id)).toBe(false);

    expect((await call('GET', '/staff/identity-disputes', sibling.token)).json().items).toEqual([]);
    const [item] = (await call('GET', '/staff/identity-disputes', station.token)).json().items;
    expect(item).toMatchObject({
      communityName: '文化社区退役军人服务站',
      inRoster: true,
      holder: { userId: impostor.id, name: '岳*举', phone: null, statusBefore: 'verified', phoneMatchesRoster: false },
      claimant: {
        userId: veteran.id,
        name: '岳*举',

        nameMatchesRoster: true,
        phoneMatchesRoster: true,
      },
      proofUploadId: proof,
    });
    expect(JSON.stringify(item)).not.toContain(idNumber);
    // The reviewer can open the proof; a sibling station cannot.
    expect((await call('GET', `/uploads/${proof}`, station.token)).statusCode).toBe(200);
    expect((await call('GET', `/uploads/${proof}`, sibling.token)).statusCode).toBe(404);

    expect(
      (await call('POST', `/staff/identity-disputes/${item.id}`, sibling.token, { winner: 'claimant', note: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/staff/identity-disputes/${item.id}`, station.token, { winner: 'claimant', note: '' }))
        .statusCode,
    ).toBe(400);
    const decided = await call('POST', `/staff/identity-disputes/${item.id}`, station.token, {
      winner: 'claimant',
      note: '申诉人持退伍证原件到站核验，名册电话核实一致',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().status).toBe('claimant');
    expect(
      (await call('POST', `/staff/identity-disputes/${item.id}`, station.token, { winner: 'holder', note: '再次' }))
        .statusCode,
    ).toBe(409);

    expect(await userRow(impostor.id)).toMatchObject({
      nameCipher: null,
      idNumberHash: null,
      veteranStatus: 'none',
      deletedAt: null,
    });
    expect(await userRow(veteran.id)).toMatchObject({
      idNumberHash: ctx.app.cipher.hash(idNumber),
      veteranStatus: 'verified',
      verifiedBy: station.id,
      communityUnitId: await unitIdByCode(ctx.app, 'xidajie-wenhua'),
    });
    const me = (await call('GET', '/me', veteran.token)).json();
    expect(me).toMatchObject({ veteranStatus: 'verified', identity: { name: '岳*举', birthDate: '1966-06-06' } });
    expect(await notices(veteran.id)).toContain('身份申诉成立');
    expect(await notices(impostor.id)).toContain('您的实名信息已被移除');
    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.dispute_decided'), eq(auditLog.targetId, String(item.id))));
    expect(audit).toMatchObject({ actorId: station.id, detail: { winner: 'claimant' } });
  });

  it('gives the holder back their status when the claim does not hold', async () => {
    const { idNumber, impostor: holder, veteran: claimant, proof } = await takenIdentity();
    await call('POST', '/me/identity-disputes', claimant.token, { name: '岳鹏举', idNumber, proofUploadId: proof });
    const [item] = (await call('GET', '/staff/identity-disputes', station.token)).json().items;
    const decided = await call('POST', `/staff/identity-disputes/${item.id}`, station.token, {
      winner: 'holder',
      note: '申诉人未能提供本人证件',
    });
    expect(decided.statusCode).toBe(200);
    expect((await userRow(holder.id))?.veteranStatus).toBe('verified');
    expect((await userRow(claimant.id))?.idNumberHash).toBeNull();
    const mine = (await call('GET', '/me/identity-disputes', claimant.token)).json().items;
    expect(mine[0]).toMatchObject({ status: 'holder', note: '申诉人未能提供本人证件' });
    expect(await notices(claimant.id)).toContain('身份申诉未成立');
    expect(await notices(holder.id)).toContain('身份申诉已处理');
  });

  it('refuses a dispute over a free ID number, a second one, and a proof that is not the caller’s', async () => {
    const { idNumber, impostor, veteran, proof } = await takenIdentity();
    const other = await createCitizen(ctx.app);
    await agreeToPrivacyPolicy(ctx.app, other.token);
    const foreignProof = await call('POST', '/me/identity-disputes', other.token, {
      name: '岳鹏举',
      idNumber,
      proofUploadId: proof,
    });
    expect(foreignProof.statusCode).toBe(404);
    expect(foreignProof.json().error.code).toBe('UPLOAD_NOT_FOUND');

    const free = await call('POST', '/me/identity-disputes', veteran.token, {
      name: '岳鹏举',
      idNumber: testIdNumber(sequence++, '19660606'),
      proofUploadId: proof,
    });
    expect(free.statusCode).toBe(409);
    expect(free.json().error.message).toBe('该身份证号码没有被其他账号使用，请直接提交实名信息');

    expect(
      (await call('POST', '/me/identity-disputes', veteran.token, { name: '岳鹏举', idNumber, proofUploadId: proof }))
        .statusCode,
    ).toBe(201);
    const secondProof = (await uploadFile(ctx.app, veteran.token, '优待证.png', SMALL_PNG, 'image/png')).json().id;
    const again = await call('POST', '/me/identity-disputes', veteran.token, {
      name: '岳鹏举',
      idNumber,
      proofUploadId: secondProof,
    });
    expect(again.statusCode).toBe(409);
    // A proof is required.
    const missing = await call('POST', '/me/identity-disputes', veteran.token, { name: '岳鹏举', idNumber });
    expect(missing.statusCode).toBe(400);
    // While it is open, the holder cannot change the identity in question.
    const change = await submitIdentity(ctx.app, impostor.token, { name: '岳飞', idNumber: testIdNumber(sequence++) });
    expect(change.statusCode).toBe(409);
    expect(change.json().error).toMatchObject({ code: 'IDENTITY_LOCKED', message: '身份申诉核实期间不能修改实名信息' });
  });
});
