import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { applyMigrations, withDeployLease } from '../src/db/migrate';
import {
  legalBookings,
  legalScheduleRules,
  legalSlots,
  outbox,
  serviceRequests,
  smsCodes,
  subscriptionGrants,
} from '../src/db/schema/index';
import { seedDemoData } from '../src/demo/seed';
import { resetLegalClock } from '../src/modules/legal/clock';
import { addRule, at, book, citizens, clearSchedule, slotAt } from '../src/modules/legal/test-support';
import { notify, wechatMessage } from '../src/modules/notifications/notify';
import { runOutboxOnce } from '../src/modules/notifications/outbox-worker';
import { type FakeSubscribeWechat, startFakeSubscribeWechat } from '../src/modules/notifications/test-support';
import { takeRequestNumber } from '../src/modules/requests/numbering';
import { call, verifiedCitizen } from '../src/modules/requests/test-support';
import { testConfig } from '../src/testing/test-app';

/** One server URL per API instance: the three Galera nodes unless told otherwise (see vitest.config.ts). */
const serverUrls = (
  process.env.GALERA_SERVER_URLS ??
  'mysql://root@127.0.0.1:3311/,mysql://root@127.0.0.1:3312/,mysql://root@127.0.0.1:3313/'
).split(',');
const topology = process.env.GALERA_TOPOLOGY ?? 'multi-primary';
const databaseName = `g_${randomBytes(5).toString('hex')}`;
const urls = serverUrls.map((server) => new URL(databaseName, server).toString());
const distinctServers = [...new Set(serverUrls)];

/** What the note reports per topology. */
const figures: Record<string, number | string> = { topology };
let fake: FakeSubscribeWechat;
let apps: FastifyInstance[] = [];

async function onEachServer<T>(work: (connection: mysql.Connection) => Promise<T>): Promise<T[]> {
  return Promise.all(
    distinctServers.map(async (server) => {
      const connection = await mysql.createConnection({ uri: server });
      try {
        return await work(connection);
      } finally {
        await connection.end();
      }
    }),
  );
}

/** Transactions that lost certification, summed over the nodes (0 on a server that is not Galera). */
async function certificationFailures(): Promise<number> {
  const counts = await onEachServer(async (connection) => {
    const [rows] = await connection.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'wsrep_local_cert_failures'");
    return Number(rows[0]?.Value ?? 0);
  });
  return counts.reduce((sum, count) => sum + count, 0);
}

async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const before = await certificationFailures();
  const result = await work();
  figures[`${name}: aborts`] = (await certificationFailures()) - before;
  return result;
}

const serverErrors = (responses: LightMyRequestResponse[]) => responses.filter((r) => r.statusCode >= 500);

function statusCounts(responses: readonly { statusCode: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.statusCode] = (counts[response.statusCode] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  const admin = await mysql.createConnection({ uri: serverUrls[0] as string });
  await admin.query(`CREATE DATABASE \`${databaseName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  fake = await startFakeSubscribeWechat();
});

afterAll(async () => {
  resetLegalClock();
  for (const app of apps) await app.close();
  await fake?.close();
  const admin = await mysql.createConnection({ uri: serverUrls[0] as string });
  await admin.query(`DROP DATABASE IF EXISTS \`${databaseName}\``);
  await admin.end();
  console.log(`Galera suite figures\n${JSON.stringify(figures, null, 2)}`);
});

