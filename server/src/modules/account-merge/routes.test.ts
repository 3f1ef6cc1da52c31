import { errorEnvelopeSchema, mergeRefusalMessages } from '@veterans/shared';
import { and, desc, eq, getTableName, or } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  auditLog,
  consents,
  faceVerifications,
  familyLinks,
  idempotencyKeys,
  legalBookings,
  legalWaitlist,
  notifications,
  outbox,
  ratings,
  serviceRequests,
  subscriptionGrants,
  uploads,
  users,
} from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import { createCitizen, testIdNumber } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ConsoleSmsProvider } from '../auth/sms/console';
import { agreeToPrivacyPolicy } from '../me/test-support';
import { call, fakeUpload, fileRequest, linkFamily } from '../requests/test-support';
import { CITIZEN_REFERENCES } from './merge';

describe('proving a phone by SMS while signed in, and merging its account', () => {
  let ctx: TestApp;
  const sent = vi.spyOn(ConsoleSmsProvider.prototype, 'send');
  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
  });
  afterEach(() => sent.mockClear());
  afterAll(async () => {
    sent.mockRestore();
    await ctx.close();
  });

  let sequence = 0;
  const newPhone = () => `136${String(Date.now() % 10_000).padStart(4, '0')}${String(sequence++).padStart(4, '0')}`;
  const sendCode = async (token: string, phone: string) => {
    const response = await call(ctx.app, 'POST', '/me/phone/sms-code', token, { phone });
    expect(response.statusCode).toBe(200);
    const code = sent.mock.calls.at(-1)?.[1];
    if (!code) throw new Error('no SMS was sent');
    return code;
  };
  const bind = (token: string, body: { phone: string; code: string; merge?: boolean }) =>
    call(ctx.app, 'POST', '/me/phone/sms', token, body);
  const errorOf = (response: { json(): unknown }) => errorEnvelopeSchema.parse(response.json()).error;

  /** An H5 account (signed in by SMS: a phone, no WeChat). */
  const smsAccount = async () => {
    const citizen = await createCitizen(ctx.app, { phone: newPhone() });
    await ctx.app.db.update(users).set({ openid: null }).where(eq(users.id, citizen.id));
    return citizen;
  };

  /** A WeChat account with a phone and a verified identity, and a row in every table a citizen owns. */
  const fullAccount = async () => {
    sequence += 1;
    const idNumber = testIdNumber(400 + sequence);
    const phone = newPhone();
    const account = await createCitizen(ctx.app, {
      phone,
      identity: { name: '合并测试', idNumber },
      communityCode: 'xidajie-wenhua',
      veteranStatus: 'verified',
    });
    await ctx.app.db
      .update(users)
      .set({ birthDate: '1965-03-15', gender: 'male', verifiedAt: new Date() })
      .where(eq(users.id, account.id));
    await agreeToPrivacyPolicy(ctx.app, account.token);
    const submitted = await fileRequest(ctx.app, account);
    const draft = await fileRequest(ctx.app, account, { submit: false });
    await fakeUpload(ctx.app, account.id);
    const now = new Date();
    await ctx.app.db.insert(legalBookings).values({
      slotId: 1,
      userId: account.id,
      subjectUserId: account.id,
      topic: 'labour',
      description: 'x',
    });
    await ctx.app.db.insert(legalWaitlist).values({
      slotId: 2,
      userId: account.id,
      subjectUserId: account.id,
      topic: 'labour',
      description: 'x',
    });
    await ctx.app.db.insert(notifications).values({
      recipientType: 'citizen',
      recipientId: account.id,
      kind: 'test',
      title: '测试',
      body: '测试',
    });
    await ctx.app.db.insert(outbox).values({
      channel: 'wechat-subscribe',
      dedupeKey: `merge-test-${account.id}`,
      recipientType: 'citizen',
      recipientId: account.id,
      template: 'request-status',
      payload: {},
    });
    await ctx.app.db
      .insert(ratings)
      .values({ requestId: submitted.id, userId: account.id, level: 5, requestSubmittedAt: now });
    await ctx.app.db
      .insert(faceVerifications)
      .values({ userId: account.id, outSeqNo: `merge-${account.id}`, verifyId: 'v', status: 'failed' });
    await ctx.app.db
      .insert(subscriptionGrants)
      .values({ userId: account.id, template: 'request-status', remaining: 2 });
    await ctx.app.db
      .insert(idempotencyKeys)
      .values({ userId: account.id, key: 'same-key', scope: 'submit', requestId: submitted.id });
    return { ...account, phone, idNumber, submitted, draft };
  };

  it('merges on confirmation: every row kept on one account, the other deleted and signed out, audited', async () => {
    const survivor = await smsAccount();
    const absorbed = await fullAccount();
    const family = await createCitizen(ctx.app, { kind: 'family' });
    await linkFamily(ctx.app, family.id, absorbed.id, 'active');
    await linkFamily(ctx.app, family.id, survivor.id, 'pending');
    await ctx.app.db
      .insert(subscriptionGrants)
      .values({ userId: survivor.id, template: 'request-status', remaining: 1 });
    const [{ openid }] = (await ctx.app.db
      .select({ openid: users.openid })
      .from(users)
      .where(eq(users.id, absorbed.id))) as [{ openid: string }];
    const movable = CITIZEN_REFERENCES.filter((reference) => reference.handling === 'move');
    const countOf = async (userId: number) => {
      const counts: Record<string, number> = {};
      for (const { column } of movable) {
        const rows = await ctx.app.db.select().from(column.table).where(eq(column, userId));
        counts[`${getTableName(column.table)}.${column.name}`] = rows.length;
      }
      return counts;
    };
    const before = await countOf(absorbed.id);
    const survivorBefore = await countOf(survivor.id);
    expect(Object.values(before).filter((count) => count > 0).length).toBeGreaterThanOrEqual(14);

    const code = await sendCode(survivor.token, absorbed.phone);
    // First answer: the prompt, nothing merged, the code still good.
    const offered = await bind(survivor.token, { phone: absorbed.phone, code });
    expect(offered.statusCode).toBe(409);
    expect(errorOf(offered).code).toBe('PHONE_TAKEN');
    expect(await countOf(survivor.id)).toEqual(survivorBefore);

    const merged = await bind(survivor.token, { phone: absorbed.phone, code, merge: true });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({
      phone: `${absorbed.phone.slice(0, 3)}****${absorbed.phone.slice(7)}`,
      merged: true,
    });

    // Nothing left on the absorbed account; everything it had is now the survivor's.
    const after = await countOf(absorbed.id);
    expect(Object.values(after).every((count) => count === 0)).toBe(true);
    const moved = await countOf(survivor.id);
    for (const [key, count] of Object.entries(before)) {
      // The survivor's own pending link with the same family member was the duplicate, deleted.
      const duplicates = key === 'family_links.veteran_user_id' ? 1 : 0;
      // The merge notice is one message more (inbox and subscribe message).
      const notice = key === 'notifications.recipient_id' || key === 'outbox.recipient_id' ? 1 : 0;
      expect(moved[key], key).toBe((survivorBefore[key] ?? 0) + count - duplicates + notice);
    }
    // The person is told what moved, in the inbox and (where allowed) as a subscribe message.
    const [notice] = await ctx.app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, survivor.id), eq(notifications.kind, 'account-merged')));
    expect(notice?.title).toBe('您的两个账号已合并');
    expect(notice?.body).toContain(`手机号 ${absorbed.phone.slice(0, 3)}****${absorbed.phone.slice(7)} 的另一个账号`);
    expect(notice?.body).toContain('办件（含草稿）2 件、法律咨询预约 1 个、候补登记 1 个');
    expect(notice?.body).toContain('实名信息、微信登录');
    const [message] = await ctx.app.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipientId, survivor.id), eq(outbox.template, 'identity-result')));
    expect(message?.payload).toMatchObject({ data: { item: '账号合并', result: '已合并' } });
    const links = await ctx.app.db
      .select()
      .from(familyLinks)
      .where(or(eq(familyLinks.veteranUserId, survivor.id), eq(familyLinks.veteranUserId, absorbed.id)));
    expect(links.map((link) => [link.veteranUserId, link.status])).toEqual([[survivor.id, 'active']]);
    const grants = await ctx.app.db.select().from(subscriptionGrants).where(eq(subscriptionGrants.userId, survivor.id));
    expect(grants.map((grant) => grant.remaining)).toEqual([3]);
    expect(
      await ctx.app.db.select().from(subscriptionGrants).where(eq(subscriptionGrants.userId, absorbed.id)),
    ).toEqual([]);
    expect(
      (await ctx.app.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, survivor.id))).length,
    ).toBe(1);

    // The survivor is the verified veteran now, with the proven phone and the WeChat openid.
    const [row] = await ctx.app.db.select().from(users).where(eq(users.id, survivor.id));
    expect(row).toMatchObject({ veteranStatus: 'verified', openid, phoneHash: ctx.app.cipher.hash(absorbed.phone) });
    expect(ctx.app.cipher.decrypt(row?.idNumberCipher ?? '', sealedIn(users.idNumberCipher, survivor.id))).toBe(
      absorbed.idNumber,
    );
    const me = await call(ctx.app, 'GET', '/me', survivor.token);
    expect(me.json()).toMatchObject({ veteranStatus: 'verified', hasWechat: true, identity: { gender: 'male' } });
    const mine = await call(ctx.app, 'GET', '/requests', survivor.token);
    const ids = (mine.json() as { items: { id: number }[] }).items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([absorbed.submitted.id, absorbed.draft.id]));

    // The absorbed account is an empty, deleted shell whose sign-ins no longer work.
    const [shell] = await ctx.app.db.select().from(users).where(eq(users.id, absorbed.id));
    expect(shell).toMatchObject({ openid: null, phoneHash: null, idNumberHash: null, nameCipher: null });
    expect(shell?.deletedAt).toBeInstanceOf(Date);
    expect((await call(ctx.app, 'GET', '/me', absorbed.token)).statusCode).toBe(401);

    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'account.merged'))
      .orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorId: survivor.id, targetId: String(survivor.id) });
    expect(audit?.detail).toMatchObject({ survivorId: survivor.id, absorbedId: absorbed.id, identityFrom: 'absorbed' });

    // The code is used up.
    const again = await bind(survivor.token, { phone: absorbed.phone, code, merge: true });
    expect(errorOf(again).code).toBe('SMS_CODE_EXPIRED');
  });

  it('never merges without the right code', async () => {
    const survivor = await smsAccount();
    const absorbed = await fullAccount();
    const code = await sendCode(survivor.token, absorbed.phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await bind(survivor.token, { phone: absorbed.phone, code: wrong, merge: true });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).code).toBe('SMS_CODE_INVALID');
    const noCode = await bind(survivor.token, { phone: absorbed.phone, code: '', merge: true } as never);
    expect(noCode.statusCode).toBe(400);
    const requests = await ctx.app.db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.applicantUserId, absorbed.id));
    expect(requests).toHaveLength(2);
    const [row] = await ctx.app.db.select().from(users).where(eq(users.id, absorbed.id));
    expect(row?.deletedAt).toBeNull();
  });

  it('refuses to merge two accounts with different real-name identities, and says where to go', async () => {
    const survivor = await fullAccount();
    await ctx.app.db.update(users).set({ openid: null }).where(eq(users.id, survivor.id));
    const absorbed = await fullAccount();
    const code = await sendCode(survivor.token, absorbed.phone);
    for (const merge of [false, true]) {
      const refused = await bind(survivor.token, { phone: absorbed.phone, code, merge });
      expect(refused.statusCode).toBe(409);
      expect(errorOf(refused)).toMatchObject({
        code: 'ACCOUNT_MERGE_REFUSED',
        message: mergeRefusalMessages['identity-conflict'],
      });
    }
    expect(
      await ctx.app.db
        .select()
        .from(uploads)
        .where(and(eq(uploads.uploaderType, 'citizen'), eq(uploads.uploaderId, survivor.id))),
    ).toHaveLength(1);
    const [row] = await ctx.app.db.select().from(users).where(eq(users.id, absorbed.id));
    expect(row?.deletedAt).toBeNull();
    expect(
      await ctx.app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'account.merged'), eq(auditLog.targetId, String(survivor.id)))),
    ).toEqual([]);
  });

  it('binds a phone nobody has, replacing the sign-in phone, and keeps consents apart', async () => {
    const citizen = await smsAccount();
    const phone = newPhone();
    const code = await sendCode(citizen.token, phone);
    const bound = await bind(citizen.token, { phone, code });
    expect(bound.statusCode).toBe(200);
    expect(bound.json()).toMatchObject({ merged: false });
    const [row] = await ctx.app.db.select().from(users).where(eq(users.id, citizen.id));
    expect(row?.phoneHash).toBe(ctx.app.cipher.hash(phone));
    expect(await ctx.app.db.select().from(consents).where(eq(consents.userId, citizen.id))).toEqual([]);
  });
});
