import { afterAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../lib/database-errors';
import { TEST_SERVER_URL } from '../testing/test-app';
import { createPool } from './client';

describe('createPool', () => {
  const limited = createPool(TEST_SERVER_URL, 1, 300);
  const unlimited = createPool(TEST_SERVER_URL, 1);
  afterAll(async () => {
    await Promise.all([limited.end(), unlimited.end()]);
  });

  it('works in UTC', async () => {
    const [rows] = await limited.query('SELECT @@session.time_zone AS zone');
    expect(rows).toEqual([{ zone: '+00:00' }]);
  });

  it('stops a statement that runs past the time limit, as "database unavailable", and keeps the connection usable', async () => {
    const started = Date.now();
    // A cross join of ~130 million rows: seconds of work for the server.
    const slow =
      'SELECT COUNT(*) FROM information_schema.COLLATIONS a, information_schema.COLLATIONS b, information_schema.COLLATIONS c';
    const error = await limited.query(slow).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(isDatabaseUnavailable(error)).toBe(true);
    const [rows] = await limited.query('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('sets no limit when none is asked for', async () => {
    const [rows] = await unlimited.query('SELECT @@session.max_statement_time AS limit_seconds');
    expect(Number((rows as { limit_seconds: string }[])[0]?.limit_seconds)).toBe(0);
  });
});
