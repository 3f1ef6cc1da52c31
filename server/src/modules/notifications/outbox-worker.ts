import { randomBytes } from 'node:crypto';
import { isSubscribeTemplate, toWechatData } from '@veterans/shared';
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { MySqlUpdateSetSource } from 'drizzle-orm/mysql-core';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { processOwner, releaseLease, tryTakeLease } from '../../db/leases';
import { outbox, users } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import type { ScheduledJob } from '../../scheduler/scheduler';
import { recordOutboxRound } from '../metrics/registry';
import { createSubscribeSender, type SendOutcome, type SubscribeMessage, type SubscribeSender } from './sender';
import { clearGrants, consumeGrant, refundGrant } from './subscriptions';
import { type TemplateSettings, templateSettings } from './templates';
import { wechatTokenSource } from './wechat-tokens';

/**
 * The outbox worker: sends the WeChat subscribe messages that `notify()` wrote, exactly once per row.
 *
 * 1. Claim (one short READ COMMITTED transaction): due rows — `pending` with `next_attempt_at` passed, or
 *    `sending` whose lock expired (a crashed worker's) — are selected `FOR UPDATE SKIP LOCKED` under the
 *    `outbox-claim` lease (db/leases.ts), so two workers, on any nodes of a Galera cluster, never get the same row. Rows that cannot be sent are settled here (skipped: template not configured, no
 *    openid, no subscription grant; failed: bad payload). On a row's first claim one grant is consumed in the
 *    same transaction. The rest become `sending` with `locked_until` and `attempts + 1`. Commit.
 * 2. Send each claimed row, but only while its lock is surely still ours (a row not started in time is handed
 *    back); a send never outlasts the lock, so no other worker can re-claim a row still being sent.
 * 3. Record the outcome with `WHERE status = 'sending' AND attempts = <ours>` (the claim's fencing token):
 *    sent, retry with backoff, failed (after MAX_ATTEMPTS or an error retrying cannot fix) or skipped.
 */

/** Delay before attempt n + 1 after attempt n failed; after MAX_ATTEMPTS the row is failed. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

/** The wait after the `attempt`-th failed attempt (1-based). */
export function backoffMs(attempt: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1] as number;
}
export const DEFAULT_LOCK_MS = 5 * 60_000;
export const DEFAULT_BATCH_SIZE = 20;
export const DEFAULT_CONCURRENCY = 4;
const LOCK_SAFETY_MS = 2000;
const CLAIM_LEASE = 'outbox-claim';
/** Far longer than a claim takes; only matters when a worker dies while claiming. */
const CLAIM_LEASE_TTL_MS = 30_000;
const CLAIM_WAIT_MS = 2000;

export const SKIP_REASONS = {
  notConfigured: '未配置该订阅消息的微信模板ID',
  notCitizen: '工作人员不接收微信订阅消息',
  noOpenid: '用户未绑定微信（仅H5登录或已注销）',
  notSubscribed: '用户未订阅',
} as const;

export interface OutboxDependencies {
  db: Database;
  log: FastifyBaseLogger;
  sender: SubscribeSender;
  templates: TemplateSettings;
  miniprogramState: SubscribeMessage['miniprogram_state'];
}

export interface OutboxRunOptions {
  batchSize?: number;
  /** How long a claim holds its rows; must leave room for at least one send. */
  lockMs?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** Replace parts of what the app provides (tests: a sender with a short timeout). */
  sender?: SubscribeSender;
  templates?: TemplateSettings;
}

export interface OutboxRunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Rows handed back unsent because their lock was running out. */
  released: number;
}

type Settlement = { status: 'failed' | 'skipped'; error: string };

interface ClaimedRow {
  id: number;
  userId: number;
  template: string;
  /** `attempts` after the claim: the fencing token of this claim. */
  attempts: number;
  message: SubscribeMessage;
}

const emptyResult = (): OutboxRunResult => ({ claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, released: 0 });

const pageOf = (payload: Record<string, unknown>) =>
  typeof payload.page === 'string' && payload.page !== '' ? payload.page.replace(/^\/+/, '') : undefined;

const dataOf = (payload: Record<string, unknown>) =>
  typeof payload.data === 'object' && payload.data !== null ? (payload.data as Record<string, unknown>) : {};

