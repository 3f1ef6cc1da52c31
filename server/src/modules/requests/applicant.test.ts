import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { notifications, outbox, serviceRequests, uploads, users } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { type AccessClaims, loadCaller } from '../../plugins/caller';
import { createCitizen, createStaff, type StaffFixture, unitIdByCode } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { uploadForCaller } from '../uploads/access';
import type { RequestRow } from './access';
import { deleteDraftsOf } from './drafts';
import { requestsExportSection } from './export';
import { fromStoredForm } from './form-data';
import {
  call,
  completeForm,
  fakeUpload,
  fileRequest,
  grantSensitiveConsent,
  linkFamily,
  type TestCitizen,
  verifiedCitizen,
} from './test-support';

let testApp: TestApp;
let citizen: TestCitizen;
let staff: StaffFixture;

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemoData(testApp.app.db);
  citizen = await verifiedCitizen(testApp.app);
  staff = await createStaff(testApp.app, { unitCode: 'xidajie-wenhua' });
});

afterAll(async () => {
  await testApp?.close();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('drafts', () => {
  it('saves a partial draft that expires 60 days later, and lists it', async () => {
    const app = testApp.app;
    const before = Date.now();
    const response = await call(app, 'POST', '/requests', citizen.token, {
      serviceCode: 'policy-question',
      formData: { topic: '安置就业' },
    });
    expect(response.statusCode).toBe(201);
    const draft = response.json();
    expect(draft).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      number: null,
      dueDate: null,
      mine: true,
      editable: true,
      availableActions: ['submit'],
      formData: { topic: '安置就业' },
      serviceName: '政策咨询',
    });
    const expiresIn = Date.parse(draft.draftExpiresAt) - before;
    expect(Math.round(expiresIn / (24 * 60 * 60 * 1000))).toBe(60);
    expect(draft.nextStep).toMatch(/^草稿尚未提交，请在 \d{4}年\d+月\d+日 前完成填写并提交/);
    expect(draft.timeline).toMatchObject([{ action: 'create', actorLabel: '您', toStatus: 'draft' }]);

    const list = (await call(app, 'GET', '/requests?status=draft', citizen.token)).json();
    expect(list.items.map((item: { id: number }) => item.id)).toContain(draft.id);
  });

  it('refuses unknown fields and malformed answers with field paths and Chinese messages', async () => {
    const response = await call(testApp.app, 'POST', '/requests', citizen.token, {
      serviceCode: 'hardship-aid',
      formData: { householdSize: 0, favouriteColour: '红' },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toContainEqual({ path: 'body.formData.householdSize', message: '不能小于 1' });
    expect(error.details).toContainEqual({ path: 'body.formData', message: '不认识的字段：favouriteColour' });
    const unknownService = await call(testApp.app, 'POST', '/requests', citizen.token, { serviceCode: 'nope' });
    expect(unknownService.statusCode).toBe(400);
    const extraBody = await call(testApp.app, 'POST', '/requests', citizen.token, {
      serviceCode: 'appeal',
      hack: true,
    });
    expect(extraBody.statusCode).toBe(400);
  });

  it('merges a PATCH, clears fields set to null, and can replace the whole form', async () => {
    const app = testApp.app;
    const draft = (
      await call(app, 'POST', '/requests', citizen.token, {
        serviceCode: 'appeal',
        formData: { category: '其他', description: '初稿' },
      })
    ).json();
    const merged = await call(app, 'PATCH', `/requests/${draft.id}`, citizen.token, {
      formData: { description: '修改后的诉求' },
    });
    expect(merged.json().formData).toEqual({ category: '其他', description: '修改后的诉求' });
    const cleared = await call(app, 'PATCH', `/requests/${draft.id}`, citizen.token, { formData: { category: null } });
    expect(cleared.json().formData).toEqual({ description: '修改后的诉求' });
    const replaced = await call(app, 'PATCH', `/requests/${draft.id}`, citizen.token, {
      formData: { category: '矛盾纠纷' },
      replace: true,
    });
    expect(replaced.json().formData).toEqual({ category: '矛盾纠纷' });
    const bad = await call(app, 'PATCH', `/requests/${draft.id}`, citizen.token, { formData: { category: '乱写' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.formData.category');
  });

  it('answers DRAFT_EXPIRED to a PATCH or submit after expiry', async () => {
    const app = testApp.app;
    const draft = await fileRequest(app, citizen, { submit: false });
    await app.db
      .update(serviceRequests)
      .set({ draftExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(serviceRequests.id, draft.id));
    const patch = await call(app, 'PATCH', `/requests/${draft.id}`, citizen.token, { formData: { topic: '其他' } });
    expect(patch.statusCode).toBe(410);
    expect(patch.json().error.code).toBe('DRAFT_EXPIRED');
    const submit = await call(app, 'POST', `/requests/${draft.id}/submit`, citizen.token, {});
    expect(submit.statusCode).toBe(410);
    // An expired draft can still be deleted.
    expect((await call(app, 'DELETE', `/requests/${draft.id}`, citizen.token)).statusCode).toBe(204);
  });

  it('extends the draft on every save', async () => {
    const app = testApp.app;
    const draft = await fileRequest(app, citizen, { submit: false });
    const soon = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    await app.db
      .update(serviceRequests)
      .set({ draftExpiresAt: soon, draftReminderSentAt: new Date() })
      .where(eq(serviceRequests.id, draft.id));
    await call(app, 'PATCH', `/requests/${draft.id}`, citizen.token, { formData: { topic: '其他' } });
    const [row] = await app.db.select().from(serviceRequests).where(eq(serviceRequests.id, draft.id));
    expect(row?.draftExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 24 * 60 * 60 * 1000);
    expect(row?.draftReminderSentAt).toBeNull();
  });

  it('allows PATCH in needs_supplement only; NOT_EDITABLE once submitted', async () => {
    const app = testApp.app;
    const request = await fileRequest(app, citizen);
    const refused = await call(app, 'PATCH', `/requests/${request.id}`, citizen.token, { formData: { topic: '其他' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('NOT_EDITABLE');
    await call(app, 'POST', `/staff/requests/${request.id}/transition`, staff.token, {
      action: 'request_supplement',
      reason: '请补充',
    });
    const allowed = await call(app, 'PATCH', `/requests/${request.id}`, citizen.token, { formData: { topic: '其他' } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({ status: 'needs_supplement', editable: true });
  });

  it('deletes only own drafts', async () => {
    const app = testApp.app;
    const draft = await fileRequest(app, citizen, { submit: false });
    const stranger = await verifiedCitizen(app);
    expect((await call(app, 'DELETE', `/requests/${draft.id}`, stranger.token)).statusCode).toBe(404);
    const submitted = await fileRequest(app, citizen);
    const notDraft = await call(app, 'DELETE', `/requests/${submitted.id}`, citizen.token);
    expect(notDraft.statusCode).toBe(409);
    expect((await call(app, 'DELETE', `/requests/${draft.id}`, citizen.token)).statusCode).toBe(204);
    expect((await call(app, 'GET', `/requests/${draft.id}`, citizen.token)).statusCode).toBe(404);
  });
});

describe('submitting', () => {
  it('needs a real-name identity to submit, not to save a draft', async () => {
    const app = testApp.app;
    const anonymous = await createCitizen(app, { communityCode: 'xidajie-wenhua' });
    const draft = await call(app, 'POST', '/requests', anonymous.token, {
      serviceCode: 'policy-question',
      formData: { topic: '其他', question: '能否办理？' },
    });
    expect(draft.statusCode).toBe(201);
    const submit = await call(app, 'POST', `/requests/${draft.json().id}/submit`, anonymous.token, {});
    expect(submit.statusCode).toBe(403);
    expect(submit.json().error.code).toBe('IDENTITY_REQUIRED');
    const direct = await call(app, 'POST', '/requests', anonymous.token, {
      serviceCode: 'policy-question',
      formData: { topic: '其他', question: '能否办理？' },
      submit: true,
    });
    expect(direct.json().error.code).toBe('IDENTITY_REQUIRED');
  });

  it('numbers, routes to the community station, sets the due date and tells the applicant and the station', async () => {
    const app = testApp.app;
    const request = await fileRequest(app, citizen, { serviceCode: 'policy-question' });
    const wenhua = await unitIdByCode(app, 'xidajie-wenhua');
    expect(request).toMatchObject({
      status: 'submitted',
      unit: { id: wenhua, name: '文化社区退役军人服务站' },
      promisedWorkingDays: 5,
      availableActions: ['withdraw'],
      editable: false,
    });
    expect(request.number).toMatch(/^WD\d{8}-\d{4}$/);
    expect(request.nextStep).toMatch(/^已提交，等待社区服务站受理，预计 \d{4}年\d+月\d+日 前办结$/);
    const inbox = await app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'citizen'), eq(notifications.recipientId, citizen.id)));
    expect(
      inbox.some((notice) => notice.kind === 'request-status' && notice.body.includes(request.number ?? '?')),
    ).toBe(true);
    const [message] = await app.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `request-status:${request.id}:submitted`));
    expect(message).toMatchObject({ template: 'request-status', recipientId: citizen.id });
    expect(message?.payload).toMatchObject({
      data: { requestNo: request.number, service: '政策咨询', status: '已提交' },
    });
    const staffInbox = await app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'staff'), eq(notifications.recipientId, staff.id)));
    expect(staffInbox.some((notice) => notice.kind === 'request-routed')).toBe(true);
  });

  it('routes district services to the district centre, and citizens without a community there too', async () => {
    const app = testApp.app;
    const weidu = await unitIdByCode(app, 'weidu');
    const insurance = await fileRequest(app, citizen, { serviceCode: 'insurance-transfer' });
    expect(insurance.unit?.id).toBe(weidu);
    const homeless = await verifiedCitizen(app, { communityCode: null });
    const question = await fileRequest(app, homeless);
    expect(question.unit?.id).toBe(weidu);
  });

  it('submits at once with submit=true, all or nothing', async () => {
    const app = testApp.app;
    const invalid = await call(app, 'POST', '/requests', citizen.token, {
      serviceCode: 'appeal',
      formData: { category: '其他' },
      submit: true,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details).toEqual([{ path: 'body.formData.description', message: '请填写具体诉求' }]);
    const rows = await app.db.select().from(serviceRequests).where(eq(serviceRequests.applicantUserId, citizen.id));
    expect(
      rows.some(
        (row) =>
          row.serviceCode === 'appeal' &&
          row.status === 'draft' &&
          row.formData?.category === '其他' &&
          !row.formData?.description,
      ),
    ).toBe(false);
  });

  it('checks the attachments are the applicant’s own uploads and links them to the request', async () => {
    const app = testApp.app;
    const stranger = await verifiedCitizen(app);
    const strangersFile = await fakeUpload(app, stranger.id);
    const form = await completeForm(app, 'preferential-card', citizen.id);
    const refused = await call(app, 'POST', '/requests', citizen.token, {
      serviceCode: 'preferential-card',
      formData: { ...form, idPhoto: [strangersFile] },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('UPLOAD_NOT_FOUND');
    const created = await call(app, 'POST', '/requests', citizen.token, {
      serviceCode: 'preferential-card',
      formData: form,
      submit: true,
    });
    expect(created.statusCode).toBe(201);
    const detail = created.json();
    expect(detail.attachments.map((file: { id: string }) => file.id).sort()).toEqual(
      [...(form.idPhoto as string[]), ...(form.dischargeCertificate as string[])].sort(),
    );
    const linked = await app.db.select().from(uploads).where(eq(uploads.requestId, detail.id));
    expect(linked).toHaveLength(2);
  });
});

describe('due dates in working days', () => {
  async function submitAt(instant: string, serviceCode: 'policy-question' | 'appeal' = 'policy-question') {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(instant));
    const app = testApp.app;
    const person = await verifiedCitizen(app);
    const request = await fileRequest(app, person, { serviceCode });
    vi.useRealTimers();
    return request;
  }

  it('counts across National Day 2026 with the Saturday make-up workday (submitted 23:30 Beijing, Sep 30)', async () => {
    // 5 working days after Wed Sep 30: Oct 1–7 off; Oct 8, 9, 10 (Sat, make-up), 12, 13.
    const request = await submitAt('2026-09-30T15:30:00Z');
    expect(request.number).toMatch(/^WD20260930-\d{4}$/);
    expect(request.dueDate).toBe('2026-10-13');
    expect(request.nextStep).toContain('2026年10月13日');
  });

  it('takes the Beijing date, not the UTC date, at the day boundary', async () => {
    // 00:30 on Fri Sep 18 in Beijing is still Thu Sep 17 in UTC. From Sep 18: Sun Sep 20 (make-up), 21, 22, 23, 24.
    const request = await submitAt('2026-09-17T16:30:00Z');
    expect(request.number).toMatch(/^WD20260918-\d{4}$/);
    expect(request.dueDate).toBe('2026-09-24');
  });

  it('uses admin overrides for 2027, which the holiday library does not cover', async () => {
    const app = testApp.app;
    const admin = await createStaff(app, { role: 'admin', unitCode: 'weidu' });
    for (let day = 1; day <= 7; day++) {
      const response = await call(app, 'PUT', `/admin/holidays/2027-10-0${day}`, admin.token, {
        kind: 'holiday',
        name: '国庆节',
      });
      expect(response.statusCode).toBe(200);
    }
    await call(app, 'PUT', '/admin/holidays/2027-10-09', admin.token, { kind: 'workday', name: '国庆节调休' });
    // 5 working days after Thu Sep 30, 2027: Oct 8, 9 (Sat, make-up), 11, 12, 13.
    const request = await submitAt('2027-09-30T02:00:00Z');
    expect(request.dueDate).toBe('2027-10-13');
  });
});

describe('on behalf of a veteran', () => {
  it('shows other linked family neither the sensitive files nor the thread of a hardship request, by id or list', async () => {
    const app = testApp.app;
    const veteran = await verifiedCitizen(app, { communityCode: 'xidajie-xihu' });
    const daughter = await verifiedCitizen(app, { kind: 'family' });
    const son = await verifiedCitizen(app, { kind: 'family' });
    await linkFamily(app, daughter.id, veteran.id);
    await linkFamily(app, son.id, veteran.id);
    await grantSensitiveConsent(app, daughter.id);
    const request = await fileRequest(app, daughter, { serviceCode: 'hardship-aid', onBehalfOf: veteran.id });
    const [row] = await app.db.select().from(serviceRequests).where(eq(serviceRequests.id, request.id));
    const incomeProof = (fromStoredForm(row as RequestRow, app.cipher).incomeProof as string[])[0] as string;
    await app.db.update(uploads).set({ requestId: request.id }).where(eq(uploads.publicId, incomeProof));

    const callerOf = (token: string) => loadCaller(app.db, app.jwt.decode<AccessClaims>(token) as AccessClaims);
    const sonSees = uploadForCaller(app.db, app.cipher, incomeProof, await callerOf(son.token));
    await expect(sonSees).rejects.toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
    for (const person of [veteran, daughter]) {
      const seen = await uploadForCaller(app.db, app.cipher, incomeProof, await callerOf(person.token));
      expect(seen.request?.id).toBe(request.id);
    }

    expect((await call(app, 'GET', `/requests/${request.id}/messages`, son.token)).statusCode).toBe(404);
    const posted = await call(app, 'POST', `/requests/${request.id}/messages`, son.token, { body: '请问进度？' });
    expect(posted.statusCode).toBe(404);
    expect((await call(app, 'GET', `/requests/${request.id}/messages`, veteran.token)).statusCode).toBe(200);
  });

  it('lets family file for an actively linked veteran, and both (and other linked family) see it', async () => {
    const app = testApp.app;
    const veteran = await verifiedCitizen(app, { communityCode: 'xidajie-xihu', name: '王建国' });
    const daughter = await verifiedCitizen(app, { kind: 'family', communityCode: 'dongdajie-dongcheng' });
    const son = await verifiedCitizen(app, { kind: 'family' });
    await linkFamily(app, daughter.id, veteran.id);
    await linkFamily(app, son.id, veteran.id);
    await grantSensitiveConsent(app, daughter.id);
    const request = await fileRequest(app, daughter, { serviceCode: 'hardship-aid', onBehalfOf: veteran.id });
    // Routed to the veteran's community, not the daughter's.
    expect(request.unit?.id).toBe(await unitIdByCode(app, 'xidajie-xihu'));
    expect(request.onBehalfOf).toEqual({ userId: veteran.id, name: '王*国' });
    expect(request).toMatchObject({ relation: 'for_other', applicant: null });
    const [row] = await app.db.select().from(serviceRequests).where(eq(serviceRequests.id, request.id));
    expect(row).toMatchObject({ applicantUserId: daughter.id, subjectUserId: veteran.id });

    const veteranView = (await call(app, 'GET', `/requests/${request.id}`, veteran.token)).json();
    expect(veteranView).toMatchObject({ mine: false, availableActions: [], editable: false });
    expect(veteranView.formData.monthlyIncome).toBe(1234.5);
    expect(veteranView.timeline[0].actorLabel).toBe('申请人（家属代办）');
    expect(veteranView).toMatchObject({ relation: 'for_me', applicant: { userId: daughter.id } });
    const sonView = (await call(app, 'GET', `/requests/${request.id}`, son.token)).json();
    expect(sonView).toMatchObject({ relation: 'family', applicant: { userId: daughter.id } });
    expect(sonView.formData.monthlyIncome).toBeUndefined();
    expect(sonView.formData.hardshipKind).toBe('重病');
    for (const person of [veteran, son]) {
      const list = (await call(app, 'GET', '/requests', person.token)).json();
      expect(list.items.map((item: { id: number }) => item.id)).toContain(request.id);
      const item = list.items.find((entry: { id: number }) => entry.id === request.id);
      expect(item).toMatchObject({
        relation: person === veteran ? 'for_me' : 'family',
        applicant: { userId: daughter.id },
        onBehalfOf: { userId: veteran.id, name: '王*国' },
      });
      const withdraw = await call(app, 'POST', `/requests/${request.id}/withdraw`, person.token, {});
      expect(withdraw.statusCode).toBe(403);
    }
    // The veteran hears of status changes too.
    const veteranInbox = await app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'citizen'), eq(notifications.recipientId, veteran.id)));
    expect(veteranInbox.some((notice) => notice.kind === 'request-status')).toBe(true);
  });

  it('refuses pending, ended or missing links, and hides the request once the link ends', async () => {
    const app = testApp.app;
    const veteran = await verifiedCitizen(app);
    const family = await verifiedCitizen(app, { kind: 'family' });
    const body = { serviceCode: 'policy-question', formData: { topic: '其他' }, onBehalfOf: veteran.id };
    expect((await call(app, 'POST', '/requests', family.token, body)).statusCode).toBe(403);
    const linkId = await linkFamily(app, family.id, veteran.id, 'pending');
    expect((await call(app, 'POST', '/requests', family.token, body)).statusCode).toBe(403);

    const other = await verifiedCitizen(app, { kind: 'family' });
    await linkFamily(app, other.id, veteran.id, 'active');
    const filed = await fileRequest(app, veteran);
    expect((await call(app, 'GET', `/requests/${filed.id}`, other.token)).statusCode).toBe(200);
    const { familyLinks } = await import('../../db/schema/index');
    await app.db.update(familyLinks).set({ status: 'ended' }).where(eq(familyLinks.familyUserId, other.id));
    expect((await call(app, 'GET', `/requests/${filed.id}`, other.token)).statusCode).toBe(404);
    expect(linkId).toBeGreaterThan(0);
  });

  it('keeps a family member’s drafts for a veteran to the family member', async () => {
    const app = testApp.app;
    const veteran = await verifiedCitizen(app);
    const family = await verifiedCitizen(app, { kind: 'family' });
    await linkFamily(app, family.id, veteran.id);
    const draft = await fileRequest(app, family, { onBehalfOf: veteran.id, submit: false });
    expect((await call(app, 'GET', `/requests/${draft.id}`, veteran.token)).statusCode).toBe(404);
  });
});

describe('sensitive information (困难帮扶)', () => {
  it('needs the separate consent before any sensitive answer is saved', async () => {
    const app = testApp.app;
    const person = await verifiedCitizen(app);
    const noSensitive = await call(app, 'POST', '/requests', person.token, {
      serviceCode: 'hardship-aid',
      formData: { hardshipKind: '低收入', householdSize: 4 },
    });
    expect(noSensitive.statusCode).toBe(201);
    const sensitive = await call(app, 'PATCH', `/requests/${noSensitive.json().id}`, person.token, {
      formData: { monthlyIncome: 800 },
    });
    expect(sensitive.statusCode).toBe(403);
    expect(sensitive.json().error.code).toBe('SENSITIVE_CONSENT_REQUIRED');
    await grantSensitiveConsent(app, person.id);
    const allowed = await call(app, 'PATCH', `/requests/${noSensitive.json().id}`, person.token, {
      formData: { monthlyIncome: 800 },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().formData).toMatchObject({ monthlyIncome: 800 });
  });

  it('stores the whole form encrypted: a raw read shows no income or description', async () => {
    const app = testApp.app;
    const person = await verifiedCitizen(app);
    await grantSensitiveConsent(app, person.id);
    const request = await fileRequest(app, person, { serviceCode: 'hardship-aid' });
    const [row] = await app.db.select().from(serviceRequests).where(eq(serviceRequests.id, request.id));
    expect(row?.formData).toBeNull();
    expect(row?.formCipher).toMatch(/^r1\./);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain('1234.5');
    expect(raw).not.toContain('住院化疗');
    expect(raw).not.toContain('重病');
    // The applicant reads their own answers back whole.
    const detail = (await call(app, 'GET', `/requests/${request.id}`, person.token)).json();
    expect(detail.formData).toMatchObject({ monthlyIncome: 1234.5, description: '父亲住院化疗，家庭收入微薄' });
  });
});

describe('who may see a request', () => {
  it('answers 401 without a token, 404 to another citizen, 403 to staff on citizen routes', async () => {
    const app = testApp.app;
    const request = await fileRequest(app, citizen);
    expect((await call(app, 'GET', `/requests/${request.id}`)).statusCode).toBe(401);
    expect((await call(app, 'GET', '/requests')).statusCode).toBe(401);
    const stranger = await verifiedCitizen(app);
    for (const [method, url, body] of [
      ['GET', `/requests/${request.id}`, undefined],
      ['PATCH', `/requests/${request.id}`, { formData: {} }],
      ['POST', `/requests/${request.id}/submit`, {}],
      ['POST', `/requests/${request.id}/withdraw`, {}],
      ['DELETE', `/requests/${request.id}`, undefined],
    ] as const) {
      const response = await call(app, method, url, stranger.token, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error.code).toBe('REQUEST_NOT_FOUND');
    }
    const list = (await call(app, 'GET', '/requests', stranger.token)).json();
    expect(list.items).toEqual([]);
    expect((await call(app, 'GET', `/requests/${request.id}`, staff.token)).statusCode).toBe(403);
  });

  it('refuses a deleted account', async () => {
    const app = testApp.app;
    const person = await verifiedCitizen(app);
    await app.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, person.id));
    expect((await call(app, 'GET', '/requests', person.token)).statusCode).toBe(401);
  });

  it('shows staff as their unit, hides internal entries, and pages the list', async () => {
    const app = testApp.app;
    const person = await verifiedCitizen(app);
    const request = await fileRequest(app, person);
    await call(app, 'POST', `/staff/requests/${request.id}/assign`, staff.token, { staffId: staff.id });
    await call(app, 'POST', `/staff/requests/${request.id}/transition`, staff.token, { action: 'accept' });
    const detail = (await call(app, 'GET', `/requests/${request.id}`, person.token)).json();
    expect(detail.timeline.map((event: { action: string }) => event.action)).toEqual(['create', 'submit', 'accept']);
    expect(detail.timeline[2]).toMatchObject({
      actorType: 'staff',
      actorLabel: '工作人员（文化社区退役军人服务站）',
      actionLabel: '受理',
      fromStatus: 'submitted',
      toStatus: 'accepted',
    });
    await fileRequest(app, person);
    await fileRequest(app, person, { submit: false });
    const page = (await call(app, 'GET', '/requests?page=2&pageSize=2', person.token)).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
    const pastTheEnd = (await call(app, 'GET', '/requests?page=3&pageSize=2', person.token)).json();
    expect(pastTheEnd).toMatchObject({ items: [], total: 3, page: 3 });
    const submitted = (await call(app, 'GET', '/requests?status=accepted', person.token)).json();
    expect(submitted.items.map((item: { id: number }) => item.id)).toEqual([request.id]);
    expect(submitted.total).toBe(1);
    const drafts = (await call(app, 'GET', '/requests?status=draft', person.token)).json();
    expect(drafts.total).toBe(1);
  });
});

describe('export and account deletion helpers', () => {
  it('exports the user’s requests with their answers, and deletes only drafts', async () => {
    const app = testApp.app;
    const person = await verifiedCitizen(app);
    await grantSensitiveConsent(app, person.id);
    const submitted = await fileRequest(app, person, { serviceCode: 'hardship-aid' });
    await fileRequest(app, person, { submit: false });
    const [user] = await app.db.select().from(users).where(eq(users.id, person.id));
    if (!user) throw new Error('no user');
    const exported = (await requestsExportSection.collect({ db: app.db, cipher: app.cipher, user })) as {
      number: string | null;
      formData: Record<string, unknown>;
      timeline: unknown[];
    }[];
    expect(exported).toHaveLength(2);
    expect(exported[0]).toMatchObject({ number: submitted.number, formData: { monthlyIncome: 1234.5 } });
    expect(exported[0]?.timeline).toHaveLength(2);
    expect(await app.db.transaction((tx) => deleteDraftsOf(tx, person.id))).toBe(1);
    const left = await app.db.select().from(serviceRequests).where(eq(serviceRequests.applicantUserId, person.id));
    expect(left.map((row) => row.id)).toEqual([submitted.id]);
  });
});
