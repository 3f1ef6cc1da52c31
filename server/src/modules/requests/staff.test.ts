import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, outbox, serviceRequests, staffAccounts, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import { createStaff, type StaffFixture, unitIdByCode } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { unitPath } from '../org-units/scope';
import { requestForCitizen, requestForStaff } from './access';
import { findDueSoon, runDraftReminders, runDueSoonReminders } from './reminders';
import {
  call,
  fileRequest,
  grantSensitiveConsent,
  linkFamily,
  type TestCitizen,
  verifiedCitizen,
} from './test-support';

let testApp: TestApp;
let wenhuaStaff: StaffFixture;
let xihuStaff: StaffFixture;
let xidajieStaff: StaffFixture;
let dongdajieStaff: StaffFixture;
let districtStaff: StaffFixture;
let lawyer: StaffFixture;
let applicant: TestCitizen;

beforeAll(async () => {
  testApp = await createTestApp();
  const app = testApp.app;
  await seedDemoData(app.db);
  wenhuaStaff = await createStaff(app, { unitCode: 'xidajie-wenhua' });
  xihuStaff = await createStaff(app, { unitCode: 'xidajie-xihu' });
  xidajieStaff = await createStaff(app, { unitCode: 'xidajie' });
  dongdajieStaff = await createStaff(app, { unitCode: 'dongdajie' });
  districtStaff = await createStaff(app, { unitCode: 'weidu' });
  lawyer = await createStaff(app, { role: 'lawyer', unitCode: 'weidu' });
  applicant = await verifiedCitizen(app, { name: '李卫国' });
});

afterAll(async () => {
  await testApp?.close();
});

async function queue(token: string, query = '') {
  const response = await call(testApp.app, 'GET', `/staff/requests${query}`, token);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { id: number; [key: string]: unknown }[]; total: number };
}

const ids = (page: { items: { id: number }[] }) => page.items.map((item) => item.id);

describe('reaching the applicant', () => {
  it('shows staff in scope the applicant’s proven phone masked, and in full only through an audited reveal', async () => {
    const app = testApp.app;
    const caller = await verifiedCitizen(app, { name: '王秀英' });
    await app.db
      .update(users)
      .set({
        phoneHash: app.cipher.hash('13712341234'),
        phoneCipher: app.cipher.encrypt('13712341234', sealedIn(users.phoneCipher, caller.id)),
      })
      .where(eq(users.id, caller.id));
    const request = await fileRequest(app, caller);
    const url = `/staff/requests/${request.id}/applicant-contact`;
    const masked = await call(app, 'GET', url, wenhuaStaff.token);
    expect(masked.statusCode).toBe(200);
    expect(masked.json()).toEqual({ name: '王*英', phone: '137****1234', revealed: false });
    expect((await call(app, 'GET', url, xihuStaff.token)).statusCode).toBe(404);
    expect((await call(app, 'GET', url, lawyer.token)).statusCode).toBe(403);
    const before = await app.db.select().from(auditLog).where(eq(auditLog.action, 'request.view_phone'));
    expect(before).toHaveLength(0);

    const full = await call(app, 'GET', `${url}?reveal=phone`, wenhuaStaff.token);
    expect(full.json()).toEqual({ name: '王*英', phone: '13712341234', revealed: true });
    expect(full.headers['cache-control']).toBe('no-store');
    const audits = await app.db.select().from(auditLog).where(eq(auditLog.action, 'request.view_phone'));
    expect(audits.map((entry) => [entry.actorId, entry.targetId])).toEqual([[wenhuaStaff.id, String(request.id)]]);

    const withoutPhone = await fileRequest(app, applicant);
    const none = await call(
      app,
      'GET',
      `/staff/requests/${withoutPhone.id}/applicant-contact?reveal=phone`,
      wenhuaStaff.token,
    );
    expect(none.json()).toMatchObject({ phone: null, revealed: false });
  });
});

