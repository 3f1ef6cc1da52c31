import type { FastifyInstance } from 'fastify';
import type { ScheduledJob } from '../../scheduler/scheduler';
import { pruneAuditLog } from '../admin/audit-log/prune';
import { createFileStorage } from '../uploads/create-storage';
import { purgeOrphanUploads } from '../uploads/purge';
import { pruneRefreshTokens } from './refresh-tokens';
import { pruneAuthSessions } from './sessions';
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
    {
      name: 'auth.sessions.prune',
      intervalMs: HOUR_MS,
      run: (now) => pruneAuthSessions(app.db, now),
    },
  ];
}

/**
 * Scheduled maintenance 定期维护: audit-log retention, the purge of uploads no form ever named, and of sign-in
 * rows (staff password counters, refresh tokens, sessions) long out of use; each run by one instance per
 * interval (scheduler/). Not under NODE_ENV=test: tests run the jobs with a chosen clock.
 */
export default async function maintenancePlugin(app: FastifyInstance) {
  if (app.config.NODE_ENV !== 'test') app.scheduler.add(...maintenanceJobs(app));
}
