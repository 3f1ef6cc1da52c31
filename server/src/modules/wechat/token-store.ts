import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Database } from '../../db/client';
import { wechatAccessTokens } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';

/** WeChat's access token lives 2 hours; every instance shares one and replaces it when less than 5 minutes remain. */
export const ACCESS_TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface CachedToken {
  token: string;
  expiresAt: Date;
}

export function isFresh(cached: CachedToken | null | undefined, now: Date): cached is CachedToken {
  return !!cached && cached.token !== '' && cached.expiresAt.getTime() - now.getTime() > ACCESS_TOKEN_REFRESH_MARGIN_MS;
}

/**
 * Where the shared access token is kept. `refresh` runs `fetchToken` under a lock every instance respects,
 * unless another instance stored a fresh token while this one waited: at most one fetch per expiry.
 */
export interface AccessTokenStore {
  read(): Promise<CachedToken | null>;
  refresh(fetchToken: () => Promise<CachedToken>, now: () => Date): Promise<string>;
  /** Forgets `token` if it is still the stored one (WeChat said it is no longer valid). */
  invalidate(token: string): Promise<void>;
}

/** The `wechat_access_tokens` row of this app, locked with `SELECT … FOR UPDATE` while one instance refreshes. */
export function databaseTokenStore(db: Database, appId: string): AccessTokenStore {
  const byApp = eq(wechatAccessTokens.appId, appId);
  return {
    async read() {
      const [row] = await db
        .select({ token: wechatAccessTokens.token, expiresAt: wechatAccessTokens.expiresAt })
        .from(wechatAccessTokens)
        .where(byApp);
      return row ?? null;
    },
    async refresh(fetchToken, now) {
      // The row must exist before it can be locked; locking a missing key would only take a gap lock.
      await db
        .insert(wechatAccessTokens)
        .ignore()
        .values({ appId, token: '', expiresAt: new Date(0) });
      return inTransaction(db, async (tx) => {
        const [row] = await tx
          .select({ token: wechatAccessTokens.token, expiresAt: wechatAccessTokens.expiresAt })
          .from(wechatAccessTokens)
          .where(byApp)
          .for('update');
        if (isFresh(row, now())) return row.token;
        const fresh = await fetchToken();
        await tx
          .update(wechatAccessTokens)
          .set({ token: fresh.token, expiresAt: fresh.expiresAt, updatedAt: now() })
          .where(byApp);
        return fresh.token;
      });
    },
    async invalidate(token) {
      await db
        .update(wechatAccessTokens)
        .set({ expiresAt: new Date(0) })
        .where(and(byApp, eq(wechatAccessTokens.token, token)));
    },
  };
}

const COMPARE_AND_DELETE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
const LOCK_TTL_MS = 15_000;
const LOCK_POLL_MS = 100;

/** In Redis: the token under one key (expiring with it), refreshed under a `SET NX PX` lock. */
export function redisTokenStore(redis: Redis, appId: string, waitForLockMs = 10_000): AccessTokenStore {
  const key = `veterans:wechat-access-token:${appId}`;
  const lockKey = `${key}:lock`;
  const encode = (cached: CachedToken) => `${cached.expiresAt.getTime()}:${cached.token}`;
  const decode = (value: string | null): CachedToken | null => {
    const separator = value?.indexOf(':') ?? -1;
    if (!value || separator < 1) return null;
    return { expiresAt: new Date(Number(value.slice(0, separator))), token: value.slice(separator + 1) };
  };
  const store = async (cached: CachedToken, now: Date) => {
    const ttl = cached.expiresAt.getTime() - now.getTime();
    if (ttl > 0) await redis.set(key, encode(cached), 'PX', ttl);
  };
  const read = async () => decode(await redis.get(key));

  return {
    read,
    async refresh(fetchToken, now) {
      const lockValue = randomUUID();
      const deadline = Date.now() + waitForLockMs;
      while (Date.now() < deadline) {
        if ((await redis.set(lockKey, lockValue, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') {
          try {
            const current = await read();
            if (isFresh(current, now())) return current.token;
            const fresh = await fetchToken();
            await store(fresh, now());
            return fresh.token;
          } finally {
            await redis.eval(COMPARE_AND_DELETE, 1, lockKey, lockValue);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
        const current = await read();
        if (isFresh(current, now())) return current.token;
      }
      // The lock holder is stuck or gone: fetch without the lock rather than fail the caller.
      const fresh = await fetchToken();
      await store(fresh, now());
      return fresh.token;
    },
    async invalidate(token) {
      const value = await redis.get(key);
      if (decode(value)?.token === token) await redis.eval(COMPARE_AND_DELETE, 1, key, value as string);
    },
  };
}
