import { errorEnvelopeSchema, sessionSchema } from '@veterans/shared';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, refreshTokens, staffAccounts, staffSignInFailures } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LOCK_DURATION_MS, MAX_FAILED_SIGN_INS_PER_NAME } from './lockout';
import { clientPattern, forgetSignInFailures, signInCounterKeys } from './staff';

/** The slow-down step in these tests: small, so a test of five failures stays quick. */
const DELAY_STEP_MS = 10;
const HOME = '127.0.0.1'; // where app.inject comes from

describe('staff sign-in', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp({ STAFF_SIGN_IN_DELAY_MS: String(DELAY_STEP_MS) });
    await seedDemoData(ctx.app.db);
  });
  afterAll(() => ctx.close());

  const login = (username: string, password: string, remoteAddress = HOME) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/login',
      payload: { username, password },
      remoteAddress,
    });
  /** The sign-in failure counters of a typed name: from one address, and from all together. */
  const counters = async (username: string, address = HOME) => {
    const keys = signInCounterKeys(ctx.app, username, address);
    const rows = await ctx.app.db
      .select()
      .from(staffSignInFailures)
      .where(eq(staffSignInFailures.nameHash, keys.nameHash));
    const of = (clientHash: string) => rows.find((row) => row.clientHash === clientHash);
    return { client: of(keys.client), overall: of(keys.overall) };
  };
  const changePassword = (token: string, currentPassword: string, newPassword: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/password',
      headers: bearer(token),
      payload: { currentPassword, newPassword },
    });
  const account = async (id: number) => {
    const [row] = await ctx.app.db.select().from(staffAccounts).where(eq(staffAccounts.id, id));
    if (!row) throw new Error('no account');
    return row;
  };
  const auditsFor = (action: string) =>
    ctx.app.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id));
  const expectError = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe(code);
  };

  it('signs a staff member in with a session carrying role and unit', async () => {
    const staff = await createStaff(ctx.app, { role: 'admin' });
    const response = await login(staff.username, staff.password);
    expect(response.statusCode).toBe(200);
    const session = sessionSchema.parse(response.json());
    expect(session.user).toEqual({
      id: staff.id,
      type: 'staff',
      role: 'admin',
      displayName: '测试admin',
      unitId: staff.unitId,
      unitLevel: 'district',
      isSupervisor: false,
      mustChangePassword: false,
    });
    expect(session.accessTokenExpiresIn).toBe(900);
    const claims = ctx.app.jwt.decode<Record<string, unknown>>(session.accessToken);
    expect(claims).toMatchObject({ sub: String(staff.id), typ: 'staff', sid: expect.any(String) });
    expect(claims).not.toHaveProperty('role');
    expect((await account(staff.id)).lastLoginAt).not.toBeNull();
    const [audit] = await auditsFor('auth.staff.login');
    expect(audit).toMatchObject({ actorId: staff.id, actorRole: 'admin', targetId: String(staff.id) });
  });

  it('gives the same answer for an unknown username and a wrong password, and audits both', async () => {
    const staff = await createStaff(ctx.app);
    // Someone typed their password into the name field: it must not end up in the audit log.
    const unknown = await login('My-Secret-Passw0rd', 'Whatever-123');
    const wrong = await login(staff.username, 'Wrong-Passw0rd!');
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    expect(unknown.json()).toEqual(wrong.json());
    const failures = await auditsFor('auth.staff.login_failed');
    const details = failures.map((row) => row.detail);
    expect(details).toContainEqual({ reason: 'unknown-username' });
    expect(JSON.stringify(failures)).not.toContain('My-Secret-Passw0rd');
    expect(details).toContainEqual({
      username: staff.username,
      reason: 'wrong-password',
      failedAttempts: 1,
      locked: false,
    });
    expect(JSON.stringify(failures)).not.toContain('Wrong-Passw0rd!');
  });

  it('takes about as long for an unknown username as for a wrong password', async () => {
    const staff = await createStaff(ctx.app);
    const time = async (username: string) => {
      const started = performance.now();
      await login(username, 'Wrong-Passw0rd!');
      return performance.now() - started;
    };
    await time('warm-up-user');
    const unknown = await time('no-such-user');
    const wrong = await time(staff.username);
    // Both run one argon2id verification (tens of milliseconds); without the dummy hash, unknown is ~1 ms.
    expect(unknown).toBeGreaterThan(wrong / 4);
  });

  it('locks the account for 15 minutes after 5 consecutive failures, then lets it in again', async () => {
    const staff = await createStaff(ctx.app);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expectError(await login(staff.username, `Wrong-${attempt}`), 401, 'INVALID_CREDENTIALS');
    }
    const fifth = await login(staff.username, 'Wrong-5');
    expectError(fifth, 423, 'ACCOUNT_LOCKED');
    expect(fifth.json().error.message).toMatch(/请于 (明天 )?\d{2}:\d{2} 后再试/);
    const { client: locked } = await counters(staff.username);
    expect(locked?.failedAttempts).toBe(5);
    expect(locked?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + LOCK_DURATION_MS - 60_000);

    // Even the right password is refused while locked.
    expectError(await login(staff.username, staff.password), 423, 'ACCOUNT_LOCKED');

    // Fifteen minutes later (moved by hand): the right password works and clears the count.
    await ctx.app.db.update(staffSignInFailures).set({ lockedUntil: new Date(Date.now() - 1000) });
    expect((await login(staff.username, staff.password)).statusCode).toBe(200);
    expect(await counters(staff.username)).toEqual({ client: undefined, overall: undefined });
  });

  it('locks a name only for the address that guessed: its owner still signs in from elsewhere', async () => {
    const staff = await createStaff(ctx.app);
    const stranger = '203.0.113.9';
    for (let attempt = 1; attempt <= 4; attempt++) {
      expectError(await login(staff.username, `Wrong-${attempt}`, stranger), 401, 'INVALID_CREDENTIALS');
    }
    expectError(await login(staff.username, 'Wrong-5', stranger), 423, 'ACCOUNT_LOCKED');
    expectError(await login(staff.username, staff.password, stranger), 423, 'ACCOUNT_LOCKED');
    expect((await login(staff.username, staff.password, '198.51.100.20')).statusCode).toBe(200);
    // The owner's success does not free the stranger's address.
    expectError(await login(staff.username, staff.password, stranger), 423, 'ACCOUNT_LOCKED');
  });

  it('locks a name for every address once many addresses together failed many times', async () => {
    const staff = await createStaff(ctx.app);
    const addresses = MAX_FAILED_SIGN_INS_PER_NAME / 5;
    for (let address = 1; address <= addresses; address++) {
      for (let attempt = 1; attempt <= 5; attempt++)
        await login(staff.username, 'Wrong-Passw0rd', `203.0.113.${address}`);
    }
    expect((await counters(staff.username)).overall?.failedAttempts).toBe(MAX_FAILED_SIGN_INS_PER_NAME);
    expectError(await login(staff.username, staff.password, '198.51.100.30'), 423, 'ACCOUNT_LOCKED');
    // An administrator's reset lets the owner in again at once.
    await forgetSignInFailures(ctx.app, staff.username);
    expect((await login(staff.username, staff.password, '198.51.100.30')).statusCode).toBe(200);
  });

  it('answers an unknown username exactly like a known one, 423 after too many tries included', async () => {
    const staff = await createStaff(ctx.app);
    const answers = async (username: string) => {
      const seen = [];
      for (let attempt = 1; attempt <= 6; attempt++) {
        const response = await login(username, 'Wrong-Passw0rd!', '192.0.2.44');
        // The lock's end is told to the minute; the two runs may straddle one.
        seen.push({ status: response.statusCode, body: response.body.replace(/\d{2}:\d{2}/, 'HH:MM') });
      }
      return seen;
    };
    const known = await answers(staff.username);
    const unknown = await answers('no-such-staff-member');
    expect(unknown).toEqual(known);
    expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 423, 423]);
    // Typed in another case, the name is the same name.
    expectError(await login('NO-SUCH-STAFF-member', 'Wrong-Passw0rd!', '192.0.2.44'), 423, 'ACCOUNT_LOCKED');
  });

  it('answers each further wrong password from one address a little later', async () => {
    const staff = await createStaff(ctx.app);
    const timed = async () => {
      const started = performance.now();
      await login(staff.username, 'Wrong-Passw0rd!', '192.0.2.77');
      return performance.now() - started;
    };
    const first = await timed();
    await timed();
    await timed();
    const fourth = await timed();
    // Three steps of delay more (argon2 alone takes about the same each time).
    expect(fourth - first).toBeGreaterThan(3 * DELAY_STEP_MS - 5);
  });

  it('counts IPv6 clients by their /64', () => {
    expect(clientPattern('2001:db8:1:2:aaaa::1')).toBe('2001:0db8:0001:0002::/64');
    expect(clientPattern('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:0db8:0001:0002::/64');
    expect(clientPattern('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientPattern('192.0.2.1')).toBe('192.0.2.1');
  });

  it('counts at most five checks from a burst of parallel guesses', async () => {
    const staff = await createStaff(ctx.app);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) => login(staff.username, `Guess-${index}`)),
    );
    const codes = responses.map((response) => response.json().error.code);
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((code) => code === 'ACCOUNT_LOCKED')).toHaveLength(8);
    const checked = (await auditsFor('auth.staff.login_failed')).filter(
      (row) => row.targetId === String(staff.id) && (row.detail as { reason: string }).reason === 'wrong-password',
    );
    expect(checked).toHaveLength(5);
  });

  it('a success resets the failure count', async () => {
    const staff = await createStaff(ctx.app);
    for (let attempt = 1; attempt <= 3; attempt++) await login(staff.username, `Wrong-${attempt}`);
    expect((await counters(staff.username)).client?.failedAttempts).toBe(3);
    expect((await login(staff.username, staff.password)).statusCode).toBe(200);
    expect(await counters(staff.username)).toEqual({ client: undefined, overall: undefined });
  });

  it('refuses a disabled account (with its right password) with 403 ACCOUNT_DISABLED', async () => {
    const staff = await createStaff(ctx.app);
    await ctx.app.db.update(staffAccounts).set({ active: false }).where(eq(staffAccounts.id, staff.id));
    expectError(await login(staff.username, staff.password), 403, 'ACCOUNT_DISABLED');
    expectError(await login(staff.username, 'Wrong-Passw0rd!'), 401, 'INVALID_CREDENTIALS');
  });

  it('answers a malformed body with VALIDATION_FAILED', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/login',
      payload: { username: 'someone' },
    });
    expectError(response, 400, 'VALIDATION_FAILED');
  });

  describe('forced password change', () => {
    it('signs in with pwc=true; other routes refuse that token until the password is changed', async () => {
      const staff = await createStaff(ctx.app, { mustChangePassword: true });
      const first = sessionSchema.parse((await login(staff.username, staff.password)).json());
      expect(first.user.mustChangePassword).toBe(true);

      const elsewhere = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/phone',
        headers: bearer(first.accessToken),
        payload: { code: 'whatever' },
      });
      expectError(elsewhere, 403, 'PASSWORD_CHANGE_REQUIRED');

      const changed = await changePassword(first.accessToken, staff.password, 'New-Passw0rd-2026');
      expect(changed.statusCode).toBe(200);
      const session = sessionSchema.parse(changed.json());
      expect(session.user.mustChangePassword).toBe(false);
      expect(await account(staff.id)).toMatchObject({ mustChangePassword: false });
      expect((await account(staff.id)).passwordChangedAt).not.toBeNull();

      const after = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/phone',
        headers: bearer(session.accessToken),
        payload: { code: 'whatever' },
      });
      expectError(after, 403, 'FORBIDDEN'); // past the password gate; a staff token is simply not a citizen's

      expectError(await login(staff.username, staff.password), 401, 'INVALID_CREDENTIALS');
      expect((await login(staff.username, 'New-Passw0rd-2026')).statusCode).toBe(200);
      const [audit] = await auditsFor('auth.staff.password_changed');
      expect(audit).toMatchObject({ actorId: staff.id, targetId: String(staff.id) });
    });

    it('enforces the password policy and refuses the same password', async () => {
      const staff = await createStaff(ctx.app, { mustChangePassword: true });
      const weak = await changePassword(staff.token, staff.password, 'short');
      expectError(weak, 400, 'VALIDATION_FAILED');
      expect(weak.json().error.details[0].path).toBe('body.newPassword');
      expectError(await changePassword(staff.token, staff.password, 'alllowercaseletters'), 400, 'VALIDATION_FAILED');
      expectError(await changePassword(staff.token, staff.password, staff.password), 400, 'PASSWORD_REUSED');
      expect((await account(staff.id)).mustChangePassword).toBe(true);
    });

    it('refuses a wrong current password, and counts it towards the lockout', async () => {
      const staff = await createStaff(ctx.app);
      const response = await changePassword(staff.token, 'Not-The-Passw0rd', 'New-Passw0rd-2026');
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.json().error.details).toEqual([{ path: 'body.currentPassword', message: '当前密码不正确' }]);
      expect((await account(staff.id)).failedAttempts).toBe(1);
    });

    it('ends every other session of the account', async () => {
      const staff = await createStaff(ctx.app);
      const other = sessionSchema.parse((await login(staff.username, staff.password)).json());
      const current = sessionSchema.parse((await login(staff.username, staff.password)).json());
      const changed = sessionSchema.parse(
        (await changePassword(current.accessToken, staff.password, 'Another-Passw0rd!')).json(),
      );
      const refresh = (refreshToken: string) =>
        ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
      expectError(await refresh(other.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
      expectError(await refresh(current.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
      expect((await refresh(changed.refreshToken)).statusCode).toBe(200);
      const live = await ctx.app.db
        .select()
        .from(refreshTokens)
        .where(and(eq(refreshTokens.principalType, 'staff'), eq(refreshTokens.principalId, staff.id)));
      expect(live.filter((row) => !row.revokedAt && !row.rotatedAt)).toHaveLength(1);
    });

    it('is for staff only', async () => {
      const citizen = await createCitizen(ctx.app);
      expectError(await changePassword(citizen.token, 'Anything-123', 'New-Passw0rd-2026'), 403, 'FORBIDDEN');
      const anonymous = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/password',
        payload: { currentPassword: 'a', newPassword: 'New-Passw0rd-2026' },
      });
      expectError(anonymous, 401, 'UNAUTHORIZED');
    });
  });
});