describe('authorisation', () => {
  it('lets the unit and the units above it in, everyone else gets 404 on every request route', async () => {
    const app = testApp.app;
    const request = await fileRequest(app, applicant);
    for (const staff of [wenhuaStaff, xidajieStaff, districtStaff]) {
      expect((await call(app, 'GET', `/staff/requests/${request.id}`, staff.token)).statusCode).toBe(200);
    }
    for (const staff of [xihuStaff, dongdajieStaff]) {
      for (const [method, url, body] of [
        ['GET', `/staff/requests/${request.id}`, undefined],
        ['GET', `/staff/requests/${request.id}?reveal=sensitive`, undefined],
        ['POST', `/staff/requests/${request.id}/transition`, { action: 'accept' }],
        ['POST', `/staff/requests/${request.id}/assign`, { staffId: null }],
        ['POST', `/staff/requests/${request.id}/stage`, { stage: 'production' }],
      ] as const) {
        const response = await call(app, method, url, staff.token, body);
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.json().error.code).toBe('REQUEST_NOT_FOUND');
      }
      expect(ids(await queue(staff.token))).not.toContain(request.id);
    }
  });

  it('answers 401 without a token, 403 to citizens and to lawyers', async () => {
    const app = testApp.app;
    const request = await fileRequest(app, applicant);
    expect((await call(app, 'GET', '/staff/requests')).statusCode).toBe(401);
    for (const token of [applicant.token, lawyer.token]) {
      expect((await call(app, 'GET', '/staff/requests', token)).statusCode).toBe(403);
      expect((await call(app, 'GET', `/staff/requests/${request.id}`, token)).statusCode).toBe(403);
      const transition = await call(app, 'POST', `/staff/requests/${request.id}/transition`, token, {
        action: 'accept',
      });
      expect(transition.statusCode).toBe(403);
    }
  });

  it('refuses a disabled staff account at once, whatever its token says', async () => {
    const app = testApp.app;
    const leaver = await createStaff(app, { unitCode: 'xidajie-wenhua' });
    await app.db.update(staffAccounts).set({ active: false }).where(eq(staffAccounts.id, leaver.id));
    expect((await call(app, 'GET', '/staff/requests', leaver.token)).statusCode).toBe(403);
  });

  it('never shows drafts to staff', async () => {
    const app = testApp.app;
    const draft = await fileRequest(app, applicant, { submit: false });
    expect((await call(app, 'GET', `/staff/requests/${draft.id}`, districtStaff.token)).statusCode).toBe(404);
    expect(ids(await queue(districtStaff.token, '?pageSize=100'))).not.toContain(draft.id);
  });

  it('exposes the same rules to other modules (access.ts)', async () => {
    const app = testApp.app;
    const request = await fileRequest(app, applicant);
    await expect(requestForCitizen(app.db, request.id, applicant.id)).resolves.toMatchObject({ id: request.id });
    const stranger = await verifiedCitizen(app);
    await expect(requestForCitizen(app.db, request.id, stranger.id)).rejects.toMatchObject({
      code: 'REQUEST_NOT_FOUND',
    });
    const scopeOf = async (staff: { unitId: number }) => ({ unitPath: (await unitPath(app.db, staff.unitId)) ?? '' });
    await expect(requestForStaff(app.db, request.id, await scopeOf(xidajieStaff))).resolves.toMatchObject({
      id: request.id,
    });
    await expect(requestForStaff(app.db, request.id, await scopeOf(xihuStaff))).rejects.toMatchObject({
      code: 'REQUEST_NOT_FOUND',
    });
  });
});

