import { errorEnvelopeSchema, mergeRefusalMessages, sessionSchema } from '@veterans/shared';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import { FAKE_HTTP_500_CODE, type FakeWechat, startFakeWechat } from '../../testing/fake-wechat';
import { bearer, createCitizen, createStaff, testIdNumber, unitIdByCode } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { insertRosterRow } from '../veterans/test-support';

describe('WeChat sign-in and phone binding', () => {
  let fake: FakeWechat;
  let ctx: TestApp;
  beforeAll(async () => {
    fake = await startFakeWechat();
    ctx = await createTestApp({ WECHAT_API_BASE: fake.baseUrl });
    await seedDemoData(ctx.app.db);
  });
  afterAll(async () => {
    await ctx.close();
    await fake.close();
  });

  const wechatLogin = (code: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code } });
  const bindPhone = (token: string, code: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/me/phone', headers: bearer(token), payload: { code } });
  const expectError = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe(code);
  };

  it('creates a citizen on first sign-in and finds the same one afterwards', async () => {
    const first = await wechatLogin(fake.loginCode('o_new_user_1'));
    expect(first.statusCode).toBe(200);
    const session = sessionSchema.parse(first.json());
    expect(session.user).toMatchObject({
      type: 'citizen',
      role: 'veteran',
      displayName: '微信用户',
      unitId: null,
      mustChangePassword: false,
    });
    expect(first.body).not.toContain('session_key');
    const [user] = await ctx.app.db.select().from(users).where(eq(users.openid, 'o_new_user_1'));
    expect(user?.id).toBe(session.user.id);
    expect(user?.kind).toBe('veteran');

    const second = sessionSchema.parse((await wechatLogin(fake.loginCode('o_new_user_1'))).json());
    expect(second.user.id).toBe(session.user.id);
    expect(await ctx.app.db.select().from(users).where(eq(users.openid, 'o_new_user_1'))).toHaveLength(1);

    const audits = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.wechat.login'))
      .orderBy(desc(auditLog.id));
    expect(audits.slice(0, 2).map((row) => row.detail)).toEqual([{ created: false }, { created: true }]);
    expect(audits[0]).toMatchObject({ actorId: session.user.id, actorRole: 'veteran' });
    expect(JSON.stringify(audits)).not.toContain('o_new_user_1');
  });

  it('creates one account when the first two sign-ins race', async () => {
    const responses = await Promise.all([
      wechatLogin(fake.loginCode('o_racer')),
      wechatLogin(fake.loginCode('o_racer')),
      wechatLogin(fake.loginCode('o_racer')),
    ]);
    const ids = responses.map((response) => sessionSchema.parse(response.json()).user.id);
    expect(new Set(ids).size).toBe(1);
  });

  it.each([
    ['code-invalid', 400, 'WECHAT_CODE_INVALID'],
    ['code-used', 400, 'WECHAT_CODE_INVALID'],
    ['code-rate-limited', 429, 'WECHAT_RATE_LIMITED'],
    ['code-risky', 403, 'WECHAT_RISKY_USER'],
    ['code-busy', 502, 'WECHAT_UNAVAILABLE'],
    [FAKE_HTTP_500_CODE, 502, 'WECHAT_UNAVAILABLE'],
  ])('maps WeChat’s answer to %s to %i %s', async (code, status, errorCode) => {
    expectError(await wechatLogin(code), status, errorCode);
  });

  it('refuses a code used twice', async () => {
    const code = fake.loginCode('o_twice');
    expect((await wechatLogin(code)).statusCode).toBe(200);
    expectError(await wechatLogin(code), 400, 'WECHAT_CODE_INVALID');
  });

  it('validates the body', async () => {
    expectError(await wechatLogin(''), 400, 'VALIDATION_FAILED');
  });

  describe('POST /me/phone', () => {
    it('binds the phone WeChat vouches for, encrypted, and answers it masked', async () => {
      const citizen = await createCitizen(ctx.app);
      const response = await bindPhone(citizen.token, fake.phoneCode('13800138000'));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ phone: '138****8000' });
      const [user] = await ctx.app.db.select().from(users).where(eq(users.id, citizen.id));
      expect(user?.phoneHash).toBe(ctx.app.cipher.hash('13800138000'));
      expect(user?.phoneCipher).not.toContain('13800138000');
      expect(ctx.app.cipher.decrypt(user?.phoneCipher as string, sealedIn(users.phoneCipher, citizen.id))).toBe(
        '13800138000',
      );
      const [audit] = await ctx.app.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'me.phone.bound'))
        .orderBy(desc(auditLog.id));
      expect(audit).toMatchObject({ actorId: citizen.id, targetId: String(citizen.id) });
      expect(JSON.stringify(audit)).not.toContain('13800138000');

      // Binding it again to the same account is fine.
      expect((await bindPhone(citizen.token, fake.phoneCode('13800138000'))).statusCode).toBe(200);
    });

    it('verifies a waiting veteran whose roster row holds the phone WeChat vouches for', async () => {
      const idNumber = testIdNumber(931);
      await insertRosterRow(ctx.app, {
        name: '郑成功',
        idNumber,
        communityCode: 'xidajie-wenhua',
        phone: '13712345678',
      });
      const waiting = await createCitizen(ctx.app, {
        identity: { name: '郑成功', idNumber },
        veteranStatus: 'pending',
      });
      const other = await createCitizen(ctx.app, { identity: { name: '郑成', idNumber: testIdNumber(932) } });
      expect((await bindPhone(other.token, fake.phoneCode('13712345679'))).statusCode).toBe(200);
      expect((await bindPhone(waiting.token, fake.phoneCode('13712345678'))).statusCode).toBe(200);
      const [user] = await ctx.app.db.select().from(users).where(eq(users.id, waiting.id));
      expect(user).toMatchObject({
        veteranStatus: 'verified',
        communityUnitId: await unitIdByCode(ctx.app, 'xidajie-wenhua'),
      });
      const [audit] = await ctx.app.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'identity.verified_by_roster'))
        .orderBy(desc(auditLog.id));
      expect(audit?.targetId).toBe(String(waiting.id));
    });

    it("refuses a phone that is another WeChat account's: two WeChat accounts are not merged by themselves", async () => {
      const owner = await createCitizen(ctx.app);
      const other = await createCitizen(ctx.app);
      expect((await bindPhone(owner.token, fake.phoneCode('13900139000'))).statusCode).toBe(200);
      const response = await bindPhone(other.token, fake.phoneCode('13900139000'));
      expectError(response, 409, 'ACCOUNT_MERGE_REFUSED');
      expect(response.json().error.message).toBe(mergeRefusalMessages['wechat-conflict']);
    });

    it('answers PHONE_TAKEN (the app offers to merge) for the phone of an account signed in by SMS', async () => {
      const smsAccount = await createCitizen(ctx.app, { phone: '13900139001' });
      await ctx.app.db.update(users).set({ openid: null }).where(eq(users.id, smsAccount.id));
      const wechatAccount = await createCitizen(ctx.app);
      const response = await bindPhone(wechatAccount.token, fake.phoneCode('13900139001'));
      expectError(response, 409, 'PHONE_TAKEN');
      const [row] = await ctx.app.db.select().from(users).where(eq(users.id, wechatAccount.id));
      expect(row?.phoneHash).toBeNull();
    });

    it('maps an invalid phone code to WECHAT_CODE_INVALID', async () => {
      const citizen = await createCitizen(ctx.app);
      expectError(await bindPhone(citizen.token, 'not-a-phone-code'), 400, 'WECHAT_CODE_INVALID');
      const code = fake.phoneCode('13700137000');
      expect((await bindPhone(citizen.token, code)).statusCode).toBe(200);
      expectError(await bindPhone(citizen.token, code), 400, 'WECHAT_CODE_INVALID');
    });

    it('is for signed-in citizens only', async () => {
      const staff = await createStaff(ctx.app);
      expectError(await bindPhone(staff.token, fake.phoneCode('13600136000')), 403, 'FORBIDDEN');
      const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/v1/me/phone', payload: { code: 'x' } });
      expectError(anonymous, 401, 'UNAUTHORIZED');
    });
  });
});
