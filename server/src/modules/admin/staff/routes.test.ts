import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, refreshTokens, staffAccounts, staffSignInFailures } from '../../../db/schema/index';
import { seedDemoData } from '../../../demo/seed';
import { verifyPassword } from '../../../lib/passwords';
import { bearer, createStaff, type StaffFixture, unitIdByCode } from '../../../testing/fixtures';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { LOCK_DURATION_MS, MAX_FAILED_SIGN_INS } from '../../auth/lockout';
import { openSession } from '../../auth/sessions';
import { signInNameHash } from '../../auth/staff';

const GOOD_PASSWORD = 'Temp-Passw0rd!';

const UNIT_CODES = ['weidu', 'xidajie', 'xidajie-wenhua', 'dongdajie', 'nanguan'] as const;
type UnitCode = (typeof UNIT_CODES)[number];

describe('admin: staff accounts', () => {
  let ctx: TestApp;
  let districtAdmin: StaffFixture;
  let streetAdmin: StaffFixture;
  let siblingStaff: StaffFixture;
  let ids: Record<UnitCode, number>;

  const inject = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    ctx.app.inject({ method, url: `/api/v1/admin${url}`, headers: bearer(token), payload });

  const account = async (id: number) => {
    const [row] = await ctx.app.db.select().from(staffAccounts).where(eq(staffAccounts.id, id));
    if (!row) throw new Error(`no staff ${id}`);
    return row;
  };

  const auditRows = (action: string, targetId: number) =>
    ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))));

  /** A signed-in session of the principal: its session row and its refresh token (whose id is returned). */
  const insertRefreshToken = async (principalType: 'staff' | 'citizen', principalId: number) => {
    const chainId = await openSession(ctx.app.db, { type: principalType, id: principalId });
    const [result] = await ctx.app.db.insert(refreshTokens).values({
      tokenHash: randomBytes(32).toString('hex'),
      chainId,
      principalType,
      principalId,
      expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    });
    return result.insertId;
  };

  const revokedAt = async (tokenId: number) => {
    const [row] = await ctx.app.db
      .select({ revokedAt: refreshTokens.revokedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.id, tokenId));
    return row?.revokedAt ?? null;
  };

  const newStaff = (token: string, overrides: Record<string, unknown> = {}) =>
    inject(token, 'POST', '/staff', {
      username: `u${randomBytes(4).toString('hex')}`,
      displayName: '王五',
      role: 'staff',
      unitId: ids.xidajie,
      password: GOOD_PASSWORD,
      ...overrides,
    });

  beforeAll(async () => {
    // No slow-down of wrong sign-in passwords: the tests below lock accounts on purpose.
    ctx = await createTestApp({ STAFF_SIGN_IN_DELAY_MS: '0' });
    await seedDemoData(ctx.app.db);
    districtAdmin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
    streetAdmin = await createStaff(ctx.app, { role: 'admin', unitCode: 'xidajie' });
    siblingStaff = await createStaff(ctx.app, { role: 'staff', unitCode: 'dongdajie' });
    ids = Object.fromEntries(
      await Promise.all(UNIT_CODES.map(async (code) => [code, await unitIdByCode(ctx.app, code)] as const)),
    ) as Record<UnitCode, number>;
  });
  afterAll(() => ctx.close());

  describe('POST /admin/staff', () => {
    it('creates an account that must change its password at first sign-in, and audits it', async () => {
      const response = await newStaff(districtAdmin.token, {
        username: 'zhangsan',
        displayName: '张三',
        isSupervisor: true,
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({
        username: 'zhangsan',
        displayName: '张三',
        role: 'staff',
        unitId: ids.xidajie,
        unitCode: 'xidajie',
        isSupervisor: true,
        active: true,
        mustChangePassword: true,
        lockedUntil: null,
        lastLoginAt: null,
      });
      expect(body).not.toHaveProperty('passwordHash');
      expect(response.body).not.toContain('$argon2');

      const row = await account(body.id);
      expect(row.mustChangePassword).toBe(true);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.passwordHash, GOOD_PASSWORD)).toBe(true);

      const [audit] = await auditRows('staff.create', body.id);
      expect(audit).toMatchObject({ actorId: districtAdmin.id, actorRole: 'admin', targetType: 'staff' });
      expect(audit?.detail).toMatchObject({ role: 'staff', unitId: ids.xidajie, isSupervisor: true });
      expect(JSON.stringify(audit?.detail)).not.toContain(GOOD_PASSWORD);
      expect(JSON.stringify(audit?.detail)).not.toContain('张三');
    });

    it('refuses a weak password with the Chinese policy message', async () => {
      const cases = [
        { password: 'short1A!', message: '密码至少 10 位' },
        { password: 'alllowercaseletters', message: '密码需包含大写字母、小写字母、数字、符号中的至少三类' },
        { password: 'abcdefgh12', message: '密码需包含大写字母、小写字母、数字、符号中的至少三类' },
      ];
      for (const { password, message } of cases) {
        const response = await newStaff(districtAdmin.token, { password });
        expect(response.statusCode, password).toBe(400);
        expect(response.json().error.code).toBe('VALIDATION_FAILED');
        expect(response.json().error.details).toContainEqual({ path: 'body.password', message });
      }
    });

    it('refuses a taken username with 409 USERNAME_TAKEN, whatever its letter case', async () => {
      await newStaff(districtAdmin.token, { username: 'lisi' });
      for (const username of ['lisi', 'LiSi']) {
        const response = await newStaff(districtAdmin.token, { username });
        expect(response.statusCode, username).toBe(409);
        expect(response.json().error).toEqual({ code: 'USERNAME_TAKEN', message: '该用户名已被使用' });
      }
    });

    it('answers concurrent creations of one username with one 201 and USERNAME_TAKEN for the rest', async () => {
      const responses = await Promise.all([1, 2, 3].map(() => newStaff(districtAdmin.token, { username: 'racer' })));
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409, 409]);
    });

    it('refuses a missing unit (404), and a deactivated unit (409)', async () => {
      const missing = await newStaff(districtAdmin.token, { unitId: 999_999 });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('UNIT_NOT_FOUND');

      const unit = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'xidajie-closed',
        name: '已撤并社区服务站',
        level: 'community',
        parentId: ids.xidajie,
      });
      await inject(districtAdmin.token, 'PATCH', `/org-units/${unit.json().id}`, { active: false });
      const inactive = await newStaff(districtAdmin.token, { unitId: unit.json().id });
      expect(inactive.statusCode).toBe(409);
    });

    it('lets a street admin create accounts in their subtree only (sibling street: 403 OUT_OF_SCOPE)', async () => {
      expect((await newStaff(streetAdmin.token, { unitId: ids['xidajie-wenhua'] })).statusCode).toBe(201);
      for (const unitId of [ids.dongdajie, ids.weidu]) {
        const response = await newStaff(streetAdmin.token, { unitId });
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('OUT_OF_SCOPE');
      }
    });

    it('rejects unknown fields such as mustChangePassword or passwordHash', async () => {
      expect((await newStaff(districtAdmin.token, { mustChangePassword: false })).statusCode).toBe(400);
      expect((await newStaff(districtAdmin.token, { passwordHash: 'x' })).statusCode).toBe(400);
    });
  });

  describe('GET /admin/staff', () => {
    it('pages through accounts in tree order without ever showing a password hash', async () => {
      const first = await inject(districtAdmin.token, 'GET', '/staff?pageSize=2&page=1');
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1).toMatchObject({ page: 1, pageSize: 2 });
      expect(page1.items).toHaveLength(2);
      expect(page1.total).toBeGreaterThan(5);
      const page2 = (await inject(districtAdmin.token, 'GET', '/staff?pageSize=2&page=2')).json();
      expect(page2.items[0].id).not.toBe(page1.items[0].id);
      const all = await inject(districtAdmin.token, 'GET', '/staff?pageSize=100');
      expect(all.body).not.toMatch(/argon2|passwordHash|password_hash|failedAttempts/);
      expect(all.json().items).toHaveLength(page1.total);
    });

    it('filters by unit, role, active and a search text', async () => {
      const byUnit = (await inject(districtAdmin.token, 'GET', `/staff?unitId=${ids.dongdajie}`)).json();
      expect(byUnit.items.map((item: { id: number }) => item.id)).toEqual([siblingStaff.id]);

      const lawyers = (await inject(districtAdmin.token, 'GET', '/staff?role=lawyer')).json();
      expect(lawyers.items.length).toBeGreaterThan(0);
      expect(lawyers.items.every((item: { role: string }) => item.role === 'lawyer')).toBe(true);

      const query = encodeURIComponent('张');
      const byName = (await inject(districtAdmin.token, 'GET', `/staff?q=${query}`)).json();
      expect(byName.items.map((item: { username: string }) => item.username)).toEqual(['zhangsan']);
      const byUsername = (await inject(districtAdmin.token, 'GET', '/staff?q=hangsa')).json();
      expect(byUsername.total).toBe(1);
      const wildcard = (await inject(districtAdmin.token, 'GET', '/staff?q=%25')).json();
      expect(wildcard.total).toBe(0);

      const disabled = await createStaff(ctx.app, { role: 'staff', unitCode: 'nanguan' });
      await ctx.app.db.update(staffAccounts).set({ active: false }).where(eq(staffAccounts.id, disabled.id));
      const inactive = (await inject(districtAdmin.token, 'GET', '/staff?active=false')).json();
      expect(inactive.items.map((item: { id: number }) => item.id)).toContain(disabled.id);
      expect(inactive.items.every((item: { active: boolean }) => !item.active)).toBe(true);
      const active = (await inject(districtAdmin.token, 'GET', `/staff?active=true&unitId=${ids.nanguan}`)).json();
      expect(active.items).toEqual([]);
    });

    it('shows a street admin only the accounts of their street and its communities', async () => {
      const response = await inject(streetAdmin.token, 'GET', '/staff?pageSize=100');
      const units = new Set(response.json().items.map((item: { unitCode: string }) => item.unitCode));
      expect([...units].every((code) => code === 'xidajie' || String(code).startsWith('xidajie-'))).toBe(true);
      expect(response.json().items.map((item: { id: number }) => item.id)).not.toContain(siblingStaff.id);

      const sibling = await inject(streetAdmin.token, 'GET', `/staff?unitId=${ids.dongdajie}`);
      expect(sibling.statusCode).toBe(403);
      expect(sibling.json().error.code).toBe('OUT_OF_SCOPE');
    });

    it('answers an account of a sibling street as absent (404) for a street admin', async () => {
      for (const id of [siblingStaff.id, districtAdmin.id, 999_999]) {
        const response = await inject(streetAdmin.token, 'GET', `/staff/${id}`);
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('NOT_FOUND');
      }
      expect((await inject(districtAdmin.token, 'GET', `/staff/${siblingStaff.id}`)).statusCode).toBe(200);
    });
  });

  describe('PATCH /admin/staff/:id', () => {
    it('changes name, role, supervisor flag and unit, auditing field names but not the name itself', async () => {
      const created = (await newStaff(districtAdmin.token, { displayName: '赵六' })).json();
      const tokenId = await insertRefreshToken('staff', created.id);
      const response = await inject(districtAdmin.token, 'PATCH', `/staff/${created.id}`, {
        displayName: '赵六六',
        role: 'lawyer',
        unitId: ids.weidu,
        isSupervisor: true,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        displayName: '赵六六',
        role: 'lawyer',
        unitId: ids.weidu,
        unitCode: 'weidu',
        isSupervisor: true,
      });
      const [audit] = await auditRows('staff.update', created.id);
      expect(audit?.detail).toEqual({
        fields: ['displayName', 'role', 'unitId', 'isSupervisor'],
        role: { from: 'staff', to: 'lawyer' },
        unitId: { from: ids.xidajie, to: ids.weidu },
        isSupervisor: { from: false, to: true },
        revokedSessions: 1,
      });
      expect(JSON.stringify(audit?.detail)).not.toContain('赵六');
      expect(await revokedAt(tokenId)).not.toBeNull();
    });

    it('disables an account: staff.disable is audited and its refresh tokens are revoked', async () => {
      const created = (await newStaff(districtAdmin.token)).json();
      const live = await insertRefreshToken('staff', created.id);
      const citizenSameId = await insertRefreshToken('citizen', created.id);
      const response = await inject(districtAdmin.token, 'PATCH', `/staff/${created.id}`, { active: false });
      expect(response.statusCode).toBe(200);
      expect(response.json().active).toBe(false);
      expect(await revokedAt(live)).not.toBeNull();
      expect(await revokedAt(citizenSameId)).toBeNull();
      const [audit] = await auditRows('staff.disable', created.id);
      expect(audit?.detail).toMatchObject({
        fields: ['active'],
        active: { from: true, to: false },
        revokedSessions: 1,
      });

      const enabled = await inject(districtAdmin.token, 'PATCH', `/staff/${created.id}`, { active: true });
      expect(enabled.json().active).toBe(true);
      expect(await auditRows('staff.update', created.id)).toHaveLength(1);
    });

    it('a name-only change keeps the account signed in', async () => {
      const created = (await newStaff(districtAdmin.token)).json();
      const live = await insertRefreshToken('staff', created.id);
      await inject(districtAdmin.token, 'PATCH', `/staff/${created.id}`, { displayName: '孙七' });
      expect(await revokedAt(live)).toBeNull();
    });

    it('an admin cannot disable, demote or move themselves, but may rename themselves', async () => {
      const self = `/staff/${districtAdmin.id}`;
      for (const [payload, message] of [
        [{ active: false }, '不能停用自己的账号'],
        [{ role: 'staff' }, '不能更改自己的角色'],
        [{ unitId: ids.xidajie }, '不能更改自己所属的机构'],
      ] as const) {
        const response = await inject(districtAdmin.token, 'PATCH', self, payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
        expect(response.json().error.message).toContain(message);
      }
      const renamed = await inject(districtAdmin.token, 'PATCH', self, { displayName: '区管理员' });
      expect(renamed.statusCode).toBe(200);
      expect((await account(districtAdmin.id)).active).toBe(true);
    });

    it('moving an account needs the new unit in scope (403 OUT_OF_SCOPE) and active', async () => {
      const own = (await newStaff(streetAdmin.token)).json();
      const out = await inject(streetAdmin.token, 'PATCH', `/staff/${own.id}`, { unitId: ids.dongdajie });
      expect(out.statusCode).toBe(403);
      expect(out.json().error.code).toBe('OUT_OF_SCOPE');
      expect((await account(own.id)).unitId).toBe(ids.xidajie);
      const moved = await inject(streetAdmin.token, 'PATCH', `/staff/${own.id}`, { unitId: ids['xidajie-wenhua'] });
      expect(moved.statusCode).toBe(200);
      const missing = await inject(streetAdmin.token, 'PATCH', `/staff/${own.id}`, { unitId: 999_999 });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('UNIT_NOT_FOUND');
    });

    it('answers a street admin editing a sibling street’s account with 404', async () => {
      const response = await inject(streetAdmin.token, 'PATCH', `/staff/${siblingStaff.id}`, { active: false });
      expect(response.statusCode).toBe(404);
      expect((await account(siblingStaff.id)).active).toBe(true);
    });
  });

  describe('POST /admin/staff/:id/reset-password', () => {
    it('sets a temporary password, clears the lockout and revokes the account’s refresh tokens', async () => {
      const target = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
      const other = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
      await ctx.app.db
        .update(staffAccounts)
        .set({ failedAttempts: 5, lockedUntil: new Date(Date.now() + 15 * 60 * 1000) })
        .where(eq(staffAccounts.id, target.id));
      const listed = (await inject(districtAdmin.token, 'GET', `/staff/${target.id}`)).json();
      expect(listed.lockedUntil).not.toBeNull();
      const tokens = [await insertRefreshToken('staff', target.id), await insertRefreshToken('staff', target.id)];
      const otherToken = await insertRefreshToken('staff', other.id);

      const response = await inject(streetAdmin.token, 'POST', `/staff/${target.id}/reset-password`, {
        password: 'New-Temp-2026!',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ mustChangePassword: true, lockedUntil: null });

      const row = await account(target.id);
      expect(row).toMatchObject({ failedAttempts: 0, lockedUntil: null, mustChangePassword: true });
      expect(await verifyPassword(row.passwordHash, 'New-Temp-2026!')).toBe(true);
      expect(await verifyPassword(row.passwordHash, target.password)).toBe(false);
      for (const token of tokens) expect(await revokedAt(token)).not.toBeNull();
      expect(await revokedAt(otherToken)).toBeNull();

      const [audit] = await auditRows('staff.reset_password', target.id);
      expect(audit).toMatchObject({ actorId: streetAdmin.id, targetType: 'staff' });
      // The two sessions above and the one the fixture signed in with.
      expect(audit?.detail).toMatchObject({ revokedSessions: 3 });
      expect(JSON.stringify(audit?.detail)).not.toContain('New-Temp-2026!');
    });

    it('lets an account locked by wrong sign-in passwords in again, from everywhere', async () => {
      const target = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
      const login = (password: string) =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/v1/auth/staff/login',
          payload: { username: target.username, password },
        });
      expect((await login('Wrong-Passw0rd')).statusCode).toBe(401);
      // Locked for this address and overall, as after many failures.
      await ctx.app.db.update(staffSignInFailures).set({ lockedUntil: new Date(Date.now() + 15 * 60 * 1000) });
      expect((await login(target.password)).statusCode).toBe(423);
      const reset = await inject(streetAdmin.token, 'POST', `/staff/${target.id}/reset-password`, {
        password: 'New-Temp-2026!',
      });
      expect(reset.statusCode).toBe(200);
      expect((await login('New-Temp-2026!')).statusCode).toBe(200);
    });

    it('enforces the password policy', async () => {
      const response = await inject(districtAdmin.token, 'POST', `/staff/${siblingStaff.id}/reset-password`, {
        password: 'weak',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0]).toEqual({ path: 'body.password', message: '密码至少 10 位' });
    });

    it('refuses resetting one’s own password, and accounts out of scope (404)', async () => {
      const self = await inject(districtAdmin.token, 'POST', `/staff/${districtAdmin.id}/reset-password`, {
        password: GOOD_PASSWORD,
      });
      expect(self.statusCode).toBe(403);
      const sibling = await inject(streetAdmin.token, 'POST', `/staff/${siblingStaff.id}/reset-password`, {
        password: GOOD_PASSWORD,
      });
      expect(sibling.statusCode).toBe(404);
      expect(await verifyPassword((await account(siblingStaff.id)).passwordHash, siblingStaff.password)).toBe(true);
    });
  });
  describe('POST /admin/staff/:id/unlock', () => {
    const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/login',
        payload: { username, password },
        remoteAddress,
      });
    /** Wrong passwords from one address until the name is locked there. */
    const lockOut = async (username: string, remoteAddress?: string) => {
      for (let n = 0; n < MAX_FAILED_SIGN_INS; n++) await login(username, 'Wrong-Passw0rd', remoteAddress);
    };
    const signInRows = (username: string) =>
      ctx.app.db
        .select()
        .from(staffSignInFailures)
        .where(eq(staffSignInFailures.nameHash, signInNameHash(ctx.app, username)));
    const listed = async (token: string, staff: StaffFixture) => {
      const page = (await inject(token, 'GET', `/staff?q=${staff.username}`)).json();
      return page.items.find((item: { id: number }) => item.id === staff.id);
    };

    it('shows an account locked by wrong sign-in passwords as locked, until when, in the list and the detail', async () => {
      const target = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
      expect((await listed(streetAdmin.token, target)).lockedUntil).toBeNull();
      const before = Date.now();
      await lockOut(target.username);
      expect((await login(target.username, target.password)).statusCode).toBe(423);

      const [locked] = (await signInRows(target.username)).filter((row) => row.lockedUntil !== null);
      const until = locked?.lockedUntil?.toISOString();
      expect(until).toBeDefined();
      expect(Date.parse(until as string)).toBeGreaterThanOrEqual(before + LOCK_DURATION_MS);
      expect(Date.parse(until as string)).toBeLessThanOrEqual(Date.now() + LOCK_DURATION_MS);
      expect((await listed(streetAdmin.token, target)).lockedUntil).toBe(until);
      expect((await inject(districtAdmin.token, 'GET', `/staff/${target.id}`)).json().lockedUntil).toBe(until);
      // What the list shows is the lock, not the counter.
      const page = await inject(streetAdmin.token, 'GET', `/staff?q=${target.username}`);
      expect(page.body).not.toMatch(/failedAttempts|nameHash|clientHash/);
    });

    it('shows a lock from one address only, and the later lock when several are in force', async () => {
      const target = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
      await lockOut(target.username, '203.0.113.7');
      // From elsewhere the person still signs in; the admin sees the account locked from that address.
      expect((await login(target.username, target.password)).statusCode).toBe(200);
      const [fromThere] = await signInRows(target.username);
      expect(fromThere?.lockedUntil).not.toBeNull();
      expect((await listed(districtAdmin.token, target)).lockedUntil).toBe(fromThere?.lockedUntil?.toISOString());

      const later = new Date(Date.now() + 2 * LOCK_DURATION_MS);
      // Locked for everyone too (the right password above cleared the all-addresses count).
      const overall = { failedAttempts: 50, lockedUntil: later };
      await ctx.app.db
        .insert(staffSignInFailures)
        .values({ nameHash: signInNameHash(ctx.app, target.username), clientHash: '', ...overall })
        .onDuplicateKeyUpdate({ set: overall });
      expect((await listed(districtAdmin.token, target)).lockedUntil).toBe(later.toISOString());
      // A lock that has run out is no lock.
      await ctx.app.db
        .update(staffSignInFailures)
        .set({ lockedUntil: new Date(Date.now() - 1000) })
        .where(eq(staffSignInFailures.nameHash, signInNameHash(ctx.app, target.username)));
      expect((await listed(districtAdmin.token, target)).lockedUntil).toBeNull();
    });

    it('clears the lock so the person signs in again with their password, and audits it', async () => {
      const target = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
      const untouched = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
      await lockOut(target.username);
      await lockOut(target.username, '203.0.113.8');
      await lockOut(untouched.username);
      // Also the lock after wrong current passwords when changing the password.
      await ctx.app.db
        .update(staffAccounts)
        .set({ failedAttempts: 5, lockedUntil: new Date(Date.now() + LOCK_DURATION_MS) })
        .where(eq(staffAccounts.id, target.id));
      const session = await insertRefreshToken('staff', target.id);
      const wasLockedUntil = (await listed(streetAdmin.token, target)).lockedUntil;
      expect(wasLockedUntil).not.toBeNull();
      expect((await login(target.username, target.password)).statusCode).toBe(423);

      const response = await inject(streetAdmin.token, 'POST', `/staff/${target.id}/unlock`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: target.id, lockedUntil: null, mustChangePassword: false });
      expect(await signInRows(target.username)).toEqual([]);
      expect(await account(target.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
      expect((await listed(streetAdmin.token, target)).lockedUntil).toBeNull();
      expect(await revokedAt(session)).toBeNull();
      // Another account's lock stays.
      expect((await listed(streetAdmin.token, untouched)).lockedUntil).not.toBeNull();
      expect((await login(untouched.username, untouched.password)).statusCode).toBe(423);

      expect((await login(target.username, target.password)).statusCode).toBe(200);
      expect((await login(target.username, target.password, '203.0.113.8')).statusCode).toBe(200);

      const audits = await auditRows('staff.unlock', target.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorId: streetAdmin.id, actorRole: 'admin', targetType: 'staff' });
      expect(audits[0]?.detail).toEqual({
        fields: ['failedAttempts', 'lockedUntil'],
        lockedUntil: wasLockedUntil,
        clearedCounters: 3,
      });
      expect(JSON.stringify(audits[0]?.detail)).not.toContain(target.username);
    });

    it('answers an account that is not locked with itself (and still audits the call)', async () => {
      const target = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
      const response = await inject(districtAdmin.token, 'POST', `/staff/${target.id}/unlock`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: target.id, lockedUntil: null });
      const [audit] = await auditRows('staff.unlock', target.id);
      expect(audit?.detail).toMatchObject({ lockedUntil: null, clearedCounters: 0 });
    });

    it('refuses non-admins (403), one’s own account (403), and accounts out of scope (404)', async () => {
      const target = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
      await lockOut(target.username);
      const supervisor = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie', isSupervisor: true });
      const lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });
      for (const caller of [siblingStaff, supervisor, lawyer, target]) {
        const response = await inject(caller.token, 'POST', `/staff/${target.id}/unlock`);
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
      const anonymous = await ctx.app.inject({ method: 'POST', url: `/api/v1/admin/staff/${target.id}/unlock` });
      expect(anonymous.statusCode).toBe(401);

      const self = await inject(streetAdmin.token, 'POST', `/staff/${streetAdmin.id}/unlock`);
      expect(self.statusCode).toBe(403);
      expect(self.json().error.code).toBe('FORBIDDEN');
      const sibling = await inject(streetAdmin.token, 'POST', `/staff/${siblingStaff.id}/unlock`);
      expect(sibling.statusCode).toBe(404);
      const missing = await inject(districtAdmin.token, 'POST', '/staff/999999/unlock');
      expect(missing.statusCode).toBe(404);

      expect((await listed(districtAdmin.token, target)).lockedUntil).not.toBeNull();
      expect(await auditRows('staff.unlock', target.id)).toEqual([]);
      expect((await login(target.username, target.password)).statusCode).toBe(423);
    });
  });
});