/**
 * Claims a batch, one worker at a time across the cluster: the claim runs under the `outbox-claim` lease. Only
 * the short claim is serialised; sends run in parallel on every worker. `SKIP LOCKED` keeps workers on one node
 * apart, but its row locks are local to a node: on Galera, workers on two nodes selected the same rows, and one
 * of the two claims lost certification with its whole batch. A worker that finds the lease held waits for it
 * (a claim takes milliseconds); one that cannot have it within CLAIM_WAIT_MS claims nothing this round.
 */
async function claim(
  deps: OutboxDependencies,
  batchSize: number,
  lockMs: number,
  result: OutboxRunResult,
): Promise<ClaimedRow[]> {
  const owner = `${processOwner}:${randomBytes(4).toString('hex')}`;
  const giveUpAt = performance.now() + CLAIM_WAIT_MS;
  while (!(await tryTakeLease(deps.db, CLAIM_LEASE, owner, CLAIM_LEASE_TTL_MS))) {
    if (performance.now() > giveUpAt) return [];
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
  try {
    return await claimBatch(deps, batchSize, lockMs, result);
  } finally {
    await releaseLease(deps.db, CLAIM_LEASE, owner);
  }
}

async function claimBatch(
  deps: OutboxDependencies,
  batchSize: number,
  lockMs: number,
  result: OutboxRunResult,
): Promise<ClaimedRow[]> {
  const { db, templates } = deps;
  return inTransaction(
    db,
    async (tx) => {
      const columns = {
        id: outbox.id,
        recipientType: outbox.recipientType,
        recipientId: outbox.recipientId,
        template: outbox.template,
        payload: outbox.payload,
        attempts: outbox.attempts,
      };
      // Two statements in the order of outbox_due_idx (status, next_attempt_at, id): no filesort, so only the rows
      // returned get locked (a sort would lock every match). Crashed workers' rows first.
      const stale = await tx
        .select(columns)
        .from(outbox)
        .where(and(eq(outbox.status, 'sending'), lt(outbox.lockedUntil, sql`NOW(3)`)))
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      const due =
        stale.length < batchSize
          ? await tx
              .select(columns)
              .from(outbox)
              .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, sql`NOW(3)`)))
              .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
              .limit(batchSize - stale.length)
              .for('update', { skipLocked: true })
          : [];
      const rows = [...stale, ...due];
      if (rows.length === 0) return [];

      const citizenIds = [...new Set(rows.filter((r) => r.recipientType === 'citizen').map((r) => r.recipientId))];
      const openids = new Map<number, string>();
      if (citizenIds.length > 0) {
        const found = await tx
          .select({ id: users.id, openid: users.openid })
          .from(users)
          .where(and(inArray(users.id, citizenIds), isNull(users.deletedAt), isNotNull(users.openid)));
        for (const user of found) if (user.openid) openids.set(user.id, user.openid);
      }

      const settled = new Map<number, Settlement>();
      const ready: (ClaimedRow & { firstClaim: boolean })[] = [];
      for (const row of rows) {
        const template = row.template;
        const setting = isSubscribeTemplate(template) ? templates[template] : undefined;
        const openid = openids.get(row.recipientId);
        if (row.attempts >= MAX_ATTEMPTS) {
          // Claimed MAX_ATTEMPTS times and never answered: a worker died on it each time. Stop the loop.
          settled.set(row.id, { status: 'failed', error: `发送过程中断${row.attempts}次，放弃` });
        } else if (!isSubscribeTemplate(template)) {
          settled.set(row.id, { status: 'failed', error: `未知的订阅消息模板 ${template}` });
        } else if (row.recipientType !== 'citizen') {
          settled.set(row.id, { status: 'skipped', error: SKIP_REASONS.notCitizen });
        } else if (!setting) {
          settled.set(row.id, { status: 'skipped', error: `${SKIP_REASONS.notConfigured}（${template}）` });
        } else if (!openid) {
          settled.set(row.id, { status: 'skipped', error: SKIP_REASONS.noOpenid });
        } else {
          const data = toWechatData(template, dataOf(row.payload), setting.keywords);
          if (!data.ok) {
            settled.set(row.id, { status: 'failed', error: `模板参数不完整：${data.problems.join('；')}` });
          } else {
            ready.push({
              id: row.id,
              userId: row.recipientId,
              template,
              attempts: row.attempts + 1,
              firstClaim: row.attempts === 0,
              message: {
                touser: openid,
                template_id: setting.id,
                page: pageOf(row.payload),
                data: data.data,
                miniprogram_state: deps.miniprogramState,
                lang: 'zh_CN',
              },
            });
          }
        }
      }

      // One grant per message, taken on its first claim only (a retry or a re-claim already holds it).
      // Always in (user, template) order: two workers never wait on each other's grant rows in a cycle.
      const claimed: ClaimedRow[] = [];
      const byGrant = [...ready].sort((a, b) => a.userId - b.userId || a.template.localeCompare(b.template));
      for (const row of byGrant) {
        if (row.firstClaim && !(await consumeGrant(tx, row.userId, row.template))) {
          settled.set(row.id, { status: 'skipped', error: SKIP_REASONS.notSubscribed });
        } else {
          claimed.push(row);
        }
      }

      for (const status of ['failed', 'skipped'] as const) {
        const byError = new Map<string, number[]>();
        for (const [id, settlement] of settled) {
          if (settlement.status !== status) continue;
          byError.set(settlement.error, [...(byError.get(settlement.error) ?? []), id]);
        }
        for (const [error, ids] of byError) {
          await tx.update(outbox).set({ status, lastError: error, lockedUntil: null }).where(inArray(outbox.id, ids));
          result[status] += ids.length;
        }
      }

      if (claimed.length > 0) {
        await tx
          .update(outbox)
          .set({
            status: 'sending',
            attempts: sql`${outbox.attempts} + 1`,
            lockedUntil: sql`NOW(3) + INTERVAL ${lockMs * 1000} MICROSECOND`,
          })
          .where(
            inArray(
              outbox.id,
              claimed.map((row) => row.id),
            ),
          );
      }
      result.claimed = rows.length;
      return claimed.sort((a, b) => a.id - b.id);
    },
    { isolationLevel: 'read committed' },
  );
}

