import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits, staffAccounts } from '../db/schema/index';
import { verifyPassword } from '../lib/passwords';
import { bearer, sessionToken } from '../testing/fixtures';
import { createTestApp, type TestApp } from '../testing/test-app';
import { seedDemoData } from './seed';
import { DEMO_STAFF_PASSWORD, demoStaffAccounts } from './staff';

describe('demo staff accounts', () => {
  let ctx: TestApp;
  const usernames = demoStaffAccounts.map((account) => account.username);
  const rows = () =>
    ctx.app.db
      .select({
        id: staffAccounts.id,
        username: staffAccounts.username,
        role: staffAccounts.role,
        unitCode: orgUnits.code,
        isSupervisor: staffAccounts.isSupervisor,
        active: staffAccounts.active,
        mustChangePassword: staffAccounts.mustChangePassword,
        passwordHash: staffAccounts.passwordHash,
        displayName: staffAccounts.displayName,
      })
      .from(staffAccounts)
      .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
      .where(inArray(staffAccounts.username, usernames));

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
  });
  afterAll(() => ctx.close());

  it('lists the accounts the brief promises', () => {
    expect(
      demoStaffAccounts.map(({ username, role, unitCode, isSupervisor }) => ({
        username,
        role,
        unitCode,
        isSupervisor,
      })),
    ).toEqual([
      { username: 'admin', role: 'admin', unitCode: 'weidu', isSupervisor: false },
      { username: 'staff', role: 'staff', unitCode: 'weidu', isSupervisor: true },
      { username: 'xidajie', role: 'staff', unitCode: 'xidajie', isSupervisor: false },
      { username: 'wenhua', role: 'staff', unitCode: 'xidajie-wenhua', isSupervisor: false },
      { username: 'lawyer', role: 'lawyer', unitCode: 'weidu', isSupervisor: false },
    ]);
    expect(DEMO_STAFF_PASSWORD).toBe('Demo@2026pass');
  });

  it('creates them as listed, active, with no forced password change, and the password verifies', async () => {
    const saved = await rows();
    expect(saved).toHaveLength(demoStaffAccounts.length);
    for (const account of demoStaffAccounts) {
      const row = saved.find((candidate) => candidate.username === account.username);
      expect(row, account.username).toMatchObject({
        role: account.role,
        unitCode: account.unitCode,
        isSupervisor: account.isSupervisor,
        active: true,
        mustChangePassword: false,
      });
    }
    const admin = saved.find((row) => row.username === 'admin');
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin?.passwordHash ?? '', DEMO_STAFF_PASSWORD)).toBe(true);
    expect(await verifyPassword(admin?.passwordHash ?? '', 'wrong-password')).toBe(false);
  });

  it('the demo admin can use the admin routes', async () => {
    const [admin] = (await rows()).filter((row) => row.username === 'admin');
    const token = await sessionToken(ctx.app, 'staff', admin?.id ?? 0);
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/admin/staff', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(demoStaffAccounts.length);
  });

  it('is idempotent: seeding again changes nothing, and keeps an edited account as it is', async () => {
    await ctx.app.db
      .update(staffAccounts)
      .set({ displayName: '改过的名字' })
      .where(eq(staffAccounts.username, 'wenhua'));
    const before = await rows();
    await seedDemoData(ctx.app.db);
    await seedDemoData(ctx.app.db);
    const after = await rows();
    expect(after).toEqual(before);
    expect(after.find((row) => row.username === 'wenhua')?.displayName).toBe('改过的名字');
  });

  it('recreates only a missing account', async () => {
    await ctx.app.db.delete(staffAccounts).where(eq(staffAccounts.username, 'lawyer'));
    const before = (await rows()).filter((row) => row.username !== 'lawyer');
    await seedDemoData(ctx.app.db);
    const after = await rows();
    expect(after).toHaveLength(demoStaffAccounts.length);
    expect(after.filter((row) => row.username !== 'lawyer')).toEqual(before);
  });
});
