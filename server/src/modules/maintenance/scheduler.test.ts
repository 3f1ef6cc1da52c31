import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobRuns } from '../../db/schema/index';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { maintenanceJobs } from './plugin';
import { claimJob, runDueJobs } from './scheduler';

describe('maintenance scheduler', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp({ AUDIT_RETENTION_DAYS: '200' });
    // A second instance on the same database.
    const { buildApp } = await import('../../app');
    const { testConfig } = await import('../../testing/test-app');
    const app = await buildApp(testConfig(first.database.url, { AUDIT_RETENTION_DAYS: '200' }));
    await app.ready();
    second = { app, database: first.database, close: () => app.close() };
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('gives each interval to exactly one of many concurrent claims, and the next interval again', async () => {
    const now = new Date('2026-12-03T02:00:00Z');
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, index) => claimJob((index % 2 ? second : first).app.db, 'test.job', 60_000, now)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimJob(first.app.db, 'test.job', 60_000, new Date(now.getTime() + 30_000))).toBe(false);
    expect(await claimJob(second.app.db, 'test.job', 60_000, new Date(now.getTime() + 60_000))).toBe(true);
  });

  it('prunes the audit log past the configured retention once per day, whichever instance ticks', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 201 * 24 * 3600 * 1000);
    const kept = new Date(now.getTime() - 199 * 24 * 3600 * 1000);
    await first.app.db.insert(auditLog).values([
      { action: 'test.old', createdAt: old },
      { action: 'test.kept', createdAt: kept },
    ]);
    const jobs = [maintenanceJobs(first.app), maintenanceJobs(second.app)];
    await Promise.all([
      runDueJobs(first.app.db, first.app.log, jobs[0] ?? [], now),
      runDueJobs(second.app.db, second.app.log, jobs[1] ?? [], now),
    ]);
    const actions = (await first.app.db.select({ action: auditLog.action }).from(auditLog)).map((row) => row.action);
    expect(actions).not.toContain('test.old');
    expect(actions).toContain('test.kept');
    expect(actions.filter((action) => action === 'audit_log.prune')).toHaveLength(1);
    const [run] = await first.app.db.select().from(jobRuns).where(eq(jobRuns.name, 'audit-log.prune'));
    expect(run?.lastFinishedAt).not.toBeNull();
    const [count] = await first.app.db.select({ n: sql<number>`count(*)` }).from(jobRuns);
    expect(Number(count?.n)).toBe(3);
  });
});
