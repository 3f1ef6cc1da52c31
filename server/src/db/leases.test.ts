import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-app';
import { connectDatabase, type DatabaseHandle } from './client';
import { LEASES_TABLE_DDL, releaseLease, renewLease, tryTakeLease, withLease } from './leases';

describe('leases', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = connectDatabase(database.url, 6);
    await handle.db.execute(LEASES_TABLE_DDL);
  });
  afterAll(async () => {
    await handle.pool.end();
    await database.drop();
  });

  it('gives a free lease to exactly one of many takers, extends it for its owner and frees it on release', async () => {
    const owners = ['a', 'b', 'c', 'd', 'e'];
    const won = await Promise.all(owners.map((owner) => tryTakeLease(handle.db, 'probe', owner, 10_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = owners[won.indexOf(true)] as string;
    const other = owners.find((owner) => owner !== holder) as string;
    expect(await tryTakeLease(handle.db, 'probe', holder, 10_000)).toBe(true);
    expect(await renewLease(handle.db, 'probe', other, 10_000)).toBe(false);
    await releaseLease(handle.db, 'probe', other);
    expect(await tryTakeLease(handle.db, 'probe', other, 10_000)).toBe(false);
    await releaseLease(handle.db, 'probe', holder);
    expect(await tryTakeLease(handle.db, 'probe', other, 10_000)).toBe(true);
  });

  it('lets another owner take a lease its holder let expire', async () => {
    expect(await tryTakeLease(handle.db, 'expiring', 'crashed', 50)).toBe(true);
    expect(await tryTakeLease(handle.db, 'expiring', 'next', 10_000)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await tryTakeLease(handle.db, 'expiring', 'next', 10_000)).toBe(true);
    expect(await renewLease(handle.db, 'expiring', 'crashed', 10_000)).toBe(false);
  });

  it('runs the work of concurrent holders one at a time, renewing a lease that outlives its ttl', async () => {
    let inside = 0;
    let most = 0;
    const work = (owner: string) =>
      withLease(handle.db, 'serial', { ttlMs: 150, waitMs: 10_000, pollMs: 20, owner }, async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 300));
        inside--;
      });
    await Promise.all([work('x'), work('y'), work('z')]);
    expect(most).toBe(1);
    const [rows] = (await handle.db.execute(
      sql`SELECT COUNT(*) AS n FROM coordination_leases WHERE name = 'serial'`,
    )) as unknown as [{ n: number }[]];
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
