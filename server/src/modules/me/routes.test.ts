import { PRIVACY_POLICY_VERSION, SENSITIVE_INFO_NOTICE_VERSION } from '@veterans/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consents, familyLinks, refreshTokens, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff, testIdNumber, unitIdByCode } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { insertRosterRow } from '../veterans/test-support';
import { requireSensitiveConsent } from './consents';
import { agreeToPrivacyPolicy, expiredToken, submitIdentity } from './test-support';

const CITIZEN_ROUTES = [
  { method: 'GET', url: '/api/v1/me' },
  { method: 'PUT', url: '/api/v1/me', payload: { careMode: true } },
  {
    method: 'PUT',
    url: '/api/v1/me/identity',
    payload: { name: '张三', idNumber: testIdNumber(900), kind: 'veteran' },
  },
  {
    method: 'POST',
    url: '/api/v1/me/consents',
    payload: { kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true },
  },
  { method: 'GET', url: '/api/v1/me/export' },
  { method: 'DELETE', url: '/api/v1/me' },
] as const;

describe('me: profile, identity, consents, export, deletion', () => {
  let ctx: TestApp;
  let sequence = 100;
  const nextId = () => testIdNumber(sequence++);

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
  });
  afterAll(() => ctx.close());

  const rosterRow = (name: string, idNumber: string, communityCode: string, dischargeDate?: string, phone?: string) =>
    insertRosterRow(ctx.app, {
      name,
      idNumber,
      communityCode,
      ...(dischargeDate ? { dischargeDate } : {}),
      ...(phone ? { phone } : {}),
    });

  describe('authorisation', () => {
    it('refuses every citizen route without a token, with an expired token, and with a staff token', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      const staff = await createStaff(app, { role: 'admin', unitCode: 'weidu' });
      const expired = await expiredToken(app, 'citizen', citizen.id);
      for (const route of CITIZEN_ROUTES) {
        const none = await app.inject({ ...route });
        expect(none.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(none.json().error.code).toBe('UNAUTHORIZED');
        const old = await app.inject({ ...route, headers: bearer(expired) });
        expect(old.statusCode).toBe(401);
        expect(old.json().error.code).toBe('TOKEN_EXPIRED');
        const asStaff = await app.inject({ ...route, headers: bearer(staff.token) });
        expect(asStaff.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(asStaff.json().error.code).toBe('FORBIDDEN');
      }
    });
  });

  it('serves the privacy policy publicly', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/privacy-policy' });
    expect(response.statusCode).toBe(200);
    const policy = response.json();
    expect(policy.version).toBe(PRIVACY_POLICY_VERSION);
    const text = policy.sections.map((section: { body: string }) => section.body).join('\n');
    expect(text).toContain('魏都区退役军人服务中心');
    expect(text).toContain('180');
    expect(text).toContain('加密');
  });

  it('shows a new account with nothing personal yet, and masks the phone number', async () => {
    const { app } = ctx;
    const citizen = await createCitizen(app);
    const fresh = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(citizen.token) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toEqual({
      id: citizen.id,
      kind: 'veteran',
      phone: null,
      hasWechat: true,
      identity: null,
      veteranStatus: 'none',
      communityUnitId: null,
      careMode: false,
      identityProof: null,
      faceVerification: false,
      consents: { privacyPolicyVersion: null, sensitiveInfo: false },
    });
    await app.db
      .update(users)
      .set({
        phoneCipher: app.cipher.encrypt('13812345678', sealedIn(users.phoneCipher, citizen.id)),
        phoneHash: app.cipher.hash('13812345678'),
      })
      .where(eq(users.id, citizen.id));
    const withPhone = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(citizen.token) });
    expect(withPhone.json().phone).toBe('138****5678');
  });

  it('changes care mode and community; refuses an unknown community', async () => {
    const { app } = ctx;
    const citizen = await createCitizen(app);
    const wenhua = await unitIdByCode(app, 'xidajie-wenhua');
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: bearer(citizen.token),
      payload: { careMode: true, communityUnitId: wenhua },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ careMode: true, communityUnitId: wenhua });
    const unknown = await app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: bearer(citizen.token),
      payload: { communityUnitId: 999999 },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNIT_NOT_FOUND');
  });

  describe('consents', () => {
    it('appends a record for every grant and withdrawal, and reports the latest', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      const post = (payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/me/consents', headers: bearer(citizen.token), payload });
      const granted = await post({ kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true });
      expect(granted.statusCode).toBe(201);
      expect(granted.json()).toEqual({ privacyPolicyVersion: PRIVACY_POLICY_VERSION, sensitiveInfo: false });
      await post({ kind: 'sensitive-info', version: SENSITIVE_INFO_NOTICE_VERSION, granted: true });
      const withdrawn = await post({ kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: false });
      expect(withdrawn.json()).toEqual({ privacyPolicyVersion: null, sensitiveInfo: true });
      const rows = await app.db.select().from(consents).where(eq(consents.userId, citizen.id));
      expect(rows.map((row) => row.granted)).toEqual(['granted', 'granted', 'withdrawn']);
      const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(citizen.token) });
      expect(me.json().consents).toEqual({ privacyPolicyVersion: null, sensitiveInfo: true });
    });

    it('accepts only the current version', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/me/consents',
        headers: bearer(citizen.token),
        payload: { kind: 'privacy-policy', version: '2019-01-01', granted: true },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.version' }] });
    });

    it('requireSensitiveConsent refuses until the sensitive-information notice is granted', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      await expect(requireSensitiveConsent(app.db, citizen.id)).rejects.toMatchObject({
        code: 'SENSITIVE_CONSENT_REQUIRED',
        statusCode: 403,
      });
      await agreeToPrivacyPolicy(app, citizen.token);
      await expect(requireSensitiveConsent(app.db, citizen.id)).rejects.toMatchObject({
        code: 'SENSITIVE_CONSENT_REQUIRED',
      });
      await app.inject({
        method: 'POST',
        url: '/api/v1/me/consents',
        headers: bearer(citizen.token),
        payload: { kind: 'sensitive-info', version: SENSITIVE_INFO_NOTICE_VERSION, granted: true },
      });
      await expect(requireSensitiveConsent(app.db, citizen.id)).resolves.toBeUndefined();
    });
  });

  describe('real-name identity', () => {
    it('needs the privacy-policy consent first', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      const response = await app.inject({
        method: 'PUT',
        url: '/api/v1/me/identity',
        headers: bearer(citizen.token),
        payload: { name: '张三', idNumber: nextId(), kind: 'veteran' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('CONSENT_REQUIRED');
    });

    it('refuses an ID number with a wrong check digit', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      const id = nextId();
      const wrong = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
      const response = await submitIdentity(app, citizen.token, { name: '张三', idNumber: wrong });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    });

    it('a veteran not in the roster waits for staff; the answer is masked; nothing is stored in clear', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      const idNumber = testIdNumber(321, '19700102');
      const response = await submitIdentity(app, citizen.token, {
        name: '欧阳建华',
        idNumber,
        communityUnitId: await unitIdByCode(app, 'nanguan-nanhu'),
      });
      expect(response.statusCode).toBe(200);
      const me = response.json();
      expect(me.identity).toEqual({
        name: '欧**华',
        idNumber: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
        birthDate: '1970-01-02',
        gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
      });
      expect(me.veteranStatus).toBe('pending');
      expect(me.communityUnitId).toBe(await unitIdByCode(app, 'nanguan-nanhu'));

      const [rows] = (await app.db.execute(sql`SELECT * FROM users`)) as unknown as [unknown[]];
      const raw = JSON.stringify(rows);
      expect(raw).not.toContain(idNumber);
      expect(raw).not.toContain(idNumber.slice(6, 14) + idNumber.slice(14));
      expect(raw).not.toContain('欧阳建华');
      const [audit] = await app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'identity.submitted'), eq(auditLog.targetId, String(citizen.id))));
      expect(audit?.detail).toEqual({ kind: 'veteran', veteranStatus: 'pending', verifiedByRoster: false });
      expect(JSON.stringify(audit)).not.toContain(idNumber);
    });

    it('a pending user may correct the identity', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      await submitIdentity(app, citizen.token, { name: '张三', idNumber: nextId() });
      const corrected = await submitIdentity(app, citizen.token, { name: '张山', idNumber: nextId() });
      expect(corrected.statusCode).toBe(200);
      expect(corrected.json().identity.name).toBe('张*');
    });

    it('a veteran in the roster with its phone proven is verified at once, in the roster community, then locked', async () => {
      const { app } = ctx;
      const idNumber = nextId();
      await rosterRow('李卫国', idNumber, 'dongdajie-dongcheng', '2005-12-10', '13811112222');
      const citizen = await createCitizen(app, { phone: '13811112222' });
      const response = await submitIdentity(app, citizen.token, {
        name: '李卫国',
        idNumber: idNumber.toLowerCase(),
        communityUnitId: await unitIdByCode(app, 'xidajie-wenhua'),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        veteranStatus: 'verified',
        communityUnitId: await unitIdByCode(app, 'dongdajie-dongcheng'),
      });
      const [row] = await app.db.select().from(users).where(eq(users.id, citizen.id));
      expect(row).toMatchObject({ dischargeDate: '2005-12-10', idNumberHash: app.cipher.hash(idNumber) });
      expect(row?.verifiedAt).toBeInstanceOf(Date);

      const again = await submitIdentity(app, citizen.token, { name: '李卫国', idNumber: nextId() });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('IDENTITY_LOCKED');
      const move = await app.inject({
        method: 'PUT',
        url: '/api/v1/me',
        headers: bearer(citizen.token),
        payload: { communityUnitId: await unitIdByCode(app, 'xidajie-wenhua') },
      });
      expect(move.statusCode).toBe(409);
      expect(move.json().error.code).toBe('IDENTITY_LOCKED');
    });

    it('an impostor with the name and ID number of a roster veteran but another phone (or none) stays unverified', async () => {
      const { app } = ctx;
      const idNumber = nextId();
      await rosterRow('赵振国', idNumber, 'dongdajie-dongcheng', '2001-12-01', '13822223333');
      for (const impostor of [await createCitizen(app, { phone: '13900001111' }), await createCitizen(app)]) {
        await app.db
          .update(users)
          .set({ idNumberHash: null })
          .where(eq(users.idNumberHash, app.cipher.hash(idNumber)));
        const response = await submitIdentity(app, impostor.token, { name: '赵振国', idNumber });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ veteranStatus: 'pending' });
      }
    });

    it('a roster ID number under another name is not verified automatically', async () => {
      const { app } = ctx;
      const idNumber = nextId();
      await rosterRow('王强', idNumber, 'dongdajie-dongcheng');
      const citizen = await createCitizen(app);
      const response = await submitIdentity(app, citizen.token, { name: '王刚', idNumber });
      expect(response.json().veteranStatus).toBe('pending');
    });

    it('a family member has no veteran status', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app, { kind: 'family' });
      const response = await submitIdentity(app, citizen.token, { name: '陈美丽', idNumber: nextId(), kind: 'family' });
      expect(response.json()).toMatchObject({ kind: 'family', veteranStatus: 'none' });
    });

    it('one ID number, one account: ID_NUMBER_TAKEN, also for two accounts at the same moment', async () => {
      const { app } = ctx;
      const idNumber = nextId();
      const first = await createCitizen(app);
      expect((await submitIdentity(app, first.token, { name: '赵一', idNumber })).statusCode).toBe(200);
      const second = await createCitizen(app);
      const taken = await submitIdentity(app, second.token, { name: '赵一', idNumber });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('ID_NUMBER_TAKEN');

      const racers = await Promise.all(Array.from({ length: 6 }, () => createCitizen(app)));
      for (const racer of racers) await agreeToPrivacyPolicy(app, racer.token);
      const contested = nextId();
      const answers = await Promise.all(
        racers.map((racer) =>
          app.inject({
            method: 'PUT',
            url: '/api/v1/me/identity',
            headers: bearer(racer.token),
            payload: { name: '钱二', idNumber: contested, kind: 'veteran' },
          }),
        ),
      );
      const codes = answers.map((answer) => answer.statusCode).sort();
      expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
      for (const answer of answers.filter((a) => a.statusCode === 409)) {
        expect(answer.json().error.code).toBe('ID_NUMBER_TAKEN');
      }
    });

    it('limits identity attempts per hour, so registered ID numbers cannot be probed one after another', async () => {
      const { app } = ctx;
      const holder = await createCitizen(app);
      const idNumber = nextId();
      await submitIdentity(app, holder.token, { name: '吴用', idNumber });
      const prober = await createCitizen(app);
      await agreeToPrivacyPolicy(app, prober.token);
      const attempt = () =>
        app.inject({
          method: 'PUT',
          url: '/api/v1/me/identity',
          headers: bearer(prober.token),
          payload: { name: '吴用', idNumber, kind: 'veteran' },
        });
      for (let index = 0; index < 10; index++) expect((await attempt()).statusCode).toBe(409);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('RATE_LIMITED');
    });
  });

  describe('export and deletion', () => {
    it('exports the caller’s whole data in sections, in clear, and audits it', async () => {
      const { app } = ctx;
      const citizen = await createCitizen(app);
      const idNumber = nextId();
      await submitIdentity(app, citizen.token, { name: '孙立', idNumber });
      const response = await app.inject({ method: 'GET', url: '/api/v1/me/export', headers: bearer(citizen.token) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.json();
      expect(body.sections.map((section: { key: string }) => section.key)).toEqual([
        'profile',
        'consents',
        'familyLinks',
        'requests',
        'legalConsultations',
      ]);
      expect(body.sections[0].data).toMatchObject({ id: citizen.id, name: '孙立', idNumber, veteranStatus: 'pending' });
      expect(body.sections[1].data).toEqual([
        expect.objectContaining({ kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true }),
      ]);
      const audits = await app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'me.export'), eq(auditLog.targetId, String(citizen.id))));
      expect(audits).toHaveLength(1);
      expect(JSON.stringify(audits)).not.toContain(idNumber);
    });

    it('deletes by anonymising, ends links, revokes sessions, keeps the audit log, and says so', async () => {
      const { app } = ctx;
      const veteran = await createCitizen(app);
      const idNumber = nextId();
      await submitIdentity(app, veteran.token, { name: '周正', idNumber });
      const family = await createCitizen(app, { kind: 'family', identity: { name: '周小', idNumber: nextId() } });
      await app.db.insert(familyLinks).values({
        familyUserId: family.id,
        veteranUserId: veteran.id,
        relationship: 'child',
        status: 'active',
      });
      await app.db.insert(refreshTokens).values({
        tokenHash: 'a'.repeat(64),
        chainId: '00000000-0000-0000-0000-000000000001',
        principalType: 'citizen',
        principalId: veteran.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      });

      const response = await app.inject({ method: 'DELETE', url: '/api/v1/me', headers: bearer(veteran.token) });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.deleted).toBe(true);
      expect(body.retained.some((item: string) => item.includes('审计日志') && item.includes('180'))).toBe(true);

      const [row] = await app.db.select().from(users).where(eq(users.id, veteran.id));
      expect(row).toMatchObject({
        openid: null,
        phoneCipher: null,
        phoneHash: null,
        nameCipher: null,
        idNumberCipher: null,
        idNumberHash: null,
        birthDate: null,
        careMode: false,
        veteranStatus: 'none',
      });
      expect(row?.deletedAt).toBeInstanceOf(Date);
      const [link] = await app.db.select().from(familyLinks).where(eq(familyLinks.veteranUserId, veteran.id));
      expect(link?.status).toBe('ended');
      const [token] = await app.db.select().from(refreshTokens).where(eq(refreshTokens.principalId, veteran.id));
      expect(token?.revokedAt).toBeInstanceOf(Date);
      const audits = await app.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, String(veteran.id)));
      expect(audits.map((audit) => audit.action)).toEqual(expect.arrayContaining(['identity.submitted', 'me.deleted']));

      // The old access token no longer stands for anyone.
      for (const route of CITIZEN_ROUTES) {
        const after = await app.inject({ ...route, headers: bearer(veteran.token) });
        expect(after.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(after.json().error.code).toBe('INVALID_TOKEN');
      }
      // The ID number is free again (a new account of the same person).
      const newcomer = await createCitizen(app);
      expect((await submitIdentity(app, newcomer.token, { name: '周正', idNumber })).statusCode).toBe(200);
    });
  });
});