/** Writes what became of a send, only if the row is still this claim's (status sending, same attempts). */
async function record(deps: OutboxDependencies, row: ClaimedRow, outcome: SendOutcome): Promise<keyof OutboxRunResult> {
  const fence = and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.attempts, row.attempts));
  return inTransaction(deps.db, async (tx) => {
    let counted: keyof OutboxRunResult;
    let update: MySqlUpdateSetSource<typeof outbox>;
    if (outcome.status === 'sent') {
      counted = 'sent';
      update = { status: 'sent', sentAt: sql`NOW(3)`, lastError: null };
    } else if (outcome.status === 'retry' && row.attempts < MAX_ATTEMPTS) {
      counted = 'retried';
      const delay = outcome.delayMs ?? backoffMs(row.attempts);
      update = {
        status: 'pending',
        nextAttemptAt: sql`NOW(3) + INTERVAL ${delay * 1000} MICROSECOND`,
        lastError: `第${row.attempts}次发送失败：${outcome.error}`,
      };
    } else if (outcome.status === 'retry') {
      counted = 'failed';
      update = { status: 'failed', lastError: `已尝试${row.attempts}次，放弃：${outcome.error}` };
    } else {
      counted = outcome.status;
      update = { status: outcome.status, lastError: outcome.error };
    }
    const [written] = await tx
      .update(outbox)
      .set({ ...update, lockedUntil: null })
      .where(fence);
    if (written.affectedRows !== 1) {
      deps.log.warn({ outboxId: row.id, outcome: outcome.status }, 'outbox row was taken over before its result');
      return counted;
    }
    if (outcome.status === 'failed' && outcome.refundGrant) await refundGrant(tx, row.userId, row.template);
    if (outcome.status === 'skipped' && outcome.resetGrant) await clearGrants(tx, row.userId, row.template);
    return counted;
  });
}

/** Hands a row back unsent (its lock was running out before the send could start). */
async function release(deps: OutboxDependencies, row: ClaimedRow): Promise<void> {
  await deps.db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: sql`NOW(3)`, lockedUntil: null })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.attempts, row.attempts)));
}

