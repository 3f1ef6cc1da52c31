import type { FastifyInstance } from 'fastify';
import type { ScheduledJob } from '../../scheduler/scheduler';
import { foldStatsChanges } from './rollups';
import statsRoutes from './routes';

/** Folding every minute keeps the unfolded changes, which every statistics read adds up, to a minute's writes. */
const FOLD_INTERVAL_MS = 60_000;

export function statsJobs(app: FastifyInstance): ScheduledJob[] {
  return [{ name: 'stats.fold-changes', intervalMs: FOLD_INTERVAL_MS, run: () => foldStatsChanges(app.db) }];
}

/**
 * Statistics 统计: the routes, and the job that folds request changes into the monthly rollups (rollups.ts).
 * The job does not run under NODE_ENV=test; tests fold with foldStatsChanges.
 */
export default async function statsPlugin(app: FastifyInstance) {
  await app.register(statsRoutes);
  if (app.config.NODE_ENV !== 'test') app.scheduler.add(...statsJobs(app));
}
