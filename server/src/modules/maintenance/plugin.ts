import type { FastifyInstance } from 'fastify';
import { pruneAuditLog } from '../admin/audit-log/prune';
import { createFileStorage } from '../uploads/create-storage';
import { purgeOrphanUploads } from '../uploads/purge';
import { pruneRefreshTokens } from './refresh-tokens';
import type { JobObserver, ScheduledJob } from './scheduler';
import { startScheduler } from './scheduler';
import { pruneSignInFailures } from './sign-in-failures';

const HOUR_MS = 60 * 60 * 1000;
/** A first purge after a long outage may find many files: enough rounds for a busy day, then the next hour. */
const MAX_PURGE_ROUNDS = 50;

/** The retention jobs, with their settings from the configuration. */
export function maintenanceJobs(app: FastifyInstance): ScheduledJob[] {
  const storage = createFileStorage(app.config);
  return [
    {
      name: 'audit-log.prune',
      intervalMs: 24 * HOUR_MS,
      run: async (now) => {
        const { deleted, retentionDays } = await pruneAuditLog(app.db, now, {
          retentionDays: app.config.AUDIT_RETENTION_DAYS,
        });
        return { deleted, retentionDays };
      },
    },
    {
      name: 'uploads.purge-orphans',
      intervalMs: HOUR_MS,
      run: async () => {
        let removed = 0;
        for (let round = 0; round < MAX_PURGE_ROUNDS; round++) {
          const batch = await purgeOrphanUploads(app.db, storage);
          removed += batch;
          if (batch === 0) break;
        }
        return { removed };
      },
    },
    {
      name: 'auth.sign-in-failures.prune',
      intervalMs: HOUR_MS,
      run: async (now) => {
        const { deleted, cutoff } = await pruneSignInFailures(app.db, now);
        return { deleted, cutoff: cutoff.toISOString() };
      },
    },
    {
      name: 'auth.refresh-tokens.prune',
      intervalMs: HOUR_MS,
      run: (now) => pruneRefreshTokens(app.db, now),
    },
  ];
}

/** Counts each run in the metrics (job_runs_total by job and outcome). */
export function jobObserver(app: FastifyInstance): JobObserver {
  return (job, outcome) => app.metrics.jobRuns.inc({ job, outcome });
}

/**
 * Scheduled maintenance 定期维护: audit-log retention, the purge of uploads no form ever named and of staff sign-in
 * counters long out of use (sign-in-failures.ts), run by exactly one instance per interval
 * (modules/maintenance/scheduler.ts). Not under NODE_ENV=test: tests run the jobs.
 */
export default async function maintenancePlugin(app: FastifyInstance) {
  if (app.config.NODE_ENV === 'test') return;
  const scheduler = startScheduler(app.db, app.log, maintenanceJobs(app), { observe: jobObserver(app) });
  app.addHook('onClose', async () => scheduler.stop());
}