/** One round: claim up to `batchSize` due rows, send them, record each outcome. */
export async function processOutbox(
  deps: OutboxDependencies,
  options: OutboxRunOptions = {},
): Promise<OutboxRunResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  if (lockMs <= deps.sender.maxDurationMs + LOCK_SAFETY_MS) {
    throw new Error(`outbox lockMs (${lockMs}) must exceed one send (${deps.sender.maxDurationMs} ms) and slack`);
  }
  const result = emptyResult();
  // Measured from before the claim: the database's lock ends no earlier than this local deadline plus a send.
  const claimStartedAt = performance.now();
  const claimed = await claim(deps, batchSize, lockMs, result);
  const lastStart = claimStartedAt + lockMs - deps.sender.maxDurationMs - LOCK_SAFETY_MS;

  let next = 0;
  async function lane() {
    while (next < claimed.length) {
      const row = claimed[next++] as ClaimedRow;
      if (performance.now() > lastStart) {
        await release(deps, row);
        result.released++;
        continue;
      }
      let outcome: SendOutcome;
      try {
        outcome = await deps.sender.send(row.message);
      } catch (error) {
        outcome = { status: 'retry', error: `unexpected: ${(error as Error).message}` };
      }
      result[await record(deps, row, outcome)]++;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
  if (result.claimed > 0) deps.log.debug({ outbox: result }, 'outbox round');
  return result;
}

type OutboxApp = Pick<FastifyInstance, 'config' | 'db' | 'redis' | 'log'> & Partial<Pick<FastifyInstance, 'metrics'>>;

/** What the app provides (the wechat module's shared access token, the configured templates), unless replaced. */
export function outboxDependencies(
  app: OutboxApp,
  replaced: Pick<OutboxRunOptions, 'sender' | 'templates'> = {},
): OutboxDependencies {
  return {
    db: app.db,
    log: app.log,
    sender:
      replaced.sender ??
      createSubscribeSender({ apiBase: app.config.WECHAT_API_BASE, tokens: wechatTokenSource(app), log: app.log }),
    templates: replaced.templates ?? templateSettings(app.config),
    miniprogramState: app.config.WECHAT_MINIPROGRAM_STATE,
  };
}

/** One round against the app's database and WeChat: for tests and for a separate worker process. */
export async function runOutboxOnce(app: OutboxApp, options: OutboxRunOptions = {}): Promise<OutboxRunResult> {
  return processOutbox(outboxDependencies(app, options), options);
}

export interface OutboxJobOptions extends OutboxRunOptions {
  intervalMs?: number;
}

/**
 * The outbox as a scheduler job on every instance (rows are claimed under a lease, so several senders never
 * send one row twice): a round every OUTBOX_INTERVAL_MS, and again at once while rounds come back full.
 */
export function outboxJob(app: OutboxApp, options: OutboxJobOptions = {}): ScheduledJob {
  const batchSize = options.batchSize ?? app.config.OUTBOX_BATCH_SIZE;
  const deps = outboxDependencies(app, options);
  return {
    name: 'notifications.outbox',
    intervalMs: options.intervalMs ?? app.config.OUTBOX_INTERVAL_MS,
    runsOn: 'every-instance',
    runAtStart: true,
    run: async () => {
      const result = await processOutbox(deps, { ...options, batchSize });
      if (app.metrics) recordOutboxRound(app.metrics, result);
      return { ...result, more: result.claimed >= batchSize };
    },
  };
}

/** Whether the API process runs the worker: OUTBOX_WORKER, or on by default except in tests. */
export function outboxWorkerEnabled(config: Pick<Config, 'OUTBOX_WORKER' | 'NODE_ENV'>): boolean {
  return config.OUTBOX_WORKER ?? config.NODE_ENV !== 'test';
}

/** Adds the outbox job to the scheduler when enabled (closing the app lets the round in flight finish first). */
export const outboxWorkerPlugin = fp(
  async (app: FastifyInstance) => {
    if (outboxWorkerEnabled(app.config)) app.scheduler.add(outboxJob(app));
  },
  { name: 'outbox-worker', dependencies: ['config', 'database', 'scheduler'] },
);
