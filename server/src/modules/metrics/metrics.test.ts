import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { outbox } from '../../db/schema/index';
import { causeChain } from '../../plugins/error-handler';
import { jobObserver } from '../../scheduler/plugin';
import { runDueJobs } from '../../scheduler/scheduler';
import { createTestDatabase, type TestDatabase, testConfig } from '../../testing/test-app';
import { isStatementTimeout, recordOutboxRound } from './registry';

const TOKEN = 'metrics-token-for-this-test-only-0123456789';
const RATE_LIMIT = 5;

let database: TestDatabase;
let app: FastifyInstance;

/** The value of one sample line, e.g. `veterans_http_requests_total{method="GET",route="/healthz",status="200"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const scrape = (authorization?: string) =>
  app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url, { METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) }));
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('GET /metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    const plain = await buildApp(testConfig(database.url));
    try {
      const response = await plain.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    } finally {
      await plain.close();
    }
  });

  it('refuses a scrape without the token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, TOKEN]) {
      const response = await scrape(authorization);
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHORIZED');
      expect(response.body).not.toContain('veterans_');
    }
  });

  it('counts requests by route pattern and status, rate-limit refusals, jobs, the outbox and the pool', async () => {
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: '/healthz' });
    const hidden = await app.inject({ method: 'GET', url: '/api/v1/requests/918273645' });
    expect(hidden.statusCode).toBe(401);
    const client = { remoteAddress: '10.20.30.40' };
    const answers = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      answers.push((await app.inject({ method: 'GET', url: '/api/v1/services', ...client })).statusCode);
    }
    expect(answers.at(-1)).toBe(429);
    await app.db.insert(outbox).values([
      {
        channel: 'wechat-subscribe',
        dedupeKey: 'metrics-1',
        recipientType: 'citizen',
        recipientId: 1,
        template: 't',
        payload: {},
      },
      {
        channel: 'wechat-subscribe',
        dedupeKey: 'metrics-2',
        recipientType: 'citizen',
        recipientId: 1,
        template: 't',
        payload: {},
        status: 'failed',
      },
    ]);
    const now = new Date();
    await runDueJobs(
      app.db,
      app.log,
      [
        { name: 'metrics.ok', intervalMs: 60_000, run: async () => ({}) },
        { name: 'metrics.broken', intervalMs: 60_000, run: async () => Promise.reject(new Error('boom')) },
      ],
      now,
      jobObserver(app),
    );
    recordOutboxRound(app.metrics, { claimed: 3, sent: 2, retried: 0, failed: 1, skipped: 0, released: 0 });

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(sample(text, 'veterans_http_requests_total{method="GET",route="/healthz",status="200"}')).toBe(3);
    expect(sample(text, 'veterans_http_requests_total{method="GET",route="/api/v1/requests/:id",status="401"}')).toBe(
      1,
    );
    expect(text).not.toContain('918273645');
    expect(sample(text, 'veterans_http_requests_total{method="GET",route="/api/v1/services",status="429"}')).toBe(1);
    expect(sample(text, 'veterans_rate_limit_refusals_total')).toBe(1);
    expect(sample(text, 'veterans_http_request_duration_seconds_count{method="GET",route="/healthz"}')).toBe(3);
    expect(sample(text, 'veterans_job_runs_total{job="metrics.ok",outcome="ok"}')).toBe(1);
    expect(sample(text, 'veterans_job_runs_total{job="metrics.broken",outcome="failed"}')).toBe(1);
    expect(sample(text, 'veterans_outbox_messages{status="pending"}')).toBe(1);
    expect(sample(text, 'veterans_outbox_messages{status="failed"}')).toBe(1);
    expect(sample(text, 'veterans_outbox_messages{status="sending"}')).toBe(0);
    expect(sample(text, 'veterans_outbox_results_total{outcome="sent"}')).toBe(2);
    expect(sample(text, 'veterans_outbox_results_total{outcome="failed"}')).toBe(1);
    expect(sample(text, 'veterans_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'veterans_db_pool_connections{state="queued"}')).toBe(0);
    expect(sample(text, 'veterans_load_shed_total')).toBeUndefined();
    expect(sample(text, 'veterans_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('veterans_nodejs_eventloop_lag_seconds');
  });

  it('recognises a statement stopped by the statement time limit', async () => {
    const failure = await app.db.execute(sql`SET STATEMENT max_statement_time = 0.05 FOR SELECT SLEEP(2)`).then(
      () => null,
      (error: Error) => error,
    );
    expect(failure).not.toBeNull();
    expect(isStatementTimeout(causeChain(failure as Error))).toBe(true);
    expect(isStatementTimeout(causeChain(new Error('other')))).toBe(false);
  });
});
