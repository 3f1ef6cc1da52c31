import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { outbox, subscriptionGrants, users } from '../../db/schema/index';
import { startScheduler } from '../../scheduler/scheduler';
import { createCitizen } from '../../testing/fixtures';
import { createTestApp, type TestApp, testConfig } from '../../testing/test-app';
import { notify, wechatMessage } from './notify';
import {
  BACKOFF_MS,
  MAX_ATTEMPTS,
  type OutboxRunOptions,
  type OutboxRunResult,
  outboxJob,
  runOutboxOnce,
  SKIP_REASONS,
} from './outbox-worker';
import { createSubscribeSender, type SubscribeSender } from './sender';
import { type FakeSubscribeWechat, startFakeSubscribeWechat } from './test-support';
import { wechatTokenSource } from './wechat-tokens';

let fake: FakeSubscribeWechat;
let ctx: TestApp;
let overrides: Record<string, string>;
let sequence = 0;

beforeAll(async () => {
  fake = await startFakeSubscribeWechat();
  overrides = {
    WECHAT_API_BASE: fake.baseUrl,
    // appeal-meeting deliberately has no template id.
    WECHAT_TEMPLATE_IDS: JSON.stringify({
      'request-status': 'tmpl-status',
      'staff-reply': 'tmpl-reply',
      'booking-confirmed': 'tmpl-confirmed',
    }),
    WECHAT_TEMPLATE_ID_BOOKING_REMINDER: 'tmpl-reminder',
  };
  ctx = await createTestApp(overrides);
});

afterAll(async () => {
  await ctx?.close();
  await fake?.close();
});

afterEach(() => {
  fake.defaultAnswer = { kind: 'ok' };
  fake.answerFor.clear();
});

interface Citizen {
  id: number;
  openid: string;
}

async function citizen(grants: Record<string, number> = {}): Promise<Citizen> {
  const { id } = await createCitizen(ctx.app);
  const [row] = await ctx.app.db.select({ openid: users.openid }).from(users).where(eq(users.id, id));
  for (const [template, remaining] of Object.entries(grants)) {
    await ctx.app.db.insert(subscriptionGrants).values({ userId: id, template, remaining });
  }
  return { id, openid: row?.openid as string };
}

async function remainingGrants(userId: number, template = 'request-status'): Promise<number> {
  const [row] = await ctx.app.db
    .select({ remaining: subscriptionGrants.remaining })
    .from(subscriptionGrants)
    .where(and(eq(subscriptionGrants.userId, userId), eq(subscriptionGrants.template, template)));
  return row?.remaining ?? 0;
}

/** A status-change message for the user; returns its outbox row id. */
async function enqueue(userId: number, app: FastifyInstance = ctx.app): Promise<number> {
  const n = ++sequence;
  const dedupeKey = `test:${userId}:${n}`;
  await notify(app.db, {
    recipient: { type: 'citizen', id: userId },
    kind: 'request-status',
    title: '办件状态变更',
    body: `办件 WD-${n} 已受理`,
    link: `/subpackages/requests/detail/index?id=${n}`,
    wechat: wechatMessage('request-status', dedupeKey, {
      requestNo: `WD20261126-${String(n).padStart(4, '0')}`,
      service: '退役士兵保险接续（养老保险、医疗保险关系转移接续）',
      status: '已受理',
      time: '2026-11-26T01:30:00.000Z',
    }),
  });
  const [row] = await app.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
  return row?.id as number;
}

async function row(id: number) {
  const [found] = await ctx.app.db.select().from(outbox).where(eq(outbox.id, id));
  if (!found) throw new Error(`outbox row ${id} is gone`);
  return found;
}

async function secondsUntilDue(id: number): Promise<number> {
  const [rows] = (await ctx.app.db.execute(
    sql`SELECT TIMESTAMPDIFF(SECOND, NOW(3), next_attempt_at) AS seconds FROM outbox WHERE id = ${id}`,
  )) as unknown as [{ seconds: number }[]];
  return Number(rows[0]?.seconds);
}

async function makeDue(id: number) {
  await ctx.app.db.update(outbox).set({ nextAttemptAt: sql`NOW(3) - INTERVAL 1 SECOND` }).where(eq(outbox.id, id));
}

const callsTo = (openid: string) => fake.calls.filter((call) => call.body.touser === openid);

