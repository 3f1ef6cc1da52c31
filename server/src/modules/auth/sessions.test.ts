import { errorEnvelopeSchema, type Session, sessionSchema } from '@veterans/shared';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, authSessions, refreshTokens, staffAccounts, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { loadPrincipal } from './principal';
import { hashRefreshToken, issueSession, REFRESH_TOKEN_TTL_MS, ROTATION_GRACE_MS, refreshVerdict } from './sessions';

describe('refreshVerdict', () => {
  const now = new Date('2026-03-10T07:00:00Z');
  const live = { expiresAt: new Date(now.getTime() + 1000), rotatedAt: null, revokedAt: null };

  it('accepts a live token once, and again as a retry only within the grace period after its rotation', () => {
    expect(refreshVerdict(live, now)).toBe('valid');
    expect(refreshVerdict({ ...live, rotatedAt: now }, now)).toBe('retry');
    const justInside = new Date(now.getTime() - ROTATION_GRACE_MS + 1);
    expect(refreshVerdict({ ...live, rotatedAt: justInside }, now)).toBe('retry');
    const atTheEnd = new Date(now.getTime() - ROTATION_GRACE_MS);
    expect(refreshVerdict({ ...live, rotatedAt: atTheEnd }, now)).toBe('reused');
  });

  it('refuses unknown, expired and revoked tokens', () => {
    expect(refreshVerdict(undefined, now)).toBe('invalid');
    expect(refreshVerdict({ ...live, expiresAt: now }, now)).toBe('invalid');
    expect(refreshVerdict({ ...live, revokedAt: now }, now)).toBe('invalid');
    expect(refreshVerdict({ ...live, rotatedAt: now, revokedAt: now }, now)).toBe('invalid');
  });
});

