import { and, eq, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client';
import { jobRuns } from '../../db/schema/index';

export interface ScheduledJob {
  /** Stable name: the job's row in job_runs. */
  name: string;
  /** At most one run per interval across all instances. */
  intervalMs: number;
  run(now: Date): Promise<Record<string, unknown>>;
}

/**
 * Claims this interval's run of a job for this instance: true for exactly one caller per interval, whatever the
 * number of instances, because the claim is a conditional write of the job's row (no lock to hold, and a
 * replicated cluster certifies the write).
 */
export async function claimJob(db: Database, name: string, intervalMs: number, now: Date): Promise<boolean> {
  await db
    .insert(jobRuns)
    .ignore()
    .values({ name, leaseUntil: new Date(0) });
  const [result] = await db
    .update(jobRuns)
    .set({ leaseUntil: new Date(now.getTime() + intervalMs), lastStartedAt: now })
    .where(and(eq(jobRuns.name, name), lte(jobRuns.leaseUntil, now)));
  return result.affectedRows === 1;
}

/** Told of every run this instance made (the metrics count them). */
export type JobObserver = (job: string, outcome: 'ok' | 'failed') => void;

/** Runs each due job this instance wins; a failure is logged (type only: no personal data) and retried next interval. */
export async function runDueJobs(
  db: Database,
  log: FastifyBaseLogger,
  jobs: readonly ScheduledJob[],
  now = new Date(),
  observe: JobObserver = () => {},
) {
  for (const job of jobs) {
    try {
      if (!(await claimJob(db, job.name, job.intervalMs, now))) continue;
      const outcome = await job.run(now);
      await db.update(jobRuns).set({ lastFinishedAt: sql`CURRENT_TIMESTAMP(3)` }).where(eq(jobRuns.name, job.name));
      log.info({ job: job.name, ...outcome }, 'maintenance job ran');
      observe(job.name, 'ok');
    } catch (error) {
      log.error({ job: job.name, err: error }, 'maintenance job failed');
      observe(job.name, 'failed');
    }
  }
}

/** Looks for due jobs every `tickMs` in the background (unref'd: it never keeps the process alive). */
export function startScheduler(
  db: Database,
  log: FastifyBaseLogger,
  jobs: readonly ScheduledJob[],
  { tickMs = 60_000, observe }: { tickMs?: number; observe?: JobObserver } = {},
) {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    void runDueJobs(db, log, jobs, new Date(), observe).finally(() => {
      running = false;
    });
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
