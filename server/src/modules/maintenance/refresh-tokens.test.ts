import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokens } from '../../db/schema/index';
import { runDueJobs } from '../../scheduler/scheduler';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { maintenanceJobs } from './plugin';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('auth.refresh-tokens.prune', () => {
  it('deletes refresh tokens a day past their expiry and keeps the others', async () => {
    const now = new Date();
    const hours = (n: number) => new Date(now.getTime() + n * 3600 * 1000);
    const token = (name: string, expiresAt: Date) => ({
      tokenHash: name.padEnd(64, '0'),
      chainId: randomUUID(),
      principalType: 'citizen' as const,
      principalId: 1,
      expiresAt,
    });
    await ctx.app.db
      .insert(refreshTokens)
      .values([token('a', hours(-49)), token('b', hours(-23)), token('c', hours(24 * 30))]);
    const jobs = maintenanceJobs(ctx.app).filter((job) => job.name === 'auth.refresh-tokens.prune');
    expect(jobs).toHaveLength(1);
    await runDueJobs(ctx.app.db, ctx.app.log, jobs, now);
    const left = await ctx.app.db.select({ hash: refreshTokens.tokenHash }).from(refreshTokens);
    expect(left.map((row) => row.hash[0]).sort()).toEqual(['b', 'c']);
  });
});