/** A sender like production's, with a short timeout so a silent WeChat is noticed quickly. */
const quickSender = (app: FastifyInstance, timeoutMs = 300): SubscribeSender =>
  createSubscribeSender({ apiBase: fake.baseUrl, tokens: wechatTokenSource(app), timeoutMs });

function run(options: OutboxRunOptions = {}): Promise<OutboxRunResult> {
  return runOutboxOnce(ctx.app, { sender: quickSender(ctx.app), ...options });
}

describe('outbox worker: sending', () => {
  it('sends a subscribed user’s message once, shaped for WeChat, using one grant', async () => {
    const user = await citizen({ 'request-status': 2 });
    const id = await enqueue(user.id);
    const result = await run();
    expect(result).toMatchObject({ claimed: 1, sent: 1, retried: 0, failed: 0, skipped: 0 });

    const [call] = callsTo(user.openid);
    expect(call?.body).toEqual({
      touser: user.openid,
      template_id: 'tmpl-status',
      page: expect.stringMatching(/^subpackages\/requests\/detail\/index\?id=\d+$/),
      data: {
        character_string1: { value: expect.stringMatching(/^WD20261126-\d{4}$/) },
        thing2: { value: '退役士兵保险接续（养老保险、医疗保险关…' },
        phrase3: { value: '已受理' },
        time4: { value: '2026年11月26日 09:30' },
        thing5: { value: '无' },
      },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null, lockedUntil: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(await remainingGrants(user.id)).toBe(1);

    expect((await run()).claimed).toBe(0);
    expect(callsTo(user.openid)).toHaveLength(1);
  });

  it('skips a user without a grant, without calling WeChat', async () => {
    const user = await citizen();
    const id = await enqueue(user.id);
    expect(await run()).toMatchObject({ claimed: 1, skipped: 1, sent: 0 });
    expect(await row(id)).toMatchObject({ status: 'skipped', lastError: SKIP_REASONS.notSubscribed, attempts: 0 });
    expect(callsTo(user.openid)).toHaveLength(0);
  });

  it('skips an H5-only user (no openid) and keeps their grant', async () => {
    const user = await citizen({ 'request-status': 1 });
    await ctx.app.db.update(users).set({ openid: null }).where(eq(users.id, user.id));
    const id = await enqueue(user.id);
    expect(await run()).toMatchObject({ skipped: 1 });
    expect(await row(id)).toMatchObject({ status: 'skipped', lastError: SKIP_REASONS.noOpenid });
    expect(await remainingGrants(user.id)).toBe(1);
  });

  it('skips a template that has no WeChat id configured, saying so', async () => {
    const user = await citizen({ 'appeal-meeting': 1 });
    await notify(ctx.app.db, {
      recipient: { type: 'citizen', id: user.id },
      kind: 'appeal-meeting',
      title: '约访通知',
      body: '请按时到场',
      wechat: wechatMessage('appeal-meeting', `meeting:${user.id}`, {
        subject: '诉求约访',
        time: '2026-12-01T01:00:00Z',
        place: '区退役军人服务中心',
      }),
    });
    expect(await run()).toMatchObject({ skipped: 1 });
    const [skipped] = await ctx.app.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `meeting:${user.id}`));
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.lastError).toContain('未配置');
    expect(skipped?.lastError).toContain('appeal-meeting');
    expect(await remainingGrants(user.id, 'appeal-meeting')).toBe(1);
    expect(callsTo(user.openid)).toHaveLength(0);
  });

  it('fails a message whose data misses a required field, without calling WeChat', async () => {
    const user = await citizen({ 'staff-reply': 1 });
    await notify(ctx.app.db, {
      recipient: { type: 'citizen', id: user.id },
      kind: 'staff-reply',
      title: '工作人员回复',
      body: '…',
      wechat: { template: 'staff-reply', dedupeKey: `reply:${user.id}`, data: { requestNo: 'WD1' } },
    });
    expect(await run()).toMatchObject({ failed: 1 });
    const [failed] = await ctx.app.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `reply:${user.id}`));
    expect(failed?.status).toBe('failed');
    expect(failed?.lastError).toContain('content');
    expect(await remainingGrants(user.id, 'staff-reply')).toBe(1);
  });
});

