import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedCitizen } from '../../server/src/modules/requests/test-support';
import { openFixtureApp } from './support/fixture-app';
import { type Answer, call, isEnvelope, transportCode } from './support/http';
import {
  createDatabase,
  databaseServerUrl,
  type ServerProcess,
  startServer,
  type ThrowAwayDatabase,
} from './support/servers';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

/**
 * Database outage under steady load. The server process reaches MariaDB only through a TCP proxy of the test's;
 * cutting the proxy destroys every pooled connection and refuses new ones for a few seconds. Meanwhile citizens
 * keep reading their profile and filing requests (draft + submit, each with an Idempotency-Key).
 *
 * Expected: every answer comes within a bound (no hang), failures are 503 SERVICE_UNAVAILABLE in the envelope,
 * /readyz is red during the outage and green after, the pool reconnects on its own, and once the failed writes are
 * retried with their keys every request is in the database exactly once (no write lost, none duplicated).
 */

const WORKERS = 4;
const BEFORE_MS = 1500;
const OUTAGE_MS = 4000;
const AFTER_MS = 3000;
/** Longest acceptable answer to any request, in or out of the outage. */
const ANSWER_BOUND_MS = 10_000;

type Phase = 'before' | 'during' | 'after';

interface Observation {
  phase: Phase;
  label: string;
  answer?: Answer;
  transportError?: string;
}

interface Operation {
  worker: number;
  index: number;
  createKey: string;
  submitKey: string;
  requestId?: number;
  /** Request ids answered with 2xx, by step: a retry must name the same request. */
  createdIds: number[];
  submittedIds: number[];
  submitted: boolean;
}

let database: ThrowAwayDatabase;
let proxy: TcpProxy;
let server: ServerProcess;
let citizens: { id: number; token: string }[] = [];

beforeAll(async () => {
  database = await createDatabase('outage');
  proxy = await startTcpProxy(Number(new URL(databaseServerUrl).port || 3306), new URL(databaseServerUrl).hostname);
  server = await startServer({ databaseUrl: database.urlVia('127.0.0.1', proxy.port) });
  const fixtures = await openFixtureApp(database.url);
  try {
    citizens = [];
    for (let worker = 0; worker < WORKERS; worker++) citizens.push(await verifiedCitizen(fixtures));
  } finally {
    await fixtures.close();
  }
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await database?.drop();
});