describe(`${topology}: ${serverUrls.length} API instances on ${distinctServers.length} database server(s)`, () => {
  it('starts three instances at once on an empty database: each migration once, the demo data once', async () => {
    // What main.ts does at start-up, on every instance at the same moment.
    await Promise.all(
      urls.map((url) =>
        withDeployLease(url, async (db) => {
          await applyMigrations(db);
          await seedDemoData(db);
        }),
      ),
    );
    apps = await Promise.all(
      urls.map(async (url) => {
        const app = await buildApp(
          testConfig(url, {
            DATABASE_GALERA: distinctServers.length > 1 ? '1' : '0',
            WECHAT_API_BASE: fake.baseUrl,
            WECHAT_TEMPLATE_IDS: JSON.stringify({ 'request-status': 'tmpl-status' }),
            DATABASE_POOL_SIZE: '10',
          }),
        );
        await app.ready();
        return app;
      }),
    );
    const db = apps[1]?.db as FastifyInstance['db'];
    const [migrations] = (await db.execute(
      sql`SELECT COUNT(*) AS applied, COUNT(DISTINCT hash) AS distinctHashes FROM __drizzle_migrations`,
    )) as unknown as [{ applied: number; distinctHashes: number }[]];
    expect(Number(migrations[0]?.applied)).toBe(Number(migrations[0]?.distinctHashes));
    expect(await db.$count(legalScheduleRules)).toBe(1);
    const [slots] = (await db.execute(
      sql`SELECT COUNT(*) AS slots, COUNT(DISTINCT starts_at) AS distinctStarts FROM legal_slots`,
    )) as unknown as [{ slots: number; distinctStarts: number }[]];
    expect(Number(slots[0]?.slots)).toBe(Number(slots[0]?.distinctStarts));
    figures['start-up: demo rules'] = await db.$count(legalScheduleRules);
    figures['start-up: demo slots'] = Number(slots[0]?.slots);
  });

  it('gives a slot of capacity 5 to exactly 5 of 60 people booking through the three instances at once', async () => {
    const [first] = apps as [FastifyInstance];
    await clearSchedule(first);
    const now = at('2026-12-02 10:00:00');
    await addRule(first, now, { capacity: 5 });
    const slot = await slotAt(first, '2026-12-08', '09:00');
    const people = await citizens(first, 60);
    const responses = await measured('booking race', () =>
      Promise.all(people.map((person, index) => book(apps[index % apps.length] as FastifyInstance, person, slot.id))),
    );
    const [row] = await first.db.select().from(legalSlots).where(eq(legalSlots.id, slot.id));
    const booked = await first.db.$count(
      legalBookings,
      and(eq(legalBookings.slotId, slot.id), eq(legalBookings.status, 'booked')),
    );
    figures['booking race: bookings'] = booked;
    figures['booking race: 5xx'] = serverErrors(responses).length;
    expect(statusCounts(responses)).toEqual({ 201: 5, 409: 55 });
    expect(row?.booked).toBe(5);
    expect(booked).toBe(5);
  });

  it('gives each of 6 people booking 3 free slots at once, one per instance, exactly one booking', async () => {
    const [first] = apps as [FastifyInstance];
    await clearSchedule(first);
    const now = at('2026-12-02 10:00:00');
    await addRule(first, now, { capacity: 30 });
    const slots = await Promise.all(['09:00', '09:30', '10:00'].map((time) => slotAt(first, '2026-12-08', time)));
    const people = await citizens(first, 6);
    const responses = await measured('one per person', () =>
      Promise.all(
        people.flatMap((person) =>
          slots.map((slot, index) => book(apps[index % apps.length] as FastifyInstance, person, slot.id)),
        ),
      ),
    );
    const booked = await first.db.$count(legalBookings, eq(legalBookings.status, 'booked'));
    figures['one per person: bookings (6 expected)'] = booked;
    figures['one per person: 5xx'] = serverErrors(responses).length;
    expect(serverErrors(responses)).toHaveLength(0);
    expect(booked).toBe(6);
    expect(statusCounts(responses)[201]).toBe(6);
  });

  it('sends one SMS code when the same phone asks the three instances at once', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const responses = await measured('sms cooldown', () =>
      Promise.all(
        apps.flatMap((app) =>
          [0, 1].map(() => app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone } })),
        ),
      ),
    );
    const [first] = apps as [FastifyInstance];
    const codes = await first.db.$count(smsCodes, eq(smsCodes.phoneHash, first.cipher.hash(phone)));
    figures['sms cooldown: codes (1 expected)'] = codes;
    figures['sms cooldown: 5xx'] = serverErrors(responses).length;
    expect(codes).toBe(1);
    expect(statusCounts(responses)).toEqual({ 200: 1, 429: 5 });
  });

  it('gives 90 request numbers taken at once through the three instances 90 different values', async () => {
    const day = new Date('2031-06-01T02:00:00Z');
    const numbers = await measured('request numbers', () =>
      Promise.all(
        Array.from({ length: 90 }, (_, index) =>
          takeRequestNumber((apps[index % apps.length] as FastifyInstance).db, day),
        ),
      ),
    );
    figures['request numbers: distinct of 90'] = new Set(numbers).size;
    expect(new Set(numbers).size).toBe(90);
  });

  it('sends every outbox row exactly once with a worker on each instance', async () => {
    const [first] = apps as [FastifyInstance];
    const people = await citizens(first, 40);
    for (const person of people) {
      await first.db.insert(subscriptionGrants).values({ userId: person.id, template: 'request-status', remaining: 1 });
      await notify(first.db, {
        recipient: { type: 'citizen', id: person.id },
        kind: 'request-status',
        title: '办件状态变更',
        body: '办件已受理',
        link: '/subpackages/requests/detail/index?id=1',
        wechat: wechatMessage('request-status', `galera:${person.id}`, {
          requestNo: 'WD20261126-0001',
          service: '优待证申领',
          status: '已受理',
          time: '2026-11-26T01:30:00.000Z',
        }),
      });
    }
    await measured('outbox', async () => {
      for (let round = 0; round < 30; round++) {
        await Promise.all(apps.map((app) => runOutboxOnce(app, { batchSize: 5 })));
        const pending = await first.db.$count(outbox, sql`${outbox.status} IN ('pending', 'sending')`);
        if (pending === 0) break;
      }
    });
    const sentRows = await first.db.$count(outbox, eq(outbox.status, 'sent'));
    const perOpenid = new Map<string, number>();
    for (const call of fake.calls) {
      const touser = String(call.body.touser);
      perOpenid.set(touser, (perOpenid.get(touser) ?? 0) + 1);
    }
    figures['outbox: rows sent'] = sentRows;
    figures['outbox: sends'] = fake.calls.length;
    figures['outbox: most sends per row'] = Math.max(0, ...perOpenid.values());
    expect(sentRows).toBe(40);
    expect(fake.calls).toHaveLength(40);
    expect(Math.max(...perOpenid.values())).toBe(1);
  });
  it('makes one request of one Idempotency-Key sent to the three instances at once', async () => {
    const [first] = apps as [FastifyInstance];
    const person = await verifiedCitizen(first);
    const key = randomUUID();
    const body = {
      serviceCode: 'policy-question',
      formData: { topic: '优待抚恤', question: '优待证可以在哪些景区使用？' },
      submit: true,
    };
    const responses = await measured('idempotent submit', () =>
      Promise.all(
        Array.from({ length: 9 }, (_, index) =>
          call(apps[index % apps.length] as FastifyInstance, 'POST', '/requests', person.token, body, {
            'idempotency-key': key,
          }),
        ),
      ),
    );
    const created = await first.db.$count(serviceRequests, eq(serviceRequests.applicantUserId, person.id));
    const ids = new Set(responses.filter((r) => r.statusCode < 300).map((r) => r.json().id));
    figures['idempotent submit: requests (1 expected)'] = created;
    figures['idempotent submit: statuses'] = JSON.stringify(statusCounts(responses));
    expect(serverErrors(responses)).toHaveLength(0);
    expect(created).toBe(1);
    expect(ids.size).toBe(1);
  });

  // Last: it takes node 3 down and brings it back.
  const nodePidFile = `${process.env.GALERA_ROOT ?? '/tmp/veterans-galera'}/node3/daemon.pid`;
  it.runIf(distinctServers.length === 3 && existsSync(nodePidFile))(
    'keeps answering in the envelope while a node is killed mid-load, loses no write, and the node rejoins',
    async () => {
      const [first] = apps as [FastifyInstance];
      const people = await Promise.all(apps.map(() => verifiedCitizen(first)));
      const answers: { instance: number; status: number; id?: number; code?: string }[] = [];
      let loading = true;
      const load = (instance: number) => async () => {
        const app = apps[instance] as FastifyInstance;
        const person = people[instance] as { token: string };
        while (loading) {
          const response = await call(app, 'POST', '/requests', person.token, {
            serviceCode: 'policy-question',
            formData: { topic: '优待抚恤', question: `节点故障演练 ${answers.length}` },
          });
          const json = response.json();
          answers.push({ instance, status: response.statusCode, id: json.id, code: json.error?.code });
          if (response.statusCode >= 500) await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      const running = apps.map((_, instance) => load(instance)());
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // A crash, not a shutdown: the node gets no chance to leave the cluster cleanly.
      process.kill(Number(readFileSync(nodePidFile, 'utf8')), 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 8000));
      const script = new URL('../../tests/galera/start-cluster.sh', import.meta.url).pathname;
      execFileSync('bash', [script, 'start-node', '3'], { stdio: 'ignore', timeout: 180_000 });
      // Instance 3 answers again once its pool reconnects.
      const deadline = Date.now() + 60_000;
      const sinceRejoin = answers.length;
      while (!answers.slice(sinceRejoin).some((a) => a.instance === 2 && a.status === 201)) {
        if (Date.now() > deadline) throw new Error('instance 3 did not recover after its node rejoined');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      loading = false;
      await Promise.all(running);

      const created = answers.filter((a) => a.status === 201).map((a) => a.id as number);
      const refused = answers.filter((a) => a.status !== 201);
      figures['node kill: answers'] = answers.length;
      figures['node kill: statuses'] = JSON.stringify(statusCounts(answers.map((a) => ({ statusCode: a.status }))));
      figures['node kill: refusal codes'] = [...new Set(refused.map((a) => a.code))].join(',');
      figures['node kill: 503 per instance'] = [0, 1, 2]
        .map((instance) => refused.filter((a) => a.instance === instance).length)
        .join('/');
      // Every refusal is a clean 503 in the envelope; the two surviving instances kept writing.
      expect(refused.every((a) => a.status === 503 && a.code === 'SERVICE_UNAVAILABLE')).toBe(true);
      for (const instance of [0, 1]) {
        expect(created.length, `instance ${instance + 1}`).toBeGreaterThan(0);
      }
      // Nothing lost: every acknowledged write is on every node, the rejoined one included.
      const counts = await onEachServer(async (connection) => {
        const [rows] = await connection.query<mysql.RowDataPacket[]>(
          `SELECT COUNT(*) AS n FROM \`${databaseName}\`.service_requests WHERE id IN (?)`,
          [created],
        );
        return Number(rows[0]?.n);
      });
      figures['node kill: acknowledged writes'] = created.length;
      figures['node kill: found per node'] = counts.join('/');
      expect(counts).toEqual([created.length, created.length, created.length]);
      const sizes = await onEachServer(async (connection) => {
        const [rows] = await connection.query<mysql.RowDataPacket[]>("SHOW STATUS LIKE 'wsrep_cluster_size'");
        return Number(rows[0]?.Value);
      });
      expect(sizes).toEqual([3, 3, 3]);
    },
  );
});