describe('outbox worker: WeChat’s answers', () => {
  it('marks 43101 (user refused) skipped and forgets the grants WeChat no longer honours', async () => {
    const user = await citizen({ 'request-status': 3 });
    fake.answerFor.set(user.openid, { kind: 'errcode', errcode: 43101 });
    const id = await enqueue(user.id);
    expect(await run()).toMatchObject({ skipped: 1 });
    const skipped = await row(id);
    expect(skipped.status).toBe('skipped');
    expect(skipped.lastError).toContain('43101');
    expect(await remainingGrants(user.id)).toBe(0);
    expect(callsTo(user.openid)).toHaveLength(1);
  });

  it('fails at once on errors retrying cannot fix (40003, 47003), giving back the grant for 47003', async () => {
    const invalidOpenid = await citizen({ 'request-status': 1 });
    const badParameters = await citizen({ 'request-status': 1 });
    fake.answerFor.set(invalidOpenid.openid, { kind: 'errcode', errcode: 40003 });
    fake.answerFor.set(badParameters.openid, { kind: 'errcode', errcode: 47003 });
    const first = await enqueue(invalidOpenid.id);
    const second = await enqueue(badParameters.id);
    expect(await run()).toMatchObject({ failed: 2 });
    expect(await row(first)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await row(first)).lastError).toContain('40003');
    expect((await row(second)).lastError).toContain('47003');
    expect(await remainingGrants(invalidOpenid.id)).toBe(0);
    expect(await remainingGrants(badParameters.id)).toBe(1);
  });

  it('retries 5xx, system busy, timeouts and dropped connections with backoff, then fails after the last attempt', async () => {
    const user = await citizen({ 'request-status': 1 });
    fake.answerFor.set(user.openid, { kind: 'http', status: 502 });
    const id = await enqueue(user.id);
    const answers = [
      { kind: 'http', status: 502 },
      { kind: 'errcode', errcode: -1 },
      { kind: 'slow', ms: 1500, finally: { kind: 'errcode', errcode: -1 } },
      { kind: 'hang-up' },
      { kind: 'errcode', errcode: 45009 },
    ] as const;
    expect(answers).toHaveLength(MAX_ATTEMPTS);
    const expectedErrors = ['HTTP 502', 'errcode -1', 'timed out', 'could not be reached', 'errcode 45009'];

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      fake.answerFor.set(user.openid, answers[attempt - 1] as (typeof answers)[number]);
      const result = await run();
      expect(result.claimed).toBe(1);
      const after = await row(id);
      expect(after.attempts).toBe(attempt);
      expect(after.lastError).toContain(expectedErrors[attempt - 1]);
      if (attempt < MAX_ATTEMPTS) {
        expect(result.retried).toBe(1);
        expect(after.status).toBe('pending');
        expect(after.lockedUntil).toBeNull();
        const backoffSeconds = (BACKOFF_MS[attempt - 1] as number) / 1000;
        const due = await secondsUntilDue(id);
        expect(due).toBeGreaterThanOrEqual(backoffSeconds - 5);
        expect(due).toBeLessThanOrEqual(backoffSeconds);
        // Not due yet: nobody picks it up early.
        expect((await run()).claimed).toBe(0);
        await makeDue(id);
      } else {
        expect(result.failed).toBe(1);
        expect(after.status).toBe('failed');
        expect(after.lastError).toContain(`已尝试${MAX_ATTEMPTS}次`);
      }
    }
    expect(callsTo(user.openid)).toHaveLength(MAX_ATTEMPTS);
    // The grant was taken once, on the first attempt, not once per attempt.
    expect(await remainingGrants(user.id)).toBe(0);
    // Nothing lost: the row is still there, failed, and is never picked up again.
    await makeDue(id);
    expect((await run()).claimed).toBe(0);
  });

  it('sends on a later attempt after a transient error, exactly once', async () => {
    const user = await citizen({ 'request-status': 1 });
    const id = await enqueue(user.id);
    fake.answerFor.set(user.openid, { kind: 'errcode', errcode: -1 });
    expect(await run()).toMatchObject({ retried: 1 });
    fake.answerFor.delete(user.openid);
    await makeDue(id);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(callsTo(user.openid).filter((call) => call.answer === 'ok')).toHaveLength(1);
  });

  it('fetches a new access token when WeChat rejects the cached one, and sends at once', async () => {
    const user = await citizen({ 'request-status': 2 });
    await enqueue(user.id);
    expect(await run()).toMatchObject({ sent: 1 });
    const fetchesBefore = fake.tokenFetches;
    fake.revokeTokens();
    const id = await enqueue(user.id);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(fake.tokenFetches).toBe(fetchesBefore + 1);
    expect(callsTo(user.openid).map((call) => call.answer)).toEqual(['ok', 40001, 'ok']);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('outbox worker: claims', () => {
  it('picks up a crashed worker’s row once its lock has expired, and leaves live locks alone', async () => {
    const user = await citizen({ 'request-status': 1 });
    const crashed = await enqueue(user.id);
    const live = await enqueue(user.id);
    // As a worker leaves them: claimed (grant taken on that first claim), then gone without a result.
    await ctx.app.db.update(subscriptionGrants).set({ remaining: 0 }).where(eq(subscriptionGrants.userId, user.id));
    await ctx.app.db
      .update(outbox)
      .set({ status: 'sending', attempts: 1, lockedUntil: sql`NOW(3) - INTERVAL 1 SECOND` })
      .where(eq(outbox.id, crashed));
    await ctx.app.db
      .update(outbox)
      .set({ status: 'sending', attempts: 1, lockedUntil: sql`NOW(3) + INTERVAL 10 MINUTE` })
      .where(eq(outbox.id, live));

    expect(await run()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(crashed)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await row(live)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(callsTo(user.openid)).toHaveLength(1);
    // Settle the live row so later tests do not see it.
    await ctx.app.db.update(outbox).set({ status: 'failed', lockedUntil: null }).where(eq(outbox.id, live));
  });

  it('gives up on a row that workers died on MAX_ATTEMPTS times', async () => {
    const user = await citizen({ 'request-status': 1 });
    const id = await enqueue(user.id);
    await ctx.app.db
      .update(outbox)
      .set({ status: 'sending', attempts: MAX_ATTEMPTS, lockedUntil: sql`NOW(3) - INTERVAL 1 SECOND` })
      .where(eq(outbox.id, id));
    expect(await run()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(callsTo(user.openid)).toHaveLength(0);
  });

  it('relies on FOR UPDATE SKIP LOCKED, which this MariaDB honours without waiting', async () => {
    const user = await citizen();
    const ids = [await enqueue(user.id), await enqueue(user.id), await enqueue(user.id), await enqueue(user.id)];
    // The worker's claim statement, in the worker's isolation level.
    const claimQuery = `SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= NOW(3)
      ORDER BY next_attempt_at, id LIMIT 2 FOR UPDATE SKIP LOCKED`;
    const first = await mysql.createConnection({ uri: ctx.database.url });
    const second = await mysql.createConnection({ uri: ctx.database.url });
    try {
      for (const connection of [first, second]) {
        await connection.query("SET time_zone = '+00:00'");
        await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
      }
      await second.query('SET SESSION innodb_lock_wait_timeout = 1');
      await first.beginTransaction();
      await second.beginTransaction();
      const [lockedByFirst] = await first.query<RowDataPacket[]>(claimQuery);
      const started = Date.now();
      const [lockedBySecond] = await second.query<RowDataPacket[]>(claimQuery);
      expect(Date.now() - started).toBeLessThan(900);
      expect(lockedByFirst.map((r) => r.id)).toEqual(ids.slice(0, 2));
      expect(lockedBySecond.map((r) => r.id)).toEqual(ids.slice(2, 4));
    } finally {
      await first.rollback();
      await second.rollback();
      await first.end();
      await second.end();
      await ctx.app.db.update(outbox).set({ status: 'skipped' }).where(inArray(outbox.id, ids));
    }
  });

  it('hands back rows it can no longer send within its lock, and they go out on the next round', async () => {
    const user = await citizen({ 'request-status': 3 });
    const ids = [await enqueue(user.id), await enqueue(user.id), await enqueue(user.id)];
    const slow: SubscribeSender = {
      maxDurationMs: 1000,
      send: async () => {
        await new Promise((resolve) => setTimeout(resolve, 700));
        return { status: 'sent' };
      },
    };
    // Lock 3.5 s = one send (1 s) + 2 s slack + 0.5 s in which sends may start: only the first starts.
    const first = await run({ sender: slow, lockMs: 3500, concurrency: 1 });
    expect(first).toMatchObject({ claimed: 3, sent: 1, released: 2 });
    const released = await ctx.app.db
      .select()
      .from(outbox)
      .where(inArray(outbox.id, ids.slice(1)));
    expect(released.every((r) => r.status === 'pending' && r.attempts === 1)).toBe(true);

    const second = await run({ sender: slow, lockMs: 60_000, concurrency: 2 });
    expect(second).toMatchObject({ claimed: 2, sent: 2 });
    // Each message took its grant once, on its first claim.
    expect(await remainingGrants(user.id)).toBe(0);
  });

  it('does not overwrite a row that another claim took over meanwhile', async () => {
    const user = await citizen({ 'request-status': 1 });
    const id = await enqueue(user.id);
    const overtaken: SubscribeSender = {
      maxDurationMs: 1000,
      send: async () => {
        await ctx.app.db
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1` })
          .where(eq(outbox.id, id));
        return { status: 'sent' };
      },
    };
    await run({ sender: overtaken });
    expect(await row(id)).toMatchObject({ status: 'sending', attempts: 2 });
    await ctx.app.db.update(outbox).set({ status: 'failed', lockedUntil: null }).where(eq(outbox.id, id));
  });

  it('sends each of 200 messages exactly once with two API instances working the same outbox', async () => {
    const second = await buildApp(testConfig(ctx.database.url, overrides));
    await second.ready();
    try {
      const recipients: Citizen[] = [];
      for (let i = 0; i < 20; i++) recipients.push(await citizen({ 'request-status': 10 }));
      const ids: number[] = [];
      for (let i = 0; i < 200; i++) ids.push(await enqueue((recipients[i % 20] as Citizen).id));
      const callsBefore = fake.calls.length;
      fake.defaultAnswer = { kind: 'slow', ms: 3 };

      const work = async (app: FastifyInstance) => {
        const totals = { rounds: 0, sent: 0 };
        const sender = quickSender(app, 2000);
        for (let idle = 0; idle < 3; ) {
          const result = await runOutboxOnce(app, { sender, batchSize: 6, concurrency: 3 });
          totals.rounds++;
          totals.sent += result.sent;
          idle = result.claimed === 0 ? idle + 1 : 0;
        }
        return totals;
      };
      const [a, b] = await Promise.all([work(ctx.app), work(second)]);

      expect(a.sent + b.sent).toBe(200);
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
      const rows = await ctx.app.db.select().from(outbox).where(inArray(outbox.id, ids));
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      const newCalls = fake.calls.slice(callsBefore);
      expect(newCalls).toHaveLength(200);
      const openids = new Set(recipients.map((r) => r.openid));
      const keys = newCalls
        .filter((call) => openids.has(call.body.touser ?? ''))
        .map((call) => JSON.stringify(call.body));
      expect(new Set(keys).size).toBe(200);
      for (const recipient of recipients) expect(await remainingGrants(recipient.id)).toBe(0);
    } finally {
      await second.close();
    }
  });
});

describe('outbox worker in the API process', () => {
  it('runs on its timer and lets the send in flight finish when the app closes', async () => {
    const app = await buildApp(
      testConfig(ctx.database.url, { ...overrides, OUTBOX_WORKER: '1', OUTBOX_INTERVAL_MS: '100' }),
    );
    await app.ready();
    const user = await citizen({ 'request-status': 1 });
    fake.answerFor.set(user.openid, { kind: 'slow', ms: 600 });
    const id = await enqueue(user.id);
    const deadline = Date.now() + 10_000;
    while (callsTo(user.openid).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(callsTo(user.openid)).toHaveLength(1);
    expect((await row(id)).status).toBe('sending');
    await app.close();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('stays off in tests unless asked, and runs as a scheduler job until stopped', async () => {
    const user = await citizen({ 'request-status': 1 });
    const id = await enqueue(user.id);
    // ctx.app was built without OUTBOX_WORKER: nothing sends on its own.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await row(id)).status).toBe('pending');
    expect(ctx.app.scheduler.jobs()).toEqual([]);
    const worker = startScheduler(ctx.app.db, ctx.app.log, [
      outboxJob(ctx.app, { intervalMs: 50, sender: quickSender(ctx.app) }),
    ]);
    const deadline = Date.now() + 10_000;
    while ((await row(id)).status !== 'sent' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.stop();
    expect(await row(id)).toMatchObject({ status: 'sent' });
  });
});
