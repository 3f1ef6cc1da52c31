import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type JobObserver, type ScheduledJob, type Scheduler, startScheduler } from './scheduler';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one place background work is registered; see scheduler/README.md. */
    scheduler: { add(...jobs: ScheduledJob[]): void; jobs(): readonly ScheduledJob[] };
  }
}

/** Counts each run in the metrics (job_runs_total by job and outcome). */
export function jobObserver(app: FastifyInstance): JobObserver {
  return (job, outcome) => app.metrics.jobRuns.inc({ job, outcome });
}

/**
 * Background jobs 后台任务: feature plugins add their jobs while the app is built (only those that should run
 * here: most are off under NODE_ENV=test, where tests run them with a chosen clock); the jobs start once the
 * app is ready and stop before it closes, after the runs in flight have finished.
 */
async function schedulerPlugin(app: FastifyInstance) {
  const jobs: ScheduledJob[] = [];
  let started = false;
  let scheduler: Scheduler | undefined;
  app.decorate('scheduler', {
    add(...added: ScheduledJob[]) {
      if (started) throw new Error('jobs are added while the app is built, before it starts');
      for (const job of added) {
        if (jobs.some((existing) => existing.name === job.name)) throw new Error(`job ${job.name} added twice`);
        jobs.push(job);
      }
    },
    jobs: () => jobs,
  });
  app.addHook('onReady', async () => {
    started = true;
    if (jobs.length > 0) scheduler = startScheduler(app.db, app.log, jobs, { observe: jobObserver(app) });
  });
  app.addHook('preClose', async () => {
    await scheduler?.stop();
  });
}

export default fp(schedulerPlugin, { name: 'scheduler', dependencies: ['database', 'metrics'] });
