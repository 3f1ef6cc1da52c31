import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/staff';
import {
  type FakeSubscribeWechat,
  startFakeSubscribeWechat,
} from '../../server/src/modules/notifications/test-support';
import { verifiedCitizen } from '../../server/src/modules/requests/test-support';
import { openFixtureApp } from './support/fixture-app';
import { type Answer, type CallOptions, call, isEnvelope } from './support/http';
import { throwAwayRedisDatabase } from './support/redis';
import { createDatabase, type ServerProcess, startServer, type ThrowAwayDatabase } from './support/servers';

/**
 * Two API processes on different ports, one database, one Redis — the province-scale deployment in miniature.
 * Requests alternate between them: the rate limit is one budget across both, a session made on one is refreshed on
 * the other (a retry within the grace period answered alike, a replayed refresh token caught on either), both outbox workers run and each WeChat message is
 * sent once, and a booking race across both never overbooks a slot.
 *
 * Both instances trust X-Forwarded-For (as behind the load balancer), so each part of the test can be its own
 * client for the rate limit; only the rate-limit case shares one address.
 */

const RATE_LIMIT = 30;
const REQUEST_STATUS_TEMPLATE_ID = 'tmpl-request-status';

let database: ThrowAwayDatabase;
let redis: Awaited<ReturnType<typeof throwAwayRedisDatabase>>;
let wechat: FakeSubscribeWechat;
let a: ServerProcess;
let b: ServerProcess;
let openapi: { paths: Record<string, Record<string, unknown>> };

let clientNumber = 0;
/** A client address of its own (TEST-NET-2, never contacted: only a header). */
const newClient = () => `198.51.100.${(clientNumber++ % 250) + 1}`;

function on(server: ServerProcess, method: string, path: string, options: CallOptions & { client?: string } = {}) {
  return call(server.baseUrl, method, path, {
    ...options,
    headers: { 'x-forwarded-for': options.client ?? newClient(), ...options.headers },
  });
}

beforeAll(async () => {
  database = await createDatabase('two');
  redis = await throwAwayRedisDatabase();
  wechat = await startFakeSubscribeWechat();
  const env = {
    REDIS_URL: redis.url,
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    TRUST_PROXY: '1',
    OUTBOX_WORKER: '1',
    OUTBOX_INTERVAL_MS: '150',
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_TEMPLATE_IDS: JSON.stringify({ 'request-status': REQUEST_STATUS_TEMPLATE_ID }),
  };
  // Started together: both migrate and seed the same empty database at once (they take turns on a named lock).
  [a, b] = await Promise.all([
    startServer({ databaseUrl: database.url, env }),
    startServer({ databaseUrl: database.url, env }),
  ]);
  openapi = (await on(a, 'GET', '/openapi.json')).json as typeof openapi;
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await wechat?.close();
  await redis?.flush();
  await database?.drop();
});

