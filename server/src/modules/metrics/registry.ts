import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the pool counts, read from mysql2's pool (its queues are Denque lists with a length). */
export interface PoolCounts {
  total: number;
  idle: number;
  queued: number;
}

export interface MetricsSources {
  pool(): PoolCounts;
  /** Outbox rows by status (pending, sending, failed …), from the shared database: the same on every instance. */
  outbox(): Promise<Record<string, number>>;
}

/**
 * The instruments of one API instance, in their own registry (buildApp runs many times in one test process; the
 * global registry would mix them). Labels carry route patterns, statuses and job names only: never a URL, an id
 * or anything personal.
 */
export function createMetrics(sources: MetricsSources, { processMetrics = false } = {}) {
  const registry = new Registry();
  const prefix = 'veterans_';
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix });

  const metrics = {
    registry,
    httpRequests: new Counter({
      name: `${prefix}http_requests_total`,
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: 'Time to answer an HTTP request, by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    statementTimeouts: new Counter({
      name: `${prefix}db_statement_timeouts_total`,
      help: 'Requests that failed because a statement ran past DATABASE_STATEMENT_TIMEOUT_MS',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: `${prefix}rate_limit_refusals_total`,
      help: 'Requests refused with 429 because the client spent its RATE_LIMIT_PER_MINUTE budget',
      registers: [registry],
    }),
    loadShed: new Counter({
      name: `${prefix}load_shed_total`,
      help: 'Requests answered 503 at once: event loop over LOAD_SHED_EVENT_LOOP_DELAY_MS (pressure) or shutting down (closing)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: `${prefix}job_runs_total`,
      help: 'Scheduled maintenance jobs this instance ran, by job and outcome (ok, failed)',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    outboxResults: new Counter({
      name: `${prefix}outbox_results_total`,
      help: 'Outbox messages this instance settled, by outcome (sent, retried, failed, skipped, released)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };

  new Gauge({
    name: `${prefix}db_pool_connections`,
    help: 'Database pool connections: in use, idle, and requests queued for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const { total, idle, queued } = sources.pool();
      this.set({ state: 'in_use' }, total - idle);
      this.set({ state: 'idle' }, idle);
      this.set({ state: 'queued' }, queued);
    },
  });
  new Gauge({
    name: `${prefix}outbox_messages`,
    help: 'Outbox rows by status (pending and sending: the backlog; failed: given up)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, count] of Object.entries(await sources.outbox())) this.set({ status }, count);
    },
  });
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

const OUTBOX_OUTCOMES = ['sent', 'retried', 'failed', 'skipped', 'released'] as const;
type OutboxOutcome = (typeof OUTBOX_OUTCOMES)[number];

/** Route pattern for the label: the matched route's URL pattern, never the raw URL (it can hold ids). */
export function routeLabel(routePattern: string | undefined): string {
  return routePattern ?? 'unmatched';
}

/** MariaDB's ER_STATEMENT_TIMEOUT and MySQL's ER_QUERY_TIMEOUT (max_statement_time / max_execution_time). */
const STATEMENT_TIMEOUT_ERRNOS = new Set([1969, 3024]);

export function isStatementTimeout(chain: readonly object[]): boolean {
  return chain.some((error) => STATEMENT_TIMEOUT_ERRNOS.has((error as { errno?: unknown }).errno as number));
}

interface PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** mysql2 exposes no counters: its pool keeps them in these (stable since mysql2 1.x) lists. */
export function poolCounts(pool: object): PoolCounts {
  const internals = pool as PoolInternals;
  return {
    total: internals._allConnections?.length ?? 0,
    idle: internals._freeConnections?.length ?? 0,
    queued: internals._connectionQueue?.length ?? 0,
  };
}

/** Counts the outcomes of one outbox round (`claimed` is the sum of the others). */
export function recordOutboxRound(metrics: Metrics, result: Record<OutboxOutcome | 'claimed', number>): void {
  for (const outcome of OUTBOX_OUTCOMES) {
    if (result[outcome] > 0) metrics.outboxResults.inc({ outcome }, result[outcome]);
  }
}
