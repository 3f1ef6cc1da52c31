import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holidayOverrides, serviceRequests } from '../db/schema/index';
import { seedDemoData } from '../demo/seed';
import { type TestCitizen, verifiedCitizen } from '../modules/requests/test-support';
import { bearer, createStaff, type StaffFixture } from '../testing/fixtures';
import { createTestApp, type TestApp } from '../testing/test-app';

/** Bodies are sent as raw text: `"\ud800"` must reach the server as the JSON escape a client would send. */
describe('a lone surrogate in a JSON body', () => {
  let ctx: TestApp;
  let citizen: TestCitizen;
  let admin: StaffFixture;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    citizen = await verifiedCitizen(ctx.app);
    admin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
  });
  afterAll(() => ctx?.close());

  const send = (method: 'POST' | 'PUT', url: string, token: string, raw: string) =>
    ctx.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: raw,
    });
  const requestsOf = (userId: number) =>
    ctx.app.db.select().from(serviceRequests).where(eq(serviceRequests.applicantUserId, userId));

  it('in a request form (a JSON column) is refused with 400 VALIDATION_FAILED naming the field; nothing is stored', async () => {
    for (const raw of [
      '{"serviceCode":"policy-question","formData":{"topic":"优待抚恤","question":"\\ud800"},"submit":true}',
      '{"serviceCode":"policy-question","formData":{"topic":"优待抚恤","question":"半个\\udc00"}}',
    ]) {
      const response = await send('POST', '/requests', citizen.token, raw);
      expect(response.statusCode, raw).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'body.formData.question', message: '含有无法识别的字符，请删除后重新输入' }],
      });
    }
    const inKey = await send(
      'POST',
      '/requests',
      citizen.token,
      '{"serviceCode":"policy-question","formData":{"\\ud800":"x"}}',
    );
    expect(inKey.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.formData' }] });
    expect(await requestsOf(citizen.id)).toEqual([]);
  });

  it('in a plain text column is refused the same way, with nothing stored', async () => {
    const response = await send(
      'PUT',
      '/admin/holidays/2027-05-01',
      admin.token,
      '{"kind":"holiday","name":"劳动节\\ud83d"}',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(await ctx.app.db.select().from(holidayOverrides).where(eq(holidayOverrides.day, '2027-05-01'))).toEqual([]);
  });

  it('a whole pair, written as escapes or as the character, is an ordinary character', async () => {
    const response = await send(
      'POST',
      '/requests',
      citizen.token,
      '{"serviceCode":"policy-question","formData":{"topic":"优待抚恤","question":"景区能用吗\\ud83d\\ude00😀"}}',
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().formData.question).toBe('景区能用吗😀😀');
  });
});