describe('the queue', () => {
  let inWenhua: number;
  let inXihu: number;
  let inDongcheng: number;
  let overdue: number;
  let policyNumber: string;

  beforeAll(async () => {
    const app = testApp.app;
    const xihuPerson = await verifiedCitizen(app, { communityCode: 'xidajie-xihu', name: '赵子龙' });
    const dongPerson = await verifiedCitizen(app, { communityCode: 'dongdajie-dongcheng' });
    const wenhuaRequest = await fileRequest(app, applicant, { serviceCode: 'appeal' });
    inWenhua = wenhuaRequest.id;
    inXihu = (await fileRequest(app, xihuPerson)).id;
    inDongcheng = (await fileRequest(app, dongPerson)).id;
    const late = await fileRequest(app, applicant);
    overdue = late.id;
    policyNumber = late.number ?? '';
    await app.db.update(serviceRequests).set({ dueDate: '2020-01-06' }).where(eq(serviceRequests.id, overdue));
    await call(app, 'POST', `/staff/requests/${inWenhua}/transition`, wenhuaStaff.token, { action: 'accept' });
  });

  it('covers the caller’s subtree, sorted by due date, with masked names', async () => {
    const street = await queue(xidajieStaff.token, '?pageSize=100');
    expect(ids(street)).toEqual(expect.arrayContaining([inWenhua, inXihu, overdue]));
    expect(ids(street)).not.toContain(inDongcheng);
    const dues = street.items.map((item) => item.dueDate as string);
    expect([...dues].sort()).toEqual(dues);
    expect(street.items[0]).toMatchObject({ id: overdue, overdue: true, applicantName: '李*国', subjectName: '李*国' });
    const community = await queue(wenhuaStaff.token, '?pageSize=100');
    expect(ids(community)).not.toContain(inXihu);
    const district = await queue(districtStaff.token, '?pageSize=100');
    expect(ids(district)).toEqual(expect.arrayContaining([inWenhua, inXihu, inDongcheng]));
  });

  it('filters by status, service, overdue and street', async () => {
    const token = districtStaff.token;
    expect(ids(await queue(token, '?status=accepted&pageSize=100'))).toEqual([inWenhua]);
    expect(ids(await queue(token, '?serviceCode=appeal&pageSize=100'))).toEqual([inWenhua]);
    expect(ids(await queue(token, '?overdue=true&pageSize=100'))).toEqual([overdue]);
    expect(ids(await queue(token, '?overdue=false&pageSize=100'))).not.toContain(overdue);
    const dongdajie = await unitIdByCode(testApp.app, 'dongdajie');
    expect(ids(await queue(token, `?streetUnitId=${dongdajie}&pageSize=100`))).toEqual([inDongcheng]);
    // A street outside the caller's subtree finds nothing.
    expect(ids(await queue(xidajieStaff.token, `?streetUnitId=${dongdajie}`))).toEqual([]);
  });

  it('filters by assignee: me, none, or a staff id', async () => {
    const app = testApp.app;
    const assigned = await call(app, 'POST', `/staff/requests/${inXihu}/assign`, xidajieStaff.token, {
      staffId: xihuStaff.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignee).toEqual({ id: xihuStaff.id, displayName: '测试staff' });
    expect(ids(await queue(xihuStaff.token, '?assignee=me'))).toEqual([inXihu]);
    expect(ids(await queue(districtStaff.token, `?assignee=${xihuStaff.id}`))).toEqual([inXihu]);
    expect(ids(await queue(districtStaff.token, '?assignee=none&pageSize=100'))).not.toContain(inXihu);
    const bad = await call(app, 'GET', '/staff/requests?assignee=whoever', districtStaff.token);
    expect(bad.statusCode).toBe(400);
  });

  it('searches by number (whole or beginning) and by exact full name only', async () => {
    const token = districtStaff.token;
    expect(ids(await queue(token, `?q=${policyNumber}`))).toEqual([overdue]);
    expect(ids(await queue(token, `?q=${policyNumber.toLowerCase()}`))).toEqual([overdue]);
    const prefix = await queue(token, `?q=${policyNumber.slice(0, 11)}&pageSize=100`);
    expect(ids(prefix)).toContain(overdue);
    const byName = await queue(token, `?q=${encodeURIComponent('赵子龙')}`);
    expect(ids(byName)).toEqual([inXihu]);
    expect(byName.items[0]?.applicantName).toBe('赵*龙');
    expect((await queue(token, `?q=${encodeURIComponent('赵子')}`)).items).toEqual([]);
    expect((await queue(token, `?q=${encodeURIComponent('50%')}`)).items).toEqual([]);
  });

  it('pages', async () => {
    const first = await queue(districtStaff.token, '?pageSize=2&page=1');
    const second = await queue(districtStaff.token, '?pageSize=2&page=2');
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(second.total);
    expect(ids(first).some((id) => ids(second).includes(id))).toBe(false);
  });
});

describe('sensitive answers', () => {
  it('hides them from staff unless revealed, and audits the reveal', async () => {
    const app = testApp.app;
    const veteran = await verifiedCitizen(app);
    const family = await verifiedCitizen(app, { kind: 'family' });
    await linkFamily(app, family.id, veteran.id);
    await grantSensitiveConsent(app, family.id);
    const request = await fileRequest(app, family, { serviceCode: 'hardship-aid', onBehalfOf: veteran.id });

    const plain = (await call(app, 'GET', `/staff/requests/${request.id}`, wenhuaStaff.token)).json();
    expect(plain.formData).toEqual({ hardshipKind: '重病', householdSize: 3 });
    expect(plain.hiddenSensitiveFields).toEqual(['monthlyIncome', 'medicalCosts', 'description', 'incomeProof']);
    expect(plain).toMatchObject({ sensitiveRevealed: false, attachments: [], onBehalf: true });
    const before = await app.db.select().from(auditLog).where(eq(auditLog.action, 'request.view_sensitive'));
    expect(before.filter((row) => row.targetId === String(request.id))).toHaveLength(0);

    const revealed = (
      await call(app, 'GET', `/staff/requests/${request.id}?reveal=sensitive`, wenhuaStaff.token)
    ).json();
    expect(revealed).toMatchObject({
      sensitiveRevealed: true,
      hiddenSensitiveFields: [],
      formData: { monthlyIncome: 1234.5, description: '父亲住院化疗，家庭收入微薄' },
    });
    expect(revealed.attachments).toHaveLength(1);
    const audits = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'request.view_sensitive'), eq(auditLog.targetId, String(request.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: wenhuaStaff.id, targetType: 'service_request' });
    expect(JSON.stringify(audits[0]?.detail)).not.toContain('1234');
  });
});

