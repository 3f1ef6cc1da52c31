import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobRuns, staffSignInFailures } from '../../db/schema/index';
import { runDueJobs } from '../../scheduler/scheduler';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LOCK_DURATION_MS } from '../auth/lockout';
import { maintenanceJobs } from './plugin';

describe('maintenance jobs', () => {
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
    expect(Number(count?.n)).toBe(maintenanceJobs(first.app).length);
  });

  it('prunes staff sign-in counters a day past their lockout window, once per hour, whichever instance ticks', async () => {
    const HOUR_MS = 3600 * 1000;
    const DAY_MS = 24 * HOUR_MS;
    // Past the hour the audit-log test above gave every job.
    const now = new Date(Date.now() + 2 * HOUR_MS);
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const hash = (n: number) => String(n).padStart(64, '0');
    const rows = {
      staleCount: { updatedAt: ago(LOCK_DURATION_MS + DAY_MS + 60_000), failedAttempts: 3, lockedUntil: null },
      staleLock: { updatedAt: ago(3 * DAY_MS), failedAttempts: 5, lockedUntil: ago(3 * DAY_MS - LOCK_DURATION_MS) },
      freshCount: { updatedAt: ago(DAY_MS), failedAttempts: 2, lockedUntil: null },
      lockedNow: { updatedAt: ago(60_000), failedAttempts: 5, lockedUntil: ago(60_000 - LOCK_DURATION_MS) },
      // Old but locked into the last day (not written by today's rules, but never pruned while it could count).
      lateLock: { updatedAt: ago(2 * DAY_MS), failedAttempts: 50, lockedUntil: ago(DAY_MS) },
    };
    const names = Object.keys(rows) as (keyof typeof rows)[];
    await first.app.db.insert(staffSignInFailures).values(
      names.flatMap((name, index) => [
        { nameHash: hash(index), clientHash: '', ...rows[name] },
        { nameHash: hash(index), clientHash: hash(100 + index), ...rows[name] },
      ]),
    );

    const prune = (app: TestApp['app']) =>
      maintenanceJobs(app).filter((job) => job.name === 'auth.sign-in-failures.prune');
    const jobs = [prune(first.app), prune(second.app)];
    expect(jobs[0]).toHaveLength(1);
    const tick = (at: Date) =>
      Promise.all([
        runDueJobs(first.app.db, first.app.log, jobs[0] ?? [], at),
        runDueJobs(second.app.db, second.app.log, jobs[1] ?? [], at),
      ]);
    await tick(now);
    const left = await first.app.db.select().from(staffSignInFailures);
    const kept = (index: number) => left.filter((row) => row.nameHash === hash(index)).length;
    expect(names.map((name, index) => [name, kept(index)])).toEqual([
      ['staleCount', 0],
      ['staleLock', 0],
      ['freshCount', 2],
      ['lockedNow', 2],
      ['lateLock', 2],
    ]);
    const [run] = await first.app.db.select().from(jobRuns).where(eq(jobRuns.name, 'auth.sign-in-failures.prune'));
    expect(run?.lastStartedAt?.getTime()).toBe(now.getTime());
    expect(run?.lastFinishedAt).not.toBeNull();

    // Within the hour nobody acts again; two hours later one instance does, and the day-old rows have gone stale.
    await tick(new Date(now.getTime() + 30 * 60_000));
    expect(await first.app.db.select().from(staffSignInFailures)).toHaveLength(6);
    const later = new Date(now.getTime() + 2 * HOUR_MS);
    await tick(later);
    const [again] = await first.app.db.select().from(jobRuns).where(eq(jobRuns.name, 'auth.sign-in-failures.prune'));
    expect(again?.lastStartedAt?.getTime()).toBe(later.getTime());
    const remaining = await first.app.db.select({ nameHash: staffSignInFailures.nameHash }).from(staffSignInFailures);
    expect(remaining.map((row) => row.nameHash)).toEqual([hash(3), hash(3)]);
  });
});
