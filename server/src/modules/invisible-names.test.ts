import { INVISIBLE_CHARACTERS_MESSAGE } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyLinks, staffAccounts, users } from '../db/schema/index';
import { seedDemoData } from '../demo/seed';
import { bearer, createCitizen, createStaff, type StaffFixture, testIdNumber, unitIdByCode } from '../testing/fixtures';
import { createTestApp, type TestApp } from '../testing/test-app';
import { agreeToPrivacyPolicy } from './me/test-support';

/** Names that look like another's: a zero-width space, a right-to-left override, an isolate, a control character. */
const POSING_NAMES = ['张\u200b三', '张\u202e三', '张\u2066三', '张\u0007三', '张\ufeff三'];

describe('names with control, bidi or zero-width characters', () => {
  let ctx: TestApp;
  let admin: StaffFixture;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    admin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
  });
  afterAll(() => ctx?.close());

  const inject = (token: string, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), payload });

  const expectRefusedName = (response: { statusCode: number; json(): unknown }, path: string) => {
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ path, message: INVISIBLE_CHARACTERS_MESSAGE }] },
    });
  };

  it('PUT /me/identity refuses them as a real name and stores nothing', async () => {
    const citizen = await createCitizen(ctx.app);
    await agreeToPrivacyPolicy(ctx.app, citizen.token);
    for (const name of POSING_NAMES) {
      const response = await inject(citizen.token, 'PUT', '/me/identity', {
        name,
        idNumber: testIdNumber(700),
        kind: 'veteran',
      });
      expectRefusedName(response, 'body.name');
    }
    const [stored] = await ctx.app.db.select().from(users).where(eq(users.id, citizen.id));
    expect(stored).toMatchObject({ nameCipher: null, nameHash: null, idNumberHash: null, veteranStatus: 'none' });
  });

  it('POST /me/family-links refuses them as the veteran’s name and links nothing', async () => {
    const family = await createCitizen(ctx.app, {
      kind: 'family',
      identity: { name: '王小红', idNumber: testIdNumber(701, '19900101') },
    });
    for (const name of POSING_NAMES) {
      const response = await inject(family.token, 'POST', '/me/family-links', {
        veteranName: name,
        veteranIdNumber: testIdNumber(702),
        relationship: 'child',
      });
      expectRefusedName(response, 'body.veteranName');
    }
    expect(await ctx.app.db.select().from(familyLinks).where(eq(familyLinks.familyUserId, family.id))).toEqual([]);
  });

  it('POST and PATCH /admin/staff refuse them as a display name; no account is created or renamed', async () => {
    const unitId = await unitIdByCode(ctx.app, 'xidajie');
    const before = await ctx.app.db.select({ id: staffAccounts.id }).from(staffAccounts);
    for (const [index, displayName] of ['系统管理员\u200b', '\u202e员理管统系', '王五\u2069', '王\u0000五'].entries()) {
      const response = await inject(admin.token, 'POST', '/admin/staff', {
        username: `posing${index}`,
        displayName,
        role: 'staff',
        unitId,
        password: 'Temp-Passw0rd!',
      });
      expectRefusedName(response, 'body.displayName');
    }
    expect(await ctx.app.db.select({ id: staffAccounts.id }).from(staffAccounts)).toEqual(before);

    const staff = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie' });
    const [named] = await ctx.app.db.select().from(staffAccounts).where(eq(staffAccounts.id, staff.id));
    const renamed = await inject(admin.token, 'PATCH', `/admin/staff/${staff.id}`, { displayName: '管理员\u200d' });
    expectRefusedName(renamed, 'body.displayName');
    const [after] = await ctx.app.db.select().from(staffAccounts).where(eq(staffAccounts.id, staff.id));
    expect(after?.displayName).toBe(named?.displayName);
  });
});
