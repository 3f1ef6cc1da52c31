import { and, eq, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client';
import { jobRuns } from '../db/schema/index';

/** What a run reports: counts for the log line; `more: true` asks for the next run at once (a full batch). */
export type JobOutcome = Record<string, unknown> & { more?: boolean };

export interface ScheduledJob {
  /** Stable name: the job's row in job_runs, its log lines and its metrics label. */
  name: string;
  intervalMs: number;
  /**
   * `one-instance` (the default): at most one run per interval across all instances, claimed in job_runs.
   * `every-instance`: each instance runs it every interval, for work its own row claims already keep exclusive
   * (the outbox: several senders drain the queue faster, and no row is sent twice).
   */
  runsOn?: 'one-instance' | 'every-instance';
  /** First run right after start-up (else after one interval). */
  runAtStart?: boolean;
  run(now: Date): Promise<JobOutcome>;
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

/** A run that did something is worth a log line; the outbox's empty rounds every two seconds are not. */
const didWork = (outcome: JobOutcome) =>
  Object.entries(outcome).some(([key, value]) => key !== 'more' && typeof value === 'number' && value > 0);

/**
 * Runs one job if this instance may (its claim, for one-instance jobs). A failure is logged (type only: the
 * logger's err serializer keeps personal data out) and never thrown: the next interval tries again.
 * Returns the outcome, or null when another instance has this interval or the run failed.
 */
export async function runJob(
  db: Database,
  log: FastifyBaseLogger,
  job: ScheduledJob,
  now: Date,
  observe: JobObserver = () => {},
): Promise<JobOutcome | null> {
  try {
    if (job.runsOn !== 'every-instance' && !(await claimJob(db, job.name, job.intervalMs, now))) return null;
    const outcome = await job.run(now);
    if (job.runsOn !== 'every-instance') {
      await db.update(jobRuns).set({ lastFinishedAt: sql`CURRENT_TIMESTAMP(3)` }).where(eq(jobRuns.name, job.name));
    }
    const { more: _more, ...counts } = outcome;
    if (didWork(outcome)) log.info({ job: job.name, ...counts }, 'scheduled job ran');
    observe(job.name, 'ok');
    return outcome;
  } catch (error) {
    log.error({ job: job.name, err: error }, 'scheduled job failed');
    observe(job.name, 'failed');
    return null;
  }
}

/** One pass over the jobs, each if due (tests call it with a chosen `now`). */
export async function runDueJobs(
  db: Database,
  log: FastifyBaseLogger,
  jobs: readonly ScheduledJob[],
  now = new Date(),
  observe?: JobObserver,
): Promise<void> {
  for (const job of jobs) await runJob(db, log, job, now, observe);
}

export interface Scheduler {
  /** Stops every timer and waits for the runs in flight (their work finishes and is recorded). */
  stop(): Promise<void>;
}

/**
 * Gives each job its own unref'd timer (a job never keeps the process alive, and a slow job never delays
 * another); a job's next run is planned when its run ends, so runs of one job never overlap on an instance.
 */
export function startScheduler(
  db: Database,
  log: FastifyBaseLogger,
  jobs: readonly ScheduledJob[],
  { observe, clock = () => new Date() }: { observe?: JobObserver; clock?: () => Date } = {},
): Scheduler {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();

  const plan = (job: ScheduledJob, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = runJob(db, log, job, clock(), observe).then((outcome) => {
        inFlight.delete(run);
        plan(job, outcome?.more ? 0 : job.intervalMs);
      });
      inFlight.add(run);
    }, delay);
    timer.unref();
    timers.add(timer);
  };
  for (const job of jobs) plan(job, job.runAtStart ? 0 : job.intervalMs);

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}
