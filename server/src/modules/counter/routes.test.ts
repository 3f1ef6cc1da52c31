import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consents, serviceRequests, uploads, users } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { createCitizen, createStaff, type StaffFixture, testIdNumber, unitIdByCode } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { call, completeForm, staffAct } from '../requests/test-support';

describe('窗口代办 (counter service)', () => {
  let ctx: TestApp;
  let wenhuaClerk: StaffFixture;
  let wenhuaId: number;
  let sequence = 700;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    wenhuaClerk = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    wenhuaId = await unitIdByCode(ctx.app, 'xidajie-wenhua');
  });
  afterAll(() => ctx.close());

  /** A scan the clerk uploaded (as `POST /uploads` by a staff member leaves it); `photo`: a conforming 优待证 photo. */
  async function clerkScan(staffId: number, kind: 'pdf' | 'photo' = 'pdf'): Promise<string> {
    const publicId = randomBytes(18).toString('base64url');
    await ctx.app.db.insert(uploads).values({
      publicId,
      uploaderType: 'staff',
      uploaderId: staffId,
      storageKey: `test/${publicId}`,
      ...(kind === 'photo'
        ? { fileName: 'photo.jpg', mimeType: 'image/jpeg', sizeBytes: 35 * 1024, imageWidth: 352, imageHeight: 440 }
        : { fileName: 'scan.pdf', mimeType: 'application/pdf', sizeBytes: 2048 }),
      sha256: '0'.repeat(64),
    });
    return publicId;
  }

  function walkIn(overrides: Record<string, unknown> = {}) {
    return {
      name: '李守田',
      idNumber: testIdNumber(sequence++, '19480612'),
      communityUnitId: wenhuaId,
      phone: `139${String(10_000_000 + sequence).slice(-8)}`,
      documentChecked: true,
      consentMethod: 'paper-form',
      ...overrides,
    };
  }

  async function register(body = walkIn(), clerk = wenhuaClerk) {
    const response = await call(ctx.app, 'POST', '/staff/counter/people', clerk.token, body);
    expect(response.statusCode, response.body).toBe(201);
    return { ...body, person: response.json() as { userId: number } };
  }

  async function preferentialCardForm(clerk: StaffFixture) {
    return {
      ...(await completeForm(ctx.app, 'preferential-card', 0)),
      idPhoto: [await clerkScan(clerk.id, 'photo')],
      dischargeCertificate: [await clerkScan(clerk.id)],
    };
  }

  it('needs a token; citizens and lawyers cannot use the counter, staff cannot claim', async () => {
    const staffRoutes = [
      ['POST', '/staff/counter/lookup'],
      ['POST', '/staff/counter/people'],
      ['POST', '/staff/counter/requests'],
      ['GET', '/staff/counter/requests/1/receipt'],
    ] as const;
    const citizen = await createCitizen(ctx.app);
    const lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
    for (const [method, url] of [...staffRoutes, ['POST', '/me/counter-claim'] as const]) {
      expect((await call(ctx.app, method, url, undefined, {})).statusCode, url).toBe(401);
    }
    for (const [method, url] of staffRoutes) {
      for (const token of [citizen.token, lawyer.token]) {
        const response = await call(ctx.app, method, url, token, {});
        expect(response.statusCode, url).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
    const staffClaim = await call(ctx.app, 'POST', '/me/counter-claim', wenhuaClerk.token, {});
    expect(staffClaim.statusCode).toBe(403);
  });

  it('registers a walk-in without WeChat or phone sign-in, verified in person, with the consent recorded', async () => {
    const body = walkIn();
    const { person } = await register(body);
    expect(person).toMatchObject({
      name: '李*田',
      idNumber: `${body.idNumber.slice(0, 4)}**********${body.idNumber.slice(-4)}`,
      veteranStatus: 'verified',
      communityUnitId: wenhuaId,
      registeredAtCounter: true,
      hasAppAccount: false,
      privacyConsent: true,
    });
    const [row] = await ctx.app.db.select().from(users).where(eq(users.id, person.userId));
    expect(row).toMatchObject({ openid: null, phoneHash: null, verifiedBy: wenhuaClerk.id });
    expect(row?.counterPhoneHash).toBe(ctx.app.cipher.hash(body.phone));
    expect(row?.nameCipher).not.toContain('李');
    const [consent] = await ctx.app.db.select().from(consents).where(eq(consents.userId, person.userId));
    expect(consent).toMatchObject({ kind: 'privacy-policy', method: 'paper-form', recordedBy: wenhuaClerk.id });
    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'counter.register'), eq(auditLog.targetId, String(person.userId))));
    expect(audit?.actorId).toBe(wenhuaClerk.id);
    expect(JSON.stringify(audit?.detail)).not.toContain(body.idNumber);

    const found = await call(ctx.app, 'POST', '/staff/counter/lookup', wenhuaClerk.token, { idNumber: body.idNumber });
    expect(found.json().person.userId).toBe(person.userId);
    const unknown = await call(ctx.app, 'POST', '/staff/counter/lookup', wenhuaClerk.token, {
      idNumber: testIdNumber(sequence++),
    });
    expect(unknown.json()).toEqual({ person: null });
  });

  it('queues a person whose document was not checked for verification', async () => {
    const { person } = await register(walkIn({ documentChecked: false, phone: '' }));
    expect(person).toMatchObject({ veteranStatus: 'pending' });
  });

  it('refuses a duplicate registration, a bad ID number, a community out of scope, a missing consent', async () => {
    const body = walkIn();
    await register(body);
    const again = await call(ctx.app, 'POST', '/staff/counter/people', wenhuaClerk.token, {
      ...body,
      name: '李守地',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PERSON_ALREADY_REGISTERED');
    const appUser = await createCitizen(ctx.app, {
      identity: { name: '王建国', idNumber: testIdNumber(sequence++) },
      communityCode: 'xidajie-wenhua',
    });
    const [appRow] = await ctx.app.db.select().from(users).where(eq(users.id, appUser.id));
    const taken = await call(ctx.app, 'POST', '/staff/counter/people', wenhuaClerk.token, {
      ...walkIn(),
      idNumber: ctx.app.cipher.decrypt(appRow?.idNumberCipher ?? '', {
        table: 'users',
        column: 'id_number_cipher',
        rowId: appUser.id,
      }),
    });
    expect(taken.json().error.code).toBe('PERSON_ALREADY_REGISTERED');

    const badId = walkIn();
    const wrongCheckDigit = `${badId.idNumber.slice(0, 17)}${badId.idNumber.endsWith('0') ? '1' : '0'}`;
    const bad = await call(ctx.app, 'POST', '/staff/counter/people', wenhuaClerk.token, {
      ...badId,
      idNumber: wrongCheckDigit,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');

    const elsewhere = await call(ctx.app, 'POST', '/staff/counter/people', wenhuaClerk.token, {
      ...walkIn(),
      communityUnitId: await unitIdByCode(ctx.app, 'nanguan-nanhu'),
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('OUT_OF_SCOPE');

    const { consentMethod: _omitted, ...withoutConsent } = walkIn();
    const noConsent = await call(ctx.app, 'POST', '/staff/counter/people', wenhuaClerk.token, withoutConsent);
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.details[0].message).toContain('同意');
    const count = await ctx.app.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.idNumberHash, ctx.app.cipher.hash(withoutConsent.idNumber)));
    expect(count).toEqual([]);
  });

  it('files 优待证 with scanned materials: timeline names the clerk, channel kept, receipt, statistics', async () => {
    const { person } = await register();
    const formData = await preferentialCardForm(wenhuaClerk);
    const filed = await call(ctx.app, 'POST', '/staff/counter/requests', wenhuaClerk.token, {
      userId: person.userId,
      serviceCode: 'preferential-card',
      formData,
      channel: 'counter',
      consentMethod: 'in-person',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { requestId, number } = filed.json() as { requestId: number; number: string };
    expect(number).toMatch(/^WD\d{8}-\d{4}$/);
    const [row] = await ctx.app.db.select().from(serviceRequests).where(eq(serviceRequests.id, requestId));
    expect(row).toMatchObject({
      status: 'submitted',
      channel: 'counter',
      filedByStaffId: wenhuaClerk.id,
      applicantUserId: person.userId,
      subjectUserId: person.userId,
    });
    const linked = await ctx.app.db.select().from(uploads).where(eq(uploads.requestId, requestId));
    expect(linked).toHaveLength(2);

    const receipt = await call(ctx.app, 'GET', `/staff/counter/requests/${requestId}/receipt`, wenhuaClerk.token);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({
      number,
      serviceName: '优待证申领',
      channelLabel: '窗口',
      applicantName: '李*田',
      dueDate: row?.dueDate,
      staffName: '测试staff',
    });
    expect(receipt.json().promisedWorkingDays).toBeGreaterThan(0);
    expect(receipt.json().unit.name).toBeTruthy();
    // 文化社区's station has no phone on file: the receipt names the nearest unit above that has one.
    expect(receipt.json().contact).toMatchObject({ name: '魏都区退役军人服务中心', phone: expect.any(String) });
    expect(receipt.json().howToFollow.join('')).toContain(`电话查询：${receipt.json().contact.phone}`);
    expect(receipt.json().howToFollow.join('')).toContain(number);

    // 优待证 is handled by the community station: the clerk's own unit works it.
    const detail = await call(ctx.app, 'GET', `/staff/requests/${requestId}`, wenhuaClerk.token);
    const districtClerk = await createStaff(ctx.app, { unitCode: 'weidu' });
    const timeline = detail.json().timeline as { action: string; comment: string | null }[];
    expect(timeline.find((event) => event.action === 'submit')?.comment).toBe('窗口代办（经办人 测试staff）');

    const stats = await call(ctx.app, 'GET', '/staff/stats', districtClerk.token);
    const byChannel = stats.json().requests.byChannel as { channel: string; total: number }[];
    expect(byChannel.find((entry) => entry.channel === 'counter')?.total).toBeGreaterThanOrEqual(1);
  });

  it('records the sensitive-information consent of a 困难帮扶 filed on the phone, with how it was given', async () => {
    const { person } = await register();
    const formData = {
      ...(await completeForm(ctx.app, 'hardship-aid', 0)),
      incomeProof: [await clerkScan(wenhuaClerk.id)],
    };
    const filed = await call(ctx.app, 'POST', '/staff/counter/requests', wenhuaClerk.token, {
      userId: person.userId,
      serviceCode: 'hardship-aid',
      formData,
      channel: 'phone',
      consentMethod: 'in-person',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const recorded = await ctx.app.db
      .select()
      .from(consents)
      .where(and(eq(consents.userId, person.userId), eq(consents.kind, 'sensitive-info')));
    expect(recorded).toMatchObject([{ method: 'in-person', recordedBy: wenhuaClerk.id, granted: 'granted' }]);
  });

  it('refuses filing out of scope, without consent, another clerk’s scan, and callers without the ability', async () => {
    const { person } = await register();
    const nanhuClerk = await createStaff(ctx.app, { unitCode: 'nanguan-nanhu' });
    const form = await preferentialCardForm(wenhuaClerk);
    const body = {
      userId: person.userId,
      serviceCode: 'preferential-card',
      formData: form,
      channel: 'counter',
      consentMethod: 'in-person',
    };
    const outOfScope = await call(ctx.app, 'POST', '/staff/counter/requests', nanhuClerk.token, body);
    expect(outOfScope.statusCode).toBe(404);
    const lookup = await call(ctx.app, 'POST', '/staff/counter/lookup', nanhuClerk.token, {
      idNumber: (await register()).idNumber,
    });
    expect(lookup.statusCode).toBe(403);
    expect(lookup.json().error.code).toBe('OUT_OF_SCOPE');

    const { consentMethod: _omitted, ...noConsent } = body;
    const refused = await call(ctx.app, 'POST', '/staff/counter/requests', wenhuaClerk.token, noConsent);
    expect(refused.statusCode).toBe(400);
    const otherScan = await call(ctx.app, 'POST', '/staff/counter/requests', wenhuaClerk.token, {
      ...body,
      formData: { ...form, idPhoto: [await clerkScan(nanhuClerk.id, 'photo')] },
    });
    expect(otherScan.statusCode).toBe(404);
    expect(otherScan.json().error.code).toBe('UPLOAD_NOT_FOUND');
    const filedSoFar = await ctx.app.db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.applicantUserId, person.userId));
    expect(filedSoFar).toEqual([]);

    const lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
    const citizen = await createCitizen(ctx.app);
    for (const token of [lawyer.token, citizen.token]) {
      const response = await call(ctx.app, 'POST', '/staff/counter/requests', token, body);
      expect(response.statusCode).toBe(403);
    }
    const receipt = await call(ctx.app, 'GET', '/staff/counter/requests/999999/receipt', wenhuaClerk.token);
    expect(receipt.statusCode).toBe(404);
  });

  it('lets the person take the record over after proving the counter phone; an impostor cannot', async () => {
    const walkInBody = walkIn();
    const { person } = await register(walkInBody);
    const filed = await call(ctx.app, 'POST', '/staff/counter/requests', wenhuaClerk.token, {
      userId: person.userId,
      serviceCode: 'policy-question',
      formData: await completeForm(ctx.app, 'policy-question', 0),
      channel: 'phone',
      consentMethod: 'in-person',
    });
    const { requestId } = filed.json() as { requestId: number };
    const claim = { name: walkInBody.name, idNumber: walkInBody.idNumber };

    const noPhone = await createCitizen(ctx.app);
    const unproven = await call(ctx.app, 'POST', '/me/counter-claim', noPhone.token, claim);
    expect(unproven.json().error.code).toBe('COUNTER_CLAIM_PHONE_REQUIRED');
    const impostor = await createCitizen(ctx.app, { phone: '13800009999' });
    const refused = await call(ctx.app, 'POST', '/me/counter-claim', impostor.token, claim);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('COUNTER_CLAIM_REFUSED');
    const wrongName = await createCitizen(ctx.app, { phone: walkInBody.phone });
    const misnamed = await call(ctx.app, 'POST', '/me/counter-claim', wrongName.token, { ...claim, name: '李守地' });
    expect(misnamed.json().error.code).toBe('COUNTER_CLAIM_REFUSED');

    const claimed = await call(ctx.app, 'POST', '/me/counter-claim', wrongName.token, claim);
    expect(claimed.statusCode, claimed.body).toBe(200);
    const session = claimed.json() as { accessToken: string; user: { id: number } };
    expect(session.user.id).toBe(person.userId);
    const mine = await call(ctx.app, 'GET', '/requests', session.accessToken);
    const items = mine.json().items as { id: number; relation: string; channel: string }[];
    expect(items.find((item) => item.id === requestId)).toMatchObject({ relation: 'self', channel: 'phone' });
    const detail = await call(ctx.app, 'GET', `/requests/${requestId}`, session.accessToken);
    expect(detail.json()).toMatchObject({ channel: 'phone' });
    const retired = await call(ctx.app, 'GET', '/requests', wrongName.token);
    expect(retired.statusCode).toBe(401);
    const [record] = await ctx.app.db.select().from(users).where(eq(users.id, person.userId));
    expect(record?.phoneHash).toBe(ctx.app.cipher.hash(walkInBody.phone));

    const twice = await createCitizen(ctx.app, { phone: '13800008888' });
    expect((await call(ctx.app, 'POST', '/me/counter-claim', twice.token, claim)).json().error.code).toBe(
      'COUNTER_CLAIM_REFUSED',
    );

    for (const action of ['accept', 'start', 'complete'] as const) {
      await staffAct(ctx.app, wenhuaClerk.token, requestId, action, { resolutionNote: '已电话答复' });
    }
    const rated = await call(ctx.app, 'POST', `/requests/${requestId}/rating`, session.accessToken, { level: 5 });
    expect(rated.statusCode, rated.body).toBe(201);
  });
});
