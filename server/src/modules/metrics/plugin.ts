import { createHash, timingSafeEqual } from 'node:crypto';
import { count, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { outbox } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { causeChain } from '../../plugins/error-handler';
import { createMetrics, isStatementTimeout, type Metrics, poolCounts, routeLabel } from './registry';

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's Prometheus instruments (always counting; served at /metrics only with METRICS_TOKEN). */
    metrics: Metrics;
  }
}

/** The statuses that are backlog (pending, sending) or given up (failed); sent and skipped rows only grow. */
const WATCHED_OUTBOX_STATUSES = ['pending', 'sending', 'failed'] as const;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of the presented bearer token with METRICS_TOKEN. */
export function metricsTokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * Prometheus metrics 运行指标: request counts and latency by route pattern and status, the database pool, statement
 * time-outs, the outbox, maintenance job runs, rate-limit refusals and load shedding, and the process (memory,
 * event-loop delay, GC). `GET /metrics` exists only when METRICS_TOKEN is set, and answers only to
 * `Authorization: Bearer <METRICS_TOKEN>`; it is left out of the OpenAPI document (an operator's endpoint, not the
 * API: see README.md).
 */
async function metricsPlugin(app: FastifyInstance) {
  const token = app.config.METRICS_TOKEN;
  const metrics = createMetrics(
    {
      pool: () => poolCounts(app.databasePool.pool),
      outbox: async () => {
        const rows = await app.db
          .select({ status: outbox.status, rows: count() })
          .from(outbox)
          .where(inArray(outbox.status, [...WATCHED_OUTBOX_STATUSES]))
          .groupBy(outbox.status);
        const counts: Record<string, number> = Object.fromEntries(WATCHED_OUTBOX_STATUSES.map((status) => [status, 0]));
        for (const row of rows) counts[row.status] = Number(row.rows);
        return counts;
      },
    },
    { processMetrics: token !== undefined },
  );
  app.decorate('metrics', metrics);

  app.addHook('onError', async (_request, _reply, error) => {
    if (isStatementTimeout(causeChain(error))) metrics.statementTimeouts.inc();
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = routeLabel(request.routeOptions.url);
    const method = request.method;
    metrics.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method, route }, reply.elapsedTime / 1000);
  });

  if (token === undefined) return;
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    if (!metricsTokenMatches(request.headers.authorization, token)) throw new AppError('UNAUTHORIZED');
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['config', 'database'] });
