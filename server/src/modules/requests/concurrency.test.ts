import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, outbox, requestEvents, serviceRequests } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { takeRequestNumber, takeRequestNumberOnce } from './numbering';
import { call, fileRequest, type TestCitizen, verifiedCitizen } from './test-support';

let testApp: TestApp;
let citizen: TestCitizen;

beforeAll(async () => {
  // A pool like production's: concurrency must be survived, not avoided by a big pool.
  testApp = await createTestApp({ DATABASE_POOL_SIZE: '10' });
  await seedDemoData(testApp.app.db);
  citizen = await verifiedCitizen(testApp.app);
});

afterAll(async () => {
  await testApp?.close();
});

describe('idempotent submit', () => {
  it('answers 50 concurrent retries with one key with the same request: one number, one event', async () => {
    const app = testApp.app;
    const draft = await fileRequest(app, citizen, { submit: false });
    const key = 'retry-7f1c9a2e-5d4b-4f8e-9c61-0a3b2c1d4e5f';
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(app, 'POST', `/requests/${draft.id}/submit`, citizen.token, {}, { 'idempotency-key': key }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(50).fill(200));
    const bodies = responses.map((response) => response.json());
    expect(new Set(bodies.map((body) => body.id))).toEqual(new Set([draft.id]));
    expect(new Set(bodies.map((body) => body.number)).size).toBe(1);
    expect(bodies[0].number).toMatch(/^WD\d{8}-\d{4,}$/);
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(49);

    const submits = await app.db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, draft.id), eq(requestEvents.action, 'submit')));
    expect(submits).toHaveLength(1);
    const keys = await app.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, citizen.id));
    expect(keys.filter((row) => row.key === key)).toHaveLength(1);
    const messages = await app.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `request-status:${draft.id}:submitted`));
    expect(messages).toHaveLength(1);
  });

  it('answers a later retry with the same key from the stored result', async () => {
    const app = testApp.app;
    const draft = await fileRequest(app, citizen, { submit: false });
    const headers = { 'idempotency-key': 'later-retry-1' };
    const first = await call(app, 'POST', `/requests/${draft.id}/submit`, citizen.token, {}, headers);
    const again = await call(app, 'POST', `/requests/${draft.id}/submit`, citizen.token, {}, headers);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json().number).toBe(first.json().number);
    // Without the key, a second submit is simply not allowed any more.
    const unkeyed = await call(app, 'POST', `/requests/${draft.id}/submit`, citizen.token, {});
    expect(unkeyed.statusCode).toBe(409);
    expect(unkeyed.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses a key reused for another request', async () => {
    const app = testApp.app;
    const first = await fileRequest(app, citizen, { submit: false });
    const second = await fileRequest(app, citizen, { submit: false });
    const headers = { 'idempotency-key': 'one-key-one-request' };
    expect((await call(app, 'POST', `/requests/${first.id}/submit`, citizen.token, {}, headers)).statusCode).toBe(200);
    const reused = await call(app, 'POST', `/requests/${second.id}/submit`, citizen.token, {}, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [row] = await app.db.select().from(serviceRequests).where(eq(serviceRequests.id, second.id));
    expect(row?.status).toBe('draft');
  });

  it('does not remember a key whose submit failed, so the fixed retry works', async () => {
    const app = testApp.app;
    const created = await call(app, 'POST', '/requests', citizen.token, {
      serviceCode: 'policy-question',
      formData: { topic: '其他' },
    });
    const id = created.json().id;
    const headers = { 'idempotency-key': 'fix-and-retry' };
    const invalid = await call(app, 'POST', `/requests/${id}/submit`, citizen.token, {}, headers);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details).toContainEqual({ path: 'body.formData.question', message: '请填写您的问题' });
    await call(app, 'PATCH', `/requests/${id}`, citizen.token, { formData: { question: '怎么办理优待证？' } });
    const fixed = await call(app, 'POST', `/requests/${id}/submit`, citizen.token, {}, headers);
    expect(fixed.statusCode).toBe(200);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('makes create-and-submit idempotent too: 20 concurrent retries create one request', async () => {
    const app = testApp.app;
    const other = await verifiedCitizen(app);
    const body = { serviceCode: 'policy-question', formData: { topic: '其他', question: '问题' }, submit: true };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(app, 'POST', '/requests', other.token, body, { 'idempotency-key': 'create-once' }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(responses.map((response) => response.json().id)).size).toBe(1);
    const rows = await app.db.select().from(serviceRequests).where(eq(serviceRequests.applicantUserId, other.id));
    expect(rows).toHaveLength(1);
  });

  it('validates the key', async () => {
    const draft = await fileRequest(testApp.app, citizen, { submit: false });
    const response = await call(
      testApp.app,
      'POST',
      `/requests/${draft.id}/submit`,
      citizen.token,
      {},
      {
        'idempotency-key': 'x'.repeat(129),
      },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('idempotent create: the key is bound to its body', () => {
  const question = (text: string) => ({ serviceCode: 'policy-question', formData: { topic: '其他', question: text } });

  it('replays the same key with the same body, whatever the order of its fields', async () => {
    const app = testApp.app;
    const other = await verifiedCitizen(app);
    const headers = { 'idempotency-key': 'same-body-twice' };
    const first = await call(app, 'POST', '/requests', other.token, question('同一个问题'), headers);
    const reordered = { formData: { question: '同一个问题', topic: '其他' }, serviceCode: 'policy-question' };
    const again = await call(app, 'POST', '/requests', other.token, reordered, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
    const app = testApp.app;
    const other = await verifiedCitizen(app);
    const headers = { 'idempotency-key': 'one-key-one-body' };
    const first = await call(app, 'POST', '/requests', other.token, question('第一个问题'), headers);
    expect(first.statusCode).toBe(201);
    const reused = await call(app, 'POST', '/requests', other.token, question('另一个问题'), headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const submitted = await call(
      app,
      'POST',
      '/requests',
      other.token,
      { ...question('第一个问题'), submit: true },
      headers,
    );
    expect(submitted.statusCode).toBe(422);
    const rows = await app.db.select().from(serviceRequests).where(eq(serviceRequests.applicantUserId, other.id));
    expect(rows).toHaveLength(1);
    const keys = await app.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, other.id));
    expect(keys).toHaveLength(1);
  });

  it('refuses another body also when both race with the same key', async () => {
    const app = testApp.app;
    const other = await verifiedCitizen(app);
    const headers = { 'idempotency-key': 'racing-bodies' };
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        call(app, 'POST', '/requests', other.token, question(`问题${index % 2}`), headers),
      ),
    );
    const winner = responses.findIndex((response) => response.statusCode === 201) % 2;
    // The winner's body replays; the other body is refused.
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 200, 201, 422, 422, 422]);
    responses.forEach((response, index) => {
      expect(response.statusCode === 422).toBe(index % 2 !== winner);
    });
    const rows = await app.db.select().from(serviceRequests).where(eq(serviceRequests.applicantUserId, other.id));
    expect(rows).toHaveLength(1);
  });

  it('keeps replaying keys stored before bodies were hashed', async () => {
    const app = testApp.app;
    const other = await verifiedCitizen(app);
    const headers = { 'idempotency-key': 'stored-before-hashing' };
    const first = await call(app, 'POST', '/requests', other.token, question('旧的问题'), headers);
    await app.db.update(idempotencyKeys).set({ bodyHash: null }).where(eq(idempotencyKeys.userId, other.id));
    const again = await call(app, 'POST', '/requests', other.token, question('新的问题'), headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
  });
});

describe('request numbers', () => {
  it('gives 200 concurrent submits of different drafts 200 distinct numbers', async () => {
    const app = testApp.app;
    const drafts: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const created = await Promise.all(
        Array.from({ length: 20 }, () =>
          call(app, 'POST', '/requests', citizen.token, {
            serviceCode: 'appeal',
            formData: { category: '其他', description: '并发测试' },
          }),
        ),
      );
      drafts.push(...created.map((response) => response.json().id as number));
    }
    const responses = await Promise.all(
      drafts.map((id) => call(app, 'POST', `/requests/${id}/submit`, citizen.token, {})),
    );
    const failed = responses.filter((response) => response.statusCode !== 200);
    expect(failed.map((response) => response.body)).toEqual([]);
    const rows = await app.db
      .select({ number: serviceRequests.number })
      .from(serviceRequests)
      .where(inArray(serviceRequests.id, drafts));
    const numbers = rows.map((row) => row.number);
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.every((number) => /^WD\d{8}-\d{4,}$/.test(number ?? ''))).toBe(true);
  });

  it('takes each number in its own statement on the pool, unique within a day, spread over the shards', async () => {
    const db = testApp.app.db;
    // A day no other test submits on (Beijing 2031-03-04).
    const day = new Date('2031-03-04T02:00:00Z');
    const taken = await Promise.all(Array.from({ length: 30 }, () => takeRequestNumber(db, day)));
    expect(new Set(taken).size).toBe(30);
    expect(taken.every((number) => /^WD20310304-\d{4,}$/.test(number))).toBe(true);
    // Outside any transaction: another connection sees the counters moved at once, 30 in all.
    const [rows] = (await db.execute(
      sql`SELECT SUM(last_value) AS total, COUNT(*) AS shards FROM request_number_counters WHERE day = '20310304'`,
    )) as unknown as [{ total: number; shards: number }[]];
    expect(Number(rows[0]?.total)).toBe(30);
    expect(Number(rows[0]?.shards)).toBeGreaterThan(1);
  });

  it('interleaves the shards: shard s gives sequences s + 1, s + 17, s + 33 …', async () => {
    const db = testApp.app.db;
    const day = new Date('2031-03-05T02:00:00Z');
    expect(await takeRequestNumberOnce(db, day, 0)).toBe('WD20310305-0001');
    expect(await takeRequestNumberOnce(db, day, 3)).toBe('WD20310305-0004');
    expect(await takeRequestNumberOnce(db, day, 3)).toBe('WD20310305-0020');
    expect(await takeRequestNumberOnce(db, day, 15)).toBe('WD20310305-0016');
    expect(await takeRequestNumberOnce(db, day, 0)).toBe('WD20310305-0017');
  });

  it('answers a retried submit with the first number, and a refused submit gets none', async () => {
    const app = testApp.app;
    const created = await call(app, 'POST', '/requests', citizen.token, {
      serviceCode: 'appeal',
      formData: { category: '其他', description: '重试测试' },
    });
    const id = created.json().id as number;
    const first = await call(
      app,
      'POST',
      `/requests/${id}/submit`,
      citizen.token,
      {},
      { 'idempotency-key': `n-${id}` },
    );
    const retried = await call(
      app,
      'POST',
      `/requests/${id}/submit`,
      citizen.token,
      {},
      { 'idempotency-key': `n-${id}` },
    );
    expect(first.statusCode).toBe(200);
    expect(retried.json().number).toBe(first.json().number);
    const again = await call(app, 'POST', `/requests/${id}/submit`, citizen.token, {});
    expect(again.statusCode).toBe(409);
    const [row] = await app.db
      .select({ number: serviceRequests.number })
      .from(serviceRequests)
      .where(eq(serviceRequests.id, id));
    expect(row?.number).toBe(first.json().number);
  });
});
