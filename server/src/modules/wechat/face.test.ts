import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, users } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { type FakeWechat, startFakeWechat } from '../../testing/fake-wechat';
import { bearer, createCitizen, testIdNumber, unitIdByCode } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { insertRosterRow } from '../veterans/test-support';
import { faceCertHash } from './client';

describe('faceCertHash', () => {
  it('is the digest WeChat documents for queryVerifyInfo', () => {
    expect(faceCertHash('张三', '310101199801011234')).toBe(
      '3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b',
    );
  });
});

describe('人脸核身 (WeChat face verification v2)', () => {
  let fake: FakeWechat;
  let ctx: TestApp;
  let sequence = 970;
  beforeAll(async () => {
    fake = await startFakeWechat();
    ctx = await createTestApp({ WECHAT_API_BASE: fake.baseUrl, WECHAT_FACE_VERIFY: '1' });
    await seedDemoData(ctx.app.db);
  });
  afterAll(async () => {
    await ctx.close();
    await fake.close();
  });

  const post = (token: string, url: string, payload?: object) =>
    ctx.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });

  async function waitingVeteran(inRoster: boolean) {
    const identity = { name: '李秀成', idNumber: testIdNumber(sequence++, '19580808') };
    if (inRoster) await insertRosterRow(ctx.app, { ...identity, communityCode: 'xidajie-wenhua', phone: null });
    const citizen = await createCitizen(ctx.app, { identity, veteranStatus: 'pending' });
    await ctx.app.db
      .update(users)
      .set({ openid: `o_face_${sequence}` })
      .where(eq(users.id, citizen.id));
    return { ...citizen, ...identity, openid: `o_face_${sequence}` };
  }
  const statusOf = async (id: number) =>
    (await ctx.app.db.select().from(users).where(eq(users.id, id)))[0]?.veteranStatus;

  const offered = async (token: string) =>
    (await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).json().faceVerification;

  it('verifies a waiting veteran of the roster whose face WeChat matched to the identity, asking WeChat itself', async () => {
    const veteran = await waitingVeteran(true);
    // The app offers 刷脸核验 because GET /me says so; once verified it no longer does.
    expect(await offered(veteran.token)).toBe(true);
    const opened = await post(veteran.token, '/me/face-verification');
    expect(opened.statusCode).toBe(200);
    const { verifyId } = opened.json();
    // The session was opened for this person and identity.
    expect(fake.faceSessions.at(-1)).toMatchObject({
      verifyId,
      certName: veteran.name,
      certNo: veteran.idNumber,
      openid: veteran.openid,
    });
    const result = await post(veteran.token, '/me/face-verification/result', { verifyId });
    expect(result.json()).toEqual({ passed: true, verified: true });
    expect(await statusOf(veteran.id)).toBe('verified');
    const [row] = await ctx.app.db.select().from(users).where(eq(users.id, veteran.id));
    expect(row?.communityUnitId).toBe(await unitIdByCode(ctx.app, 'xidajie-wenhua'));
    const told = await ctx.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, veteran.id), eq(notifications.kind, 'identity-verified')));
    expect(told).toHaveLength(1);
    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.face_passed'), eq(auditLog.targetId, String(veteran.id))));
    expect(audit?.detail).toMatchObject({ verified: true });
    // A session is used once.
    expect((await post(veteran.token, '/me/face-verification/result', { verifyId })).statusCode).toBe(409);
    expect(await offered(veteran.token)).toBe(false);
  });

  it('leaves the claim with staff when the face did not match, or the person is not in the roster', async () => {
    const failing = await waitingVeteran(true);
    fake.faceOutcomes.push(90002);
    const { verifyId } = (await post(failing.token, '/me/face-verification')).json();
    expect((await post(failing.token, '/me/face-verification/result', { verifyId })).json()).toEqual({
      passed: false,
      verified: false,
    });
    expect(await statusOf(failing.id)).toBe('pending');

    const unknown = await waitingVeteran(false);
    const second = (await post(unknown.token, '/me/face-verification')).json();
    expect((await post(unknown.token, '/me/face-verification/result', second)).json()).toEqual({
      passed: true,
      verified: false,
    });
    expect(await statusOf(unknown.id)).toBe('pending');
  });

  it('refuses a session of someone else, and callers without a WeChat account or an identity', async () => {
    const owner = await waitingVeteran(true);
    const other = await waitingVeteran(true);
    const { verifyId } = (await post(owner.token, '/me/face-verification')).json();
    expect((await post(other.token, '/me/face-verification/result', { verifyId })).statusCode).toBe(404);
    // Signed in on H5 by SMS: no openid for WeChat to verify the face of.
    const noWechat = await createCitizen(ctx.app, { identity: { name: '石达开', idNumber: testIdNumber(sequence++) } });
    await ctx.app.db.update(users).set({ openid: null }).where(eq(users.id, noWechat.id));
    expect((await post(noWechat.token, '/me/face-verification')).statusCode).toBe(409);
    expect(await offered(noWechat.token)).toBe(false);
    const noIdentity = await createCitizen(ctx.app);
    await ctx.app.db.update(users).set({ openid: 'o_face_none' }).where(eq(users.id, noIdentity.id));
    expect((await post(noIdentity.token, '/me/face-verification')).json().error.code).toBe('IDENTITY_REQUIRED');
  });
});

describe('人脸核身 when the bureau has not enabled it', () => {
  it('answers 404', async () => {
    const ctx = await createTestApp();
    try {
      const citizen = await createCitizen(ctx.app, {
        identity: { name: '洪仁玕', idNumber: testIdNumber(990) },
        veteranStatus: 'pending',
      });
      const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(citizen.token) });
      expect(me.json().faceVerification).toBe(false);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/face-verification',
        headers: bearer(citizen.token),
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await ctx.close();
    }
  });
});
