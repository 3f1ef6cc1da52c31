import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { jobRuns } from '../db/schema/index';
import { createTestApp, type TestApp, testConfig } from '../testing/test-app';
import { claimJob, type JobOutcome, runJob, type ScheduledJob, startScheduler } from './scheduler';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const waitFor = async (done: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the scheduler');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('claiming a run', () => {
  it('gives each interval to exactly one of many concurrent claims, and the next interval again', async () => {
    const now = new Date('2026-12-03T02:00:00Z');
    const claims = await Promise.all(Array.from({ length: 12 }, () => claimJob(ctx.app.db, 'test.claim', 60_000, now)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimJob(ctx.app.db, 'test.claim', 60_000, new Date(now.getTime() + 30_000))).toBe(false);
    expect(await claimJob(ctx.app.db, 'test.claim', 60_000, new Date(now.getTime() + 60_000))).toBe(true);
  });

  it('logs and counts a failed run, returns null, and lets the next interval try again', async () => {
    const outcomes: string[] = [];
    const failing: ScheduledJob = {
      name: 'test.failing',
      intervalMs: 60_000,
      run: () => Promise.reject(new Error('boom')),
    };
    const now = new Date('2026-12-03T03:00:00Z');
    expect(await runJob(ctx.app.db, ctx.app.log, failing, now, (_, outcome) => outcomes.push(outcome))).toBeNull();
    const ok = { ...failing, run: async () => ({ done: 1 }) };
    expect(await runJob(ctx.app.db, ctx.app.log, ok, new Date(now.getTime() + 60_000))).toEqual({ done: 1 });
    expect(outcomes).toEqual(['failed']);
    const [row] = await ctx.app.db.select().from(jobRuns).where(eq(jobRuns.name, 'test.failing'));
    expect(row?.lastFinishedAt).not.toBeNull();
  });
});

describe('startScheduler', () => {
  it('runs a one-instance job once across instances and an every-instance job on each', async () => {
    const runs = { once: 0, each: 0 };
    const jobs: ScheduledJob[] = [
      { name: 'test.once', intervalMs: 60_000, runAtStart: true, run: async () => ({ runs: ++runs.once }) },
      {
        name: 'test.each',
        intervalMs: 60_000,
        runsOn: 'every-instance',
        runAtStart: true,
        run: async () => ({ runs: ++runs.each }),
      },
    ];
    // Two instances on one database, started together.
    const instances = [startScheduler(ctx.app.db, ctx.app.log, jobs), startScheduler(ctx.app.db, ctx.app.log, jobs)];
    await waitFor(() => runs.each === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await Promise.all(instances.map((instance) => instance.stop()));
    expect(runs).toEqual({ once: 1, each: 2 });
    // every-instance jobs claim nothing: their rows are their own business.
    expect(await ctx.app.db.select().from(jobRuns).where(eq(jobRuns.name, 'test.each'))).toEqual([]);
  });

  it('runs again at once while a run reports more work, then waits an interval', async () => {
    let runs = 0;
    const job: ScheduledJob = {
      name: 'test.more',
      intervalMs: 60_000,
      runsOn: 'every-instance',
      runAtStart: true,
      run: async (): Promise<JobOutcome> => ({ runs: ++runs, more: runs < 3 }),
    };
    const scheduler = startScheduler(ctx.app.db, ctx.app.log, [job]);
    await waitFor(() => runs === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await scheduler.stop();
    expect(runs).toBe(3);
  });

  it('waits on stop for the run in flight and plans no other', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const job: ScheduledJob = {
      name: 'test.slow',
      intervalMs: 10,
      runsOn: 'every-instance',
      runAtStart: true,
      run: async () => {
        events.push('started');
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        events.push('finished');
        return {};
      },
    };
    const scheduler = startScheduler(ctx.app.db, ctx.app.log, [job]);
    await waitFor(() => events.length === 1);
    const stopped = scheduler.stop().then(() => events.push('stopped'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['started']);
    release();
    await stopped;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['started', 'finished', 'stopped']);
  });
});

describe('the app’s jobs', () => {
  it('schedules nothing under NODE_ENV=test, and refuses a job added after start', async () => {
    expect(ctx.app.scheduler.jobs()).toEqual([]);
    const job: ScheduledJob = { name: 'test.late', intervalMs: 60_000, run: async () => ({}) };
    expect(() => ctx.app.scheduler.add(job)).toThrow(/before it starts/);
  });

  it('registers every background job in one scheduler when deployed, each listed in the README', async () => {
    const app = await buildApp(testConfig(ctx.database.url, { NODE_ENV: 'development' }));
    try {
      const names = app.scheduler.jobs().map((job) => job.name);
      expect(names.sort()).toEqual([
        'audit-log.prune',
        'auth.refresh-tokens.prune',
        'auth.sessions.prune',
        'auth.sign-in-failures.prune',
        'legal.schedule-and-reminders',
        'notifications.outbox',
        'requests.draft-reminders',
        'requests.drafts.expire',
        'requests.due-soon-reminders',
        'stats.fold-changes',
        'uploads.purge-orphans',
      ]);
      const [first] = app.scheduler.jobs();
      expect(() => first && app.scheduler.add(first)).toThrow(/added twice/);
      const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
      for (const name of names) expect(readme, name).toContain(`| \`${name}\``);
    } finally {
      await app.close();
    }
  });
});
