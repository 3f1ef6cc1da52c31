import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryableConflict } from '../lib/database-errors';
import { toErrorResponse } from '../plugins/error-handler';
import { createTestDatabase, type TestDatabase } from '../testing/test-app';
import { connectDatabase, type DatabaseHandle } from './client';
import { ConflictRetriesExhausted, inTransaction, retryDelayMs, withConflictRetry } from './transaction';

const deadlock = () =>
  Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });

describe('conflict retries', () => {
  it('treats deadlocks / certification failures and lock wait timeouts as retryable, also wrapped', () => {
    expect(isRetryableConflict(deadlock())).toBe(true);
    expect(isRetryableConflict(new Error('Failed query', { cause: deadlock() }))).toBe(true);
    expect(isRetryableConflict({ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 })).toBe(true);
    expect(isRetryableConflict({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBe(false);
    expect(isRetryableConflict(new Error('plain'))).toBe(false);
  });

  it('backs off with full jitter, growing and capped', () => {
    expect(retryDelayMs(1, () => 1)).toBe(8);
    expect(retryDelayMs(3, () => 1)).toBe(32);
    expect(retryDelayMs(20, () => 1)).toBe(400);
    expect(retryDelayMs(5, () => 0)).toBe(0);
  });

  it('reruns the work after a conflict and answers 503 with its code once the attempts run out', async () => {
    let calls = 0;
    await expect(
      withConflictRetry(async () => {
        calls++;
        if (calls < 3) throw deadlock();
        return 'done';
      }),
    ).resolves.toBe('done');
    expect(calls).toBe(3);

    calls = 0;
    const exhausted = await withConflictRetry(async () => {
      calls++;
      throw deadlock();
    }, 3).catch((error: unknown) => error);
    expect(calls).toBe(3);
    expect(exhausted).toBeInstanceOf(ConflictRetriesExhausted);
    expect(toErrorResponse(exhausted)).toMatchObject({
      statusCode: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE' } },
    });
    // A conflict reaching the error handler without the helper is load as well, not a 500.
    expect(toErrorResponse(deadlock()).statusCode).toBe(503);
  });

  it('does not rerun work that failed for another reason', async () => {
    let calls = 0;
    const failure = await withConflictRetry(async () => {
      calls++;
      throw Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY' });
    }).catch((error: unknown) => error);
    expect(calls).toBe(1);
    expect((failure as { code?: string }).code).toBe('ER_DUP_ENTRY');
  });
});

describe('inTransaction on MariaDB', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = connectDatabase(database.url, 4);
    await handle.db.execute(sql`CREATE TABLE tx_probe (id int PRIMARY KEY, value int NOT NULL)`);
    await handle.db.execute(sql`INSERT INTO tx_probe VALUES (1, 0), (2, 0)`);
  });
  afterAll(async () => {
    await handle.pool.end();
    await database.drop();
  });

  it('survives a real deadlock: the victim is rerun and both transactions commit', async () => {
    let attempts = 0;
    const bothLockedFirst = { count: 0 };
    const waitForBoth = async () => {
      bothLockedFirst.count++;
      for (let i = 0; i < 100 && bothLockedFirst.count < 2; i++) await new Promise((r) => setTimeout(r, 10));
    };
    const crossing = (first: number, second: number) =>
      inTransaction(handle.db, async (tx) => {
        attempts++;
        await tx.execute(sql`UPDATE tx_probe SET value = value + 1 WHERE id = ${first}`);
        await waitForBoth();
        await tx.execute(sql`UPDATE tx_probe SET value = value + 1 WHERE id = ${second}`);
      });
    await Promise.all([crossing(1, 2), crossing(2, 1)]);
    expect(attempts).toBeGreaterThanOrEqual(3);
    const [rows] = (await handle.db.execute(sql`SELECT SUM(value) AS total FROM tx_probe`)) as unknown as [
      { total: string }[],
    ];
    expect(Number(rows[0]?.total)).toBe(4);
  });
});
