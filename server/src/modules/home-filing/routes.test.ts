import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeFilingRequests, notifications } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { createStaff, type StaffFixture } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { beijingDate } from '../calendar/working-days';
import { call, completeForm, linkFamily, verifiedCitizen } from '../requests/test-support';

let testApp: TestApp;
let wenhuaStaff: StaffFixture;
let dongdajieStaff: StaffFixture;

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemoData(testApp.app.db);
  wenhuaStaff = await createStaff(testApp.app, { unitCode: 'xidajie-wenhua' });
  dongdajieStaff = await createStaff(testApp.app, { unitCode: 'dongdajie' });
});

afterAll(async () => {
  await testApp?.close();
});

const today = () => beijingDate(new Date());
const inbox = async (userId: number) =>
  testApp.app.db
    .select({ title: notifications.title, body: notifications.body })
    .from(notifications)
    .where(and(eq(notifications.recipientType, 'citizen'), eq(notifications.recipientId, userId)));

describe('入户办理 (home filing)', () => {
  it('takes a family request for a bedridden veteran through to a scheduled visit, a filing 上门 and the visit record', async () => {
    const app = testApp.app;
    const veteran = await verifiedCitizen(app, { communityCode: 'xidajie-wenhua' });
    const daughter = await verifiedCitizen(app, { kind: 'family', communityCode: 'xidajie-xihu' });
    await linkFamily(app, daughter.id, veteran.id);

    const asked = await call(app, 'POST', '/me/home-filing', daughter.token, {
      serviceCode: 'policy-question',
      reason: 'bedridden',
      address: '许昌市魏都区文化路 18 号 3 单元 201',
      contactPhone: '13800138000',
      onBehalfOf: veteran.id,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id } = asked.json();
    // Address and phone are field ciphertexts.
    const [stored] = await app.db.select().from(homeFilingRequests).where(eq(homeFilingRequests.id, id));
    expect(stored?.addressCipher).not.toContain('文化路');
    expect(stored?.unitId).toBeGreaterThan(0);

    // The station of the veteran's community sees it with the address; another street does not.
    const queue = await call(app, 'GET', '/staff/home-filing', wenhuaStaff.token);
    expect(queue.statusCode).toBe(200);
    const item = queue.json().items.find((entry: { id: number }) => entry.id === id);
    expect(item).toMatchObject({
      serviceName: '政策咨询',
      reason: 'bedridden',
      reasonLabel: '卧床、生活不能自理',
      status: 'requested',
      address: '许昌市魏都区文化路 18 号 3 单元 201',
      contactPhone: '13800138000',
      askedByFamily: true,
      unitName: '文化社区退役军人服务站',
    });
    expect(item.personName).not.toBe(veteran.name);
    const other = (await call(app, 'GET', '/staff/home-filing', dongdajieStaff.token)).json();
    expect(other.items.some((entry: { id: number }) => entry.id === id)).toBe(false);
    expect(
      (await call(app, 'POST', `/staff/home-filing/${id}/schedule`, dongdajieStaff.token, { visitDate: today() }))
        .statusCode,
    ).toBe(404);

    // Not before the date is set, not in the past.
    const early = await call(app, 'POST', `/staff/home-filing/${id}/visit`, wenhuaStaff.token, { findings: '已上门' });
    expect(early.json().error).toMatchObject({ code: 'INVALID_TRANSITION', message: '请先约定上门日期' });
    const past = await call(app, 'POST', `/staff/home-filing/${id}/schedule`, wenhuaStaff.token, {
      visitDate: '2020-01-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details).toEqual([{ path: 'body.visitDate', message: '上门日期不能早于今天' }]);

    const scheduled = await call(app, 'POST', `/staff/home-filing/${id}/schedule`, wenhuaStaff.token, {
      visitDate: today(),
      note: '上午 9 点前后',
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', statusLabel: '已约定上门日期', visitDate: today() });
    // Both the veteran and the daughter who asked are told the date.
    for (const person of [veteran, daughter]) {
      const notices = await inbox(person.id);
      expect(
        notices.some((notice) => notice.title === '已约定上门办理日期' && notice.body.includes('上午 9 点前后')),
      ).toBe(true);
    }
    const mine = (await call(app, 'GET', '/me/home-filing', daughter.token)).json().items;
    expect(mine[0]).toMatchObject({ id, status: 'scheduled', visitDate: today(), scheduleNote: '上午 9 点前后' });
    expect(mine[0].forName).not.toBeNull();
    expect((await call(app, 'GET', '/me/home-filing', veteran.token)).json().items[0]).toMatchObject({
      id,
      forName: null,
    });

    // At the visit: filed through the counter path (上门), then the visit recorded with that request.
    const filed = await call(app, 'POST', '/staff/counter/requests', wenhuaStaff.token, {
      userId: veteran.id,
      serviceCode: 'policy-question',
      formData: await completeForm(app, 'policy-question', 0),
      channel: 'home',
      consentMethod: 'in-person',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { requestId } = filed.json();
    const online = await call(app, 'POST', '/requests', veteran.token, {
      serviceCode: 'policy-question',
      formData: await completeForm(app, 'policy-question', veteran.id),
      submit: true,
    });
    const wrong = await call(app, 'POST', `/staff/home-filing/${id}/visit`, wenhuaStaff.token, {
      findings: '已上门',
      requestId: online.json().id,
    });
    expect(wrong.statusCode).toBe(400);
    const visited = await call(app, 'POST', `/staff/home-filing/${id}/visit`, wenhuaStaff.token, {
      findings: '本人卧床，已当面核对身份并代为填报咨询。',
      requestId,
    });
    expect(visited.statusCode, visited.body).toBe(200);
    expect(visited.json()).toMatchObject({ status: 'visited', filedRequestId: requestId });
    expect(
      (await call(app, 'POST', `/staff/home-filing/${id}/schedule`, wenhuaStaff.token, { visitDate: today() })).json()
        .error.code,
    ).toBe('INVALID_TRANSITION');
    const open = (await call(app, 'GET', '/staff/home-filing', wenhuaStaff.token)).json().items;
    expect(open.some((entry: { id: number }) => entry.id === id)).toBe(false);
    const all = (await call(app, 'GET', '/staff/home-filing?open=false', wenhuaStaff.token)).json().items;
    expect(all.find((entry: { id: number }) => entry.id === id)).toMatchObject({ status: 'visited' });
  });

  it('asks why, and lets only the person or their linked family ask', async () => {
    const app = testApp.app;
    const veteran = await verifiedCitizen(app, { communityCode: 'xidajie-wenhua' });
    const stranger = await verifiedCitizen(app, { kind: 'family' });
    const base = { serviceCode: 'preferential-card', address: '文化路 1 号' };
    const noReason = await call(app, 'POST', '/me/home-filing', veteran.token, base);
    expect(noReason.statusCode).toBe(400);
    const other = await call(app, 'POST', '/me/home-filing', veteran.token, { ...base, reason: 'other' });
    expect(other.json().error.details).toContainEqual({
      path: 'body.reasonNote',
      message: '选择“其他原因”时请说明原因',
    });
    expect((await call(app, 'POST', '/me/home-filing', veteran.token, { ...base, reason: 'age_80' })).statusCode).toBe(
      201,
    );
    const unlinked = await call(app, 'POST', '/me/home-filing', stranger.token, {
      ...base,
      reason: 'illness',
      onBehalfOf: veteran.id,
    });
    expect(unlinked.statusCode).toBe(403);
    expect((await call(app, 'GET', '/staff/home-filing', veteran.token)).statusCode).toBe(403);
    expect((await call(app, 'GET', '/me/home-filing')).statusCode).toBe(401);
  });
});