describe('transitions, assignments and card stages', () => {
  it('records the transition, audits it, and notifies applicant and veteran once per change', async () => {
    const app = testApp.app;
    const veteran = await verifiedCitizen(app);
    const family = await verifiedCitizen(app, { kind: 'family' });
    await linkFamily(app, family.id, veteran.id);
    const request = await fileRequest(app, family, { onBehalfOf: veteran.id });
    const accepted = await call(app, 'POST', `/staff/requests/${request.id}/transition`, wenhuaStaff.token, {
      action: 'accept',
    });
    expect(accepted.statusCode).toBe(200);
    const detail = accepted.json();
    const event = detail.timeline.at(-1);
    expect(event).toMatchObject({ action: 'accept', actorLabel: '您', fromStatus: 'submitted', toStatus: 'accepted' });
    const messages = await app.db
      .select()
      .from(outbox)
      .where(
        inArray(outbox.dedupeKey, [
          `request-status:${request.id}:${event.id}`,
          `request-status:${request.id}:${event.id}:subject`,
        ]),
      );
    expect(messages.map((message) => message.recipientId).sort()).toEqual([family.id, veteran.id].sort());
    const audits = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'request.transition'), eq(auditLog.targetId, String(request.id))));
    expect(audits[0]?.detail).toMatchObject({ action: 'accept', from: 'submitted', to: 'accepted' });
    const inbox = await app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'citizen'), eq(notifications.recipientId, family.id)));
    expect(inbox.map((notice) => notice.title)).toContain('办件已受理');
  });

  it('assigns only active staff in the caller’s subtree who can see the request', async () => {
    const app = testApp.app;
    const request = await fileRequest(app, applicant);
    const url = `/staff/requests/${request.id}/assign`;
    // A sibling community's staff could not open it; a district caseworker is above the caller; lawyers never.
    for (const staffId of [xihuStaff.id, districtStaff.id, lawyer.id, 999999]) {
      const response = await call(app, 'POST', url, xidajieStaff.token, { staffId });
      expect(response.statusCode, String(staffId)).toBe(403);
      expect(response.json().error.code).toBe('OUT_OF_SCOPE');
    }
    const ok = await call(app, 'POST', url, xidajieStaff.token, { staffId: wenhuaStaff.id });
    expect(ok.statusCode).toBe(200);
    const assigneeInbox = await app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'staff'), eq(notifications.recipientId, wenhuaStaff.id)));
    expect(assigneeInbox.some((notice) => notice.kind === 'request-assigned')).toBe(true);
    const cleared = await call(app, 'POST', url, xidajieStaff.token, { staffId: null });
    expect(cleared.json().assignee).toBeNull();
    expect(cleared.json().timeline.filter((event: { action: string }) => event.action === 'assign')).toHaveLength(2);
    const audits = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'request.assign'), eq(auditLog.targetId, String(request.id))));
    expect(audits).toHaveLength(2);
  });

  it('takes a 优待证 through the issuing chain to the pickup at a station, which the applicant sees with its hours', async () => {
    const app = testApp.app;
    const request = await fileRequest(app, applicant, { serviceCode: 'preferential-card' });
    const stage = (body: Record<string, unknown>) =>
      call(app, 'POST', `/staff/requests/${request.id}/stage`, wenhuaStaff.token, body);
    const early = await stage({ stage: 'station_accepted' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('服务站受理后才能更新优待证办理进度');
    const accepted = await call(app, 'POST', `/staff/requests/${request.id}/transition`, wenhuaStaff.token, {
      action: 'accept',
      stage: 'station_accepted',
    });
    expect(accepted.json()).toMatchObject({ status: 'accepted', stage: 'station_accepted', stageLabel: '服务站受理' });
    await stage({ stage: 'county_review' });
    await call(app, 'POST', `/staff/requests/${request.id}/transition`, wenhuaStaff.token, { action: 'start' });
    await stage({ stage: 'provincial_filing' });
    const making = await stage({ stage: 'production' });
    expect(making.json().cardProgress.steps[3]).toEqual({
      stage: 'production',
      label: '部里和银行制卡',
      holder: '退役军人事务部、中国工商银行',
      state: 'current',
    });
    await stage({ stage: 'district_received' });

    const noStation = await stage({ stage: 'ready_for_pickup' });
    expect(noStation.statusCode).toBe(400);
    expect(noStation.json().error.details).toEqual([
      { path: 'body.pickupUnitId', message: '请选择领取优待证的服务站' },
    ]);
    const district = await unitIdByCode(app, 'weidu');
    expect((await stage({ stage: 'ready_for_pickup', pickupUnitId: district })).json().error.message).toBe(
      '领取地点应为启用中的街道或社区服务站',
    );
    const wenhua = await unitIdByCode(app, 'xidajie-wenhua');
    const ready = await stage({ stage: 'ready_for_pickup', pickupUnitId: wenhua });
    expect(ready.json()).toMatchObject({ stage: 'ready_for_pickup', pickupPlace: '文化社区退役军人服务站' });

    const mine = (await call(app, 'GET', `/requests/${request.id}`, applicant.token)).json();
    expect(mine.nextStep).toBe('优待证已制作完成，请携带身份证到文化社区退役军人服务站领取');
    expect(mine.timeline.at(-1)).toMatchObject({ action: 'stage', comment: '待领取：文化社区退役军人服务站' });
    expect(mine.cardProgress.pickup).toEqual({
      name: '文化社区退役军人服务站',
      address: null,
      phone: null,
      openingHours: '周一至周五 8:30—12:00、14:30—17:30（法定节假日除外）',
    });
    expect(mine.cardProgress.steps.map((step: { state: string }) => step.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'current',
      'upcoming',
    ]);
    const [notice] = await app.db
      .select({ detail: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'citizen'), eq(notifications.recipientId, applicant.id)))
      .orderBy(desc(notifications.id))
      .limit(1);
    expect(notice?.detail).toContain('办公时间：周一至周五 8:30—12:00、14:30—17:30');

    expect((await stage({ stage: 'production' })).statusCode).toBe(409);
    await call(app, 'POST', `/staff/requests/${request.id}/transition`, wenhuaStaff.token, { action: 'complete' });
    const picked = await stage({ stage: 'picked_up' });
    expect(picked.json()).toMatchObject({ status: 'completed', stage: 'picked_up', stageLabel: '已领取' });
    const other = await fileRequest(app, applicant, { serviceCode: 'appeal' });
    const wrongService = await call(app, 'POST', `/staff/requests/${other.id}/stage`, wenhuaStaff.token, {
      stage: 'production',
    });
    expect(wrongService.statusCode).toBe(409);
    expect((await call(app, 'GET', `/requests/${other.id}`, applicant.token)).json().cardProgress).toBeNull();
  });
});