describe('database outage under load', () => {
  it('fails fast with 503 during the outage, recovers by itself, and loses or duplicates no write', async () => {
    const observations: Observation[] = [];
    const readiness: Observation[] = [];
    const operations: Operation[] = [];
    let phase: Phase = 'before';
    let running = true;

    async function observe(label: string, into: Observation[], send: () => Promise<Answer>) {
      const at = phase;
      try {
        const answer = await send();
        into.push({ phase: at, label, answer });
        return answer;
      } catch (error) {
        into.push({ phase: at, label, transportError: transportCode(error) });
        return undefined;
      }
    }

    const created = (answer: Answer | undefined) =>
      answer && (answer.status === 200 || answer.status === 201) ? (answer.json as { id: number }).id : undefined;

    async function createStep(operation: Operation, token: string) {
      const answer = await observe('POST /requests', observations, () =>
        call(server.baseUrl, 'POST', '/api/v1/requests', {
          token,
          headers: { 'idempotency-key': operation.createKey },
          body: {
            serviceCode: 'policy-question',
            formData: {
              topic: '优待抚恤',
              question: `断库测试 ${operation.worker}-${operation.index}：优待证如何使用？`,
            },
          },
          timeoutMs: ANSWER_BOUND_MS,
        }),
      );
      const id = created(answer);
      if (id !== undefined) {
        operation.createdIds.push(id);
        operation.requestId = id;
      }
    }

    async function submitStep(operation: Operation, token: string) {
      if (operation.requestId === undefined) return;
      const answer = await observe('POST /requests/:id/submit', observations, () =>
        call(server.baseUrl, 'POST', `/api/v1/requests/${operation.requestId}/submit`, {
          token,
          headers: { 'idempotency-key': operation.submitKey },
          timeoutMs: ANSWER_BOUND_MS,
        }),
      );
      const id = created(answer);
      if (id !== undefined) {
        operation.submittedIds.push(id);
        operation.submitted = true;
      }
    }

    async function worker(index: number) {
      const citizen = citizens[index] as { id: number; token: string };
      for (let n = 0; running; n++) {
        await observe('GET /me', observations, () =>
          call(server.baseUrl, 'GET', '/api/v1/me', { token: citizen.token, timeoutMs: ANSWER_BOUND_MS }),
        );
        const operation: Operation = {
          worker: index,
          index: n,
          createKey: `outage-create-${index}-${n}`,
          submitKey: `outage-submit-${index}-${n}`,
          createdIds: [],
          submittedIds: [],
          submitted: false,
        };
        operations.push(operation);
        await createStep(operation, citizen.token);
        await submitStep(operation, citizen.token);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }

    async function probeReadiness() {
      while (running) {
        await observe('GET /readyz', readiness, () =>
          call(server.baseUrl, 'GET', '/readyz', { timeoutMs: ANSWER_BOUND_MS }),
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    const load = [...Array.from({ length: WORKERS }, (_, index) => worker(index)), probeReadiness()];
    await new Promise((resolve) => setTimeout(resolve, BEFORE_MS));
    const acceptedBeforeOutage = proxy.accepted;
    phase = 'during';
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await proxy.restore();
    phase = 'after';
    await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
    running = false;
    await Promise.all(load);

    const describe = (o: Observation) =>
      `${o.phase} ${o.label}: ${o.transportError ?? `${o.answer?.status} ${o.answer?.text.slice(0, 200)}`}`;

    // 1. Every request was answered (no connection dropped, nothing hanging past the bound).
    const unanswered = [...observations, ...readiness].filter((o) => o.transportError);
    expect(unanswered.map(describe)).toEqual([]);
    const slow = [...observations, ...readiness].filter((o) => (o.answer?.ms ?? 0) > ANSWER_BOUND_MS);
    expect(slow.map(describe)).toEqual([]);

    // 2. Whatever failed, failed as 503 SERVICE_UNAVAILABLE in the envelope; nothing else went wrong.
    const failures = observations.filter((o) => o.answer && o.answer.status >= 300);
    const notUnavailable = failures.filter(
      (o) =>
        o.answer?.status !== 503 || !isEnvelope(o.answer.json) || o.answer.json.error.code !== 'SERVICE_UNAVAILABLE',
    );
    expect(notUnavailable.map(describe), server.errors().slice(0, 5).join('\n')).toEqual([]);

    // 3. The outage was felt, and the service worked before and after it.
    const during = observations.filter((o) => o.phase === 'during');
    expect(during.filter((o) => o.answer?.status === 503).length).toBeGreaterThan(0);
    const ok = (p: Phase) => observations.filter((o) => o.phase === p && (o.answer?.status ?? 0) < 300).length;
    expect(ok('before')).toBeGreaterThan(0);
    expect(ok('after')).toBeGreaterThan(0);
    // Every 503 of the outage came quickly: the pool does not queue requests for a database that is gone.
    const maxOutageMs = Math.max(...during.map((o) => o.answer?.ms ?? 0));
    expect(maxOutageMs).toBeLessThan(ANSWER_BOUND_MS);

    // 4. Readiness: green before, red during, green again after (without restarting the process).
    const readyStatuses = (p: Phase) => readiness.filter((o) => o.phase === p).map((o) => o.answer?.status);
    expect(readyStatuses('before')).toContain(200);
    expect(readyStatuses('during')).toContain(503);
    for (const o of readiness.filter((r) => r.answer?.status === 503)) {
      expect(isEnvelope(o.answer?.json), describe(o)).toBe(true);
    }
    expect(readyStatuses('after').at(-1)).toBe(200);

    // 5. The pool reconnected by itself through the restored proxy, and the process is still the same one.
    expect(proxy.accepted).toBeGreaterThan(acceptedBeforeOutage);
    expect(server.child.exitCode).toBeNull();
    const me = await call(server.baseUrl, 'GET', '/api/v1/me', { token: citizens[0]?.token });
    expect(me.status).toBe(200);

    // 6. Retry what failed, with the same keys, until each operation is submitted.
    for (const operation of operations) {
      const token = (citizens[operation.worker] as { token: string }).token;
      for (let attempt = 0; attempt < 3 && !operation.submitted; attempt++) {
        if (operation.requestId === undefined) await createStep(operation, token);
        await submitStep(operation, token);
      }
      expect(operation.submitted, `${operation.createKey} could not be completed after the outage`).toBe(true);
    }
    // A retried key names the request its first success named (a replay, not a second request).
    for (const operation of operations) {
      expect(new Set([...operation.createdIds, ...operation.submittedIds]).size, operation.createKey).toBe(1);
    }

    // 7. In the database: one request per operation, each submitted once, with one submit event and one message.
    const connection = await mysql.createConnection({ uri: database.url });
    try {
      const applicantIds = citizens.map((citizen) => citizen.id);
      const [requests] = await connection.query<RowDataPacket[]>(
        `SELECT id, status, number FROM service_requests WHERE applicant_user_id IN (?) ORDER BY id`,
        [applicantIds],
      );
      const expectedIds = operations.map((operation) => operation.requestId).sort((a, b) => Number(a) - Number(b));
      expect(requests.map((row) => Number(row.id))).toEqual(expectedIds);
      expect(new Set(requests.map((row) => row.status))).toEqual(new Set(['submitted']));
      expect(new Set(requests.map((row) => row.number)).size).toBe(requests.length);

      const [keys] = await connection.query<RowDataPacket[]>(
        'SELECT idempotency_key AS `key`, request_id AS requestId FROM idempotency_keys WHERE user_id IN (?)',
        [applicantIds],
      );
      const byKey = new Map(keys.map((row) => [String(row.key), Number(row.requestId)]));
      for (const operation of operations) {
        expect(byKey.get(operation.createKey), operation.createKey).toBe(operation.requestId);
        expect(byKey.get(operation.submitKey), operation.submitKey).toBe(operation.requestId);
      }

      const [events] = await connection.query<RowDataPacket[]>(
        `SELECT request_id AS requestId, COUNT(*) AS n FROM request_events
          WHERE action = 'submit' AND request_id IN (?) GROUP BY request_id`,
        [expectedIds],
      );
      expect(events.length).toBe(expectedIds.length);
      expect(events.filter((row) => Number(row.n) !== 1)).toEqual([]);

      const [messages] = await connection.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key IN (?)`,
        [expectedIds.map((id) => `request-status:${id}:submitted`)],
      );
      expect(Number(messages[0]?.n)).toBe(expectedIds.length);
    } finally {
      await connection.end();
    }

    // The process logged the outage as unavailability, not as crashes.
    expect(server.child.exitCode).toBeNull();
  });
});