describe('sessions: refresh and logout', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
  });
  afterAll(() => ctx.close());

  const refresh = (refreshToken: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
  const logout = (refreshToken: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken } });
  const expectError = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe(code);
  };
  const tokenRow = async (token: string) => {
    const [row] = await ctx.app.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)));
    if (!row) throw new Error('no such token');
    return row;
  };
  async function citizenSession(): Promise<Session> {
    const citizen = await createCitizen(ctx.app);
    const principal = await loadPrincipal(ctx.app, 'citizen', citizen.id);
    if (!principal) throw new Error('no principal');
    return issueSession(ctx.app, principal);
  }

  it('stores only a hash of the refresh token, valid for 30 days', async () => {
    const session = await citizenSession();
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await tokenRow(session.refreshToken);
    expect(row.tokenHash).not.toContain(session.refreshToken);
    expect(row.chainId).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(REFRESH_TOKEN_TTL_MS);
    expect(session.user).toMatchObject({ type: 'citizen', role: 'veteran', displayName: '微信用户', unitId: null });
  });

  it('rotates: a new pair in the same chain, the old token marked rotated', async () => {
    const first = await citizenSession();
    const response = await refresh(first.refreshToken);
    expect(response.statusCode).toBe(200);
    const second = sessionSchema.parse(response.json());
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user).toEqual(first.user);
    const [old, next] = [await tokenRow(first.refreshToken), await tokenRow(second.refreshToken)];
    expect(old.rotatedAt).not.toBeNull();
    expect(next.chainId).toBe(old.chainId);
    expect(next.rotatedAt).toBeNull();
    expect((await refresh(second.refreshToken)).statusCode).toBe(200);
  });

  /** Moves a token's rotation back past the grace period, as if the clock had run on. */
  const outOfGrace = (token: string) =>
    ctx.app.db
      .update(refreshTokens)
      .set({ rotatedAt: new Date(Date.now() - ROTATION_GRACE_MS - 1000) })
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)));
  const me = (accessToken: string) =>
    ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(accessToken) });

  it('treats reuse of a rotated token after the grace period as theft: the whole chain is revoked and audited', async () => {
    const first = await citizenSession();
    const second = sessionSchema.parse((await refresh(first.refreshToken)).json());
    await outOfGrace(first.refreshToken);
    const reuse = await refresh(first.refreshToken);
    expectError(reuse, 401, 'REFRESH_TOKEN_REUSED');
    // The thief's (or the owner's) newer token is dead too.
    expectError(await refresh(second.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    const chain = await ctx.app.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.chainId, (await tokenRow(first.refreshToken)).chainId));
    expect(chain).toHaveLength(2);
    for (const row of chain) expect(row.revokedAt).not.toBeNull();
    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.refresh.reused'))
      .orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorId: first.user.id, actorRole: 'veteran', targetType: 'citizen' });
  });

  it('answers five parallel refreshes with one token with the same new refresh token, in one chain that works', async () => {
    for (let round = 0; round < 5; round++) {
      const session = await citizenSession();
      const responses = await Promise.all(Array.from({ length: 5 }, () => refresh(session.refreshToken)));
      expect(responses.map((response) => response.statusCode)).toEqual(Array(5).fill(200));
      const sessions = responses.map((response) => sessionSchema.parse(response.json()));
      expect(new Set(sessions.map((next) => next.refreshToken)).size).toBe(1);
      const successor = sessions[0]?.refreshToken as string;
      expect(successor).not.toBe(session.refreshToken);
      const chainId = (await tokenRow(session.refreshToken)).chainId;
      const chain = await ctx.app.db.select().from(refreshTokens).where(eq(refreshTokens.chainId, chainId));
      expect(chain).toHaveLength(2);
      expect(chain.every((row) => row.revokedAt === null)).toBe(true);
      for (const next of sessions) expect((await me(next.accessToken)).statusCode).toBe(200);
      // The chain goes on: the successor rotates normally.
      expect((await refresh(successor)).statusCode).toBe(200);
    }
  });

  it('answers a retry within the grace period with the same pair, and the chain is revoked by reuse after it', async () => {
    const first = await citizenSession();
    const second = sessionSchema.parse((await refresh(first.refreshToken)).json());
    const retried = sessionSchema.parse((await refresh(first.refreshToken)).json());
    expect(retried.refreshToken).toBe(second.refreshToken);
    expect((await me(second.accessToken)).statusCode).toBe(200);

    await outOfGrace(first.refreshToken);
    expectError(await refresh(first.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
    expectError(await me(second.accessToken), 401, 'INVALID_TOKEN');
    expectError(await me(retried.accessToken), 401, 'INVALID_TOKEN');
    expectError(await refresh(second.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    const chainId = (await tokenRow(first.refreshToken)).chainId;
    const [session] = await ctx.app.db.select().from(authSessions).where(eq(authSessions.id, chainId));
    expect(session?.revokedAt).not.toBeNull();
  });

  it('does not hand out the successor of a retried token once the session was signed out', async () => {
    const first = await citizenSession();
    const second = sessionSchema.parse((await refresh(first.refreshToken)).json());
    expect((await logout(second.refreshToken)).statusCode).toBe(204);
    expectError(await refresh(first.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
  });

  it('refuses unknown, expired and malformed tokens', async () => {
    expectError(await refresh('x'.repeat(43)), 401, 'REFRESH_TOKEN_INVALID');
    const session = await citizenSession();
    await ctx.app.db
      .update(refreshTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(session.refreshToken)));
    expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    expectError(await refresh('short'), 400, 'VALIDATION_FAILED');
  });

  it('does not refresh a disabled staff account or a deleted user', async () => {
    const staff = await createStaff(ctx.app);
    const staffPrincipal = await loadPrincipal(ctx.app, 'staff', staff.id);
    const staffSession = await issueSession(ctx.app, staffPrincipal as NonNullable<typeof staffPrincipal>);
    await ctx.app.db.update(staffAccounts).set({ active: false }).where(eq(staffAccounts.id, staff.id));
    expectError(await refresh(staffSession.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    expect((await tokenRow(staffSession.refreshToken)).revokedAt).not.toBeNull();

    const citizenSessionToDelete = await citizenSession();
    await ctx.app.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, citizenSessionToDelete.user.id));
    expectError(await refresh(citizenSessionToDelete.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
  });

  it('picks up a changed role and unit on refresh', async () => {
    const staff = await createStaff(ctx.app, { role: 'staff' });
    const principal = await loadPrincipal(ctx.app, 'staff', staff.id);
    const session = await issueSession(ctx.app, principal as NonNullable<typeof principal>);
    await ctx.app.db.update(staffAccounts).set({ role: 'lawyer' }).where(eq(staffAccounts.id, staff.id));
    const refreshed = sessionSchema.parse((await refresh(session.refreshToken)).json());
    expect(refreshed.user).toMatchObject({ role: 'lawyer', unitLevel: 'district', isSupervisor: false });
    // The token names the session only: rights are read from the database at every request.
    expect(Object.keys(ctx.app.jwt.decode<Record<string, unknown>>(refreshed.accessToken) ?? {}).sort()).toEqual([
      'exp',
      'iat',
      'sid',
      'sub',
      'typ',
    ]);
  });

  it('logs out: the chain is revoked; logging out again or with an unknown token is still 204', async () => {
    const first = await citizenSession();
    const second = sessionSchema.parse((await refresh(first.refreshToken)).json());
    const response = await logout(second.refreshToken);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expectError(await refresh(second.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    expect((await logout(second.refreshToken)).statusCode).toBe(204);
    expect((await logout('y'.repeat(43))).statusCode).toBe(204);
    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.logout'))
      .orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorId: first.user.id, targetType: 'citizen' });
  });

  it('logging out one device leaves the others signed in', async () => {
    const citizen = await createCitizen(ctx.app);
    const principal = await loadPrincipal(ctx.app, 'citizen', citizen.id);
    const phone = await issueSession(ctx.app, principal as NonNullable<typeof principal>);
    const tablet = await issueSession(ctx.app, principal as NonNullable<typeof principal>);
    expect((await logout(phone.refreshToken)).statusCode).toBe(204);
    expect((await refresh(tablet.refreshToken)).statusCode).toBe(200);
  });

  it('documents the sign-in routes in the OpenAPI description', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const { paths } = response.json();
    for (const path of [
      '/api/v1/auth/wechat',
      '/api/v1/auth/sms/send',
      '/api/v1/auth/sms/verify',
      '/api/v1/auth/staff/login',
      '/api/v1/auth/staff/password',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/me/phone',
    ]) {
      expect(paths[path]?.post, path).toBeDefined();
    }
    expect(Object.keys(paths['/api/v1/auth/logout'].post.responses)).toContain('204');
  });

  it('shows a citizen by masked name, else masked phone', async () => {
    const named = await createCitizen(ctx.app, { identity: { name: '张三丰', idNumber: '411002196503150011' } });
    expect((await loadPrincipal(ctx.app, 'citizen', named.id))?.displayName).toBe('张*丰');
    const withPhone = await createCitizen(ctx.app);
    await ctx.app.db
      .update(users)
      .set({ phoneCipher: ctx.app.cipher.encrypt('13800138000', sealedIn(users.phoneCipher, withPhone.id)) })
      .where(eq(users.id, withPhone.id));
    expect((await loadPrincipal(ctx.app, 'citizen', withPhone.id))?.displayName).toBe('138****8000');
  });
});