describe('reminders', () => {
  it('tells staff once when a request is due within 2 working days, even with two runs at once', async () => {
    const app = testApp.app;
    const person = await verifiedCitizen(app, { communityCode: 'xidajie-xihu' });
    const request = await fileRequest(app, person);
    const assigned = await fileRequest(app, person);
    await call(app, 'POST', `/staff/requests/${assigned.id}/assign`, xidajieStaff.token, { staffId: xihuStaff.id });
    const now = new Date('2026-11-26T02:00:00Z'); // Thursday
    await app.db
      .update(serviceRequests)
      .set({ dueDate: '2026-11-30' }) // Monday: 2 working days after Thursday
      .where(inArray(serviceRequests.id, [request.id, assigned.id]));
    const due = await findDueSoon(app.db, now);
    expect(due.map((row) => row.id)).toEqual(expect.arrayContaining([request.id, assigned.id]));
    const later = await fileRequest(app, person);
    await app.db.update(serviceRequests).set({ dueDate: '2026-12-01' }).where(eq(serviceRequests.id, later.id));
    expect((await findDueSoon(app.db, now)).map((row) => row.id)).not.toContain(later.id);

    const [first, second] = await Promise.all([runDueSoonReminders(app.db, now), runDueSoonReminders(app.db, now)]);
    expect(first + second).toBe(due.length);
    expect(await runDueSoonReminders(app.db, now)).toBe(0);
    const notices = await app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'request-due-soon'), eq(notifications.recipientId, xihuStaff.id)));
    // The unassigned one reaches the unit's caseworkers; the assigned one its assignee: xihuStaff gets both, once.
    expect(notices.filter((notice) => notice.link?.endsWith(`id=${request.id}`))).toHaveLength(1);
    expect(notices.filter((notice) => notice.link?.endsWith(`id=${assigned.id}`))).toHaveLength(1);
  });

  it('reminds the applicant once of a draft expiring within 7 days', async () => {
    const app = testApp.app;
    const person = await verifiedCitizen(app);
    const draft = await fileRequest(app, person, { submit: false });
    const fresh = await fileRequest(app, person, { submit: false });
    const now = new Date();
    await app.db
      .update(serviceRequests)
      .set({ draftExpiresAt: new Date(now.getTime() + 5 * 24 * 60 * 60 * 1000) })
      .where(eq(serviceRequests.id, draft.id));
    const [first, second] = await Promise.all([runDraftReminders(app.db, now), runDraftReminders(app.db, now)]);
    expect(first + second).toBe(1);
    const notices = await app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'draft-expiring'), eq(notifications.recipientId, person.id)));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.link).toContain(`id=${draft.id}`);
    expect(notices[0]?.link).not.toContain(`id=${fresh.id}`);
    expect(notices[0]?.body).toContain('草稿将于');
  });
});