describe('two API instances on one database and one Redis', () => {
  it('share one rate-limit budget: the 31st request across both instances is refused with 429', async () => {
    const client = newClient();
    const answers: Answer[] = [];
    for (let n = 0; n < RATE_LIMIT; n++) {
      answers.push(await on(n % 2 === 0 ? a : b, 'GET', '/api/v1/services', { client }));
    }
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: RATE_LIMIT }, () => 200));
    // The budget the instances report counts down across both.
    expect(answers.map((answer) => Number(answer.headers['x-ratelimit-remaining']))).toEqual(
      Array.from({ length: RATE_LIMIT }, (_, n) => RATE_LIMIT - n - 1),
    );

    for (const server of [a, b]) {
      const refused = await on(server, 'GET', '/api/v1/services', { client });
      expect(refused.status).toBe(429);
      expect(isEnvelope(refused.json) && refused.json.error.code).toBe('RATE_LIMITED');
    }
    // Another client is not affected.
    expect((await on(b, 'GET', '/api/v1/services')).status).toBe(200);
  });

  it('accept a session on either instance: signed in on A, refreshed on B, a replayed token caught on A', async () => {
    const login = await on(a, 'POST', '/api/v1/auth/staff/login', {
      body: { username: 'xidajie', password: DEMO_STAFF_PASSWORD },
    });
    expect(login.status, login.text).toBe(200);
    const first = login.json as { accessToken: string; refreshToken: string };
    expect((await on(b, 'GET', '/api/v1/staff/requests', { token: first.accessToken })).status).toBe(200);

    const refreshed = await on(b, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(refreshed.status, refreshed.text).toBe(200);
    const second = refreshed.json as { accessToken: string; refreshToken: string };
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await on(a, 'GET', '/api/v1/staff/requests', { token: second.accessToken })).status).toBe(200);

    // Retried on the other instance within the grace period (a lost answer): the same new refresh token.
    const retried = await on(a, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(retried.status, retried.text).toBe(200);
    expect((retried.json as { refreshToken: string }).refreshToken).toBe(second.refreshToken);

    // The rotated token again after the grace period, on the other instance: refused, and the whole chain ends
    // (a stolen token was used).
    const connection = await mysql.createConnection({ uri: database.url });
    try {
      await connection.query(
        'UPDATE refresh_tokens SET rotated_at = NOW(3) - INTERVAL 1 MINUTE WHERE rotated_at IS NOT NULL',
      );
    } finally {
      await connection.end();
    }
    const replay = await on(a, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(isEnvelope(replay.json)).toBe(true);
    const afterReplay = await on(b, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: second.refreshToken } });
    expect(afterReplay.status).toBe(401);
  });

  it('send each outbox message once although both workers run', async () => {
    const fixtures = await openFixtureApp(database.url);
    const citizens = [];
    try {
      for (let n = 0; n < 4; n++) citizens.push(await verifiedCitizen(fixtures));
    } finally {
      await fixtures.close();
    }
    const PER_CITIZEN = 4;
    // One grant per message (one-time subscriptions), reported through both instances.
    for (const [index, citizen] of citizens.entries()) {
      for (let n = 0; n < PER_CITIZEN; n++) {
        const granted = await on((index + n) % 2 === 0 ? a : b, 'POST', '/api/v1/me/subscriptions', {
          token: citizen.token,
          body: { accepted: ['request-status'] },
        });
        expect(granted.status, granted.text).toBe(200);
      }
    }
    // Requests submitted through both instances, concurrently: each writes one outbox row (request-status).
    const submitted = await Promise.all(
      citizens.flatMap((citizen, index) =>
        Array.from({ length: PER_CITIZEN }, (_, n) =>
          on((index + n) % 2 === 0 ? b : a, 'POST', '/api/v1/requests', {
            token: citizen.token,
            body: {
              serviceCode: 'policy-question',
              formData: { topic: '优待抚恤', question: `双实例测试 ${index}-${n}` },
              submit: true,
            },
          }),
        ),
      ),
    );
    expect(submitted.map((answer) => answer.status)).toEqual(submitted.map(() => 201));
    const requestIds = submitted.map((answer) => (answer.json as { id: number }).id);
    const expected = requestIds.length;

    const connection = await mysql.createConnection({ uri: database.url });
    try {
      const keys = requestIds.map((id) => `request-status:${id}:submitted`);
      const deadline = Date.now() + 30_000;
      let rows: RowDataPacket[] = [];
      for (;;) {
        [rows] = await connection.query<RowDataPacket[]>(
          'SELECT status, attempts FROM outbox WHERE dedupe_key IN (?)',
          [keys],
        );
        if (rows.length === expected && rows.every((row) => row.status !== 'pending' && row.status !== 'sending')) {
          break;
        }
        if (Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(rows.map((row) => `${row.status}/${row.attempts}`)).toEqual(rows.map(() => 'sent/1'));
      expect(rows.length).toBe(expected);
    } finally {
      await connection.end();
    }
    // WeChat saw each message exactly once: no duplicate delivery, no second call for a delivered one.
    const sends = wechat.calls.filter((call) => call.body.template_id === REQUEST_STATUS_TEMPLATE_ID);
    expect(sends.length).toBe(expected);
    expect(wechat.deliveredTotal()).toBe(expected);
    expect([...wechat.delivered.values()].filter((count) => count !== 1)).toEqual([]);
    expect(wechat.delivered.size).toBe(expected);
  });

  it('never overbook a slot when bookings race across both instances', async (context) => {
    if (!openapi.paths['/api/v1/legal/bookings']?.post || !openapi.paths['/api/v1/legal/slots']?.get) {
      // PENDING: the legal-consultation module (POST /legal/bookings) has not landed yet.
      context.skip('pending: POST /api/v1/legal/bookings is not in the OpenAPI document yet');
      return;
    }
    const fixtures = await openFixtureApp(database.url);
    const citizens = [];
    try {
      for (let n = 0; n < 24; n++) citizens.push(await verifiedCitizen(fixtures));
    } finally {
      await fixtures.close();
    }
    const slotsAnswer = await on(a, 'GET', '/api/v1/legal/slots', { token: citizens[0]?.token });
    expect(slotsAnswer.status, slotsAnswer.text).toBe(200);
    const slots = (slotsAnswer.json as { slots: { id: number; bookable: boolean; remaining: number }[] }).slots;
    const slot = slots.find((candidate) => candidate.bookable && candidate.remaining > 0);
    expect(slot, 'no bookable slot in the next four weeks').toBeDefined();
    const CAPACITY = 3;
    const connection = await mysql.createConnection({ uri: database.url });
    try {
      await connection.query('UPDATE legal_slots SET capacity = ?, booked = 0 WHERE id = ?', [CAPACITY, slot?.id]);
      const answers = await Promise.all(
        citizens.map((citizen, index) =>
          on(index % 2 === 0 ? a : b, 'POST', '/api/v1/legal/bookings', {
            token: citizen.token,
            body: { slotId: slot?.id, topic: 'labour', description: `双实例抢号 ${index}` },
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      const summary = answers.map((answer) => `${answer.status} ${answer.text.slice(0, 100)}`).join('\n');
      expect(statuses.filter((status) => status >= 200 && status < 300).length, summary).toBe(CAPACITY);
      const refused = answers.filter((answer) => answer.status >= 300);
      expect(refused.map((answer) => answer.status).filter((status) => status >= 500)).toEqual([]);
      for (const answer of refused) {
        expect(isEnvelope(answer.json) && answer.json.error.code, answer.text).toBe('SLOT_FULL');
      }
      const [rows] = await connection.query<RowDataPacket[]>(
        `SELECT (SELECT COUNT(*) FROM legal_bookings WHERE slot_id = ? AND status = 'booked') AS bookings,
                (SELECT booked FROM legal_slots WHERE id = ?) AS booked`,
        [slot?.id, slot?.id],
      );
      expect(Number(rows[0]?.bookings)).toBe(CAPACITY);
      expect(Number(rows[0]?.booked)).toBe(CAPACITY);
    } finally {
      await connection.end();
    }
  });

  describe('the caller is read fresh at every request, on every instance', () => {
    let connection: mysql.Connection;
    beforeAll(async () => {
      connection = await mysql.createConnection({ uri: database.url });
    });
    afterAll(async () => connection?.end());

    /** A signed-in staff account made for one case (created by the district admin, password changed). */
    async function freshStaff(unitCode: string) {
      const admin = (
        await on(a, 'POST', '/api/v1/auth/staff/login', {
          body: { username: 'admin', password: DEMO_STAFF_PASSWORD },
        })
      ).json as { accessToken: string };
      const [units] = await connection.query<RowDataPacket[]>('SELECT id FROM org_units WHERE code = ?', [unitCode]);
      const username = `fresh${Date.now().toString(36)}${clientNumber++}`;
      const created = await on(a, 'POST', '/api/v1/admin/staff', {
        token: admin.accessToken,
        body: { username, displayName: '核验测试', role: 'staff', unitId: units[0]?.id, password: 'Temp-Passw0rd!' },
      });
      expect(created.status, created.text).toBe(201);
      const first = (
        await on(b, 'POST', '/api/v1/auth/staff/login', {
          body: { username, password: 'Temp-Passw0rd!' },
        })
      ).json as { accessToken: string };
      const changed = await on(b, 'POST', '/api/v1/auth/staff/password', {
        token: first.accessToken,
        body: { currentPassword: 'Temp-Passw0rd!', newPassword: 'Fresh-Passw0rd-2026' },
      });
      expect(changed.status, changed.text).toBe(200);
      const session = changed.json as { accessToken: string; refreshToken: string; user: { id: number } };
      return { adminToken: admin.accessToken, id: session.user.id, ...session };
    }

    const codeOf = (answer: Answer) => (isEnvelope(answer.json) ? answer.json.error.code : answer.status);

    it('a disabled account is refused at its next request on the other instance', async () => {
      const staff = await freshStaff('xidajie');
      expect((await on(b, 'GET', '/api/v1/staff/requests', { token: staff.accessToken })).status).toBe(200);
      const disabled = await on(a, 'PATCH', `/api/v1/admin/staff/${staff.id}`, {
        token: staff.adminToken,
        body: { active: false },
      });
      expect(disabled.status, disabled.text).toBe(200);
      // GET /staff/verifications used to trust the token alone.
      for (const server of [b, a]) {
        const refused = await on(server, 'GET', '/api/v1/staff/verifications', { token: staff.accessToken });
        expect(refused.status).toBe(403);
        expect(codeOf(refused)).toBe('ACCOUNT_DISABLED');
      }
    });

    it('a signed-out session is refused at its next request on the other instance', async () => {
      const staff = await freshStaff('xidajie');
      const logout = await on(a, 'POST', '/api/v1/auth/logout', { body: { refreshToken: staff.refreshToken } });
      expect(logout.status).toBe(204);
      const refused = await on(b, 'GET', '/api/v1/staff/requests', { token: staff.accessToken });
      expect(refused.status).toBe(401);
      expect(codeOf(refused)).toBe('INVALID_TOKEN');
    });

    it('a moved or demoted account works with its new unit and role at once, its token unchanged', async () => {
      const staff = await freshStaff('xidajie');
      const [units] = await connection.query<RowDataPacket[]>(
        "SELECT code, id FROM org_units WHERE code IN ('xidajie', 'dongdajie')",
      );
      const unitId = (code: string) => units.find((unit) => unit.code === code)?.id as number;
      const stats = (server: ServerProcess, code: string) =>
        on(server, 'GET', `/api/v1/staff/stats?unit=${unitId(code)}`, { token: staff.accessToken });
      expect((await stats(a, 'xidajie')).status).toBe(200);

      // Straight in the database, as another instance's admin would have done: the token is not revoked.
      await connection.query('UPDATE staff_accounts SET unit_id = ? WHERE id = ?', [unitId('dongdajie'), staff.id]);
      const old = await stats(b, 'xidajie');
      expect(old.status).toBe(403);
      expect(codeOf(old)).toBe('OUT_OF_SCOPE');
      expect((await stats(a, 'dongdajie')).status).toBe(200);

      await connection.query("UPDATE staff_accounts SET role = 'lawyer' WHERE id = ?", [staff.id]);
      const demoted = await on(b, 'GET', '/api/v1/staff/family-links', { token: staff.accessToken });
      expect(demoted.status).toBe(403);
      expect(codeOf(demoted)).toBe('FORBIDDEN');
    });
  });

  it('logged no server error on either instance', () => {
    expect([...a.errors(), ...b.errors()]).toEqual([]);
  });
});
