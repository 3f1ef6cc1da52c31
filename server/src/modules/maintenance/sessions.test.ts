import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSessions, refreshTokens } from '../../db/schema/index';
import { runDueJobs } from '../../scheduler/scheduler';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { maintenanceJobs } from './plugin';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('auth.sessions.prune', () => {
  it('deletes sessions nothing can use any more and keeps every session that can still sign someone in', async () => {
    const now = new Date();
    const hours = (n: number) => new Date(now.getTime() + n * 3600 * 1000);
    const sessions = {
      expiredChain: { createdAt: hours(-24 * 40), tokenExpires: hours(-49) },
      prunedChain: { createdAt: hours(-24 * 40), tokenExpires: null },
      inGrace: { createdAt: hours(-24 * 40), tokenExpires: hours(-23) },
      rotatedToday: { createdAt: hours(-24 * 90), tokenExpires: hours(24 * 30) },
      justOpened: { createdAt: hours(-0.01), tokenExpires: null },
      revokedLongAgo: { createdAt: hours(-5), tokenExpires: hours(24 * 29), revokedAt: hours(-4) },
      revokedJustNow: { createdAt: hours(-5), tokenExpires: hours(24 * 29), revokedAt: hours(-0.01) },
    };
    const ids = new Map<string, string>();
    for (const [name, session] of Object.entries(sessions)) {
      const id = randomUUID();
      ids.set(name, id);
      const revokedAt = 'revokedAt' in session ? session.revokedAt : null;
      await ctx.app.db
        .insert(authSessions)
        .values({ id, principalType: 'citizen', principalId: 1, createdAt: session.createdAt, revokedAt });
      if (session.tokenExpires) {
        await ctx.app.db.insert(refreshTokens).values({
          tokenHash: id.replaceAll('-', '').padEnd(64, '0'),
          chainId: id,
          principalType: 'citizen',
          principalId: 1,
          expiresAt: session.tokenExpires,
          revokedAt,
        });
      }
    }
    const jobs = maintenanceJobs(ctx.app).filter((job) => job.name === 'auth.sessions.prune');
    expect(jobs).toHaveLength(1);
    await runDueJobs(ctx.app.db, ctx.app.log, jobs, now);
    const left = new Set((await ctx.app.db.select({ id: authSessions.id }).from(authSessions)).map((row) => row.id));
    const kept = Object.fromEntries([...ids].map(([name, id]) => [name, left.has(id)]));
    expect(kept).toEqual({
      expiredChain: false,
      prunedChain: false,
      inGrace: true,
      rotatedToday: true,
      justOpened: true,
      revokedLongAgo: false,
      revokedJustNow: true,
    });
  });
});
